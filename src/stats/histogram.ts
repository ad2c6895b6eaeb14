// Histograms and empirical CDFs of a column of samples, optionally weighted by evidence. Pure
// functions over columns; no DOM, no I/O.
//
// Bins: Freedman–Diaconis width (2·IQR·n^(-1/3)) by default, or a fixed count; non-finite samples
// are left out and counted. Prior and posterior share their bin edges (taken from the
// unweighted column), so the two histograms overlay bin for bin. Densities are relative to the
// total weight of the finite samples, so they integrate to the share of the mass inside the
// domain (1 unless the domain was trimmed to cut off extreme tails).

import { columnQuantiles } from './quantiles.ts';
import { columnRange } from './column-range.ts';
import { sortedSamples } from './sorted.ts';

export interface Bin {
  /** [x0, x1): the last bin also holds values equal to its x1. */
  x0: number;
  x1: number;
  /** Samples in the bin (unweighted). */
  count: number;
  /** Weight in the bin ÷ (total weight × bin width). */
  density: number;
}

export interface Histogram {
  bins: Bin[];
  /** Finite samples (with positive weight, when weighted). */
  n: number;
  /** Samples below the first edge and above the last (only when the domain was trimmed). */
  below: number;
  above: number;
  /** Samples that were NaN or ±Infinity. */
  bad: number;
}

/**
 * 'auto' uses the full range unless the tails are extreme (the range is more than 4× the
 * central 99%), in which case the 0.5%…99.5% range; 'full' always uses min…max.
 */
export type DomainOption = 'auto' | 'full' | readonly [number, number];

export type AxisScale = 'linear' | 'log';

export interface HistogramOptions {
  weights?: Float64Array | null;
  /** Equal-width bins in x ('linear') or in log10 x ('log', positive values only). */
  scale?: AxisScale;
  /** A fixed number of equal-width bins, or 'fd' for the Freedman–Diaconis width. */
  bins?: number | 'fd';
  domain?: DomainOption;
  /** Upper bound on the number of bins under 'fd'. */
  maxBins?: number;
  /** Explicit ascending bin edges (overrides bins and domain). */
  edges?: readonly number[];
}

const DEFAULT_MAX_BINS = 80;
const DEFAULT_CDF_POINTS = 400;
/** Share of the mass cut from each tail when 'auto' trims the domain. */
const TRIM_TAIL = 0.005;

/** Ratio of the 99.5th to the 0.5th percentile above which positive data is drawn on a log axis. */
const LOG_SCALE_RATIO = 1000;

/** 'log' for positive data spanning more than three orders of magnitude, else 'linear'. */
export function chooseScale(col: Float64Array): AxisScale {
  const range = columnRange(col);
  if (range.count < 2 || !(range.min > 0)) return 'linear';
  const [lo, hi] = columnQuantiles(col, [TRIM_TAIL, 1 - TRIM_TAIL], range) as [number, number];
  return hi / lo >= LOG_SCALE_RATIO ? 'log' : 'linear';
}

/**
 * The domain and bin edges for a column: equal-width bins (in x, or in log10 x) over the chosen
 * domain. A column with a single value gets one bin of width 1% of the value (or 1 around zero).
 */
export function binEdges(col: Float64Array, opts: Omit<HistogramOptions, 'weights' | 'edges'> = {}): number[] {
  if (opts.scale === 'log') {
    const logs = col.filter((v) => v > 0 && v < Infinity).map(Math.log10);
    const domain = Array.isArray(opts.domain)
      ? ([Math.log10(opts.domain[0]!), Math.log10(opts.domain[1]!)] as const)
      : opts.domain;
    return binEdges(logs, { ...opts, scale: 'linear', domain }).map((e) => 10 ** e);
  }
  const range = columnRange(col);
  const { count: n, min, max } = range;
  if (n === 0) return [0, 1];
  const [qlo, q25, q75, qhi] = columnQuantiles(col, [TRIM_TAIL, 0.25, 0.75, 1 - TRIM_TAIL], range) as [
    number,
    number,
    number,
    number,
  ];
  let lo = min;
  let hi = max;
  const domain = opts.domain ?? 'auto';
  if (Array.isArray(domain)) [lo, hi] = domain as [number, number];
  else if (domain === 'auto' && qhi > qlo && max - min > 4 * (qhi - qlo)) [lo, hi] = [qlo, qhi];
  if (!(hi > lo)) {
    const h = lo === 0 ? 0.5 : Math.abs(lo) * 0.005;
    return [lo - h, lo + h];
  }
  let k: number;
  if (typeof opts.bins === 'number') k = Math.max(1, Math.round(opts.bins));
  else {
    const maxBins = opts.maxBins ?? DEFAULT_MAX_BINS;
    const iqr = q75 - q25;
    // Freedman–Diaconis; Sturges when the IQR is zero (e.g. mostly one value).
    k = iqr > 0 ? Math.ceil(((hi - lo) * Math.cbrt(n)) / (2 * iqr)) : Math.ceil(Math.log2(n) + 1);
    k = Math.max(1, Math.min(maxBins, k));
  }
  const edges: number[] = [];
  for (let i = 0; i <= k; i++) edges.push(i === k ? hi : lo + ((hi - lo) * i) / k);
  return edges;
}

/** Histogram of a column over the given edges (or edges chosen by `binEdges`). */
export function histogram(col: Float64Array, opts: HistogramOptions = {}): Histogram {
  const edges = opts.edges ? [...opts.edges] : binEdges(col, opts);
  if (edges.length < 2) throw new RangeError('a histogram needs at least two edges');
  for (let i = 1; i < edges.length; i++)
    if (!(edges[i]! > edges[i - 1]!)) throw new RangeError('bin edges must be strictly increasing');
  const w = opts.weights ?? null;
  if (w && w.length !== col.length) throw new RangeError('weights must have one entry per sample');
  const k = edges.length - 1;
  const lo = edges[0]!;
  const hi = edges[k]!;
  const counts = new Float64Array(k);
  const mass = new Float64Array(k);
  let bad = 0;
  let n = 0;
  let total = 0;
  let below = 0;
  let above = 0;
  const uniform = isUniform(edges);
  const width = (hi - lo) / k;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) {
      bad++;
      continue;
    }
    const wi = w ? w[i]! : 1;
    if (!(wi > 0)) continue;
    n++;
    total += wi;
    // Edges computed through log10 and back can miss the extremes by a rounding error.
    if (x < lo && x < lo - 1e-9 * Math.abs(lo)) {
      below++;
      continue;
    }
    if (x > hi && x > hi + 1e-9 * Math.abs(hi)) {
      above++;
      continue;
    }
    let b = uniform ? Math.floor((x - lo) / width) : upperIndex(edges, x) - 1;
    if (b >= k) b = k - 1;
    if (b < 0) b = 0;
    counts[b]++;
    mass[b] += wi;
  }
  const bins: Bin[] = [];
  for (let b = 0; b < k; b++) {
    const x0 = edges[b]!;
    const x1 = edges[b + 1]!;
    bins.push({ x0, x1, count: counts[b]!, density: total > 0 ? mass[b]! / (total * (x1 - x0)) : 0 });
  }
  return { bins, n, below, above, bad };
}

function isUniform(edges: number[]): boolean {
  const k = edges.length - 1;
  const width = (edges[k]! - edges[0]!) / k;
  for (let i = 1; i <= k; i++)
    if (Math.abs(edges[i]! - edges[i - 1]! - width) > 1e-9 * Math.max(Math.abs(width), 1e-300)) return false;
  return true;
}

/** Index of the first edge greater than x (binary search). */
function upperIndex(edges: number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface CdfPoint {
  x: number;
  /** P(X ≤ x), weighted when weights are given. */
  p: number;
}

/**
 * Empirical CDF of the finite samples: one point per distinct value, thinned to at most
 * `maxPoints` by keeping the first value reaching each of evenly spaced probabilities (the
 * smallest and largest values are always kept). Drawn as a step function.
 */
export function ecdf(col: Float64Array, opts: { weights?: Float64Array | null; maxPoints?: number } = {}): CdfPoint[] {
  const w = opts.weights ?? null;
  if (w && w.length !== col.length) throw new RangeError('weights must have one entry per sample');
  const maxPoints = Math.max(2, opts.maxPoints ?? DEFAULT_CDF_POINTS);
  const { xs, ws } = sortedSamples(col, w);
  const m = xs.length;
  if (m === 0) return [];
  let total = 0;
  if (ws) for (let j = 0; j < m; j++) total += ws[j]!;
  else total = m;
  let distinct = 1;
  for (let j = 1; j < m; j++) if (xs[j] !== xs[j - 1]) distinct++;
  // One walk over the distinct values with their cumulative share (the last one's is 1). Thinned:
  // the first distinct value reaching each of the evenly spaced probabilities k/(maxPoints − 1).
  const thin = distinct > maxPoints;
  const out: CdfPoint[] = [];
  let acc = 0;
  let k = 1;
  let d = 0;
  for (let j = 0; j < m; j++) {
    acc += ws ? ws[j]! : 1;
    if (j + 1 < m && xs[j + 1] === xs[j]) continue;
    const x = xs[j]!;
    const last = d === distinct - 1;
    const p = last ? 1 : Math.min(1, acc / total);
    if (!thin || d === 0) out.push({ x, p });
    if (thin) {
      while (k < maxPoints - 1 && (p >= k / (maxPoints - 1) || last)) {
        if (x > out[out.length - 1]!.x) out.push({ x, p });
        k++;
      }
      if (last && x > out[out.length - 1]!.x) out.push({ x, p: 1 });
    }
    d++;
  }
  return out;
}
