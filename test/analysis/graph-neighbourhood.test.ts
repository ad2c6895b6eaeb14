// A graph larger than GRAPH_NODES is cut to the nodes nearest its focus (the output, or a chosen
// quantity), breadth first, with the whole graph's counts; a smaller graph is whole.

import { afterAll, describe, expect, it } from 'vitest';
import { graphData } from '../../src/analysis/graph-data.ts';
import { GRAPH_NODES, neighbourhood } from '../../src/analysis/graph-neighbourhood.ts';
import { prepared, projectOf, cleanup } from './helpers.ts';
import { treeModel } from '../support/tree-model.ts';

afterAll(cleanup);

const N = 100;
const TREE = treeModel(N);

const graph = () => prepared(projectOf({ 'tree.yaml': TREE }), 'tree').graph;
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('the neighbourhood a large graph is cut to', () => {
  it('keeps the GRAPH_NODES nearest the output, breadth first, and the links between them', () => {
    expect(GRAPH_NODES).toBe(60);
    const g = graphData(graph());
    // Breadth first from b0, what a node reads in the order it reads them: visiting b_k adds
    // a_k, b_{2k+1} and b_{2k+2} (each a_j adds nothing new), so after b_0…b_18 there are
    // 1 + 3·19 = 58 nodes, and b_19 adds a_19 and b_39: b_0…b_39 and a_0…a_19.
    expect(new Set(g.nodes.map((n) => n.id))).toEqual(new Set([...names('b', 40), ...names('a', 20)]));
    expect(g.focus).toBe('b0');
    expect(g.total).toEqual({ nodes: 2 * N, edges: N + (N - 1) });
    // a_0…a_19 to their b (20), and each of b_1…b_39 to its parent (39).
    expect(g.edges).toHaveLength(20 + 39);
    expect(g.edges.every((e) => g.nodes.some((n) => n.id === e.source) && g.nodes.some((n) => n.id === e.target)));
    // Layers are the longest paths within what is shown: b_39 (no shown input of its own) is 0.
    const layer = new Map(g.nodes.map((n) => [n.id, n.layer]));
    expect(layer.get('b39')).toBe(0);
    expect(layer.get('b19')).toBe(1); // reads a_19 and b_39 (layer 0)
  });

  it('centres on a chosen quantity, what it reads before what reads it', () => {
    const g = graphData(graph(), { focus: 'b50', max: 4 });
    // b50 reads a50 and is read by b24; b24 is visited next and reads a24 first.
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['a24', 'a50', 'b24', 'b50']);
    expect(g.focus).toBe('b50');
    expect(g.edges).toHaveLength(3);
  });

  it('shows a graph of at most GRAPH_NODES whole', () => {
    const g = graphData(graph(), { max: 2 * N });
    expect(g.nodes).toHaveLength(2 * N);
    expect(g.edges).toHaveLength(g.total.edges);
  });

  it('is empty for a focus the graph does not have', () => {
    expect(neighbourhood(['x'], [], 'y').size).toBe(0);
    expect([...neighbourhood(['x', 'y'], [{ source: 'x', target: 'y' }], 'y', 1)]).toEqual(['y']);
  });
});
