// The engine's public entry: prepare a model once (graph, overrides, compiled plan), then run
// it as often as needed with different sample counts, seeds, samplers or supplied columns.

import { buildGraph, type ExtraEvidence, type Graph, type Probe } from '../model/graph.ts';
import { scenarioOverrides, type InputOverride } from '../model/overrides.ts';
import { buildPlan, type Plan } from './plan.ts';
import type { Sampler } from './sample.ts';
import { homeSlot } from './schedule.ts';
import { summarizeRun, type RunSummaries, type SummarizeOptions } from './summarize.ts';
import { localExecutor, processExecutor, type PassExecutor } from './pass-executors.ts';
import { execute, summarizeColumns } from './run-columns.ts';
import { ColumnPool } from './column-pool.ts';
import type { Project } from '../model/project.ts';
import type { Result } from '../model/errors.ts';

export { SAMPLERS, type Sampler } from './sample.ts';
export { useExecutors } from './pass-executors.ts';

/** Most samples of a run that is summarised (it keeps no columns). */
export const MAX_SAMPLES = 100_000_000;
/** Most samples of a run that keeps its columns (analyses, CSV, charts). */
export const MAX_COLUMN_SAMPLES = 10_000_000;
/** A summarised run keeps its columns (one pass) when they take at most this much memory. */
export const KEEP_BYTES = 256 * 2 ** 20;
/**
 * The columns a summary keeps while it reads them, reused by the next summary of that size (fresh
 * memory is mapped and zeroed on first touch, and collected later). Holds at most 32 MB between
 * runs: a million samples of four quantities.
 */
const KEPT_FOR_SUMMARIES = new ColumnPool(32 * 2 ** 20);

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
      run: (o) => {
        checkSamples(o.samples, MAX_COLUMN_SAMPLES);
        return execute(g, p, scenario, o);
      },
      summarize: (o, executor) => summarizePrepared(g, p, scenario, o, executor),
    },
  };
}

/**
 * A prepared model's summaries: from kept columns while they fit (cheaper than computing the
 * segments again), else in passes that keep none.
 */
function summarizePrepared(
  g: Graph,
  p: Plan,
  scenario: string | null,
  o: SummarizeOptions,
  executor?: PassExecutor,
): RunSummaries {
  checkSamples(o.samples, MAX_SAMPLES);
  const threads = executor ?? processExecutor(g, p);
  const names = o.only ?? g.entities.map((e) => e.name);
  const homes = new Set(names.map((nm) => homeSlot(p, p.entitySlot.get(nm)!))).size;
  const bytes = 8 * o.samples * (homes + 1 + g.evidence.length);
  if (o.samples <= MAX_COLUMN_SAMPLES && bytes <= (o.keepBytes ?? KEEP_BYTES)) {
    const { samples, seed, sampler, evidence } = o;
    const pool = o.pool ?? KEPT_FOR_SUMMARIES;
    const r = execute(g, p, scenario, { samples, seed, sampler, evidence, only: names, executor: threads, pool });
    const s = summarizeColumns(g, p, r, names, threads);
    r.release();
    return { ...s, stats: { ...s.stats, wholeColumns: homes } };
  }
  return summarizeRun(g, p, { model: g.model.id, scenario, output: g.output }, o, threads ?? localExecutor(p));
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
