// Sobol variance-based sensitivity: for each input, the first-order index S_i (the share of
// the output variance that the input explains on its own) and the total index ST_i (its share
// including every interaction), with the estimators of Saltelli et al. (2010):
//
//   A, B: two independent samples of N rows; AB_i: A with column i taken from B.
//   V     = variance of f over the 2N rows of A and B (pooled)
//   S_i   = (1/N) Σ_j f(B)_j (f(AB_i)_j − f(A)_j) / V            (Saltelli 2010, first order)
//   ST_i  = (1/2N) Σ_j (f(A)_j − f(AB_i)_j)² / V                  (Jansen 1999, total)
//
// N(k + 2) evaluations for k inputs. Outputs are centred on their pooled mean first (it does
// not change the expectations and lowers the variance of S_i). Intervals are percentile
// bootstrap intervals (default 1,000 resamples) over rows, resampled in 1,024 blocks of
// consecutive rows when N is larger (rows are independent draws, so blocks are; this keeps the
// bootstrap's cost independent of N). Each index's Monte Carlo error is the bootstrap
// standard deviation.
//
// The indices assume independent inputs. On a model, the factors are the inputs whose
// distribution has fixed parameters; A and B are two ordinary runs with different seeds (S and
// S + 1), and every AB_i run reuses A's random numbers for everything that is not a factor.
// Randomness that is not a factor (inputs whose distribution depends on other quantities,
// distributions inside nodes, inputs left out with --inputs) therefore stays with A: it counts
// in the variance but is attributed to no factor, so the totals can sum to less than one. Evidence
// is not applied: the indices describe the model's prior distribution.

import { hasDist } from '../model/expression.ts';
import { streamFor } from '../engine/random.ts';
import type { Prepared, RunResult } from '../engine/run.ts';
import type { Result } from '../model/errors.ts';
import { quantilesInPlace } from './quantiles.ts';
import {
  ancestors,
  appliedEvidence,
  finiteValues,
  givenFor,
  onlyNeeded,
  labelOf,
  meta,
  resolveInputs,
  runDefaults,
  warningsOf,
  isConstant,
  type AnalysisMeta,
  type AnalysisRunOptions,
  type ExcludedInput,
} from './pinning.ts';

export const SOBOL_BOOTSTRAP = 1000;
export const SOBOL_CONFIDENCE = 0.95;
/** Rows are resampled in this many blocks of consecutive rows (each block one row when N is smaller). */
export const SOBOL_BLOCKS = 1024;

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

  const yA = evaluate(A, 'A');
  const yB = evaluate(B, 'B');
  const yAB: Float64Array[] = [];
  for (let i = 0; i < k; i++) {
    const cols = A.slice();
    cols[i] = B[i]!;
    yAB.push(evaluate(cols, 'A'));
  }

  // Rows where every evaluation is finite.
  const keep: number[] = [];
  for (let j = 0; j < n; j++) {
    let ok = yA[j]! - yA[j]! === 0 && yB[j]! - yB[j]! === 0;
    for (let i = 0; i < k && ok; i++) ok = yAB[i]![j]! - yAB[i]![j]! === 0;
    if (ok) keep.push(j);
  }
  const m = keep.length;
  let mean = 0;
  for (const j of keep) mean += yA[j]! + yB[j]!;
  mean /= 2 * m;

  // Per-row terms [(a + b), (a² + b²), t1_0, t2_0, …] with a, b the centred outputs of A and B,
  // summed into blocks of consecutive rows for the bootstrap.
  const width = 2 + 2 * k;
  const blocks = Math.max(1, Math.min(m, SOBOL_BLOCKS));
  const BS = new Float64Array(blocks * width);
  const BC = new Float64Array(blocks);
  for (let r = 0; r < m; r++) {
    const j = keep[r]!;
    const a = yA[j]! - mean;
    const b = yB[j]! - mean;
    const o = Math.floor((r * blocks) / m) * width;
    BC[o / width]!++;
    BS[o]! += a + b;
    BS[o + 1]! += a * a + b * b;
    for (let i = 0; i < k; i++) {
      const ab = yAB[i]![j]! - mean;
      BS[o + 2 + 2 * i]! += b * (ab - a);
      BS[o + 3 + 2 * i]! += 0.5 * (a - ab) * (a - ab);
    }
  }
  const sums = new Float64Array(width);
  for (let q = 0; q < blocks; q++) for (let c = 0; c < width; c++) sums[c]! += BS[q * width + c]!;
  const estimate = (s: Float64Array, count: number, out: Float64Array) => {
    const m1 = s[0]! / (2 * count);
    const v = s[1]! / (2 * count) - m1 * m1;
    for (let i = 0; i < k; i++) {
      out[2 * i] = s[2 + 2 * i]! / count / v;
      out[2 * i + 1] = s[3 + 2 * i]! / count / v;
    }
    return v;
  };
  const point = new Float64Array(2 * k);
  const variance = m > 1 ? estimate(sums, m, point) : NaN;

  // Bootstrap: resample blocks with replacement (rows are independent draws, so blocks are).
  const reps: Float64Array[] = Array.from({ length: 2 * k }, () => new Float64Array(R));
  if (R > 0 && m > 1) {
    const rng = streamFor(opts.seed ?? 0, 'sobol:bootstrap');
    const s = new Float64Array(width);
    const est = new Float64Array(2 * k);
    const scale = blocks / 4294967296;
    for (let b = 0; b < R; b++) {
      s.fill(0);
      let count = 0;
      for (let q = 0; q < blocks; q++) {
        const pick = Math.floor(rng.next32() * scale);
        const o = pick * width;
        count += BC[pick]!;
        for (let c = 0; c < width; c++) s[c]! += BS[o + c]!;
      }
      estimate(s, count, est);
      for (let c = 0; c < 2 * k; c++) reps[c]![b] = est[c]!;
    }
  }
  const lo = (1 - confidence) / 2;
  const interval = (c: number): { ci: [number, number]; sd: number } => {
    if (R < 2 || m < 2) return { ci: [NaN, NaN], sd: NaN };
    const x = reps[c]!;
    let mu = 0;
    for (let b = 0; b < R; b++) mu += x[b]!;
    mu /= R;
    let ss = 0;
    for (let b = 0; b < R; b++) ss += (x[b]! - mu) ** 2;
    const finite = finiteValues(x);
    const [qlo, qhi] = quantilesInPlace(finite, [lo, 1 - lo]);
    return { ci: [qlo!, qhi!], sd: Math.sqrt(ss / (R - 1)) };
  };
  const indices: SobolIndex[] = [];
  for (let i = 0; i < k; i++) {
    const f = interval(2 * i);
    const t = interval(2 * i + 1);
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

export interface SobolRow extends SobolIndex {
  input: string;
  label: string | null;
}

export interface SobolResult extends AnalysisMeta {
  analysis: 'sobol';
  /** Base rows N (also in `samples`); the model ran N(k + 2) rows in all. */
  baseRows: number;
  rowsUsed: number;
  evaluations: number;
  bootstrap: number;
  confidence: number;
  /** Seeds of the two independent samples A and B. */
  seeds: { A: number; B: number };
  mean: number;
  variance: number;
  /** Sorted by total index, largest first. */
  rows: SobolRow[];
  sumFirst: number;
  sumTotal: number;
  /** Random quantities the output depends on that are not factors (their share is in no row). */
  latent: string[];
  excluded: ExcludedInput[];
  warnings: string[];
}

export interface SobolOptions extends AnalysisRunOptions {
  inputs?: string[];
  bootstrap?: number;
  confidence?: number;
}

/** Seed of sample B, from the seed S of sample A: S + 1 within 32-bit signed integers. */
export function secondSeed(seed: number): number {
  return seed === 2 ** 31 - 1 ? -(2 ** 31) : seed + 1;
}

export function sobol(prepared: Prepared, opts: SobolOptions): Result<SobolResult> {
  const run = { ...runDefaults(opts), evidence: 'none' as const };
  const graph = prepared.graph;
  const seedB = secondSeed(run.seed);
  const used = ancestors(graph, [graph.output]);
  const runA = prepared.run({ ...run, given: onlyNeeded(graph, used, run.samples) });
  const runB = prepared.run({ ...run, seed: seedB, given: onlyNeeded(graph, used, run.samples) });
  const output = runA.output;

  const excluded: ExcludedInput[] = [];
  const roots: string[] = [];
  for (const name of prepared.inputs) {
    if (!used.has(name)) excluded.push({ input: name, reason: 'unused' });
    else if (
      isConstant(runA.columns[name]!) &&
      isConstant(runB.columns[name]!) &&
      runA.columns[name]![0] === runB.columns[name]![0]
    )
      excluded.push({ input: name, reason: 'constant' });
    else if (graph.byName.get(name)!.deps.length === 0) roots.push(name);
  }
  let factors = roots;
  if (opts.inputs && opts.inputs.length > 0) {
    const r = resolveInputs(prepared, opts.inputs);
    if (!r.ok) return r;
    const dependent = r.value.filter((f) => graph.byName.get(f)!.deps.length > 0);
    if (dependent.length > 0) {
      return {
        ok: false,
        errors: [
          {
            code: 'invalid-request',
            file: '--inputs',
            message: `${dependent.map((d) => `'${d}'`).join(', ')} ${dependent.length === 1 ? 'has a distribution that depends' : 'have distributions that depend'} on other quantities; Sobol indices need independent inputs (name the quantities ${dependent.length === 1 ? 'it depends' : 'they depend'} on instead)`,
          },
        ],
      };
    }
    factors = r.value;
  }
  const factorSet = new Set(factors);
  const latent = graph.entities
    .filter(
      (e) =>
        used.has(e.name) &&
        !factorSet.has(e.name) &&
        hasDist(e.expr) &&
        !(e.kind === 'input' && isConstant(runA.columns[e.name]!) && isConstant(runB.columns[e.name]!)),
    )
    .map((e) => e.name);

  const A = factors.map((f) => runA.columns[f]!);
  const B = factors.map((f) => runB.columns[f]!);
  const evaluate: SobolEvaluate = (cols, base) => {
    const own: RunResult = base === 'A' ? runA : runB;
    const ref = base === 'A' ? A : B;
    const replace: Record<string, Float64Array> = {};
    cols.forEach((c, i) => {
      if (c !== ref[i]) replace[factors[i]!] = c;
    });
    if (Object.keys(replace).length === 0) return own.columns[output]!;
    const r = prepared.run({ ...run, seed: own.seed, given: givenFor(graph, own, replace, used) });
    return r.columns[output]!;
  };
  const core = sobolIndices(evaluate, A, B, { bootstrap: opts.bootstrap, confidence: opts.confidence, seed: run.seed });
  const rows: SobolRow[] = factors.map((input, i) => ({ input, label: labelOf(prepared, input), ...core.indices[i]! }));
  rows.sort((a, b) => (b.total || 0) - (a.total || 0) || a.input.localeCompare(b.input));
  const warnings = warningsOf(runA);
  const ignored = appliedEvidence(prepared, opts.evidence ?? 'default');
  if (ignored.length > 0)
    warnings.push(`evidence ${ignored.join(', ')} is not applied: Sobol indices describe the prior distribution`);
  if (core.rowsUsed < core.rows)
    warnings.push(
      `${core.rows - core.rowsUsed} of ${core.rows} rows had a NaN or infinite output in some evaluation and were left out`,
    );
  return {
    ok: true,
    value: {
      analysis: 'sobol',
      ...meta({ prepared, base: runA }, []),
      baseRows: core.rows,
      rowsUsed: core.rowsUsed,
      evaluations: core.evaluations,
      bootstrap: core.bootstrap,
      confidence: core.confidence,
      seeds: { A: run.seed, B: seedB },
      mean: core.mean,
      variance: core.variance,
      rows,
      sumFirst: rows.reduce((s, r) => s + r.first, 0),
      sumTotal: rows.reduce((s, r) => s + r.total, 0),
      latent,
      excluded,
      warnings,
    },
  };
}
