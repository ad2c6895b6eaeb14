// The engine's public entry: prepare a model once (graph, overrides, compiled plan), then run
// it as often as needed with different sample counts, seeds, samplers or supplied columns.

import { buildGraph, type ExtraEvidence, type Graph, type Probe } from '../model/graph.ts';
import { scenarioOverrides, type InputOverride } from '../model/overrides.ts';
import { buildPlan, type Plan } from './plan.ts';
import type { Sampler } from './sample.ts';
import { SegmentRunner, segmentsOf, warningsOf } from './blocks.ts';
import { startRun } from './progress.ts';
import { SEGMENT } from './random.ts';
import { appliedNames, homeSlot, isInformed, schedule, scheduleMessage } from './schedule.ts';
import { summarizeRun, type RunSummaries, type SummarizeOptions } from './summarize.ts';
import { columnsExecutor, localExecutor, type PassExecutor } from './pass-executors.ts';
import type { ColumnPool } from './column-pool.ts';
import type { Project } from '../model/project.ts';
import type { Result } from '../model/errors.ts';

export { SAMPLERS, type Sampler } from './sample.ts';

/** Most samples of a run that is summarised (it keeps no columns). */
export const MAX_SAMPLES = 100_000_000;
/** Most samples of a run that keeps its columns (analyses, CSV, charts). */
export const MAX_COLUMN_SAMPLES = 10_000_000;
/** A summarised run keeps its columns (one pass) when they take at most this much memory. */
export const KEEP_BYTES = 256 * 2 ** 20;

export type { QuantitySummary, RunSummaries, SummarizeOptions } from './summarize.ts';

export interface PrepareOptions {
  scenario?: string | null;
  /** Overrides on top of the scenario's (a `--set` or what-if edit wins over the scenario). */
  overrides?: InputOverride[];
  /** Evidence supplied at run time, e.g. resolved predictions. Applied unless evidence is 'none'. */
  extraEvidence?: ExtraEvidence[];
  /** Derived quantities evaluated per sample, returned among the columns under their names. */
  probes?: Probe[];
}

/** Which evidence to apply: the file's defaults, all, none, or the named entries. */
export type EvidenceSelection = 'default' | 'all' | 'none' | string[];

export interface RunOptions {
  samples: number;
  seed: number;
  sampler?: Sampler;
  /** Input columns supplied instead of sampled (Sobol matrices, pinned inputs); length = samples. */
  given?: Record<string, Float64Array>;
  evidence?: EvidenceSelection;
  /** Where the run's columns come from; `RunResult.release()` hands them back. */
  pool?: ColumnPool;
  /**
   * Compute only these quantities and what they and the applied evidence read; the result's
   * columns hold just those. Default: every quantity.
   */
  only?: readonly string[];
  /** Runs the segments (e.g. on several threads, threads.ts); default: `useExecutors`', or here. */
  executor?: PassExecutor;
  /**
   * Under the sobol sampler, the quasi-random dimension of the first draw (default 0). A second
   * design that must be independent of a first (Sobol indices' B beside A) starts after the
   * first's dimensions (`quasiDimensions(plan)`): the same scrambled points in the same
   * dimensions under two seeds are functions of each other, not independent samples.
   */
  quasiOffset?: number;
}

export interface RunWarning {
  node: string;
  count: number;
  message: string;
}

export interface AppliedEvidence {
  name: string;
  likelihood: Float64Array;
}

export interface RunResult {
  model: string;
  samples: number;
  seed: number;
  sampler: Sampler;
  scenario: string | null;
  /** Qualified name of the model's output. */
  output: string;
  /** Every input and node by qualified name, in evaluation order. */
  columns: Record<string, Float64Array>;
  evidence: AppliedEvidence[];
  /** Product of the applied likelihoods, or null when no evidence is applied. */
  weights: Float64Array | null;
  /**
   * The weights that give a quantity's posterior: the run's weights, or null when the applied
   * evidence cannot inform it (it shares no random draw with any likelihood, so it is
   * independent of them and its posterior is exactly its prior).
   */
  weightsOf(name: string): Float64Array | null;
  warnings: RunWarning[];
  /** Summaries of every column (or of `names`), the same numbers as `Prepared.summarize` gives. */
  summarize(names?: readonly string[]): RunSummaries;
  /**
   * Hand the columns this run allocated back to the pool it took them from (a no-op without
   * one). The result's columns and weights must not be used afterwards.
   */
  release(): void;
}

export interface Prepared {
  graph: Graph;
  plan: Plan;
  scenario: string | null;
  /** Qualified names of the inputs, in evaluation order. */
  inputs: string[];
  /** Evidence entries this run can apply, with whether each applies by default. */
  evidence: { name: string; applied: boolean; note: string | null; text: string }[];
  run(opts: RunOptions): RunResult;
  /**
   * Summaries of every quantity (prior and posterior) without keeping columns: memory of a few
   * segments at any sample count. `executor` runs the passes' segments (default: this thread).
   */
  summarize(opts: SummarizeOptions, executor?: PassExecutor): RunSummaries;
}

export function prepare(project: Project, modelId: string, opts: PrepareOptions = {}): Result<Prepared> {
  const model = project.models.get(modelId);
  if (!model) return { ok: false, errors: [{ code: 'unknown-model', message: `there is no model '${modelId}'` }] };
  const scenario = opts.scenario ?? null;
  const fromScenario = scenarioOverrides(model, scenario);
  if (!fromScenario.ok) return fromScenario;
  const overrides = [...fromScenario.value, ...(opts.overrides ?? [])];
  const graph = buildGraph(project, modelId, overrides, opts.extraEvidence ?? [], opts.probes ?? []);
  if (!graph.ok) return graph;
  const plan = buildPlan(graph.value);
  if (!plan.ok) return plan;
  const g = graph.value;
  const p = plan.value;
  return {
    ok: true,
    value: {
      graph: g,
      plan: p,
      scenario,
      inputs: g.entities.filter((e) => e.kind === 'input').map((e) => e.name),
      evidence: g.evidence.map((e) => ({ name: e.name, applied: e.applied, note: e.note, text: e.text })),
      run: (o) => execute(g, p, scenario, o),
      summarize: (o, executor) => {
        checkSamples(o.samples, MAX_SAMPLES);
        const threads = executor ?? executors?.(g, p);
        // Keeping the columns is cheaper than computing the segments again, while they fit.
        const names = o.only ?? g.entities.map((e) => e.name);
        const homes = new Set(names.map((nm) => homeSlot(p, p.entitySlot.get(nm)!))).size;
        const bytes = 8 * o.samples * (homes + 1 + g.evidence.length);
        if (o.samples <= MAX_COLUMN_SAMPLES && bytes <= (o.keepBytes ?? KEEP_BYTES)) {
          const { samples, seed, sampler, evidence } = o;
          const r = execute(g, p, scenario, { samples, seed, sampler, evidence, only: names, executor: threads });
          const s = summarizeColumns(g, p, r, names, threads);
          return { ...s, stats: { ...s.stats, wholeColumns: homes } };
        }
        const run = threads ?? localExecutor(p);
        return summarizeRun(g, p, { model: g.model.id, scenario, output: g.output }, o, run);
      },
    },
  };
}

let executors: ((graph: Graph, plan: Plan) => PassExecutor) | null = null;

/**
 * Run every summarising pass of this process with these executors (the command line's worker
 * threads, threads.ts), or on this thread again with null.
 */
export function useExecutors(make: ((graph: Graph, plan: Plan) => PassExecutor) | null): void {
  executors = make;
}

/** The evidence names a selection applies; unknown names are an error for the caller to show. */
export function selectEvidence(graph: Graph, sel: EvidenceSelection): { names: string[]; unknown: string[] } {
  if (sel === 'none') return { names: [], unknown: [] };
  if (sel === 'all') return { names: graph.evidence.map((e) => e.name), unknown: [] };
  if (sel === 'default') return { names: graph.evidence.filter((e) => e.applied).map((e) => e.name), unknown: [] };
  const known = new Set(graph.evidence.map((e) => e.name));
  return { names: sel.filter((n) => known.has(n)), unknown: sel.filter((n) => !known.has(n)) };
}

function checkSamples(n: number, max: number): void {
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`samples must be a whole number from 1 to ${max}`);
}

function execute(graph: Graph, plan: Plan, scenario: string | null, opts: RunOptions): RunResult {
  const n = opts.samples;
  checkSamples(n, MAX_COLUMN_SAMPLES);
  const sampler = opts.sampler ?? 'mc';
  const applied = appliedNames(graph, opts.evidence ?? 'default');
  const chosen = schedule(graph, plan, {
    samples: n,
    given: opts.given,
    applied,
    only: opts.only ?? null,
    keep: new Set(),
  });
  const names = graph.entities.filter((e) => !chosen.needed || chosen.needed.has(e.name)).map((e) => e.name);
  // Kept in full: every quantity asked for and every applied likelihood, each in its home slot
  // (a node defined as another quantity shares its column), and the weights (slot −1).
  const wanted = [...names.map((nm) => plan.entitySlot.get(nm)!), ...chosen.evidence.map((e) => e.slot)];
  const keep = new Set(wanted.map((s) => homeSlot(plan, s)).filter((s) => chosen.stepOfSlot[s]! >= 0));
  const sched = schedule(graph, plan, { samples: n, given: opts.given, applied, only: opts.only ?? null, keep });

  // On several threads, the kept columns live in shared memory that every thread writes into.
  const segments = segmentsOf(n);
  const executor = segments > 1 ? (opts.executor ?? executors?.(graph, plan) ?? null) : null;
  const pool = executor ? undefined : opts.pool;
  const owned: Float64Array[] = [];
  const take = (): Float64Array => {
    if (executor) return new Float64Array(new SharedArrayBuffer(8 * n));
    if (!pool) return new Float64Array(n);
    const col = pool.take(n);
    owned.push(col);
    return col;
  };
  const kept = new Map<number, Float64Array>();
  for (const home of keep) kept.set(home, take());
  for (const s of wanted) if (kept.has(homeSlot(plan, s))) kept.set(s, kept.get(homeSlot(plan, s))!);
  const weights = sched.evidence.length > 0 ? take() : null;
  if (weights) kept.set(-1, weights);

  const spec = { samples: n, seed: opts.seed, sampler, dimOffset: opts.quasiOffset ?? 0 };
  const report = startRun();
  let problems;
  if (executor) {
    const task = {
      schedule: scheduleMessage(plan, sched, keep, []),
      run: spec,
      job: { kind: 'columns' as const, slots: [], weighted: [] },
      from: 0,
      to: segments,
      given: [...sched.given],
      kept: [...kept],
    };
    problems = executor(task, (done) => report(0, Math.min(n, done * SEGMENT), n)).problems;
  } else {
    const runner = new SegmentRunner(plan, sched, spec, kept);
    for (let seg = 0; seg < segments; seg++) {
      runner.segment(seg, {});
      if ((seg & 15) === 15) report(0, (seg + 1) * SEGMENT, n);
    }
    problems = runner.problems;
  }
  const warnings = warningsOf(plan, problems, n);
  if (weights && !weights.some((x) => x > 0))
    warnings.push({
      node: 'evidence',
      count: n,
      message: 'the applied evidence has likelihood 0 in every sample: the posterior is undefined',
    });

  const colOf = (slot: number) => kept.get(slot) ?? sched.given.get(slot)!;
  const evidence = sched.evidence.map((e) => ({ name: e.name, likelihood: colOf(e.slot) }));
  const weightsOf = (name: string): Float64Array | null => {
    const slot = plan.entitySlot.get(name);
    if (!weights || slot === undefined) return weights;
    return isInformed(sched, slot) ? weights : null;
  };
  const columns: Record<string, Float64Array> = {};
  for (const name of names) columns[name] = colOf(plan.entitySlot.get(name)!);
  let released = false;
  const release = () => {
    if (released || !pool) return;
    released = true;
    pool.give(owned);
  };
  const { output, model } = graph;
  const result: RunResult = {
    model: model.id,
    samples: n,
    seed: opts.seed,
    sampler,
    scenario,
    output,
    columns,
    evidence,
    weights,
    weightsOf,
    warnings,
    summarize: (names) => summarizeColumns(graph, plan, result, names ?? Object.keys(columns), executor ?? undefined),
    release,
  };
  return result;
}

/**
 * The summaries of a run's stored columns: the same numbers as summarising it without them, read
 * on `threads` when the columns are in shared memory.
 */
function summarizeColumns(
  graph: Graph,
  plan: Plan,
  result: RunResult,
  names: readonly string[],
  threads?: PassExecutor,
): RunSummaries {
  const columns = new Map<number, Float64Array>();
  for (const [name, col] of Object.entries(result.columns))
    columns.set(homeSlot(plan, plan.entitySlot.get(name)!), col);
  const s = summarizeRun(
    graph,
    plan,
    { model: result.model, scenario: result.scenario, output: result.output },
    {
      samples: result.samples,
      seed: result.seed,
      sampler: result.sampler,
      evidence: result.evidence.map((e) => e.name),
      only: names,
    },
    columnsExecutor(plan, columns, result.weights, threads),
  );
  return { ...s, warnings: result.warnings };
}
