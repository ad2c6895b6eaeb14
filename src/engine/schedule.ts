// What a run computes and where each column lives while it runs. A run goes segment by segment
// (SEGMENT rows at a time) through the steps it needs; a column the caller keeps is written in
// place into its full-length array, and every other column lives in a scratch register of one
// segment, taken when its step runs and handed on after the last step that reads it (liveness
// over the plan). So a run holds the kept columns plus a few registers of 32 kB, however many
// quantities the model has.

import { dependencyClosure, type Graph } from '../model/graph.ts';
import type { Plan, Step } from './plan.ts';
import type { EvidenceSelection } from './run.ts';

export interface ScheduleOptions {
  samples: number;
  /** Quantities supplied as whole columns instead of computed. */
  given?: Record<string, Float64Array>;
  /** Applied evidence, by name. */
  applied: ReadonlySet<string>;
  /** Compute only these quantities and what they and the applied evidence read (default: all). */
  only?: readonly string[] | null;
  /** Slots whose whole columns the caller keeps (written in place, never in a register). */
  keep: ReadonlySet<number>;
  /** Slots whose register must live to the end of the segment (read after the weights). */
  untilEnd?: ReadonlySet<number>;
}

export interface Schedule {
  steps: Step[];
  /** Index in `steps` of the step that fills each slot, or -1 (given, skipped or not computed). */
  stepOfSlot: Int32Array;
  /** Register of each slot, -1 for a kept, given or uncomputed slot. Aliases share a register. */
  registerOf: Int32Array;
  /** Registers a segment needs at most at once. */
  registers: number;
  /** Quantities computed (by name), or null for all of them. */
  needed: Set<string> | null;
  /** The applied evidence: name and the slot of its likelihood. */
  evidence: { name: string; slot: number }[];
  /** Given columns by slot. */
  given: Map<number, Float64Array>;
  /** Which steps the applied evidence can inform, and whether it can inform given columns. */
  informed: { steps: boolean[]; given: boolean };
}

/** The steps a run computes: not those of given columns, unapplied evidence or unneeded quantities. */
export function chooseSteps(
  graph: Graph,
  plan: Plan,
  opts: Pick<ScheduleOptions, 'samples' | 'given' | 'applied' | 'only'>,
): { steps: Step[]; needed: Set<string> | null; given: Map<number, Float64Array> } {
  const n = opts.samples;
  const skip = new Set<Step>();
  const given = new Map<number, Float64Array>();
  for (const [name, col] of Object.entries(opts.given ?? {})) {
    const slot = plan.entitySlot.get(name);
    if (slot === undefined) throw new RangeError(`'${name}' is not a quantity of this model`);
    if (col.length !== n) throw new RangeError(`the column given for '${name}' has ${col.length} values, not ${n}`);
    given.set(slot, col);
    for (const s of plan.stepsOf.get(name) ?? []) skip.add(s);
  }
  for (const ev of graph.evidence) {
    if (!opts.applied.has(ev.name)) for (const s of plan.stepsOf.get(`evidence:${ev.name}`) ?? []) skip.add(s);
  }
  const needed = opts.only ? dependencyClosure(graph, opts.only, [...opts.applied]) : null;
  if (needed)
    for (const e of graph.entities)
      if (!needed.has(e.name)) for (const s of plan.stepsOf.get(e.name) ?? []) skip.add(s);
  return { steps: plan.steps.filter((s) => !skip.has(s)), needed, given };
}

export function schedule(graph: Graph, plan: Plan, opts: ScheduleOptions): Schedule {
  const { steps, needed, given } = chooseSteps(graph, plan, opts);
  const evidence = graph.evidence
    .filter((ev) => opts.applied.has(ev.name))
    .map((ev) => ({ name: ev.name, slot: plan.evidenceSlot.get(ev.name)! }));
  return { ...layout(plan, steps, evidence, given, opts.keep, opts.untilEnd ?? new Set()), needed };
}

/** What a worker needs to lay out the same schedule: plain data. */
export interface ScheduleMessage {
  steps: number[];
  evidence: { name: string; slot: number }[];
  keep: number[];
  untilEnd: number[];
}

export function scheduleMessage(
  plan: Plan,
  s: Schedule,
  keep: Iterable<number>,
  untilEnd: Iterable<number>,
): ScheduleMessage {
  const index = new Map(plan.steps.map((step, i) => [step, i]));
  return {
    steps: s.steps.map((step) => index.get(step)!),
    evidence: s.evidence,
    keep: [...keep],
    untilEnd: [...untilEnd],
  };
}

export function scheduleFrom(plan: Plan, msg: ScheduleMessage, given: Map<number, Float64Array>): Schedule {
  const steps = msg.steps.map((i) => plan.steps[i]!);
  return { ...layout(plan, steps, msg.evidence, given, new Set(msg.keep), new Set(msg.untilEnd)), needed: null };
}

/** Registers for the chosen steps: each column's storage from its step to its last reader. */
function layout(
  plan: Plan,
  steps: Step[],
  evidence: { name: string; slot: number }[],
  given: Map<number, Float64Array>,
  keep: ReadonlySet<number>,
  untilEnd: ReadonlySet<number>,
): Omit<Schedule, 'needed'> {
  const stepOfSlot = new Int32Array(plan.slots).fill(-1);
  steps.forEach((s, i) => (stepOfSlot[s.slot] = i));
  // The slot whose storage each slot uses: an alias uses its target's.
  const home = (slot: number): number => {
    const i = stepOfSlot[slot]!;
    const s = i >= 0 ? steps[i]! : null;
    return s && s.kind === 'eval' && s.alias !== null ? home(s.alias) : slot;
  };
  // Last step (index) that reads each storage slot; the end of the segment for those read later.
  const END = steps.length;
  const lastUse = new Int32Array(plan.slots).fill(-1);
  steps.forEach((s, i) => {
    lastUse[home(s.slot)] = Math.max(lastUse[home(s.slot)]!, i);
    for (const r of s.reads) lastUse[home(r)] = Math.max(lastUse[home(r)]!, i);
  });
  for (const ev of evidence) lastUse[home(ev.slot)] = END;
  for (const slot of untilEnd) if (stepOfSlot[slot]! >= 0) lastUse[home(slot)] = END;

  const registerOf = new Int32Array(plan.slots).fill(-1);
  const free: number[] = [];
  let registers = 0;
  const releaseAt: number[][] = steps.map(() => []);
  steps.forEach((s, i) => {
    if (home(s.slot) === s.slot && !keep.has(s.slot)) {
      registerOf[s.slot] = free.length > 0 ? free.pop()! : registers++;
      const last = lastUse[s.slot]!;
      if (last < END) releaseAt[Math.max(last, i)]!.push(registerOf[s.slot]!);
    }
    // A register freed after this step is reusable from the next step on (this one may read it).
    for (const r of releaseAt[i]!) free.push(r);
  });
  for (const s of steps) if (home(s.slot) !== s.slot) registerOf[s.slot] = registerOf[home(s.slot)]!;

  const informed = informedSteps(
    steps,
    stepOfSlot,
    evidence.map((e) => stepOfSlot[e.slot]!),
  );
  return { steps, stepOfSlot, registerOf, registers, evidence, given, informed };
}

/** The slot whose column a slot shares (a node defined as another quantity), following aliases. */
export function homeSlot(plan: Plan, slot: number): number {
  return homesOf(plan)[slot]!;
}

// Every slot's home, worked out once per plan: a search of the steps for each slot asked about
// made a run of a model with tens of thousands of quantities quadratic (seconds per run).
const homes = new WeakMap<Plan, Int32Array>();

function homesOf(plan: Plan): Int32Array {
  const known = homes.get(plan);
  if (known) return known;
  const stepOf = new Int32Array(plan.slots).fill(-1);
  plan.steps.forEach((s, i) => {
    if (stepOf[s.slot] === -1) stepOf[s.slot] = i;
  });
  const home = new Int32Array(plan.slots).fill(-1);
  for (let slot = 0; slot < plan.slots; slot++) {
    // Walk the alias chain to a slot whose home is known or that is no alias, then give every slot
    // on the way that home, so each chain is walked once.
    const path: number[] = [];
    let at = slot;
    while (home[at] === -1) {
      path.push(at);
      const i = stepOf[at]!;
      const step = i >= 0 ? plan.steps[i]! : null;
      if (!step || step.kind !== 'eval' || step.alias === null) break;
      at = step.alias;
    }
    const found = home[at] === -1 ? at : home[at]!;
    for (const p of path) home[p] = found;
  }
  homes.set(plan, home);
  return home;
}

/**
 * Which steps the applied evidence can inform. The random draws are independent of each other
 * (each step has its own stream), so a step is independent of the likelihoods unless it reads,
 * however indirectly, a draw they read too. Given columns (from outside the run) count as one
 * draw together, so they inform each other whenever the likelihoods read any of them.
 */
function informedSteps(
  steps: readonly Step[],
  stepOfSlot: Int32Array,
  evidenceSteps: readonly number[],
): { steps: boolean[]; given: boolean } {
  const draws = new Set<number>();
  let given = false;
  const seen = new Set<number>(evidenceSteps);
  const stack = [...evidenceSteps];
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (steps[i]!.kind === 'sample') draws.add(i);
    for (const slot of steps[i]!.reads) {
      const j = stepOfSlot[slot]!;
      if (j < 0) given = true;
      else if (!seen.has(j)) {
        seen.add(j);
        stack.push(j);
      }
    }
  }
  const out = steps.map(() => false);
  // Plan order is dependency order: a step's inputs are decided before it.
  steps.forEach((step, i) => {
    out[i] =
      draws.has(i) ||
      step.reads.some((slot) => {
        const j = stepOfSlot[slot]!;
        return j >= 0 ? out[j]! : given;
      });
  });
  return { steps: out, given };
}

/** Whether the applied evidence can inform the quantity in `slot` (see informedSteps). */
export function isInformed(s: Schedule, slot: number): boolean {
  if (s.evidence.length === 0) return false;
  const i = s.stepOfSlot[slot]!;
  return i < 0 ? s.informed.given : s.informed.steps[i]!;
}

/** Which evidence a selection applies. */
export function appliedNames(graph: Graph, sel: EvidenceSelection): Set<string> {
  if (sel === 'none') return new Set();
  if (sel === 'all') return new Set(graph.evidence.map((e) => e.name));
  if (sel === 'default') return new Set(graph.evidence.filter((e) => e.applied).map((e) => e.name));
  const known = new Set(graph.evidence.map((e) => e.name));
  return new Set(sel.filter((n) => known.has(n)));
}
