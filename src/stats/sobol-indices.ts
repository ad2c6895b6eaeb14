// Sobol indices of k independent factors for any function of them, with the estimators of
// Saltelli et al. (2010):
//
//   A, B: two independent samples of N rows; AB_i: A with column i taken from B.
//   V     = variance of f over the 2N rows of A and B (pooled)
//   S_i   = (1/N) Σ_j f(B)_j (f(AB_i)_j − f(A)_j) / V            (Saltelli 2010, first order)
//   ST_i  = (1/2N) Σ_j (f(A)_j − f(AB_i)_j)² / V                  (Jansen 1999, total)
//
// N(k + 2) evaluations for k factors. Outputs are centred on their pooled mean first (it does
// not change the expectations and lowers the variance of S_i). Intervals are percentile
// bootstrap intervals (default 1,000 resamples) over rows, resampled in 1,024 blocks of
// consecutive rows when N is larger (rows are independent draws, so blocks are; this keeps the
// bootstrap's cost independent of N). Each index's Monte Carlo error is the bootstrap
// standard deviation.

import { streamFor } from '../engine/random.ts';
import { quantilesInPlace } from './select.ts';
import { finiteValues } from './column.ts';

const SOBOL_BOOTSTRAP = 1000;
const SOBOL_CONFIDENCE = 0.95;
/** Rows are resampled in this many blocks of consecutive rows (each block one row when N is smaller). */
const SOBOL_BLOCKS = 1024;

/** Evaluate the output for rows given by factor columns; `base` says whose other randomness to use. */
export type SobolEvaluate = (cols: Float64Array[], base: 'A' | 'B') => Float64Array;

export interface SobolCoreOptions {
  /** Bootstrap resamples for the intervals (default 1,000; 0 for none). */
  bootstrap?: number;
  /** Seed of the bootstrap resampling. */
  seed?: number;
  /** Interval coverage, default 0.95. */
  confidence?: number;
}

export interface SobolIndex {
  first: number;
  total: number;
  firstCI: [number, number];
  totalCI: [number, number];
  /** Bootstrap standard deviations: the Monte Carlo error of each index. */
  firstMcse: number;
  totalMcse: number;
}

export interface SobolCoreResult {
  indices: SobolIndex[];
  mean: number;
  variance: number;
  /** Base rows N, and the rows whose outputs were all finite (the others are left out). */
  rows: number;
  rowsUsed: number;
  evaluations: number;
  bootstrap: number;
  confidence: number;
}

/** The evaluations of A, B and every AB_i. */
function evaluateAll(evaluate: SobolEvaluate, A: Float64Array[], B: Float64Array[]) {
  const yAB: Float64Array[] = [];
  for (let i = 0; i < A.length; i++) {
    const cols = A.slice();
    cols[i] = B[i]!;
    yAB.push(evaluate(cols, 'A'));
  }
  return { yA: evaluate(A, 'A'), yB: evaluate(B, 'B'), yAB };
}

/** Rows where every evaluation is finite. */
function finiteRows(yA: Float64Array, yB: Float64Array, yAB: Float64Array[]): number[] {
  const keep: number[] = [];
  for (let j = 0; j < yA.length; j++) {
    let ok = yA[j]! - yA[j]! === 0 && yB[j]! - yB[j]! === 0;
    for (let i = 0; i < yAB.length && ok; i++) ok = yAB[i]![j]! - yAB[i]![j]! === 0;
    if (ok) keep.push(j);
  }
  return keep;
}

/**
 * Per-row terms [(a + b), (a² + b²), t1_0, t2_0, …] with a, b the centred outputs of A and B,
 * summed into blocks of consecutive rows for the bootstrap: `sums` (width values per block) and
 * the rows in each block (`counts`).
 */
interface Blocks {
  width: number;
  blocks: number;
  sums: Float64Array;
  counts: Float64Array;
}

function blockSums(yA: Float64Array, yB: Float64Array, yAB: Float64Array[], keep: number[], mean: number): Blocks {
  const k = yAB.length;
  const m = keep.length;
  const width = 2 + 2 * k;
  const blocks = Math.max(1, Math.min(m, SOBOL_BLOCKS));
  const sums = new Float64Array(blocks * width);
  const counts = new Float64Array(blocks);
  for (let r = 0; r < m; r++) {
    const j = keep[r]!;
    const a = yA[j]! - mean;
    const b = yB[j]! - mean;
    const o = Math.floor((r * blocks) / m) * width;
    counts[o / width]!++;
    sums[o]! += a + b;
    sums[o + 1]! += a * a + b * b;
    for (let i = 0; i < k; i++) {
      const ab = yAB[i]![j]! - mean;
      sums[o + 2 + 2 * i]! += b * (ab - a);
      sums[o + 3 + 2 * i]! += 0.5 * (a - ab) * (a - ab);
    }
  }
  return { width, blocks, sums, counts };
}

/** The indices [S_0, ST_0, S_1, …] from summed terms over `count` rows, into `out`; returns V. */
function estimate(s: Float64Array, count: number, out: Float64Array): number {
  const k = out.length / 2;
  const m1 = s[0]! / (2 * count);
  const v = s[1]! / (2 * count) - m1 * m1;
  for (let i = 0; i < k; i++) {
    out[2 * i] = s[2 + 2 * i]! / count / v;
    out[2 * i + 1] = s[3 + 2 * i]! / count / v;
  }
  return v;
}

/** R bootstrap replicates of every index: blocks resampled with replacement. */
function bootstrap(b: Blocks, k: number, R: number, seed: number): Float64Array[] {
  const reps: Float64Array[] = Array.from({ length: 2 * k }, () => new Float64Array(R));
  const rng = streamFor(seed, 'sobol:bootstrap');
  const s = new Float64Array(b.width);
  const est = new Float64Array(2 * k);
  const scale = b.blocks / 4294967296;
  for (let r = 0; r < R; r++) {
    s.fill(0);
    let count = 0;
    for (let q = 0; q < b.blocks; q++) {
      const pick = Math.floor(rng.next32() * scale);
      const o = pick * b.width;
      count += b.counts[pick]!;
      for (let c = 0; c < b.width; c++) s[c]! += b.sums[o + c]!;
    }
    estimate(s, count, est);
    for (let c = 0; c < 2 * k; c++) reps[c]![r] = est[c]!;
  }
  return reps;
}

/** The percentile interval and standard deviation of one index's replicates. */
function interval(x: Float64Array, confidence: number): { ci: [number, number]; sd: number } {
  const R = x.length;
  if (R < 2) return { ci: [NaN, NaN], sd: NaN };
  let mu = 0;
  for (let b = 0; b < R; b++) mu += x[b]!;
  mu /= R;
  let ss = 0;
  for (let b = 0; b < R; b++) ss += (x[b]! - mu) ** 2;
  const lo = (1 - confidence) / 2;
  const [qlo, qhi] = quantilesInPlace(finiteValues(x), [lo, 1 - lo]);
  return { ci: [qlo!, qhi!], sd: Math.sqrt(ss / (R - 1)) };
}

/**
 * Sobol indices of the k factors whose samples are the columns of A and B (k columns of N
 * values each), for any function of them. Pure: the model wrapper and the tests share it.
 */
export function sobolIndices(
  evaluate: SobolEvaluate,
  A: Float64Array[],
  B: Float64Array[],
  opts: SobolCoreOptions = {},
): SobolCoreResult {
  const k = A.length;
  if (B.length !== k) throw new RangeError(`A has ${k} columns and B has ${B.length}`);
  const n = k > 0 ? A[0]!.length : 0;
  for (const c of [...A, ...B])
    if (c.length !== n) throw new RangeError('every column of A and B must have the same length');
  const R = Math.max(0, Math.floor(opts.bootstrap ?? SOBOL_BOOTSTRAP));
  const confidence = opts.confidence ?? SOBOL_CONFIDENCE;

  const { yA, yB, yAB } = evaluateAll(evaluate, A, B);
  const keep = finiteRows(yA, yB, yAB);
  const m = keep.length;
  let mean = 0;
  for (const j of keep) mean += yA[j]! + yB[j]!;
  mean /= 2 * m;
  const blocks = blockSums(yA, yB, yAB, keep, mean);
  const total = new Float64Array(blocks.width);
  for (let q = 0; q < blocks.blocks; q++)
    for (let c = 0; c < blocks.width; c++) total[c]! += blocks.sums[q * blocks.width + c]!;
  const point = new Float64Array(2 * k);
  const variance = m > 1 ? estimate(total, m, point) : NaN;
  const reps = R > 0 && m > 1 ? bootstrap(blocks, k, R, opts.seed ?? 0) : null;
  const none = { ci: [NaN, NaN] as [number, number], sd: NaN };
  const indices: SobolIndex[] = [];
  for (let i = 0; i < k; i++) {
    const f = reps ? interval(reps[2 * i]!, confidence) : none;
    const t = reps ? interval(reps[2 * i + 1]!, confidence) : none;
    indices.push({
      first: point[2 * i]!,
      total: point[2 * i + 1]!,
      firstCI: f.ci,
      totalCI: t.ci,
      firstMcse: f.sd,
      totalMcse: t.sd,
    });
  }
  return { indices, mean, variance, rows: n, rowsUsed: m, evaluations: n * (k + 2), bootstrap: R, confidence };
}
