// A bracket's collected values in order, for reading exact quantiles off them. Each thread sorts
// what it collected before handing it over, so the sorting is shared between the threads, and
// the calling thread merges the sorted runs in one linear pass. The order is by value, ties by
// weight: a total order on (value, weight) pairs up to the sign of a zero (summaries print −0 as
// 0), so any split of the values between threads merges into the same sequence as one sort.

/** Values (and their weights, or null), in order once sorted. */
export interface SortedRun {
  x: Float64Array;
  w: Float64Array | null;
}

/** Sort values in place, or (value, weight) pairs into new arrays: ties by weight, then −0 first. */
export function sortRun(x: Float64Array, w: Float64Array | null): SortedRun {
  if (!w) return { x: x.sort(), w: null };
  const idx = new Uint32Array(x.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  idx.sort((i, j) => x[i]! - x[j]! || w[i]! - w[j]! || (x[i] === 0 ? 1 / x[i] - 1 / x[j]! : 0));
  const xs = new Float64Array(idx.length);
  const ws = new Float64Array(idx.length);
  for (let k = 0; k < idx.length; k++) {
    xs[k] = x[idx[k]!]!;
    ws[k] = w[idx[k]!]!;
  }
  return { x: xs, w: ws };
}

/** b's head goes before a's: smaller value, else smaller weight, else −0 before +0. */
function takeB(ax: number, bx: number, aw: number, bw: number): boolean {
  if (bx !== ax) return bx < ax;
  if (bw !== aw) return bw < aw;
  return bx === 0 && 1 / bx < 1 / ax;
}

function mergeTwo(a: SortedRun, b: SortedRun): SortedRun {
  const n = a.x.length + b.x.length;
  const x = new Float64Array(n);
  const w = a.w && b.w ? new Float64Array(n) : null;
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    const fromB = i >= a.x.length || (j < b.x.length && takeB(a.x[i]!, b.x[j]!, a.w?.[i] ?? 0, b.w?.[j] ?? 0));
    if (fromB) {
      x[k] = b.x[j]!;
      if (w) w[k] = b.w![j]!;
      j++;
    } else {
      x[k] = a.x[i]!;
      if (w) w[k] = a.w![i]!;
      i++;
    }
  }
  return { x, w };
}

/** Sorted runs as one sorted run (one run is returned as it is, not copied). */
export function mergeRuns(runs: SortedRun[]): SortedRun {
  const parts = runs.filter((r) => r.x.length > 0);
  if (parts.length === 0) return runs[0] ?? { x: new Float64Array(0), w: null };
  // Smallest first, so each value is copied as few times as possible (threads: 2 or 3 runs).
  parts.sort((a, b) => a.x.length - b.x.length);
  let out = parts[0]!;
  for (let r = 1; r < parts.length; r++) out = mergeTwo(out, parts[r]!);
  return out;
}
