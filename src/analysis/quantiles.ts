// Quantiles of a column by selection (no full sort): the plain ones use the definition of
// d3.quantile and R's type 7 (linear interpolation between order statistics); the weighted
// ones return the smallest value whose normalised cumulative weight reaches p. Long columns are
// first binned by value (value-bins.ts), so the selection runs only inside the few bins that
// hold the wanted ranks; short ones are selected directly. The plain and the weighted quantiles
// of one column can share their passes over it (a run's prior and posterior summaries).

import { binColumn, gatherBins } from './value-bins.ts';

/** Below this many values, a copy and a selection is as fast as binning. */
const BIN_FROM = 2048;

/** About this many values per bin. */
const PER_BIN = 16;
const MAX_BINS = 16384;

const binsFor = (m: number) => Math.min(MAX_BINS, Math.max(64, Math.ceil(m / PER_BIN)));

/** What the quantile functions need to know of a column's included values. */
export interface ColumnRange {
  /** Included rows: finite values (with positive weight, when weighted). */
  count: number;
  min: number;
  max: number;
  /** Sum of the included rows' weights (their count when unweighted). */
  total: number;
}

/** The range of the finite values of `col` (with positive weight, when weights are given). */
export function columnRange(col: Float64Array, weights: Float64Array | null = null): ColumnRange {
  // The loops leave their results in `acc` rather than build the object themselves (see summary.ts).
  const acc = new Float64Array(4);
  if (weights) weightedRangeInto(col, weights, acc);
  else rangeInto(col, acc);
  return { count: acc[0]!, min: acc[1]!, max: acc[2]!, total: acc[3]! };
}

function rangeInto(col: Float64Array, acc: Float64Array): void {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) continue;
    count++;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  acc[0] = count;
  acc[1] = min;
  acc[2] = max;
  acc[3] = count;
}

function weightedRangeInto(col: Float64Array, weights: Float64Array, acc: Float64Array): void {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let total = 0;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    const w = weights[i]!;
    if (x - x !== 0 || !(w > 0)) continue;
    count++;
    total += w;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  acc[0] = count;
  acc[1] = min;
  acc[2] = max;
  acc[3] = total;
}

/** Floyd–Rivest-style selection on a Float64Array: afterwards a[k] is the k-th smallest in [left, right]. */
export function select(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      select(a, k, newLeft, newRight);
    }
    const t = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** Quantiles at ascending probabilities `ps` of finite `values`, which is reordered in place. */
export function quantilesInPlace(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => NaN);
  const out: number[] = [];
  let left = 0;
  for (const p of ps) {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    select(values, lo, left, n - 1);
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

  const { counts } = binned;
  const rankBin: number[] = [];
  const rankOffset: number[] = [];
  let b = 0;
  let before = 0;
  for (const r of ranks) {
    while (before + counts[b]! <= r) before += counts[b++]!;
    rankBin.push(b);
    rankOffset.push(r - before);
  }
  // The bin where each target is reached, and the weight of the bins before it; rounding can
  // leave the last target just beyond the summed bins, which then means the last weighted bin.
  const targetBin: number[] = [];
  const below: number[] = [];
  if (targets.length) {
    const bw = binned.weight!;
    let last = bw.length - 1;
    while (last > 0 && !(bw[last]! > 0)) last--;
    let t = 0;
    let acc = 0;
    for (const target of targets) {
      while (t < last && (!(bw[t]! > 0) || acc + bw[t]! < target)) acc += bw[t++]!;
      targetBin.push(t);
      below.push(acc);
    }
  }
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
