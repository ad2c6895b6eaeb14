// The part of a dependency graph that is drawn: a model may have tens of thousands of quantities,
// and a graph of more than a few dozen boxes is neither readable nor cheap to send. The nodes
// nearest a focus (the output, or a chosen quantity) are kept, nearest first, up to a fixed
// number; the rest are counted so the reader is told how many are left out.

import type { GraphEdge } from './graph-data.ts';

/** The most nodes a graph shows: a model with more shows the neighbourhood of one quantity. */
export const GRAPH_NODES = 60;

/**
 * The ids of at most `max` nodes nearest `focus`, in breadth-first order over the links in both
 * directions (what a node reads before what reads it, each in the order the links list them),
 * so the focus's inputs come before its readers at the same distance. Pure and linear.
 */
export function neighbourhood(
  ids: Iterable<string>,
  edges: readonly GraphEdge[],
  focus: string,
  max = GRAPH_NODES,
): Set<string> {
  const reads = new Map<string, string[]>();
  const readBy = new Map<string, string[]>();
  for (const id of ids) {
    reads.set(id, []);
    readBy.set(id, []);
  }
  for (const e of edges) {
    reads.get(e.target)?.push(e.source);
    readBy.get(e.source)?.push(e.target);
  }
  const kept = new Set<string>();
  if (!reads.has(focus) || max < 1) return kept;
  kept.add(focus);
  const queue = [focus];
  for (let i = 0; i < queue.length && kept.size < max; i++) {
    const id = queue[i]!;
    for (const next of [...reads.get(id)!, ...readBy.get(id)!]) {
      if (kept.size >= max) break;
      if (kept.has(next)) continue;
      kept.add(next);
      queue.push(next);
    }
  }
  return kept;
}
