// The passes of a run summarised without its columns. The first goes through every segment
// once, summarising each quantity as soon as its segment is ready (priors right after their
// step, posteriors once the segment's weights are known): exact moments, and key bins that
// bracket every quantile. Later passes recompute the segments from their random streams
// (cheaper than keeping columns) for the quantities whose quantiles are still open, until every
// quantile is read off exactly (quantile-targets.ts).

import { homeSlot, schedule, scheduleMessage, type Schedule } from './schedule.ts';
import { mergeBrackets, mergeFirst, type FirstMessage, type BracketsMessage, type ShiftsMessage } from './reducers.ts';
import type { FirstResult } from './reducers.ts';
import { planBrackets, resolveTarget, type Target } from './quantile-targets.ts';
import { boundBits } from './fixed-weight.ts';
import { fineBitsFor } from './key-histogram.ts';
import { mergeProblems, type Problems, type RunSpec } from './blocks.ts';
import type { PassExecutor } from './pass-executors.ts';
import type { Targets } from './summary-targets.ts';
import type { Graph } from '../model/graph.ts';
import type { Plan } from './plan.ts';

/** One summarising run: what every pass shares, and how far it has got. */
export interface SummaryRun {
  graph: Graph;
  plan: Plan;
  run: RunSpec;
  /** The applied evidence's names. */
  applied: Set<string>;
  /** Summarised quantities in evaluation order, their home slots, and which are weighted. */
  names: string[];
  slots: number[];
  weighted: boolean[];
  /** The first pass's schedule (weighted slots kept until the segment's weights are known). */
  sched: Schedule;
  segments: number;
  execute: PassExecutor;
  problems: Problems;
  passes: number;
  /** Most values collected at once across all brackets of a pass. */
  collectBudget: number;
  progress: (done: number) => void;
}

/** Binades of room above segment 0's largest weight for the first pass's weight sums. */
const FIRST_PASS_ROOM = 30;

/** The weighted slots of the run, kept until each segment's weights are known. */
const untilEndOf = (r: SummaryRun): number[] => r.slots.filter((_, i) => r.weighted[i]);

/**
 * The first pass: each quantity's moments and key bins (and the weights' moments). Its squares
 * are shifted by each quantity's first finite value in segment 0, and its weight sums scaled by
 * segment 0's largest weight (with room to grow), both read by a pass over segment 0 first.
 */
export function firstPass(r: SummaryRun): FirstResult {
  const { slots, weighted, run } = r;
  const sched = scheduleMessage(r.plan, r.sched, [], untilEndOf(r));
  const { shifts, maxWeight } = r.execute(
    { schedule: sched, run, job: { kind: 'shifts', slots, weighted }, from: 0, to: 1 },
    () => {},
  ).messages[0] as ShiftsMessage;
  const job = {
    kind: 'first' as const,
    slots,
    weighted,
    shifts,
    evidence: r.sched.evidence.length > 0,
    weightBits: boundBits(maxWeight, FIRST_PASS_ROOM),
    fineBits: fineBitsFor(run.samples),
  };
  const first = r.execute({ schedule: sched, run, job, from: 0, to: r.segments }, r.progress);
  r.passes++;
  mergeProblems(r.problems, first.problems);
  return mergeFirst(first.messages as FirstMessage[]);
}

/**
 * Later passes until every target has its value (at most 64): `counts` holds what lies below
 * each open target's bracket. Returns the values collected in all and the most in one pass.
 */
export function resolveQuantiles(
  r: SummaryRun,
  firsts: FirstResult,
  targets: Targets[],
  counts: Map<Target, number>,
): { collected: number; mostCollected: number } {
  // Later passes know the run's largest weight: their weight sums need no room to grow.
  const weightBits = boundBits(firsts.weights?.max ?? 0, 0);
  let collected = 0;
  let mostCollected = 0;
  for (let round = 0; round < 64; round++) {
    const open = r.slots.map((_, i) => i).filter((i) => targets[i]!.all.some((t) => t.value === null));
    if (open.length === 0) break;
    const inPass = bracketPass(r, { firsts, targets, counts, open, weightBits });
    collected += inPass;
    mostCollected = Math.max(mostCollected, inPass);
  }
  return { collected, mostCollected };
}

interface Round {
  firsts: FirstResult;
  targets: Targets[];
  counts: Map<Target, number>;
  /** Indices (into the run's slots) of the quantities with an open target. */
  open: number[];
  weightBits: number;
}

/** One later pass over the open quantities; narrows `counts` and returns the values collected. */
function bracketPass(r: SummaryRun, o: Round): number {
  const { plan, slots } = r;
  const { firsts, targets, counts, open } = o;
  const budget = { left: r.collectBudget };
  const openWeighted = open.map((i) => targets[i]!.all.some((t) => t.value === null && t.kind === 'weight'));
  const plans = open.map((i) => planBrackets(targets[i]!.all, counts, budget));
  // The first name living in each slot, found once: a search per open quantity was quadratic.
  const nameIn = new Map<number, string>();
  for (const nm of r.names) {
    const home = homeSlot(plan, plan.entitySlot.get(nm)!);
    if (!nameIn.has(home)) nameIn.set(home, nm);
  }
  const openNames = open.map((i) => nameIn.get(slots[i]!)!);
  const untilEnd = open.filter((_, j) => openWeighted[j]).map((i) => slots[i]!);
  const passSched = schedule(r.graph, plan, {
    samples: r.run.samples,
    applied: openWeighted.some((w) => w) ? r.applied : new Set(),
    only: openNames,
    keep: new Set(),
    untilEnd: new Set(untilEnd),
  });
  const job = {
    kind: 'brackets' as const,
    slots: open.map((i) => slots[i]!),
    weighted: openWeighted,
    plans,
    weightBits: o.weightBits,
  };
  const schedMsg = scheduleMessage(plan, passSched, [], untilEnd);
  const res = r.execute({ schedule: schedMsg, run: r.run, job, from: 0, to: r.segments }, r.progress);
  r.passes++;
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
  return inPass;
}
