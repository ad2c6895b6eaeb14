// The editor's computation (what its Web Worker runs): the same numbers as `credence run` for
// the same text, samples and seed; the file's errors located as `credence check` locates them;
// imports asked for by id until every one is known.

import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEdited, fileOf } from '../../../src/web/editor/project.ts';
import { prepareEdited, headlineOf, tornadoOf, scenarioErrors } from '../../../src/web/editor/evaluate.ts';
import { cli, SHIPPED_MODELS } from '../helpers.ts';

const shipped = new Map<string, string | null>(
  readdirSync(SHIPPED_MODELS)
    .filter((f) => f.endsWith('.yaml') && f !== 'predictions.yaml')
    .map((f) => [f.replace(/\.yaml$/, ''), readFileSync(join(SHIPPED_MODELS, f), 'utf8')]),
);

function run(id: string, text: string, samples = 5000, seed = 7) {
  const edited = loadEdited(id, text, shipped);
  expect(edited.missing).toEqual([]);
  expect(edited.errors).toEqual([]);
  const prepared = prepareEdited(edited.project, id);
  if (!prepared.ok) throw new Error(prepared.errors.map((e) => e.message).join('\n'));
  return { edited, prepared: prepared.value, headline: headlineOf(prepared.value, { samples, seed }) };
}

describe('the editor computes what the command line does', () => {
  it("gives p-scheming's prior and posterior output mean exactly as `credence run --json` does", async () => {
    const { headline } = run('p-scheming', shipped.get('p-scheming')!, 5000, 7);
    const r = await cli(['run', 'p-scheming', '--samples', '5000', '--seed', '7', '--json'], SHIPPED_MODELS);
    const json = JSON.parse(r.out.join('\n'));
    expect(headline.output).toBe(json.output);
    expect(headline.distribution.prior.stats.mean).toBe(json.nodes[json.output].mean);
    expect(headline.distribution.posterior!.stats.mean).toBe(json.posterior[json.output].mean);
    expect(headline.distribution.posterior!.stats.p5).toBe(json.posterior[json.output].p5);
    expect(headline.evidence.map((e) => e.name)).toContain('evidence.report_2025');
  });

  it('follows an edit: a constant output is its value, with a zero-width interval', () => {
    const text = 'title: T\ninputs:\n  a: 0.25\nnodes:\n  out: a * 2\noutput: out\n';
    const { headline } = run('t', text);
    expect(headline.distribution.prior.stats.mean).toBe(0.5);
    expect(headline.distribution.prior.stats.p5).toBe(0.5);
    expect(headline.distribution.posterior).toBeNull();
  });

  it('has a tornado whose bars are the inputs that reach the output, largest swing first', () => {
    const text =
      'title: T\ninputs:\n  a: uniform(0, 1)\n  b: uniform(0, 0.1)\n  c: uniform(0, 1)\nnodes:\n  out: a + b\noutput: out\n';
    const { prepared } = run('t', text);
    const t = tornadoOf(prepared, { samples: 4000, seed: 1 });
    if (!t.ok) throw new Error('tornado failed');
    expect(t.value.rows.map((r) => r.input)).toEqual(['a', 'b']);
    // Pinned at the 10th and 90th percentiles of U(0,1) with b's samples shared, the swing is
    // q̂90 − q̂10: 0.8 up to the sample quantiles' error, sd √(p(1−p)/n) each (density 1), so
    // within five sd of their difference, 5·√(2·0.1·0.9/4000) ≈ 0.034.
    expect(Math.abs(t.value.rows[0]!.swing - 0.8)).toBeLessThanOrEqual(5 * Math.sqrt((2 * 0.1 * 0.9) / 4000));
    expect(t.value.excluded.map((x) => x.input)).toEqual(['c']);
  });
});

describe("the editor's errors", () => {
  it('locates a YAML or expression error at the line and column `credence check` gives', async () => {
    for (const text of [
      'title: T\ninputs:\n  a: beta(2,\nnodes:\n  out: a\noutput: out\n',
      'title: T\ninputs:\n  a: beta(2, 2)\nnodes:\n  out: a + bb\noutput: out\n',
      'title: T\ninputs:\n  a: [1\noutput: a\n',
    ]) {
      const edited = loadEdited('broken', text, shipped);
      const dir = mkdtempSync(join(tmpdir(), 'credence-editor-'));
      writeFileSync(join(dir, 'broken.yaml'), text);
      const r = await cli(['check', join(dir, 'broken.yaml')], dir);
      rmSync(dir, { recursive: true, force: true });
      expect(r.code).toBe(1);
      const located = (e: { line?: number; col?: number; message: string }) => `${e.line}:${e.col}: ${e.message}`;
      expect(edited.errors.map(located)).toEqual(r.out.map((l) => l.replace(/^.*broken\.yaml:/, '')));
    }
  });

  it('names an import that does not exist at the import, once the server says so', () => {
    const text = 'title: T\nimports:\n  x: no-such-model\nnodes:\n  out: 1\noutput: out\n';
    const first = loadEdited('t', text, shipped);
    expect(first.missing).toEqual(['no-such-model']);
    const known = new Map(shipped).set('no-such-model', null);
    const second = loadEdited('t', text, known);
    expect(second.missing).toEqual([]);
    expect(second.errors).toHaveLength(1);
    expect(second.errors[0]).toMatchObject({ file: fileOf('t'), line: 3 });
    expect(second.errors[0]!.message).toMatch(/no-such-model/);
  });

  it("asks for imports of imports, and loads a server model's edit over the server's copy", () => {
    const text = shipped.get('p-scheming')!;
    const partial = new Map<string, string | null>([['p-scheming', 'not: a model']]);
    const first = loadEdited('p-scheming', text, partial);
    expect(first.missing.length).toBeGreaterThan(0);
    const all = loadEdited('p-scheming', text, shipped);
    expect(all.missing).toEqual([]);
    expect(all.project.models.get('p-scheming')!.title).toMatch(/P\(scheming\)/);
  });

  it("reports a scenario's impossible parameter, as `credence check` does", () => {
    const text =
      'title: T\ninputs:\n  a: beta(2, 2)\nnodes:\n  out: a\noutput: out\nscenarios:\n  bad:\n    a: beta(0, 1)\n';
    const edited = loadEdited('t', text, shipped);
    expect(edited.errors).toEqual([]);
    const errors = scenarioErrors(edited.project, 't');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(9);
  });
});
