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
export function summaries(col: Float64Array, weights: Float64Array | null, prior = true): { prior: Summary; posterior: Summary | null } {
  // Sums and ranges first, then deviations from the means (more accurate than one-pass updates,
  // and without a division per sample); each loop is a small function V8 optimises on its own.
  const m = moments(col);
  const bad = col.length - m.count;
  const mean = m.count === 0 ? NaN : m.min === m.max ? m.min : clampTo(m.sum / m.count, m.min, m.max);
  const wm = weights ? weightedMoments(col, weights) : null;
  const wmean = !wm || !(wm.sw > 0) ? NaN : wm.min === wm.max ? wm.min : clampTo(wm.swx / wm.sw, wm.min, wm.max);
  const range = m.count > 0 && prior ? { count: m.count, min: m.min, max: m.max, total: m.count } : null;
  const wrange = wm && wm.count > 0 ? { count: wm.count, min: wm.min, max: wm.max, total: wm.sw } : null;
  const q = bothQuantiles(col, weights, range ? SUMMARY_PS : [], wrange ? SUMMARY_PS : [], range, wrange);

  let priorSummary = nanSummary(bad);
  if (m.count > 0) {
    const [ss, c] = deviations(col, mean);
    const sd = m.count > 1 ? Math.sqrt(Math.max(0, ss - (c * c) / m.count) / (m.count - 1)) : 0;
    const [p5, p25, p50, p75, p95] = range ? q.plain : SUMMARY_PS.map(() => NaN);
    priorSummary = { mean, sd, p5: p5!, p25: p25!, p50: p50!, p75: p75!, p95: p95!, mcse: sd / Math.sqrt(m.count), bad };
  }
  if (!weights || !wm) return { prior: priorSummary, posterior: null };
  let posterior = nanSummary(bad);
  if (wm.sw > 0) {
    const [ss, c] = weightedDeviations(col, weights, wmean);
    const sd = Math.sqrt(Math.max(0, ss - (c * c) / wm.sw) / wm.sw);
    const ess = (wm.sw * wm.sw) / wm.sw2;
    const [p5, p25, p50, p75, p95] = q.weighted;
    posterior = { mean: wmean, sd, p5: p5!, p25: p25!, p50: p50!, p75: p75!, p95: p95!, mcse: sd / Math.sqrt(ess), bad };
  }
  return { prior: priorSummary, posterior };
}

/** Count, sum and range of the finite values. */
function moments(col: Float64Array): { count: number; sum: number; min: number; max: number } {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) continue; // NaN or ±Infinity
    count++;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { count, sum, min, max };
}

/** Count, weight sums and range of the finite values with positive weight. */
function weightedMoments(col: Float64Array, weights: Float64Array): { count: number; sw: number; sw2: number; swx: number; min: number; max: number } {
  let count = 0;
  let sw = 0;
  let sw2 = 0;
  let swx = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    const w = weights[i]!;
    if (x - x !== 0 || !(w > 0)) continue;
    count++;
    sw += w;
    sw2 += w * w;
    swx += w * x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { count, sw, sw2, swx, min, max };
}

/** Σ(x − mean)² and Σ(x − mean) over the finite values (the second corrects rounding in the mean). */
function deviations(col: Float64Array, mean: number): [number, number] {
  let ss = 0;
  let c = 0;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) continue;
    const d = x - mean;
    ss += d * d;
    c += d;
  }
  return [ss, c];
}

function weightedDeviations(col: Float64Array, weights: Float64Array, mean: number): [number, number] {
  let ss = 0;
  let c = 0;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    const w = weights[i]!;
    if (x - x !== 0 || !(w > 0)) continue;
    const d = x - mean;
    ss += w * d * d;
    c += w * d;
  }
  return [ss, c];
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
