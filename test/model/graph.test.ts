// The dependency graph of a model and its imports: evaluation order, qualified names, the
// quantities a run must compute (dependencyClosure) and those an edit reaches (dependentsOf) on a
// small graph worked out by hand; overrides, probes and run-time evidence, and their errors.

import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  dependencyClosure,
  dependentsOf,
  type ExtraEvidence,
  type Graph,
  type Probe,
} from '../../src/model/graph.ts';
import { parseOverride, type InputOverride } from '../../src/model/overrides.ts';
import { projectOf } from './project-of.ts';

// a → b → c → d and a → c, b → d; ch.x → ch.y → d through the import; u only in evidence.
const PROJECT = projectOf({
  top: `title: Top
inputs:
  a: normal(0, 1)
  u: uniform(0, 1)
nodes:
  b: a * 2
  c: a + b
  d: c + b + ch.y
imports:
  ch: base
output: d
evidence:
  seen: { likelihood: "u", applied: false }
`,
  base: `title: Base
inputs:
  x: beta(2, 2)
nodes:
  y: x * pi
output: y
`,
});

const set = (name: string, text: string): InputOverride => {
  const r = parseOverride(name, text, `--set ${name}`);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
};

type Extras = [overrides?: InputOverride[], extra?: ExtraEvidence[], probes?: Probe[]];

function graph(...args: Extras): Graph {
  const r = buildGraph(PROJECT, 'top', ...args);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

const errorsOf = (...args: Extras) => {
  const r = buildGraph(PROJECT, 'top', ...args);
  return r.ok ? [] : r.errors.map((e) => `${e.code}: ${e.message}`);
};

describe('buildGraph', () => {
  it('lists every quantity under its qualified name, after everything it reads', () => {
    const g = graph();
    const deps = Object.fromEntries(g.entities.map((e) => [e.name, [...e.deps].sort()]));
    expect(deps).toEqual({
      a: [],
      u: [],
      b: ['a'],
      c: ['a', 'b'],
      d: ['b', 'c', 'ch.y'],
      'ch.x': [],
      'ch.y': ['ch.x'], // pi is a constant, not a dependency
    });
    const at = new Map(g.entities.map((e, i) => [e.name, i]));
    for (const e of g.entities)
      for (const d of e.deps) expect(at.get(d)!, `${d} before ${e.name}`).toBeLessThan(at.get(e.name)!);
    expect(g.byName.get('ch.y')!.modelId).toBe('base');
    expect(g.byName.get('ch.y')!.local).toBe('y');
    expect(g.output).toBe('d');
    expect(g.evidence.map((e) => [e.name, e.applied])).toEqual([['seen', false]]);
  });

  it('applies an override in place of the input, with its text and what it reads', () => {
    const g = graph([set('a', 'u * 2'), set('ch.x', '0.5')]);
    expect(g.byName.get('a')!.override).toBe('u * 2');
    expect(g.byName.get('a')!.deps).toEqual(['u']);
    expect(g.byName.get('ch.x')!.override).toBe('0.5');
    expect(g.byName.get('b')!.override).toBeNull();
    const at = new Map(g.entities.map((e, i) => [e.name, i]));
    expect(at.get('u')!).toBeLessThan(at.get('a')!);
  });

  it('adds probes as nodes over the model’s names, and run-time evidence after the model’s own', () => {
    const g = graph([], [{ name: 'resolved', likelihood: 'd > 1' }], [{ name: 'P(d > 1)', text: 'd > 1' }]);
    const probe = g.byName.get('P(d > 1)')!;
    expect(probe.kind).toBe('node');
    expect(probe.deps).toEqual(['d']);
    expect(g.evidence.map((e) => [e.name, e.applied])).toEqual([
      ['seen', false],
      ['resolved', true],
    ]);
  });

  it('refuses an override that closes a cycle, names a node or nothing, and evidence over unknown names', () => {
    expect(errorsOf([set('a', 'c + 1')])).toEqual(['cycle: circular definition: a → c → a']);
    expect(errorsOf([set('b', '1')])).toEqual([
      "not-an-input: 'b' is a node, not an input; only inputs can be overridden",
    ]);
    expect(errorsOf([set('aa', '1')])).toEqual([
      "unknown-name: 'aa' is not an input of model 'top' (did you mean 'a'?)",
    ]);
    expect(errorsOf([set('a', 'zz')])).toEqual(["unknown-name: unknown name 'zz' in the override of 'a'"]);
    expect(errorsOf([], [{ name: 'res', likelihood: 'zz > 1' }])).toEqual([
      "unknown-name: unknown name 'zz' in evidence 'res'",
    ]);
    const none = buildGraph(PROJECT, 'nope');
    expect(none.ok ? [] : none.errors.map((e) => e.code)).toEqual(['unknown-model']);
  });
});

describe('dependencyClosure', () => {
  it('is what the names read, through other quantities, with the names themselves', () => {
    const g = graph();
    expect([...dependencyClosure(g, ['c'])].sort()).toEqual(['a', 'b', 'c']);
    expect([...dependencyClosure(g, ['ch.y'])].sort()).toEqual(['ch.x', 'ch.y']);
    expect([...dependencyClosure(g, ['d'])].sort()).toEqual(['a', 'b', 'c', 'ch.x', 'ch.y', 'd']);
    expect([...dependencyClosure(g, ['c'], ['seen'])].sort()).toEqual(['a', 'b', 'c', 'u']);
    expect([...dependencyClosure(g, ['missing'])]).toEqual([]);
  });

  it('over two views of a model, reads what a quantity reads in either', () => {
    const views = [graph(), graph([set('a', 'u * 2')])];
    expect([...dependencyClosure(views, ['b'])].sort()).toEqual(['a', 'b', 'u']);
  });
});

describe('dependentsOf', () => {
  it('is every quantity that reads a root, directly or not, with the roots', () => {
    const g = graph();
    expect([...dependentsOf(g, ['a'])].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...dependentsOf(g, ['b'])].sort()).toEqual(['b', 'c', 'd']);
    expect([...dependentsOf(g, ['ch.x'])].sort()).toEqual(['ch.x', 'ch.y', 'd']);
    expect([...dependentsOf(g, ['u'])]).toEqual(['u']);
  });
});
