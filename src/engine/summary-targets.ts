// What a summarised quantity's quantiles are read from (quantile-targets.ts finds them): each
// plain quantile's two order statistics and each weighted quantile's threshold, and the summary
// made of them and the quantity's moments once every target has its value.

import { bracketFromKeys, type Target } from './quantile-targets.ts';
import type { Moments } from './moments.ts';
import type { FirstResult } from './reducers.ts';
import type { QuantitySummary } from './summarize.ts';

export const SUMMARY_PS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

export interface Targets {
  all: Target[];
  /** Per summary probability: the plain quantile's two order statistics (or a value), its weighted one. */
  plain: { lo: Target; hi: Target; frac: number }[];
  weighted: Target[];
}

/** The targets of a quantity with moments `m` (its weighted ones too when `weighted`). */
export function targetsOf(m: Moments, weighted: boolean): Targets {
  const all: Target[] = [];
  const make = (kind: 'rank' | 'weight', rank: number, threshold: number, value: number | null): Target => {
    const t: Target = { kind, rank, threshold, lo: -Infinity, hi: Infinity, value };
    all.push(t);
    return t;
  };
  const c = m.count;
  const plain = SUMMARY_PS.map((p) => {
    if (c === 0) return { lo: make('rank', 0, 0, NaN), hi: make('rank', 0, 0, NaN), frac: 0 };
    const h = (c - 1) * p;
    const k = Math.floor(h);
    const known = m.min === m.max ? m.min : null;
    const lo = make('rank', k, 0, known);
    const hi = h > k ? make('rank', k + 1, 0, known) : lo;
    return { lo, hi, frac: h - k };
  });
  const post = weighted ? m.posterior() : null;
  const weightedTargets = SUMMARY_PS.map((p) => {
    if (!post) return make('weight', 0, 0, NaN);
    if (!(post.total > 0) || post.count === 0) return make('weight', 0, 0, NaN);
    return make('weight', 0, p * post.total, post.min === post.max ? post.min : null);
  });
  return { all, plain, weighted: weightedTargets };
}

/** How many values (or how much weight) lie below each open target's bracket, from the first pass's bins. */
export function firstCounts(targets: Targets[], firsts: FirstResult): Map<Target, number> {
  const counts = new Map<Target, number>();
  targets.forEach((ts, i) => {
    const m = firsts.moments[i]!;
    for (const t of ts.all) {
      if (t.value !== null) continue;
      counts.set(t, bracketFromKeys(t, firsts.histograms[i]!, t.kind === 'weight' ? m.posterior().total : m.count));
    }
  });
  return counts;
}

/** A quantity's prior (or, when `weighted`, posterior) summary once every target has its value. */
export function summaryOf(m: Moments, t: Targets, weighted: boolean, n: number): QuantitySummary {
  const bad = n - m.count;
  if (!weighted) {
    const s = m.prior();
    const [p5, p25, p50, p75, p95] = t.plain.map(({ lo, hi, frac }) =>
      lo.value === hi.value ? lo.value! : lo.value! + frac * (hi.value! - lo.value!),
    ) as [number, number, number, number, number];
    return unsigned({ mean: s.mean, sd: s.sd, p5, p25, p50, p75, p95, mcse: s.sd / Math.sqrt(s.count), bad });
  }
  const s = m.posterior();
  const [p5, p25, p50, p75, p95] = t.weighted.map((x) => x.value!) as [number, number, number, number, number];
  return unsigned({ mean: s.mean, sd: s.sd, p5, p25, p50, p75, p95, mcse: s.sd / Math.sqrt(s.ess), bad });
}

/**
 * −0 as 0: which zero a bin or a minimum keeps depends on the order values arrive in, so a
 * summary of −0 would change with the thread count (JSON prints both as 0 anyway).
 */
function unsigned(s: QuantitySummary): QuantitySummary {
  for (const k of Object.keys(s) as (keyof QuantitySummary)[]) if (s[k] === 0) s[k] = 0;
  return s;
}
