// The depth-first walk every check of references and imports uses: post-order, each node and
// edge once, cycles reported with the path that closes them, edges leaving the graph skipped,
// no recursion on a long chain; and cycles shown as "a → b → a", shortened when long.

import { describe, expect, it } from 'vitest';
import { cycleText, depthFirst } from '../../src/model/walk.ts';

/** Walk a graph given as adjacency lists; returns what each callback saw. */
function walk(graph: Record<string, string[]>, roots = Object.keys(graph)) {
  const done: string[] = [];
  const cycles: string[] = [];
  const edgesDone: string[] = [];
  depthFirst<string, string>(roots, {
    edges: (n) => graph[n] ?? [],
    target: (e) => (e in graph ? e : undefined),
    onCycle: (from, _e, to, path, start) => cycles.push(`${from}>${to}: ${cycleText(path, start, to)}`),
    onEdgeDone: (from, _e, to) => edgesDone.push(`${from}>${to}`),
    onDone: (n) => done.push(n),
  });
  return { done, cycles, edgesDone };
}

describe('depthFirst', () => {
  it('finishes each node after everything it leads to, once, in the order edges are written', () => {
    // d reads b and c, both read a; e stands apart; 'outside' is not in the graph.
    const r = walk({ d: ['b', 'c', 'outside'], b: ['a'], c: ['a'], a: [], e: [] });
    expect(r.done).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(r.cycles).toEqual([]);
    // Every edge inside the graph completes once: a→ from b on the way back, from c to a finished node.
    expect(r.edgesDone.sort()).toEqual(['b>a', 'c>a', 'd>b', 'd>c']);
  });

  it('reports each edge back to a node on the path, with the cycle from that node', () => {
    const r = walk({ a: ['b'], b: ['c'], c: ['a', 'b'], x: ['x'] });
    expect(r.cycles).toEqual(['c>a: a → b → c → a', 'c>b: b → c → b', 'x>x: x → x']);
    expect(r.done).toEqual(['c', 'b', 'a', 'x']);
  });

  it('walks only what the roots reach', () => {
    expect(walk({ a: ['b'], b: [], c: ['a'] }, ['a']).done).toEqual(['b', 'a']);
  });

  it('walks a chain of 100,000 without exhausting the stack', () => {
    let done = 0;
    depthFirst<number, number>([0], {
      edges: (n) => (n < 100_000 ? [n + 1] : []),
      target: (e) => e,
      onDone: () => done++,
    });
    expect(done).toBe(100_001);
  });
});

describe('cycleText', () => {
  it('joins the path from the start with arrows and closes it', () => {
    expect(cycleText(['x', 'a', 'b'], 1, 'a')).toBe('a → b → a');
  });

  it('keeps the first and last six of a long cycle and counts the rest', () => {
    const path = Array.from({ length: 20 }, (_, i) => `q${i}`);
    expect(cycleText(path, 0, 'q0')).toBe(
      'q0 → q1 → q2 → q3 → q4 → q5 → … 8 more … → q14 → q15 → q16 → q17 → q18 → q19 → q0',
    );
    expect(cycleText(path.slice(0, 12), 0, 'q0').split(' → ')).toHaveLength(13);
  });
});
