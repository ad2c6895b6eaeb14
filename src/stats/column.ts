// Plain facts about one column of samples: its finite values, whether it is constant, the
// percentile rank of a value, empirical percentiles, and evenly spaced probabilities.

import { quantilesInPlace } from './select.ts';

export function isConstant(col: Float64Array): boolean {
  let first = NaN;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) continue;
    if (first !== first) first = x;
    else if (x !== first) return false;
  }
  return true;
}

/** Percentiles of an input's own sampled column (finite values only). */
export function columnPercentiles(col: Float64Array, ps: readonly number[]): number[] {
  const finite = finiteValues(col);
  const order = ps.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const qs = quantilesInPlace(
    finite,
    order.map((o) => o[0]),
  );
  const out = new Array<number>(ps.length);
  order.forEach(([, i], k) => (out[i] = qs[k]!));
  return out;
}

/** A copy of the finite values of a column (a plain loop: typed-array filter with a callback is slow). */
export function finiteValues(col: Float64Array): Float64Array {
  let m = 0;
  for (let i = 0; i < col.length; i++) if (col[i]! - col[i]! === 0) m++;
  if (m === col.length) return col.slice();
  const out = new Float64Array(m);
  m = 0;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x === 0) out[m++] = x;
  }
  return out;
}

/** Share of a column at or below `v` (the percentile rank of a value). */
export function percentileRank(col: Float64Array, v: number): number {
  let below = 0;
  let finite = 0;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) continue;
    finite++;
    if (x <= v) below++;
  }
  return finite > 0 ? below / finite : NaN;
}

/** Evenly spaced probabilities from `lo` to `hi` (inclusive), rounded to avoid 0.30000000000000004. */
export function spaced(lo: number, hi: number, points: number): number[] {
  if (points === 1) return [(lo + hi) / 2];
  return Array.from({ length: points }, (_, i) => Math.round((lo + ((hi - lo) * i) / (points - 1)) * 1e10) / 1e10);
}
