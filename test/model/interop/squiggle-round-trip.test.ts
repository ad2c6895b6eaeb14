// A shipped model exported to Squiggle reads back through Credence's own Squiggle import: the
// file written from it loads, every quantity of the flattened model comes back under its
// exported name reading the same quantities (through the draws the export adds), the output is
// the same quantity, and its prior mean is the same within Monte Carlo error.

import { describe, expect, it, afterAll } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadProject, type Project } from '../../../src/model/project.ts';
import { buildGraph, type Graph } from '../../../src/model/graph.ts';
import { exportSquiggle } from '../../../src/model/interop/squiggle-export.ts';
import { importSquiggle } from '../../../src/model/interop/squiggle-import.ts';
import { modelFileText } from '../../../src/model/interop/model-file.ts';
import { squiggleName } from '../../../src/model/interop/squiggle-names.ts';
import { prepare } from '../../../src/engine/run.ts';
import { summarize } from '../../../src/stats/summary.ts';

const SHIPPED = resolve('models');
const N = 20_000;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const ok = <T>(r: { ok: true; value: T } | { ok: false; errors: { message: string }[] }): T => {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
};

const shipped = loadProject(SHIPPED);
const ids = readdirSync(SHIPPED)
  .filter((f) => f.endsWith('.yaml') && f !== 'predictions.yaml')
  .map((f) => f.replace(/\.yaml$/, ''));

/** Each quantity's reads among `names`, following the others (the export's own draws) through. */
function readsAmong(graph: Graph, names: Set<string>): Map<string, string[]> {
  const deps = new Map(graph.entities.map((e) => [e.name, e.deps]));
  const among = (name: string, seen = new Set<string>()): string[] =>
    (deps.get(name) ?? []).flatMap((d) => {
      if (names.has(d)) return [d];
      if (seen.has(d)) return [];
      seen.add(d);
      return among(d, seen);
    });
  return new Map([...names].map((n) => [n, [...new Set(among(n))].sort()]));
}

/** Mean and sd of the output's prior (evidence weights left out, as the export leaves them). */
function prior(project: Project, id: string, seed: number): { mean: number; sd: number } {
  const prepared = ok(prepare(project, id, {}));
  const s = summarize(prepared.run({ samples: N, seed }).columns[prepared.graph.output]!);
  return { mean: s.mean, sd: s.sd };
}

describe('a shipped model exported to Squiggle and imported back', () => {
  it.each(ids)('%s: the same quantities, each reading the same ones, and the same prior mean', (id) => {
    const exported = ok(exportSquiggle(shipped, id));
    const imported = ok(importSquiggle(exported.code, `${id}.squiggle`, id));
    const dir = mkdtempSync(join(tmpdir(), 'credence-round-trip-'));
    dirs.push(dir);
    writeFileSync(join(dir, `${id}.yaml`), modelFileText(imported, 'Squiggle'));
    const back = loadProject(dir);
    expect(back.errors).toEqual([]);

    const original = ok(buildGraph(shipped, id));
    const again = ok(buildGraph(back, id));
    const rename = new Map(original.entities.map((e) => [e.name, squiggleName(e.name)]));
    const names = new Set(rename.values());
    expect(again.output).toBe(rename.get(original.output));
    const theirs = readsAmong(again, names);
    for (const e of original.entities) {
      const want = [...new Set(e.deps.map((d) => rename.get(d)!))].sort();
      expect(theirs.get(rename.get(e.name)!), e.name).toEqual(want);
    }

    // Two independent runs of N samples: the difference of means has standard error
    // sqrt(sd_a²/N + sd_b²/N); five of them is a 1-in-1.7-million chance for the same mean.
    const a = prior(shipped, id, 11);
    const b = prior(back, id, 12);
    const se = Math.sqrt((a.sd ** 2 + b.sd ** 2) / N);
    expect(Math.abs(a.mean - b.mean), `${id}: ${a.mean} vs ${b.mean}`).toBeLessThanOrEqual(
      5 * se + 1e-12 * Math.max(1, Math.abs(a.mean)),
    );
  });
});
