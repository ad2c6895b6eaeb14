// A run summarised without keeping its columns: the memory of a few segments, whatever the
// number of samples. Pass 1 goes through every segment once, summarising each quantity as soon
// as its segment is ready (priors right after their step, posteriors once the segment's weights
// are known): exact moments, and key bins that bracket every quantile. Later passes recompute
// the segments from their random streams (cheaper than keeping columns) for the quantities whose
// quantiles are still open, until every quantile is read off exactly (quantile-targets.ts).

import { appliedNames, homeSlot, isInformed, schedule, scheduleMessage } from './schedule.ts';
import { SEGMENT } from './random.ts';
import { startRun } from './progress.ts';
import type { Moments } from './moments.ts';
import { mergeBrackets, mergeFirst, type FirstMessage, type BracketsMessage, type ShiftsMessage } from './reducers.ts';
import { bracketFromKeys, planBrackets, resolveTarget, type Target } from './quantile-targets.ts';
import { boundBits } from './fixed-weight.ts';
import { fineBitsFor } from './key-histogram.ts';
import { newProblems, mergeProblems, segmentsOf, warningsOf, type Problems, type RunSpec } from './blocks.ts';
import type { PassExecutor } from './pass-executors.ts';
import type { Graph } from '../model/graph.ts';
import type { Plan } from './plan.ts';
import type { RunWarning, EvidenceSelection } from './run.ts';
import type { Sampler } from './sample.ts';

export const SUMMARY_PS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

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

/** Binades of room above segment 0's largest weight for the first pass's weight sums. */
const FIRST_PASS_ROOM = 30;

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
  const n = opts.samples;
  const sampler = opts.sampler ?? 'mc';
  const run: RunSpec = { samples: n, seed: opts.seed, sampler };
  const applied = appliedNames(graph, opts.evidence ?? 'default');
  const base = schedule(graph, plan, { samples: n, applied, only: opts.only ?? null, keep: new Set() });
  // The quantities asked for (what they read is computed, not summarised), in evaluation order.
  const asked = opts.only ? new Set(opts.only) : null;
  const names = graph.entities.filter((e) => (asked ? asked.has(e.name) : true)).map((e) => e.name);
  // Quantities sharing a column (a node defined as another) share its summary.
  const slots = [...new Set(names.map((name) => homeSlot(plan, plan.entitySlot.get(name)!)))];
  const weighted = slots.map((s) => isInformed(base, s));
  const untilEnd = slots.filter((_, i) => weighted[i]);
  const sched = schedule(graph, plan, {
    samples: n,
    applied,
    only: opts.only ?? null,
    keep: new Set(),
    untilEnd: new Set(untilEnd),
  });
  const segments = segmentsOf(n);
  const problems = newProblems();
  let passes = 0;
  const reporter = startRun();
  const progress = (done: number) => {
    opts.progress?.({ pass: passes, done, segments });
    reporter(passes, Math.min(n, done * SEGMENT), n);
  };

  // The shift of each quantity's squares: its first finite value in segment 0; and segment 0's
  // largest weight, which sets the scale of the first pass's weight sums (with room to grow).
  const { shifts, maxWeight } = execute(
    {
      schedule: scheduleMessage(plan, sched, [], untilEnd),
      run,
      job: { kind: 'shifts', slots, weighted },
      from: 0,
      to: 1,
    },
    () => {},
  ).messages[0] as ShiftsMessage;
  const first = execute(
    {
      schedule: scheduleMessage(plan, sched, [], untilEnd),
      run,
      job: {
        kind: 'first',
        slots,
        weighted,
        shifts,
        evidence: sched.evidence.length > 0,
        weightBits: boundBits(maxWeight, FIRST_PASS_ROOM),
        fineBits: fineBitsFor(n),
      },
      from: 0,
      to: segments,
    },
    progress,
  );
  passes++;
  mergeProblems(problems, first.problems);
  const firsts = mergeFirst(first.messages as FirstMessage[]);

  // Targets: each plain quantile's two order statistics, and each weighted quantile's threshold.
  const targets = slots.map((_, i) => targetsOf(firsts.moments[i]!, weighted[i]!));
  const counts = new Map<Target, number>();
  targets.forEach((ts, i) => {
    const m = firsts.moments[i]!;
    for (const t of ts.all) {
      if (t.value !== null) continue;
      counts.set(t, bracketFromKeys(t, firsts.histograms[i]!, t.kind === 'weight' ? m.posterior().total : m.count));
    }
  });
  firsts.histograms.length = 0; // read: let them go before the next pass
  // Later passes know the run's largest weight: their weight sums need no room to grow.
  const weightBits = boundBits(firsts.weights?.max ?? 0, 0);
  let collected = 0;
  let mostCollected = 0;
  for (let round = 0; round < 64; round++) {
    const open = slots.map((_, i) => i).filter((i) => targets[i]!.all.some((t) => t.value === null));
    if (open.length === 0) break;
    const budget = { left: opts.collectBudget ?? DEFAULT_COLLECT_BUDGET };
    const openWeighted = open.map((i) => targets[i]!.all.some((t) => t.value === null && t.kind === 'weight'));
    const plans = open.map((i) => planBrackets(targets[i]!.all, counts, budget));
    const openNames = open.map((i) => names.find((nm) => homeSlot(plan, plan.entitySlot.get(nm)!) === slots[i])!);
    const needWeights = openWeighted.some((w) => w);
    const passSched = schedule(graph, plan, {
      samples: n,
      applied: needWeights ? applied : new Set(),
      only: openNames,
      keep: new Set(),
      untilEnd: new Set(open.filter((_, j) => openWeighted[j]).map((i) => slots[i]!)),
    });
    const res = execute(
      {
        schedule: scheduleMessage(
          plan,
          passSched,
          [],
          open.filter((_, j) => openWeighted[j]).map((i) => slots[i]!),
        ),
        run,
        job: { kind: 'brackets', slots: open.map((i) => slots[i]!), weighted: openWeighted, plans, weightBits },
        from: 0,
        to: segments,
      },
      progress,
    );
    passes++;
    const found = mergeBrackets(res.messages as BracketsMessage[]);
    let inPass = 0;
    open.forEach((i, j) => {
      const m = firsts.moments[i]!;
      const pass = found[j]!;
      for (let k = 0; k < pass.brackets.length; k++) if (pass.brackets[k]!.collect) inPass += pass.values[k]!.length;
      for (const t of targets[i]!.all) {
        if (t.value !== null) continue;
        const min = t.kind === 'weight' ? m.wmin : m.min;
        const max = t.kind === 'weight' ? m.wmax : m.max;
        counts.set(t, resolveTarget(t, pass, m.posterior().total, min, max));
      }
    });
    collected += inPass;
    mostCollected = Math.max(mostCollected, inPass);
  }

  const prior: Record<string, QuantitySummary> = {};
  const posterior: Record<string, QuantitySummary> | null = sched.evidence.length > 0 ? {} : null;
  for (const name of names) {
    const i = slots.indexOf(homeSlot(plan, plan.entitySlot.get(name)!));
    const m = firsts.moments[i]!;
    prior[name] = summaryOf(m, targets[i]!, false, n);
    if (posterior) posterior[name] = weighted[i] ? summaryOf(m, targets[i]!, true, n) : prior[name]!;
  }
  let ess: number | null = null;
  if (firsts.weights) {
    const s = firsts.weights.sums[0]!.value();
    const s2 = firsts.weights.sums[1]!.value();
    ess = s2 > 0 ? (s * s) / s2 : 0;
  }
  return {
    ...meta,
    samples: n,
    seed: opts.seed,
    sampler,
    quantities: names,
    prior,
    posterior,
    evidence: sched.evidence.map((e) => e.name),
    ess,
    warnings: warningsWith(plan, problems, firsts.weights, n),
    stats: { passes, registers: sched.registers, wholeColumns: 0, collected, mostCollected },
  };
}

interface Targets {
  all: Target[];
  /** Per summary probability: the plain quantile's two order statistics (or a value), its weighted one. */
  plain: { lo: Target; hi: Target; frac: number }[];
  weighted: Target[];
}

function targetsOf(m: Moments, weighted: boolean): Targets {
  const all: Target[] = [];
  const make = (kind: 'rank' | 'weight', rank: number, threshold: number, value: number | null): Target => {
    const t: Target = { kind, rank, threshold, lo: -Infinity, hi: Infinity, value };
    all.push(t);
    return t;
  };
  const c = m.count;
  const plain = SUMMARY_PS.map((p) => {
    if (c === 0) return { lo: make('rank', 0, 0, NaN), hi: make('rank', 0, 0, NaN), frac: 0 };
    const h = (c - 1) * p;
    const k = Math.floor(h);
    const known = m.min === m.max ? m.min : null;
    const lo = make('rank', k, 0, known);
    const hi = h > k ? make('rank', k + 1, 0, known) : lo;
    return { lo, hi, frac: h - k };
  });
  const post = weighted ? m.posterior() : null;
  const weightedTargets = SUMMARY_PS.map((p) => {
    if (!post) return make('weight', 0, 0, NaN);
    if (!(post.total > 0) || post.count === 0) return make('weight', 0, 0, NaN);
    return make('weight', 0, p * post.total, post.min === post.max ? post.min : null);
  });
  return { all, plain, weighted: weightedTargets };
}

function summaryOf(m: Moments, t: Targets, weighted: boolean, n: number): QuantitySummary {
  const bad = n - m.count;
  if (!weighted) {
    const s = m.prior();
    const [p5, p25, p50, p75, p95] = t.plain.map(({ lo, hi, frac }) =>
      lo.value === hi.value ? lo.value! : lo.value! + frac * (hi.value! - lo.value!),
    ) as [number, number, number, number, number];
    return unsigned({ mean: s.mean, sd: s.sd, p5, p25, p50, p75, p95, mcse: s.sd / Math.sqrt(s.count), bad });
  }
  const s = m.posterior();
  const [p5, p25, p50, p75, p95] = t.weighted.map((x) => x.value!) as [number, number, number, number, number];
  return unsigned({ mean: s.mean, sd: s.sd, p5, p25, p50, p75, p95, mcse: s.sd / Math.sqrt(s.ess), bad });
}

/**
 * −0 as 0: which zero a bin or a minimum keeps depends on the order values arrive in, so a
 * summary of −0 would change with the thread count (JSON prints both as 0 anyway).
 */
function unsigned(s: QuantitySummary): QuantitySummary {
  for (const k of Object.keys(s) as (keyof QuantitySummary)[]) if (s[k] === 0) s[k] = 0;
  return s;
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
