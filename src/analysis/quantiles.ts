// Several quantiles of one column by repeated selection (no full sort per quantile), using the
// same definition as d3.quantile and R's type 7: linear interpolation between order statistics.

import { quickselect } from 'd3';

/** Quantiles at ascending probabilities `ps` of `values`, which is reordered in place. */
export function quantilesInPlace(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => NaN);
  const out: number[] = [];
  let left = 0;
  for (const p of ps) {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    quickselect(values as unknown as number[], lo, left, n - 1);
    const a = values[lo]!;
    let b = a;
    if (h > lo) {
      b = Infinity;
      for (let i = lo + 1; i < n; i++) if (values[i]! < b) b = values[i]!;
    }
    out.push(a + (b - a) * (h - lo));
    left = lo;
  }
  return out;
}

/**
 * Weighted quantiles: the smallest value whose cumulative normalised weight reaches p
 * (the posterior's inverse CDF). `order` is the index order of ascending values.
 */
export function weightedQuantiles(values: Float64Array, weights: Float64Array, ps: readonly number[]): number[] {
  const idx: number[] = [];
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i]!) && weights[i]! > 0) {
      idx.push(i);
      total += weights[i]!;
    }
  }
  if (idx.length === 0 || !(total > 0)) return ps.map(() => NaN);
  const order = Uint32Array.from(idx).sort((a, b) => values[a]! - values[b]!);
  const out: number[] = [];
  let acc = 0;
  let j = 0;
  for (const p of ps) {
    const target = p * total;
    while (j < order.length - 1 && acc + weights[order[j]!]! < target) acc += weights[order[j++]!]!;
    out.push(values[order[j]!]!);
  }
  return out;
}
