// Exact quantiles of a quantity that is never held whole: each wanted order statistic (plain
// quantiles, type 7) and each weighted quantile (the smallest value v with Σ{w : x ≤ v} ≥ p·Σw)
// is a target with a bracket [lo, hi] known to hold it. Passes over the run (quantile-passes.ts)
// shrink the brackets until the values inside one are few enough to collect; then the target is
// read off the sorted values, with the weight below it summed exactly (exact-sum.ts), so the
// answer does not depend on how the run was split. A weighted bracket is chosen from fixed-point
// bin sums (the same bits for any split, but cut per weight), so it is widened where the threshold
// lies within their error of a bin edge, and checked exactly; a miss starts that target over.

import { ExactSum } from './exact-sum.ts';
import { binRange, type KeyHistogram } from './key-histogram.ts';
import type { BracketPass, BracketPlan } from './bracket-pass.ts';

export interface Target {
  /** 'rank': the order statistic `rank` (0-based) of the finite values; 'weight': threshold T. */
  kind: 'rank' | 'weight';
  rank: number;
  threshold: number;
  lo: number;
  hi: number;
  value: number | null;
}

/** Brackets whose values are collected rather than binned again, at most this many each. */
export const COLLECT_EACH = 1 << 21;

/** A weighted cumulative sum this close to a threshold (relative to the total) widens the bracket. */
const EDGE = 1e-9;

/** The first index i with cumulative(i) ≥ target, for a non-decreasing cumulative (n if none). */
function firstReaching(n: number, cumulative: (i: number) => number, target: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative(mid) >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Set a target's first bracket from the first pass's key bins; returns the count inside it (0
 * when the bracket holds one distinct value, which is then the target's value).
 */
export function bracketFromKeys(t: Target, h: KeyHistogram, total: number): number {
  const bins = h.bins();
  const n = bins.keys.length;
  if (n === 0) return 0;
  let a: number;
  let b: number;
  if (t.kind === 'rank') {
    let below = 0;
    a = 0;
    while (a < n - 1 && t.rank >= below + bins.counts[a]!) below += bins.counts[a++]!;
    b = a;
  } else if (bins.overflow) {
    // A weight too large for the bins' fixed point: bracket every value, the next pass bins them.
    a = 0;
    b = n - 1;
  } else {
    const cum = new Float64Array(n);
    let s = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      cum[i] = s += bins.weights[i]!;
      count += bins.counts[i]!;
    }
    a = Math.min(
      n - 1,
      firstReaching(n, (j) => cum[j]!, t.threshold),
    );
    b = a;
    // Widen to the neighbours when the threshold sits near a bin edge.
    const margin = EDGE * total + count * bins.lowUnit;
    while (a > 0 && Math.abs(cum[a - 1]! - t.threshold) <= margin) a--;
    while (b < n - 1 && Math.abs(cum[b]! - t.threshold) <= margin) b++;
  }
  if (a === b && bins.single[a] === bins.single[a]) {
    t.value = bins.single[a]!;
    return 0;
  }
  t.lo = binRange(bins.keys[a]!)[0];
  t.hi = binRange(bins.keys[b]! + bins.span - 1)[1];
  let count = 0;
  for (let j = a; j <= b; j++) count += bins.counts[j]!;
  return count;
}

/** Merge the brackets of a quantity's open targets into sorted disjoint brackets to plan. */
export function planBrackets(targets: Target[], counts: Map<Target, number>, budget: { left: number }): BracketPlan[] {
  const open = targets.filter((t) => t.value === null).sort((a, b) => a.lo - b.lo);
  const merged: { lo: number; hi: number; count: number }[] = [];
  for (const t of open) {
    const last = merged[merged.length - 1];
    const c = counts.get(t) ?? Infinity;
    if (last && t.lo <= last.hi) {
      // An upper bound on the union's count is enough to decide: a bracket inside the merged
      // range adds nothing to it, one reaching past it at most its own count.
      if (t.hi > last.hi) {
        last.count += c;
        last.hi = t.hi;
      }
    } else merged.push({ lo: t.lo, hi: t.hi, count: c });
  }
  return merged.map((m) => {
    const collect = m.count <= COLLECT_EACH && m.count <= budget.left;
    if (collect) budget.left -= m.count;
    return { lo: m.lo, hi: m.hi, collect };
  });
}

/** The index of the bracket holding [lo, hi] among a pass's brackets. */
function bracketOf(pass: BracketPass, t: Target): number {
  return pass.brackets.findIndex((b) => b.lo <= t.lo && t.hi <= b.hi);
}

/**
 * Read what a pass found for one target: its value when its bracket was collected, or a
 * narrower bracket when it was binned again. Returns the count in the new bracket (to plan the
 * next pass), or 0 when resolved. `min`/`max` are the quantity's extremes (a miss restarts there).
 */
export function resolveTarget(t: Target, pass: BracketPass, weightOf: number, min: number, max: number): number {
  const k = bracketOf(pass, t);
  const region = 2 * k + 1;
  let belowCount = 0;
  const below = new ExactSum();
  for (let r = 0; r < region; r++) {
    belowCount += pass.regionCount[r]!;
    below.merge(pass.regionWeight[r]!);
  }
  const inCount = pass.regionCount[region]!;
  const bins = pass.bins[k];
  if (bins === null) return resolveCollected(t, pass, k, belowCount, below, min, max);
  // Binned again: choose the sub-bins that hold the target.
  const sub = pass.subBins(k);
  let a: number;
  let b: number;
  if (t.kind === 'rank') {
    let c = belowCount;
    a = sub.findIndex((s) => t.rank < (c += s.count));
    if (a < 0) return restart(t, min, max);
    b = a;
  } else if (pass.overflow) {
    a = 0;
    b = sub.length - 1;
  } else {
    const base = below.value();
    const cum = new Float64Array(sub.length);
    let s = base;
    sub.forEach((x, j) => (cum[j] = s += x.weight));
    a = firstReaching(sub.length, (j) => cum[j]!, t.threshold);
    if (a >= sub.length) return restart(t, min, max);
    b = a;
    const margin = EDGE * weightOf + inCount * pass.scale.lowUnit;
    while (a > 0 && Math.abs(cum[a - 1]! - t.threshold) <= margin) a--;
    while (b < sub.length - 1 && Math.abs(cum[b]! - t.threshold) <= margin) b++;
    if (a === 0 && Math.abs(base - t.threshold) <= margin) return restart(t, min, max);
  }
  t.lo = sub[a]!.min;
  t.hi = sub[b]!.max;
  if (t.lo === t.hi) {
    t.value = t.lo;
    return 0;
  }
  let count = 0;
  for (let j = a; j <= b; j++) count += sub[j]!.count;
  return Math.min(count, inCount);
}

function restart(t: Target, min: number, max: number): number {
  t.lo = min;
  t.hi = max;
  return Infinity;
}

function resolveCollected(
  t: Target,
  pass: BracketPass,
  k: number,
  belowCount: number,
  below: ExactSum,
  min: number,
  max: number,
): number {
  // A merged pass's collected values are sorted, ties by weight (BracketPass.merged).
  const x = pass.values[k]!;
  const w = pass.weighted ? pass.valueWeights[k]! : null;
  if (t.kind === 'rank') {
    const i = t.rank - belowCount;
    if (i < 0 || i >= x.length) return restart(t, min, max);
    t.value = x[i]!;
    return 0;
  }
  // Weighted: the first index whose exact cumulative weight, rounded, reaches the threshold.
  const ws = w!;
  const all = new ExactSum();
  all.merge(below);
  all.merge(pass.collectedWeight[k]!);
  if (below.value() >= t.threshold || x.length === 0 || all.value() < t.threshold) return restart(t, min, max);
  // A compensated running sum finds the candidate; exact sums confirm it (or step past it).
  const approx = new Float64Array(x.length);
  let s = below.value();
  let c = 0;
  for (let j = 0; j < x.length; j++) {
    const y = ws[j]! - c;
    const tt = s + y;
    c = tt - s - y;
    s = tt;
    approx[j] = s;
  }
  let i = Math.min(
    x.length - 1,
    firstReaching(x.length, (j) => approx[j]!, t.threshold),
  );
  const before = new ExactSum(); // exact weight of everything below index i
  before.merge(below);
  for (let j = 0; j < i; j++) before.add(ws[j]!);
  while (i > 0 && before.value() >= t.threshold) before.add(-ws[--i]!);
  for (;;) {
    before.add(ws[i]!);
    if (before.value() >= t.threshold || i === x.length - 1) break;
    i++;
  }
  t.value = x[i]!;
  return 0;
}
