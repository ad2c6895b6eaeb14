// Depth-first search with an explicit stack, for every walk over what a model file defines
// (references between quantities, imports between models): no recursion, so no file can exhaust
// the stack, and every node and edge is visited once.

export interface DepthFirst<N, E> {
  /** The edges leaving `node`, in the order they are written. */
  edges(node: N): readonly E[];
  /** Where an edge leads, or undefined when it leaves the graph (it is then skipped). */
  target(edge: E): N | undefined;
  /** An edge back to a node on the current path: `path.slice(start)` then `to` is the cycle. */
  onCycle?(from: N, edge: E, to: N, path: readonly N[], start: number): void;
  /** An edge to a node that is finished (just now, or earlier). */
  onEdgeDone?(from: N, edge: E, to: N): void;
  /** A node whose edges are all done: called in post-order (each node after all it leads to). */
  onDone?(node: N): void;
}

interface Frame<N, E> {
  node: N;
  edges: readonly E[];
  next: number;
  /** The edge being followed into a child, completed when the child is done. */
  pending: { edge: E; to: N } | null;
}

export function depthFirst<N, E>(roots: Iterable<N>, walk: DepthFirst<N, E>): void {
  const state = new Map<N, 'open' | 'done'>();
  const position = new Map<N, number>();
  const path: N[] = [];
  const frames: Frame<N, E>[] = [];
  const enter = (node: N) => {
    state.set(node, 'open');
    position.set(node, path.length);
    path.push(node);
    frames.push({ node, edges: walk.edges(node), next: 0, pending: null });
  };
  for (const root of roots) {
    if (state.has(root)) continue;
    enter(root);
    while (frames.length > 0) {
      const f = frames[frames.length - 1]!;
      if (f.pending) {
        walk.onEdgeDone?.(f.node, f.pending.edge, f.pending.to);
        f.pending = null;
      }
      if (f.next < f.edges.length) {
        const edge = f.edges[f.next++]!;
        const to = walk.target(edge);
        if (to === undefined) continue;
        const s = state.get(to);
        if (s === 'open') walk.onCycle?.(f.node, edge, to, path, position.get(to)!);
        else if (s === 'done') walk.onEdgeDone?.(f.node, edge, to);
        else {
          f.pending = { edge, to };
          enter(to);
        }
        continue;
      }
      frames.pop();
      path.pop();
      position.delete(f.node);
      state.set(f.node, 'done');
      walk.onDone?.(f.node);
    }
  }
}

/** "a → b → c → a", with a long cycle shortened in the middle so the sentence stays readable. */
export function cycleText(path: readonly string[], start: number, to: string, show = 12): string {
  const n = path.length - start;
  const names =
    n <= show
      ? path.slice(start)
      : [...path.slice(start, start + show / 2), `… ${n - show} more …`, ...path.slice(path.length - show / 2)];
  return [...names, to].join(' → ');
}
