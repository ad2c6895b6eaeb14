// Imports copied in under qualified names: each import its own copy (a model imported twice is
// two copies), names inside a copy prefixed but constants not, evidence under dotted names, an
// import's `set:` applied after the copy it sets (the outer file's winning over the inner's), and
// `set:` of a node or of nothing refused.

import { describe, expect, it } from 'vitest';
import { flatten } from '../../src/model/flatten.ts';
import { refsOf, showExpr } from '../../src/model/expression.ts';
import { projectOf } from './project-of.ts';

const BASE = `title: B
inputs:
  x: beta(2, 2)
nodes:
  y: x * 3
output: y
`;

const MID = `title: M
inputs:
  x: normal(0, 1)
nodes:
  y: x + b.y + pi
imports:
  b: { model: base, set: { x: "0.3" } }
output: y
evidence:
  e: { likelihood: "y > 0" }
`;

const TOP = `title: T
inputs:
  k: uniform(1, 2)
nodes:
  out: m.y + n.y
imports:
  m: { model: mid, set: { x: "k * 2", b.x: "k / 10" } }
  n: mid
output: out
`;

const project = projectOf({ base: BASE, mid: MID, top: TOP });
const flat = flatten(project, project.models.get('top')!);
const shown = (name: string) => {
  const e = flat.entities.get(name)!;
  return [e.kind, e.modelId, e.override, showExpr(e.expr)];
};

describe('flatten', () => {
  it('copies each import, and each import of an import, under its own prefix', () => {
    expect([...flat.entities.keys()]).toEqual([
      'k',
      'out',
      'm.x',
      'm.y',
      'm.b.x',
      'm.b.y',
      'n.x',
      'n.y',
      'n.b.x',
      'n.b.y',
    ]);
    expect(flat.errors).toEqual([]);
  });

  it('prefixes the names a copy reads, but not the constants', () => {
    expect(shown('m.y')).toEqual(['node', 'mid', null, '(m.x + m.b.y) + pi']);
    expect(refsOf(flat.entities.get('n.b.y')!.expr).map((r) => r.name)).toEqual(['n.b.x']);
    expect(flat.entities.get('n.b.y')!.local).toBe('y');
  });

  it("applies an import's set: over the importing file's names, the outer file's last", () => {
    expect(shown('m.x')).toEqual(['input', 'mid', 'k * 2', 'k * 2']);
    // mid sets b.x to 0.3 for its copy; top sets m.b.x again, and wins.
    expect(shown('m.b.x')).toEqual(['input', 'base', 'k / 10', 'k / 10']);
    // Where top sets nothing, mid's own set: stands.
    expect(shown('n.b.x')).toEqual(['input', 'base', '0.3', '0.3']);
    expect(shown('n.x')).toEqual(['input', 'mid', null, 'normal(0, 1)']);
  });

  it('brings evidence of imports in under dotted names, reading the copy it came with', () => {
    expect(flat.evidence.map((e) => [e.name, showExpr(e.expr)])).toEqual([
      ['m.e', 'm.y > 0'],
      ['n.e', 'n.y > 0'],
    ]);
  });

  it('refuses set: of a node or of a name the imported model does not have', () => {
    const bad = projectOf({
      base: BASE,
      bad: `title: Bad
inputs:
  q: uniform(0, 1)
nodes:
  o: b.y + q
imports:
  b: { model: base, set: { y: "q", z: "q" } }
output: o
`,
    });
    expect(flatten(bad, bad.models.get('bad')!).errors.map((e) => `${e.code}: ${e.message}`)).toEqual([
      "not-an-input: 'y' is a node of 'base', not an input; only inputs can be set by an import",
      "unknown-name: 'z' is not an input of model 'base'",
    ]);
  });
});
