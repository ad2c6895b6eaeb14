// Quantiles of a column by selection (no full sort): the plain ones use the definition of
// d3.quantile and R's type 7 (linear interpolation between order statistics); the weighted
// ones return the smallest value whose normalised cumulative weight reaches p. Long columns are
// first binned by value (value-bins.ts), so the selection runs only inside the few bins that
// hold the wanted ranks; short ones are selected directly. The plain and the weighted quantiles
// of one column can share their passes over it (a run's prior and posterior summaries).

import { binColumn, gatherBins } from './value-bins.ts';
import { columnRange, type ColumnRange } from './column-range.ts';
import { select } from './select.ts';

/** Below this many values, a copy and a selection is as fast as binning. */
const BIN_FROM = 2048;

/** About this many values per bin. */
const PER_BIN = 16;
const MAX_BINS = 16384;

const binsFor = (m: number) => Math.min(MAX_BINS, Math.max(64, Math.ceil(m / PER_BIN)));

/** One quantile of a column, leaving out NaN and ±Infinity (the column is not reordered). */
export function quantile(col: Float64Array, p: number): number {
  return columnQuantiles(col, [p])[0]!;
}

/**
 * Type-7 quantiles at probabilities `ps` of the finite values of `col`, which is neither copied
 * nor reordered. `range` may be passed when the caller has already computed it.
 */
export function columnQuantiles(
  col: Float64Array,
  ps: readonly number[],
  range: ColumnRange = columnRange(col),
): number[] {
  return bothQuantiles(col, null, ps, [], range, null).plain;
}

/**
 * Weighted quantiles at ascending `ps`: for each p, the smallest value v with
 * Σ{w_i : x_i ≤ v} ≥ p·Σw, over the finite values with positive weight. Neither array is
 * reordered. `range` (of the weighted column) may be passed when already computed.
 */
export function weightedQuantiles(
  values: Float64Array,
  weights: Float64Array,
  ps: readonly number[],
  range: ColumnRange = columnRange(values, weights),
): number[] {
  return bothQuantiles(values, weights, [], ps, null, range).weighted;
}

/**
 * The plain quantiles at `ps` (type 7, over the finite values; `range` their range) and the
 * weighted ones at ascending `wps` (over the finite values with positive weight; `wrange`
 * their range) of one column, in shared passes: one binning, one gathering.
 */
export function bothQuantiles(
  col: Float64Array,
  weights: Float64Array | null,
  ps: readonly number[],
  wps: readonly number[],
  range: ColumnRange | null,
  wrange: ColumnRange | null,
): { plain: number[]; weighted: number[] } {
  const plainRanks = range && range.count > 0 ? typeSevenRanks(range.count, ps) : [];
  const targets = weights && wrange && wrange.count > 0 ? wps.map((p) => p * wrange.total) : [];
  const { ranks, weighted } = statistics(col, weights, plainRanks, targets, range ?? wrange!);
  const at = new Map(plainRanks.map((r, k) => [r, ranks[k]!]));
  const plain = ps.map((p) => {
    if (!range || range.count === 0) return NaN;
    const h = (range.count - 1) * p;
    const lo = Math.floor(h);
    const a = at.get(lo)!;
    return h > lo ? a + (at.get(lo + 1)! - a) * (h - lo) : a;
  });
  return { plain, weighted: targets.length ? weighted : wps.map(() => NaN) };
}

/** The 0-based ranks type-7 quantiles at `ps` interpolate between, ascending and distinct. */
function typeSevenRanks(m: number, ps: readonly number[]): number[] {
  const wanted = new Set<number>();
  for (const p of ps) {
    const h = (m - 1) * p;
    const lo = Math.floor(h);
    wanted.add(lo);
    if (h > lo) wanted.add(lo + 1);
  }
  return [...wanted].sort((a, b) => a - b);
}

/** The bin holding each ascending rank, and the rank's place inside it. */
function binsOfRanks(counts: ArrayLike<number>, ranks: readonly number[]) {
  const rankBin: number[] = [];
  const rankOffset: number[] = [];
  let b = 0;
  let before = 0;
  for (const r of ranks) {
    while (before + counts[b]! <= r) before += counts[b++]!;
    rankBin.push(b);
    rankOffset.push(r - before);
  }
  return { rankBin, rankOffset };
}

/**
 * The bin where each ascending target weight is reached, and the weight of the bins before it;
 * rounding can leave the last target just beyond the summed bins, which then means the last
 * weighted bin.
 */
function binsOfTargets(bw: ArrayLike<number>, targets: readonly number[]) {
  const targetBin: number[] = [];
  const below: number[] = [];
  let last = bw.length - 1;
  while (last > 0 && !(bw[last]! > 0)) last--;
  let t = 0;
  let acc = 0;
  for (const target of targets) {
    while (t < last && (!(bw[t]! > 0) || acc + bw[t]! < target)) acc += bw[t++]!;
    targetBin.push(t);
    below.push(acc);
  }
  return { targetBin, below };
}

/**
 * The order statistics at ascending 0-based `ranks` of the finite values, and for each
 * ascending target weight the smallest value whose cumulative weight (over the rows with
 * positive weight) reaches it. `range` spans every value either needs. Bins the column, gathers
 * the bins that hold the answers, and repeats inside each (selecting directly once it is short).
 */
function statistics(
  col: Float64Array,
  weights: Float64Array | null,
  ranks: readonly number[],
  targets: readonly number[],
  range: ColumnRange,
): { ranks: number[]; weighted: number[] } {
  if (ranks.length === 0 && targets.length === 0) return { ranks: [], weighted: [] };
  if (range.min === range.max) return { ranks: ranks.map(() => range.min), weighted: targets.map(() => range.min) };
  // Counting every finite row is needed only for ranks; weights alone count the weighted rows.
  const countAll = ranks.length > 0;
  const binned =
    range.count < BIN_FROM
      ? null
      : binColumn(col, targets.length ? weights : null, range.min, range.max, binsFor(range.count), countAll);
  if (!binned)
    return {
      ranks: selectRanks(col, ranks),
      weighted: targets.length ? weightedAt(...positiveRows(col, weights!), targets) : [],
    };

  const { rankBin, rankOffset } = binsOfRanks(binned.counts, ranks);
  const { targetBin, below } = targets.length ? binsOfTargets(binned.weight!, targets) : { targetBin: [], below: [] };
  const gathered = gatherBins(col, targets.length ? weights : null, binned, [...rankBin, ...targetBin]);

  const outRanks: number[] = [];
  for (let k = 0; k < ranks.length; k++) {
    // Ranks that share a bin are taken together.
    let j = k;
    while (j + 1 < ranks.length && rankBin[j + 1] === rankBin[k]) j++;
    const v = gathered.values[k]!;
    outRanks.push(...statistics(v, null, rankOffset.slice(k, j + 1), [], columnRange(v)).ranks);
    k = j;
  }
  const outWeighted: number[] = [];
  for (let k = 0; k < targets.length; k++) {
    let j = k;
    while (j + 1 < targets.length && targetBin[j + 1] === targetBin[k]) j++;
    const x = gathered.values[ranks.length + k]!;
    const w = gathered.weights[ranks.length + k]!;
    const inner = targets.slice(k, j + 1).map((t) => t - below[k]!);
    outWeighted.push(...statistics(x, w, [], inner, columnRange(x, w)).weighted);
    k = j;
  }
  return { ranks: outRanks, weighted: outWeighted };
}

/** Order statistics of the finite values by selection on a copy. */
function selectRanks(col: Float64Array, ranks: readonly number[]): number[] {
  if (ranks.length === 0) return [];
  let m = 0;
  for (let i = 0; i < col.length; i++) if (col[i]! - col[i]! === 0) m++;
  const v = m === col.length ? Float64Array.from(col) : new Float64Array(m);
  if (m !== col.length) {
    m = 0;
    for (let i = 0; i < col.length; i++) if (col[i]! - col[i]! === 0) v[m++] = col[i]!;
  }
  return ranks.map((r) => {
    select(v, r);
    return v[r]!;
  });
}

/** Copies of the rows with a finite value and a positive weight. */
function positiveRows(values: Float64Array, weights: Float64Array): [Float64Array, Float64Array] {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! - values[i]! === 0 && weights[i]! > 0) m++;
  const x = new Float64Array(m);
  const w = new Float64Array(m);
  m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const wi = weights[i]!;
    if (v - v === 0 && wi > 0) {
      x[m] = v;
      w[m++] = wi;
    }
  }
  return [x, w];
}

/**
 * For each ascending target weight, the smallest x with Σ{w : x' ≤ x} ≥ target (the largest x
 * when rounding leaves the total just short of it). Selection on the paired arrays, which it
 * reorders, narrowing the range as the target grows.
 */
function weightedAt(x: Float64Array, w: Float64Array, targets: readonly number[]): number[] {
  const m = x.length;
  const out: number[] = [];
  let left = 0;
  let below = 0; // weight of elements before `left`
  for (const target of targets) {
    let lo = left;
    let hi = m - 1;
    let acc = below;
    // Invariant: everything before lo is ≤ everything in [lo, hi], with total weight acc.
    while (lo < hi) {
      const pivot = x[(lo + hi) >>> 1]!;
      // Three-way partition of [lo, hi] around pivot.
      let lt = lo;
      let gt = hi;
      let i = lo;
      while (i <= gt) {
        const v = x[i]!;
        if (v < pivot) {
          swap2(x, w, lt++, i++);
        } else if (v > pivot) {
          swap2(x, w, i, gt--);
        } else i++;
      }
      let wLess = 0;
      for (let k = lo; k < lt; k++) wLess += w[k]!;
      let wEq = 0;
      for (let k = lt; k <= gt; k++) wEq += w[k]!;
      if (acc + wLess >= target && lt > lo) {
        hi = lt - 1;
      } else if (acc + wLess + wEq >= target || gt >= hi) {
        acc += wLess;
        lo = lt;
        x[lt] = pivot;
        break;
      } else {
        acc += wLess + wEq;
        lo = gt + 1;
      }
    }
    out.push(x[lo]!);
    left = lo;
    below = acc;
  }
  return out;
}

function swap2(x: Float64Array, w: Float64Array, i: number, j: number): void {
  const t = x[i]!;
  x[i] = x[j]!;
  x[j] = t;
  const u = w[i]!;
  w[i] = w[j]!;
  w[j] = u;
}
