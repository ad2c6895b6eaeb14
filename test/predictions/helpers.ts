// Shared set-up for the predictions tests: temporary folders, small model projects, a
// catalog, and running a fixture script in a child node process.

import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject, type Project } from '../../src/model/project.ts';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

const made: string[] = [];

export function tempDir(prefix = 'credence-pred-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

export function cleanup(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** `linked` is the model predictions point at; `top` imports it as `a`; `mid` imports it as
 *  `l`; `both` imports `mid` as `m` and `linked` as `a`, so it holds two copies of `linked`. */
export const MODELS: Record<string, string> = {
  'linked.yaml': `title: Linked
inputs:
  p_slack: beta(2, 2)
  k: uniform(0.5, 1)
nodes:
  slack_wins: p_slack * k
output: slack_wins
`,
  'top.yaml': `title: Top
imports:
  a: linked
inputs:
  base: uniform(0.2, 0.3)
nodes:
  p: base * a.slack_wins
output: p
`,
  'mid.yaml': `title: Mid
imports:
  l: linked
nodes:
  q: 1 - l.slack_wins
output: q
`,
  'both.yaml': `title: Both
imports:
  m: mid
  a: linked
nodes:
  r: m.q * a.k
output: r
`,
};

export const CATALOG = `predictions:
  - id: "1"
    statement: Slack wins
    credence: 0.75
    stated: 2025-03-01
    criteria: A precise criterion.
    model: linked
    p_yes: slack_wins
  - id: 3a
    statement: Something about k
    credence: 0.8
    stated: 2025-03-01
    criteria: Another precise criterion.
    model: linked
    p_yes: "-(k - 1) ^ 2 + p_slack * pi / 4"
    note: an optional note
  - id: "5"
    statement: About the top model
    credence: 0.9
    stated: 2025-03-02
    criteria: Criterion five.
    model: top
    p_yes: "base < 0.25 ? a.k : 1 - a.k"
`;

export function writeProject(
  files: Record<string, string> = MODELS,
  catalog: string | null = CATALOG,
): { dir: string; project: Project } {
  const dir = join(tempDir(), 'models');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  if (catalog !== null) writeFileSync(join(dir, 'predictions.yaml'), catalog);
  return { dir, project: loadProject(dir) };
}

/** A stand-in catalog for the store: the store only asks which ids exist. */
export function knownIds(...ids: string[]): { byId: Map<string, unknown> } {
  return { byId: new Map(ids.map((id) => [id, {}])) };
}
