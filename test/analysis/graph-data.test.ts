// The dependency graph as the chart draws it: imports collapsed to one node each or expanded,
// edges mapped onto what is shown, kinds, labels, overrides, and longest-path layers.

import { afterAll, describe, expect, it } from 'vitest';
import { graphData, groupOf, assignLayers, type GraphNode } from '../../src/analysis/graph-data.ts';
import { prepared, projectOf, cleanup } from './helpers.ts';

afterAll(cleanup);

const project = projectOf({
  'leaf.yaml': `title: The leaf
inputs:
  k: uniform(0, 1)
nodes:
  kk:
    expr: k * k
    label: K squared
    unit: probability
output: kk
`,
  'mid.yaml': `title: The middle
imports:
  x: leaf
inputs:
  s: uniform(0, 1)
nodes:
  q: s * x.kk
output: q
`,
  'top.yaml': `title: The top
imports:
  m: mid
  l: leaf
inputs:
  a:
    label: Chance a
    unit: probability
    dist: beta(2, 2)
  b: uniform(0, 1)
nodes:
  c: a * m.q
  out:
    expr: c + b * l.kk
    label: The output
output: out
scenarios:
  pinned:
    set:
      a: 0.5
`,
});

const titleOf = (id: string) => project.models.get(id)?.title;

function byId(nodes: GraphNode[]): Map<string, GraphNode> {
  return new Map(nodes.map((n) => [n.id, n]));
}

describe('graphData', () => {
  it('shows each import as one node by default, with edges onto what is shown', () => {
    const g = graphData(prepared(project, 'top').graph, { titleOf });
    const n = byId(g.nodes);
    expect([...n.keys()].sort()).toEqual(['a', 'b', 'c', 'l', 'm', 'out']);
    expect(n.get('a')).toMatchObject({
      kind: 'input',
      label: 'Chance a',
      name: 'a',
      unit: 'probability',
      model: 'top',
      group: '',
      hidden: 0,
      override: null,
    });
    expect(n.get('b')).toMatchObject({ kind: 'input', label: 'b' });
    expect(n.get('c')!.kind).toBe('node');
    expect(n.get('out')).toMatchObject({ kind: 'output', label: 'The output' });
    // m holds mid's s and q and its own import's k and kk.
    expect(n.get('m')).toMatchObject({ kind: 'imported', label: 'The middle', model: 'mid', name: 'm', hidden: 4 });
    expect(n.get('l')).toMatchObject({ kind: 'imported', label: 'The leaf', model: 'leaf', hidden: 2 });
    const edges = g.edges.map((e) => `${e.source}→${e.target}`).sort();
    expect(edges).toEqual(['a→c', 'b→out', 'c→out', 'l→out', 'm→c']);
    expect(g).toMatchObject({ model: 'top', title: 'The top', output: 'out' });
    expect(g.groups).toEqual([
      { id: '', model: 'top', title: 'The top', expanded: true },
      { id: 'l', model: 'leaf', title: 'The leaf', expanded: false },
      { id: 'm', model: 'mid', title: 'The middle', expanded: false },
    ]);
  });

  it('assigns longest-path layers', () => {
    const g = graphData(prepared(project, 'top').graph);
    const n = byId(g.nodes);
    expect(n.get('a')!.layer).toBe(0);
    expect(n.get('m')!.layer).toBe(0);
    expect(n.get('c')!.layer).toBe(1);
    expect(n.get('out')!.layer).toBe(2);
    for (const e of g.edges) expect(n.get(e.target)!.layer).toBeGreaterThan(n.get(e.source)!.layer);
    // Without titles, imports are named by their model id.
    expect(n.get('m')!.label).toBe('mid');
  });

  it('expands imports to any depth', () => {
    const graph = prepared(project, 'top').graph;
    const one = byId(graphData(graph, { depth: 1, titleOf }).nodes);
    expect([...one.keys()].sort()).toEqual(['a', 'b', 'c', 'l.k', 'l.kk', 'm.q', 'm.s', 'm.x', 'out']);
    expect(one.get('m.x')).toMatchObject({ kind: 'imported', model: 'leaf', group: 'm', hidden: 2, label: 'The leaf' });
    expect(one.get('m.q')).toMatchObject({ kind: 'node', model: 'mid', group: 'm', name: 'q' });
    const all = graphData(graph, { depth: Infinity, titleOf });
    expect(all.nodes).toHaveLength(graph.entities.length);
    expect(all.edges).toHaveLength(graph.entities.reduce((a, e) => a + e.deps.length, 0));
    expect(all.nodes.filter((x) => x.kind === 'imported')).toEqual([]);
    expect(byId(all.nodes).get('m.x.kk')).toMatchObject({ label: 'K squared', group: 'm.x', model: 'leaf', layer: 1 });
    expect(all.groups.map((g) => [g.id, g.expanded])).toEqual([
      ['', true],
      ['l', true],
      ['m', true],
      ['m.x', true],
    ]);
  });

  it('marks inputs a scenario overrides', () => {
    const g = graphData(prepared(project, 'top', { scenario: 'pinned' }).graph);
    expect(byId(g.nodes).get('a')!.override).toBe('0.5');
  });

  it('is plain JSON', () => {
    const g = graphData(prepared(project, 'top').graph, { titleOf });
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
  });
});

describe('groupOf and assignLayers', () => {
  it('finds the import path of a qualified name', () => {
    expect(groupOf('x')).toBe('');
    expect(groupOf('a.x')).toBe('a');
    expect(groupOf('a.b.x')).toBe('a.b');
  });

  it('breaks a cycle instead of looping', () => {
    const node = (id: string): GraphNode => ({
      id,
      kind: 'node',
      label: id,
      name: id,
      unit: null,
      model: 'm',
      group: '',
      override: null,
      hidden: 0,
      layer: 0,
    });
    const nodes = new Map(['p', 'q', 'r'].map((id) => [id, node(id)]));
    assignLayers(nodes, [
      { source: 'p', target: 'q' },
      { source: 'q', target: 'r' },
      { source: 'r', target: 'q' },
    ]);
    expect(nodes.get('p')!.layer).toBe(0);
    expect(nodes.get('q')!.layer).toBeGreaterThanOrEqual(1);
    for (const n of nodes.values()) expect(Number.isInteger(n.layer) && n.layer >= 0).toBe(true);
  });
});
