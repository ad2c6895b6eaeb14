// Import-level overrides: `imports: { b: { model: b, set: { x: expr } } }` replaces inputs of the
// imported model (dotted names reach its own imports) with expressions in the importing file's
// names, wherever that file runs. One draw of the importer's input then drives the whole
// imported chain; the imported model run alone keeps its own distributions; a scenario of the
// importer still wins.

import { describe, it, expect, afterAll } from 'vitest';
import { loadProject } from '../../src/model/project.ts';
import { prepare } from '../../src/engine/run.ts';
import { formatError } from '../../src/model/errors.ts';
import { cleanupTemp, project, runIn, tempProject } from '../engine/helpers.ts';

afterAll(cleanupTemp);

const C = 'title: C\ninputs:\n  y: 5\nnodes:\n  cy: y * 10\noutput: cy\n';
const B = 'title: B\nimports:\n  c: c\ninputs:\n  x: uniform(0, 1)\nnodes:\n  bx: x + c.cy\noutput: bx\n';
const A = [
  'title: A',
  'imports:',
  '  b:',
  '    model: b',
  '    note: the world is drawn here and handed down',
  '    set:',
  '      x: k',
  '      c.y: k * 2',
  'inputs:',
  '  k: bernoulli(0.3)',
  'nodes:',
  '  out: b.bx',
  'output: out',
  'scenarios:',
  '  fixed:',
  '    b.x: 0.25',
  '',
].join('\n');

const RUN = { samples: 2000, seed: 4 };

describe('import-level overrides', () => {
  it('replace the imported inputs, nested ones included, with the importer’s own draw', () => {
    const p = project({ 'a.yaml': A, 'b.yaml': B, 'c.yaml': C });
    const r = runIn(p, 'a', RUN);
    const k = r.columns.k!;
    for (let i = 0; i < k.length; i++) {
      expect(r.columns['b.x']![i]).toBe(k[i]);
      expect(r.columns['b.c.y']![i]).toBe(2 * k[i]!);
      expect(r.columns.out![i]).toBe(k[i]! + 20 * k[i]!);
    }
    expect(p.models.get('a')!.imports.b!.note).toBe('the world is drawn here and handed down');
  });

  it('leave the imported model run alone untouched', () => {
    const p = project({ 'a.yaml': A, 'b.yaml': B, 'c.yaml': C });
    const r = runIn(p, 'b', RUN);
    let inUnit = 0;
    for (const x of r.columns.x!) if (x > 0 && x < 1 && x !== 0.5) inUnit++;
    expect(inUnit).toBe(RUN.samples);
    expect(new Set(r.columns['c.y']!)).toEqual(new Set([5]));
  });

  it('give way to a scenario of the importer', () => {
    const p = project({ 'a.yaml': A, 'b.yaml': B, 'c.yaml': C });
    const r = runIn(p, 'a', RUN, { scenario: 'fixed' });
    expect(new Set(r.columns['b.x']!)).toEqual(new Set([0.25]));
    // The other import override still holds.
    for (let i = 0; i < 50; i++) expect(r.columns['b.c.y']![i]).toBe(2 * r.columns.k![i]!);
  });

  it('are shown as the input’s override, in the importer’s names', () => {
    const p = project({ 'a.yaml': A, 'b.yaml': B, 'c.yaml': C });
    const prepared = prepare(p, 'a');
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.value.graph.byName.get('b.c.y')!.override).toBe('k * 2');
  });

  it('report a target that is not an input, and an unknown name, where they are written', () => {
    const bad = A.replace('      c.y: k * 2', '      bx: 1\n      nope: 2\n      c.y: kk * 2');
    const dir = tempProject({ 'a.yaml': bad, 'b.yaml': B, 'c.yaml': C });
    const loaded = loadProject(dir);
    expect(loaded.errors.map((e) => formatError(e).replace(`${dir}/`, ''))).toEqual([
      "a.yaml:10:12: unknown name 'kk' in the import 'b' (did you mean 'k'?)",
    ]);
    const fixed = tempProject({ 'a.yaml': bad.replace('kk * 2', 'k * 2'), 'b.yaml': B, 'c.yaml': C });
    const prepared = prepare(loadProject(fixed), 'a');
    expect(prepared.ok).toBe(false);
    if (prepared.ok) return;
    expect(prepared.errors.map((e) => formatError(e).replace(`${fixed}/`, ''))).toEqual([
      "a.yaml:8:7: 'bx' is a node of 'b', not an input; only inputs can be set by an import",
      "a.yaml:9:7: 'nope' is not an input of model 'b'",
    ]);
  });
});
