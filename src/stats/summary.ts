// Summary statistics of one column of samples, optionally weighted by evidence: mean, sd,
// quartiles and the 5th/95th percentiles, the Monte Carlo standard error of the mean, and how
// many samples were not finite numbers (those are counted, never averaged in).

import { bothQuantiles } from './quantiles.ts';

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

export const SUMMARY_PS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

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
  const acc = new Float64Array(ACC_LENGTH);
  if (weights) bothMoments(col, weights, acc);
  else moments(col, acc);
  const [count, sum, min, max, ss, wcount, sw, sw2, swx, wmin, wmax, wss, shift] = Array.from(acc) as Sums;
  const bad = col.length - count;
  const mean = count === 0 ? NaN : min === max ? min : clampTo(sum / count, min, max);
  const wmean = !(sw > 0) ? NaN : wmin === wmax ? wmin : clampTo(swx / sw, wmin, wmax);
  const range = count > 0 && prior ? { count, min, max, total: count } : null;
  const wrange = weights && wcount > 0 ? { count: wcount, min: wmin, max: wmax, total: sw } : null;
  const q = bothQuantiles(col, weights, range ? SUMMARY_PS : [], wrange ? SUMMARY_PS : [], range, wrange);

  let priorSummary = nanSummary(bad);
  if (count > 0) {
    // Σ(x − K)² − n(mean − K)²: the shift K is one of the samples, which bounds the cancellation.
    const d = sum / count - shift;
    const sd = count > 1 ? Math.sqrt(Math.max(0, ss - count * d * d) / (count - 1)) : 0;
    const [p5, p25, p50, p75, p95] = range ? q.plain : SUMMARY_PS.map(() => NaN);
    priorSummary = { mean, sd, p5, p25, p50, p75, p95, mcse: sd / Math.sqrt(count), bad };
  }
  if (!weights) return { prior: priorSummary, posterior: null };
  let posterior = nanSummary(bad);
  if (sw > 0) {
    const d = swx / sw - shift;
    const sd = Math.sqrt(Math.max(0, wss / sw - d * d));
    const ess = (sw * sw) / sw2;
    const [p5, p25, p50, p75, p95] = q.weighted;
    posterior = { mean: wmean, sd, p5, p25, p50, p75, p95, mcse: sd / Math.sqrt(ess), bad };
  }
  return { prior: priorSummary, posterior };
}

// One pass gives every sum: count, Σx, min, max and Σ(x − K)² of the finite values, and the
// same with weights over those with positive weight, where K is the first finite value. Shifting
// by a sample keeps the variance accurate (the squared distance of any sample from the mean is at
// most the sum of them all), and one pass reads the column and its weights once instead of twice.
// The loops leave their sums in `acc`: a loop function that built an object or array after its
// loop would run that part without type feedback and be deoptimised on every call.
const ACC_LENGTH = 13;
type Sums = [
  count: number,
  sum: number,
  min: number,
  max: number,
  ss: number,
  wcount: number,
  sw: number,
  sw2: number,
  swx: number,
  wmin: number,
  wmax: number,
  wss: number,
  shift: number,
];

function firstFinite(col: Float64Array): number {
  for (let i = 0; i < col.length; i++) if (col[i]! - col[i]! === 0) return col[i]!;
  return 0;
}

/** Into acc: count, Σx, min, max, Σ(x − K)² of the finite values; acc[12] = K. */
function moments(col: Float64Array, acc: Float64Array): void {
  const k = firstFinite(col);
  let count = 0;
  let sum = 0;
  let ss = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) continue; // NaN or ±Infinity
    count++;
    sum += x;
    const d = x - k;
    ss += d * d;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  acc[0] = count;
  acc[1] = sum;
  acc[2] = min;
  acc[3] = max;
  acc[4] = ss;
  acc[12] = k;
}

/** `moments`, and into acc[5..12) the count, Σw, Σw², Σwx, min, max and Σw(x − K)² of the rows with positive weight. */
function bothMoments(col: Float64Array, weights: Float64Array, acc: Float64Array): void {
  const k = firstFinite(col);
  let count = 0;
  let sum = 0;
  let ss = 0;
  let min = Infinity;
  let max = -Infinity;
  let wcount = 0;
  let sw = 0;
  let sw2 = 0;
  let swx = 0;
  let wss = 0;
  let wmin = Infinity;
  let wmax = -Infinity;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) continue;
    count++;
    sum += x;
    const d = x - k;
    const dd = d * d;
    ss += dd;
    if (x < min) min = x;
    if (x > max) max = x;
    const w = weights[i]!;
    if (!(w > 0)) continue;
    wcount++;
    sw += w;
    sw2 += w * w;
    swx += w * x;
    wss += w * dd;
    if (x < wmin) wmin = x;
    if (x > wmax) wmax = x;
  }
  acc[0] = count;
  acc[1] = sum;
  acc[2] = min;
  acc[3] = max;
  acc[4] = ss;
  acc[5] = wcount;
  acc[6] = sw;
  acc[7] = sw2;
  acc[8] = swx;
  acc[9] = wmin;
  acc[10] = wmax;
  acc[11] = wss;
  acc[12] = k;
}

/** A mean computed from rounded sums can stray past the extremes by an ulp; keep it inside. */
const clampTo = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

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
