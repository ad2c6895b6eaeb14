// Summary statistics of one column of samples, optionally weighted by evidence: mean, sd,
// quartiles and the 5th/95th percentiles, the Monte Carlo standard error of the mean, and how
// many samples were not finite numbers (those are counted, never averaged in).

import { bothQuantiles } from './quantiles.ts';
import { Moments } from '../engine/moments.ts';
// The same percentiles as the engine's run summaries, so a summary here and there agree.
import { SUMMARY_PS } from '../engine/summarize.ts';

export interface Summary {
  mean: number;
  sd: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  /** Monte Carlo standard error of the mean: sd/√n, or sd/√ESS when weighted. */
  mcse: number;
  /** Samples that were NaN or ±Infinity, left out of every statistic. */
  bad: number;
}

/** A summary as results report it: the count of non-finite samples goes into a warning instead. */
export type Stats = Omit<Summary, 'bad'>;

export function summarize(col: Float64Array, weights: Float64Array | null = null): Summary {
  if (!weights) return summaries(col, null).prior;
  return summaries(col, weights, false).posterior!;
}

/**
 * The prior summary of a column and, with weights, its posterior summary, computed in shared
 * passes (a run report needs both for every quantity). `prior: false` skips the prior's
 * quantiles when only the posterior is wanted.
 */
export function summaries(
  col: Float64Array,
  weights: Float64Array | null,
  prior = true,
): { prior: Summary; posterior: Summary | null } {
  // One pass over the column (and its weights) gives every sum; see engine/moments.ts.
  const m = new Moments(firstFinite(col), weights !== null);
  m.add(col, weights, col.length);
  const { count, mean, sd, min, max } = m.prior();
  const post = weights ? m.posterior() : null;
  const bad = col.length - count;
  const range = count > 0 && prior ? { count, min, max, total: count } : null;
  const wrange = post && post.count > 0 ? { count: post.count, min: post.min, max: post.max, total: post.total } : null;
  const q = bothQuantiles(col, weights, range ? SUMMARY_PS : [], wrange ? SUMMARY_PS : [], range, wrange);

  let priorSummary = nanSummary(bad);
  if (count > 0) {
    const [p5, p25, p50, p75, p95] = range ? q.plain : SUMMARY_PS.map(() => NaN);
    priorSummary = { mean, sd, p5, p25, p50, p75, p95, mcse: sd / Math.sqrt(count), bad };
  }
  if (!post) return { prior: priorSummary, posterior: null };
  let posterior = nanSummary(bad);
  if (post.total > 0) {
    const [p5, p25, p50, p75, p95] = q.weighted;
    posterior = { mean: post.mean, sd: post.sd, p5, p25, p50, p75, p95, mcse: post.sd / Math.sqrt(post.ess), bad };
  }
  return { prior: priorSummary, posterior };
}

/** The shift of the sums of squares: the first finite value (one of the samples). */
function firstFinite(col: Float64Array): number {
  for (let i = 0; i < col.length; i++) if (col[i]! - col[i]! === 0) return col[i]!;
  return 0;
}

function nanSummary(bad: number): Summary {
  return { mean: NaN, sd: NaN, p5: NaN, p25: NaN, p50: NaN, p75: NaN, p95: NaN, mcse: NaN, bad };
}

/** Kish's effective sample size of importance weights: (Σw)² / Σw². */
export function effectiveSampleSize(w: Float64Array): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < w.length; i++) {
    const x = w[i]!;
    s += x;
    s2 += x * x;
  }
  return s2 > 0 ? (s * s) / s2 : 0;
}
