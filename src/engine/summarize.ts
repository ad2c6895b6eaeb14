// A run summarised without keeping its columns: the memory of a few segments, whatever the
// number of samples. A first pass gathers each quantity's exact moments and key bins that bracket
// every quantile; later passes recompute the segments for the quantiles still open
// (summary-passes.ts) until each is read off exactly; the summaries are made of both
// (summary-targets.ts).

import { appliedNames, homeSlot, isInformed, schedule } from './schedule.ts';
import { SEGMENT } from './random.ts';
import { startRun } from './progress.ts';
import type { Moments } from './moments.ts';
import type { FirstResult } from './reducers.ts';
import { newProblems, segmentsOf, warningsOf, type Problems } from './blocks.ts';
import { firstPass, resolveQuantiles, type SummaryRun } from './summary-passes.ts';
import { firstCounts, summaryOf, targetsOf, type Targets } from './summary-targets.ts';
import type { PassExecutor } from './pass-executors.ts';
import type { Graph } from '../model/graph.ts';
import type { Plan } from './plan.ts';
import type { RunWarning, EvidenceSelection } from './run.ts';
import type { Sampler } from './sample.ts';
import type { ColumnPool } from './column-pool.ts';

export { SUMMARY_PS } from './summary-targets.ts';

/** A quantity's summary: moments, quantiles, Monte Carlo standard error, non-finite count. */
export interface QuantitySummary {
  mean: number;
  sd: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  /** sd/√n, or sd/√ESS when weighted. */
  mcse: number;
  /** Samples that were NaN or ±Infinity, left out of every statistic. */
  bad: number;
}

export interface SummarizeOptions {
  samples: number;
  seed: number;
  sampler?: Sampler;
  evidence?: EvidenceSelection;
  /** Summarise only these quantities (default: every quantity). */
  only?: readonly string[];
  /** Most values collected at once across all brackets of a pass (memory: 16 bytes each). */
  collectBudget?: number;
  /**
   * Keep the columns (one pass, no recomputing) when they take at most this many bytes; else
   * summarise in passes that keep none. Default 256 MB; 0 always summarises without columns.
   */
  keepBytes?: number;
  /** Where kept columns come from and go back to once summarised (default: the engine's own). */
  pool?: ColumnPool;
  /** Told how far the run has got: passes done, and segments done of this pass. */
  progress?: (p: { pass: number; done: number; segments: number }) => void;
}

export interface RunSummaries {
  model: string;
  scenario: string | null;
  output: string;
  samples: number;
  seed: number;
  sampler: Sampler;
  /** Summarised quantities, in evaluation order. */
  quantities: string[];
  prior: Record<string, QuantitySummary>;
  /** Null when no evidence applies; an uninformed quantity's posterior is its prior. */
  posterior: Record<string, QuantitySummary> | null;
  evidence: string[];
  ess: number | null;
  warnings: RunWarning[];
  /**
   * How the run went: passes over the samples, registers of one segment, whole columns kept,
   * values collected in all, and the most collected in one pass (held at once).
   */
  stats: { passes: number; registers: number; wholeColumns: number; collected: number; mostCollected: number };
}

export const DEFAULT_COLLECT_BUDGET = 1 << 24;

/** Who the summaries are of (the model, scenario and output). */
export interface SummaryMeta {
  model: string;
  scenario: string | null;
  output: string;
}

export function summarizeRun(
  graph: Graph,
  plan: Plan,
  meta: SummaryMeta,
  opts: SummarizeOptions,
  execute: PassExecutor,
): RunSummaries {
  const r = summaryRun(graph, plan, opts, execute);
  const firsts = firstPass(r);
  const targets = r.slots.map((_, i) => targetsOf(firsts.moments[i]!, r.weighted[i]!));
  const counts = firstCounts(targets, firsts);
  firsts.histograms.length = 0; // read: let them go before the next pass
  const { collected, mostCollected } = resolveQuantiles(r, firsts, targets, counts);
  const { prior, posterior } = summariesOf(r, firsts, targets);
  return {
    ...meta,
    samples: r.run.samples,
    seed: opts.seed,
    sampler: r.run.sampler,
    quantities: r.names,
    prior,
    posterior,
    evidence: r.sched.evidence.map((e) => e.name),
    ess: essOf(firsts.weights),
    warnings: warningsWith(plan, r.problems, firsts.weights, r.run.samples),
    stats: { passes: r.passes, registers: r.sched.registers, wholeColumns: 0, collected, mostCollected },
  };
}

/** A summarising run's set-up: what it summarises, its first pass's schedule, its progress. */
function summaryRun(graph: Graph, plan: Plan, opts: SummarizeOptions, execute: PassExecutor): SummaryRun {
  const n = opts.samples;
  const applied = appliedNames(graph, opts.evidence ?? 'default');
  const only = opts.only ?? null;
  const base = schedule(graph, plan, { samples: n, applied, only, keep: new Set() });
  // The quantities asked for (what they read is computed, not summarised), in evaluation order.
  const asked = opts.only ? new Set(opts.only) : null;
  const names = graph.entities.filter((e) => (asked ? asked.has(e.name) : true)).map((e) => e.name);
  // Quantities sharing a column (a node defined as another) share its summary.
  const slots = [...new Set(names.map((name) => homeSlot(plan, plan.entitySlot.get(name)!)))];
  const weighted = slots.map((s) => isInformed(base, s));
  const untilEnd = new Set(slots.filter((_, i) => weighted[i]));
  const sched = schedule(graph, plan, { samples: n, applied, only, keep: new Set(), untilEnd });
  const segments = segmentsOf(n);
  const reporter = startRun();
  const r: SummaryRun = {
    graph,
    plan,
    run: { samples: n, seed: opts.seed, sampler: opts.sampler ?? 'mc' },
    applied,
    names,
    slots,
    weighted,
    sched,
    segments,
    execute,
    problems: newProblems(),
    passes: 0,
    collectBudget: opts.collectBudget ?? DEFAULT_COLLECT_BUDGET,
    progress: (done) => {
      opts.progress?.({ pass: r.passes, done, segments });
      reporter(r.passes, Math.min(n, done * SEGMENT), n);
    },
  };
  return r;
}

/** Every summarised name's prior and (with evidence) posterior summary. */
function summariesOf(
  r: SummaryRun,
  firsts: FirstResult,
  targets: Targets[],
): { prior: Record<string, QuantitySummary>; posterior: Record<string, QuantitySummary> | null } {
  const { plan } = r;
  const n = r.run.samples;
  const prior: Record<string, QuantitySummary> = {};
  const posterior: Record<string, QuantitySummary> | null = r.sched.evidence.length > 0 ? {} : null;
  for (const name of r.names) {
    const i = r.slots.indexOf(homeSlot(plan, plan.entitySlot.get(name)!));
    const m = firsts.moments[i]!;
    prior[name] = summaryOf(m, targets[i]!, false, n);
    if (posterior) posterior[name] = r.weighted[i] ? summaryOf(m, targets[i]!, true, n) : prior[name]!;
  }
  return { prior, posterior };
}

/** The effective sample size (Σw)²/Σw², or null without evidence. */
function essOf(weights: Moments | null): number | null {
  if (!weights) return null;
  const s = weights.sums[0]!.value();
  const s2 = weights.sums[1]!.value();
  return s2 > 0 ? (s * s) / s2 : 0;
}

function warningsWith(plan: Plan, problems: Problems, weights: Moments | null, n: number): RunWarning[] {
  const out = warningsOf(plan, problems, n);
  if (weights && !(weights.max > 0))
    out.push({
      node: 'evidence',
      count: n,
      message: 'the applied evidence has likelihood 0 in every sample: the posterior is undefined',
    });
  return out;
}
