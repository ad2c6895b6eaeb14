// Sobol variance-based sensitivity of a model: for each input, the first-order index S_i (the
// share of the output variance that the input explains on its own) and the total index ST_i (its
// share including every interaction), estimated by src/stats/sobol-indices.ts.
//
// The indices assume independent inputs. On a model, the factors are the inputs whose
// distribution has fixed parameters; A and B are two ordinary runs with different seeds (S and
// S + 1), and every AB_i run reuses A's random numbers for everything that is not a factor.
// Randomness that is not a factor (inputs whose distribution depends on other quantities,
// distributions inside nodes, inputs left out with --inputs) therefore stays with A: it counts
// in the variance but is attributed to no factor, so the totals can sum to less than one. Evidence
// is not applied: the indices describe the model's prior distribution.

import { hasDist } from '../model/expression.ts';
import type { Prepared, RunResult } from '../engine/run.ts';
import { quasiDimensions } from '../engine/plan.ts';
import { dependencyClosure } from '../model/graph.ts';
import { fail, type Result } from '../model/errors.ts';
import { givenFor, onlyNeeded } from './pinning.ts';
import { resolveInputs, type ExcludedInput } from './inputs.ts';
import {
  appliedEvidence,
  labelOf,
  meta,
  runDefaults,
  warningsOf,
  type AnalysisMeta,
  type AnalysisRunOptions,
} from './meta.ts';
import { isConstant } from '../stats/column.ts';
import { sobolIndices, type SobolEvaluate, type SobolIndex } from '../stats/sobol-indices.ts';

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
function secondSeed(seed: number): number {
  return seed === 2 ** 31 - 1 ? -(2 ** 31) : seed + 1;
}

type Runs = { A: RunResult; B: RunResult };

/** The same constant in both samples: not a factor. */
const constantIn = (runs: Runs, name: string) =>
  isConstant(runs.A.columns[name]!) &&
  isConstant(runs.B.columns[name]!) &&
  runs.A.columns[name]![0] === runs.B.columns[name]![0];

/** Inputs the output does not use or that are constant, and the independent inputs left (the default factors). */
function candidates(prepared: Prepared, runs: Runs, used: Set<string>): { excluded: ExcludedInput[]; roots: string[] } {
  const excluded: ExcludedInput[] = [];
  const roots: string[] = [];
  for (const name of prepared.inputs) {
    if (!used.has(name)) excluded.push({ input: name, reason: 'unused' });
    else if (constantIn(runs, name)) excluded.push({ input: name, reason: 'constant' });
    else if (prepared.graph.byName.get(name)!.deps.length === 0) roots.push(name);
  }
  return { excluded, roots };
}

/** The inputs named with --inputs, each of which must be independent of other quantities. */
function namedFactors(prepared: Prepared, inputs: string[]): Result<string[]> {
  const r = resolveInputs(prepared, inputs);
  if (!r.ok) return r;
  const dependent = r.value.filter((f) => prepared.graph.byName.get(f)!.deps.length > 0);
  if (dependent.length === 0) return r;
  const one = dependent.length === 1;
  return fail({
    code: 'invalid-request',
    file: '--inputs',
    message: `${dependent.map((d) => `'${d}'`).join(', ')} ${one ? 'has a distribution that depends' : 'have distributions that depend'} on other quantities; Sobol indices need independent inputs (name the quantities ${one ? 'it depends' : 'they depend'} on instead)`,
  });
}

/** Random quantities the output uses that are not factors: their share is in no row. */
function latentOf(prepared: Prepared, runs: Runs, used: Set<string>, factors: string[]): string[] {
  const factorSet = new Set(factors);
  return prepared.graph.entities
    .filter(
      (e) =>
        used.has(e.name) &&
        !factorSet.has(e.name) &&
        hasDist(e.expr) &&
        !(e.kind === 'input' && isConstant(runs.A.columns[e.name]!) && isConstant(runs.B.columns[e.name]!)),
    )
    .map((e) => e.name);
}

/** The run's warnings, evidence left out, and rows dropped for a non-finite output. */
function warningsFor(
  prepared: Prepared,
  runA: RunResult,
  opts: SobolOptions,
  core: { rows: number; rowsUsed: number },
) {
  const warnings = warningsOf(runA);
  const ignored = appliedEvidence(prepared, opts.evidence ?? 'default');
  if (ignored.length > 0)
    warnings.push(`evidence ${ignored.join(', ')} is not applied: Sobol indices describe the prior distribution`);
  if (core.rowsUsed < core.rows)
    warnings.push(
      `${core.rows - core.rowsUsed} of ${core.rows} rows had a NaN or infinite output in some evaluation and were left out`,
    );
  return warnings;
}

type BaseRun = ReturnType<typeof runDefaults> & { evidence: 'none' };

/** Samples A and B, each computing only what the output needs. */
function baseRuns(prepared: Prepared, run: BaseRun, used: Set<string>): { runs: Runs; quasiB: number } {
  const graph = prepared.graph;
  const A = prepared.run({ ...run, given: onlyNeeded(graph, used, run.samples) });
  // Under the sobol sampler, B takes the quasi-random dimensions after A's (Saltelli's design: A
  // and B are two halves of one sequence), else B's points would be functions of A's.
  const quasiB = quasiDimensions(prepared.plan);
  const B = prepared.run({
    ...run,
    seed: secondSeed(run.seed),
    quasiOffset: quasiB,
    given: onlyNeeded(graph, used, run.samples),
  });
  return { runs: { A, B }, quasiB };
}

/** What every evaluation of the estimator runs from: the model, the run options and samples A, B. */
interface Setup {
  prepared: Prepared;
  run: BaseRun;
  used: Set<string>;
  runs: Runs;
  quasiB: number;
}

/**
 * The output for a matrix of factor columns: the base sample's own output when none of its
 * columns (A or B, compared by identity) is replaced, else a run of the base with those replaced.
 */
function evaluator(setup: Setup, factors: string[], A: Float64Array[], B: Float64Array[]): SobolEvaluate {
  const { prepared, run, used, runs, quasiB } = setup;
  const output = runs.A.output;
  return (cols, base) => {
    const own: RunResult = base === 'A' ? runs.A : runs.B;
    const ref = base === 'A' ? A : B;
    const replace: Record<string, Float64Array> = {};
    cols.forEach((c, i) => {
      if (c !== ref[i]) replace[factors[i]!] = c;
    });
    if (Object.keys(replace).length === 0) return own.columns[output]!;
    const quasiOffset = base === 'A' ? 0 : quasiB;
    const r = prepared.run({
      ...run,
      seed: own.seed,
      quasiOffset,
      given: givenFor(prepared.graph, own, replace, used),
    });
    return r.columns[output]!;
  };
}

export function sobol(prepared: Prepared, opts: SobolOptions): Result<SobolResult> {
  const run = { ...runDefaults(opts), evidence: 'none' as const };
  const graph = prepared.graph;
  const used = dependencyClosure(graph, [graph.output]);
  const { runs, quasiB } = baseRuns(prepared, run, used);
  const runA = runs.A;

  const { excluded, roots } = candidates(prepared, runs, used);
  let factors = roots;
  if (opts.inputs && opts.inputs.length > 0) {
    const named = namedFactors(prepared, opts.inputs);
    if (!named.ok) return named;
    factors = named.value;
  }
  const latent = latentOf(prepared, runs, used, factors);

  const A = factors.map((f) => runA.columns[f]!);
  const B = factors.map((f) => runs.B.columns[f]!);
  const evaluate = evaluator({ prepared, run, used, runs, quasiB }, factors, A, B);
  const core = sobolIndices(evaluate, A, B, { bootstrap: opts.bootstrap, confidence: opts.confidence, seed: run.seed });
  const rows: SobolRow[] = factors.map((input, i) => ({ input, label: labelOf(prepared, input), ...core.indices[i]! }));
  rows.sort((a, b) => (b.total || 0) - (a.total || 0) || a.input.localeCompare(b.input));
  const warnings = warningsFor(prepared, runA, opts, core);
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
      seeds: { A: run.seed, B: secondSeed(run.seed) },
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
