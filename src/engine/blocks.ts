// Run a schedule over a range of segments: for each segment, every step into its register (or
// into its kept column, in place), then the weights, with a reducer called on each quantity as
// soon as its segment is ready. Segments are independent (each has its own random streams), so
// any thread can run any range and the numbers are those of one thread running them all.

import { keyWords, SEGMENT, type KeyWords } from './random.ts';
import { newScratch, sampleSegment, type Sampler, type SampleScratch } from './sample.ts';
import type { Schedule } from './schedule.ts';
import type { Plan, Step } from './plan.ts';
import type { RunWarning } from './run.ts';

/** What a run does with each segment besides computing it. */
export interface SegmentReducer {
  /** A step's column for this segment is ready (called right after the step). */
  step?(slot: number, col: Float64Array, seg: number, m: number): void;
  /** Every step and the weights of this segment are done (weights null without evidence). */
  end?(cols: readonly Float64Array[], weights: Float64Array | null, seg: number, m: number): void;
}

/** Counts of impossible rows and unusable likelihoods, keeping the first message by segment. */
export interface Problems {
  /** By step owner (or `evidence NAME`): rows, and the message of the earliest segment with any. */
  byNode: Map<string, { count: number; message: string; segment: number }>;
}

export const newProblems = (): Problems => ({ byNode: new Map() });

function note(p: Problems, node: string, count: number, message: string, segment: number): void {
  const had = p.byNode.get(node);
  if (!had) p.byNode.set(node, { count, message, segment });
  else {
    had.count += count;
    if (segment < had.segment) {
      had.message = message;
      had.segment = segment;
    }
  }
}

/** Merge another thread's problems into `into`. */
export function mergeProblems(into: Problems, from: Problems): void {
  for (const [node, q] of from.byNode) note(into, node, q.count, q.message, q.segment);
}

export interface RunSpec {
  samples: number;
  seed: number;
  sampler: Sampler;
  /** The quasi-random dimension of the plan's first draw (RunOptions.quasiOffset). */
  dimOffset?: number;
}

/** A thread's state for running segments of one schedule. */
export class SegmentRunner {
  private readonly registers: Float64Array[];
  private readonly cols: Float64Array[];
  private readonly scratch: SampleScratch = newScratch();
  private readonly keys: (KeyWords | null)[];
  private readonly weights: Float64Array | null;
  readonly problems = newProblems();

  constructor(
    private readonly plan: Plan,
    private readonly sched: Schedule,
    private readonly spec: RunSpec,
    /** Whole columns written in place, by slot (and the weights under slot −1). */
    private readonly kept: Map<number, Float64Array>,
  ) {
    this.registers = Array.from({ length: sched.registers }, () => new Float64Array(SEGMENT));
    this.cols = new Array<Float64Array>(plan.slots);
    this.keys = sched.steps.map((s) => (s.kind === 'sample' ? keyWords(spec.seed, s.key) : null));
    this.weights = sched.evidence.length > 0 && !kept.has(-1) ? new Float64Array(SEGMENT) : null;
  }

  /** Run segment `seg` (rows seg·SEGMENT …), calling the reducer as its columns become ready. */
  segment(seg: number, reducer: SegmentReducer): void {
    const { sched, cols } = this;
    const start = seg * SEGMENT;
    const m = Math.min(this.spec.samples, start + SEGMENT) - start;
    for (const [slot, col] of sched.given) cols[slot] = col.subarray(start, start + m);
    sched.steps.forEach((step, i) => {
      const col = this.columnFor(step.slot, start, m);
      cols[step.slot] = col;
      this.runStep(step, i, col, seg, m);
      reducer.step?.(step.slot, col, seg, m);
    });
    let weights: Float64Array | null = null;
    if (sched.evidence.length > 0) {
      weights = this.kept.get(-1)?.subarray(start, start + m) ?? this.weights!;
      this.weigh(weights, seg, m);
    }
    reducer.end?.(cols, weights, seg, m);
  }

  private columnFor(slot: number, start: number, m: number): Float64Array {
    const whole = this.kept.get(slot);
    if (whole) return whole.subarray(start, start + m);
    const r = this.sched.registerOf[slot]!;
    if (r < 0) {
      // An alias of a kept column: the same view.
      const i = this.sched.stepOfSlot[slot]!;
      const s = this.sched.steps[i]!;
      return this.cols[(s as Step & { kind: 'eval' }).alias!]!;
    }
    return this.registers[r]!;
  }

  private runStep(step: Step, i: number, out: Float64Array, seg: number, m: number): void {
    if (step.kind === 'sample') {
      const problem = { count: 0, message: '' };
      sampleSegment(
        step.spec,
        this.cols,
        out,
        m,
        seg,
        { words: this.keys[i]!, dim: step.dim + (this.spec.dimOffset ?? 0) },
        this.spec.sampler,
        this.scratch,
        problem,
      );
      if (problem.count > 0) note(this.problems, step.owner, problem.count, problem.message, seg);
    } else if (step.alias !== null) {
      // Shares its target's storage: nothing to compute.
    } else if (step.constant !== null) {
      out.fill(step.constant, 0, m);
    } else {
      step.fn(this.cols, out, m);
    }
  }

  /** Multiply the applied likelihoods into w; an unusable likelihood gives weight 0. */
  private weigh(w: Float64Array, seg: number, m: number): void {
    w.fill(1, 0, m);
    for (const { name, slot } of this.sched.evidence) {
      const lik = this.cols[slot]!;
      let bad = 0;
      for (let i = 0; i < m; i++) {
        const l = lik[i]!;
        if (l >= 0 && l < Infinity) w[i]! *= l;
        else {
          w[i] = 0;
          bad++;
        }
      }
      if (bad > 0)
        note(
          this.problems,
          `evidence ${name}`,
          bad,
          'the likelihood is negative, infinite or NaN in {count} of {n} samples (those samples get weight 0)',
          seg,
        );
    }
  }
}

/** Segments in a run of n samples. */
export const segmentsOf = (n: number) => Math.ceil(n / SEGMENT);

/** Warnings in plan order, each with its count and the message of the earliest segment. */
export function warningsOf(plan: Plan, problems: Problems, n: number): RunWarning[] {
  const order = new Map<string, number>();
  plan.steps.forEach((s, i) => {
    if (!order.has(s.owner)) order.set(s.owner, i);
  });
  const rank = (node: string) => order.get(node.startsWith('evidence ') ? `evidence:${node.slice(9)}` : node) ?? 0;
  return [...problems.byNode]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([node, q]) => ({
      node,
      count: q.count,
      message: node.startsWith('evidence ')
        ? q.message.replace('{count}', String(q.count)).replace('{n}', String(n))
        : `${q.message}, in ${q.count} of ${n} samples (those samples are NaN)`,
    }));
}
