// Summary statistics of one column of samples, optionally weighted by evidence: mean, sd,
// quartiles and the 5th/95th percentiles, the Monte Carlo standard error of the mean, and how
// many samples were not finite numbers (those are counted, never averaged in).

import { quantilesInPlace, weightedQuantiles } from './quantiles.ts';

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
  return weights ? weightedSummary(col, weights) : plainSummary(col);
}

function plainSummary(col: Float64Array): Summary {
  const n = col.length;
  let finite = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < n; i++) {
    const x = col[i]!;
    if (x - x !== 0) continue; // NaN or ±Infinity
    finite++;
    const d = x - mean;
    mean += d / finite;
    m2 += d * (x - mean);
  }
  const bad = n - finite;
  if (finite === 0) return nanSummary(bad);
  const values = bad === 0 ? Float64Array.from(col) : col.filter((x) => x - x === 0);
  const [p5, p25, p50, p75, p95] = quantilesInPlace(values, SUMMARY_PS);
  const sd = finite > 1 ? Math.sqrt(m2 / (finite - 1)) : 0;
  return { mean, sd, p5: p5!, p25: p25!, p50: p50!, p75: p75!, p95: p95!, mcse: sd / Math.sqrt(finite), bad };
}

function weightedSummary(col: Float64Array, w: Float64Array): Summary {
  let sw = 0;
  let sw2 = 0;
  let mean = 0;
  let s = 0;
  let bad = 0;
  // West's weighted incremental mean and variance.
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) {
      bad++;
      continue;
    }
    const wi = w[i]!;
    if (!(wi > 0)) continue;
    sw += wi;
    sw2 += wi * wi;
    const d = x - mean;
    mean += (wi / sw) * d;
    s += wi * d * (x - mean);
  }
  if (!(sw > 0)) return nanSummary(bad);
  const sd = Math.sqrt(s / sw);
  const ess = (sw * sw) / sw2;
  const [p5, p25, p50, p75, p95] = weightedQuantiles(col, w, SUMMARY_PS);
  return { mean, sd, p5: p5!, p25: p25!, p50: p50!, p75: p75!, p95: p95!, mcse: sd / Math.sqrt(ess), bad };
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
