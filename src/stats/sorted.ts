// The samples of a column in ascending order, with their weights: a counting sort over value bins
// (value-bins.ts), then a sort inside each bin, which holds a handful of values. Several times
// faster than a comparison sort of paired arrays, which is what an empirical CDF of weighted
// samples would otherwise need.

import { binColumn } from './value-bins.ts';
import { columnRange } from './column-range.ts';

/** Bins hold about this many values; a bin longer than `BIN_SORT_MAX` is sorted by binning again. */
const PER_BIN = 8;
const BIN_SORT_MAX = 48;
const MAX_BINS = 1 << 16;

export interface Sorted {
  /** The finite values (with positive weight, when weighted), ascending. */
  xs: Float64Array;
  /** Their weights, aligned with `xs`, or null when unweighted. */
  ws: Float64Array | null;
}

export function sortedSamples(col: Float64Array, weights: Float64Array | null = null): Sorted {
  const range = columnRange(col, weights);
  const m = range.count;
  const xs = new Float64Array(m);
  const ws = weights ? new Float64Array(m) : null;
  const binned =
    m > BIN_SORT_MAX && range.min < range.max
      ? binColumn(col, weights, range.min, range.max, Math.min(MAX_BINS, Math.ceil(m / PER_BIN)))
      : null;
  if (!binned) {
    let k = 0;
    for (let i = 0; i < col.length; i++) {
      const x = col[i]!;
      if (x - x !== 0 || (weights && !(weights[i]! > 0))) continue;
      xs[k] = x;
      if (ws) ws[k] = weights![i]!;
      k++;
    }
    // A run of one value is already in order.
    if (range.min < range.max) sortPairs(xs, ws, 0, m);
    return { xs, ws };
  }
  const { counts, binOf } = binned;
  const start = new Int32Array(counts.length + 1);
  for (let b = 0; b < counts.length; b++) start[b + 1] = start[b]! + counts[b]!;
  const next = start.slice(0, counts.length);
  for (let i = 0; i < col.length; i++) {
    const b = binOf[i]!;
    if (b < 0) continue;
    const j = next[b]!++;
    xs[j] = col[i]!;
    if (ws) ws[j] = weights![i]!;
  }
  for (let b = 0; b < counts.length; b++) {
    const lo = start[b]!;
    const hi = start[b + 1]!;
    if (hi - lo < 2) continue;
    if (hi - lo <= BIN_SORT_MAX) sortPairs(xs, ws, lo, hi);
    else {
      const inner = sortedSamples(xs.subarray(lo, hi), ws ? ws.subarray(lo, hi) : null);
      xs.set(inner.xs, lo);
      if (ws) ws.set(inner.ws!, lo);
    }
  }
  return { xs, ws };
}

/** Sort xs[lo, hi) ascending, moving ws along: insertion sort for short runs, else by index. */
function sortPairs(xs: Float64Array, ws: Float64Array | null, lo: number, hi: number): void {
  if (!ws) {
    xs.subarray(lo, hi).sort();
    return;
  }
  if (hi - lo <= BIN_SORT_MAX) {
    for (let i = lo + 1; i < hi; i++) {
      const x = xs[i]!;
      const w = ws[i]!;
      let j = i - 1;
      while (j >= lo && xs[j]! > x) {
        xs[j + 1] = xs[j]!;
        ws[j + 1] = ws[j]!;
        j--;
      }
      xs[j + 1] = x;
      ws[j + 1] = w;
    }
    return;
  }
  const x = xs.slice(lo, hi);
  const w = ws.slice(lo, hi);
  const order = Uint32Array.from({ length: hi - lo }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  for (let k = 0; k < order.length; k++) {
    xs[lo + k] = x[order[k]!]!;
    ws[lo + k] = w[order[k]!]!;
  }
}
