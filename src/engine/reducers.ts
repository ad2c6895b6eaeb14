// The work a pass does on each segment of a summarising run, described by plain data (a job) so
// that a worker thread can rebuild it, and the partial results it hands back as plain data (a
// message) to be merged. The first pass gathers moments and key bins; later passes gather what
// lies in and below each quantile's bracket.

import { Moments, type MomentsMessage } from './moments.ts';
import { KeyHistogram, type HistogramMessage } from './key-histogram.ts';
import { BracketPass, type BracketMessage, type BracketPlan } from './bracket-pass.ts';
import type { SegmentReducer } from './blocks.ts';

/** The quantities a pass summarises: slot, whether weighted (informed by applied evidence). */
export interface Summarised {
  slots: number[];
  weighted: boolean[];
}

export type PassJob =
  | ({ kind: 'columns' } & Summarised)
  | ({ kind: 'shifts' } & Summarised)
  | ({ kind: 'first'; shifts: number[]; evidence: boolean; weightBits: number; fineBits: number } & Summarised)
  | ({ kind: 'brackets'; plans: BracketPlan[][]; weightBits: number } & Summarised);

export interface FirstMessage {
  kind: 'first';
  moments: MomentsMessage[];
  histograms: HistogramMessage[];
  /** Moments of the weights themselves (Σw and Σw² about 0), for the effective sample size. */
  weights: MomentsMessage | null;
}

export interface BracketsMessage {
  kind: 'brackets';
  passes: BracketMessage[];
}

/**
 * Each quantity's first finite value in the segments seen (the shift of its squares), and the
 * largest weight there (for the scale of the first pass's weight sums).
 */
export interface ShiftsMessage {
  kind: 'shifts';
  shifts: number[];
  maxWeight: number;
}

export type PassMessage = { kind: 'columns' } | ShiftsMessage | FirstMessage | BracketsMessage;

const hiWords = (x: Float64Array, m: number) => new Int32Array(x.buffer, x.byteOffset, 2 * m);

/** A pass's reducer: feed it segments, then take its message. */
export interface PassReducer extends SegmentReducer {
  message(): PassMessage;
}

export function passReducer(job: PassJob): PassReducer {
  // A run that keeps its columns: the segments are written in place, nothing to gather.
  if (job.kind === 'columns') return { message: () => ({ kind: 'columns' }) };
  const index = new Map<number, number>();
  job.slots.forEach((s, i) => index.set(s, i));
  // Unweighted quantities are summarised as soon as computed, weighted ones at the segment's end.
  const now = job.slots.map((_, i) => !job.weighted[i]);
  const each: Each = {
    now: (slot) => {
      const i = index.get(slot);
      return i !== undefined && now[i] ? i : -1;
    },
    atEnd: (fn) => job.slots.forEach((slot, i) => void (!now[i] && fn(i, slot))),
  };
  if (job.kind === 'shifts') return shiftsReducer(job, each);
  if (job.kind === 'first') return firstReducer(job, each);
  return bracketsReducer(job, each);
}

/** Which of a pass's quantities a step feeds now, and those fed at the segment's end. */
interface Each {
  /** The quantity's index when slot `slot` is summarised right after its step, else −1. */
  now(slot: number): number;
  /** Call `fn` for every quantity summarised at the segment's end (weighted ones). */
  atEnd(fn: (i: number, slot: number) => void): void;
}

function shiftsReducer(job: Extract<PassJob, { kind: 'shifts' }>, each: Each): PassReducer {
  const shifts: (number | null)[] = job.slots.map(() => null);
  let maxWeight = 0;
  const take = (i: number, col: Float64Array, m: number) => {
    if (shifts[i] === null) for (let r = 0; r < m; r++) if (col[r]! - col[r]! === 0) return void (shifts[i] = col[r]!);
  };
  return {
    step(slot, col, _seg, m) {
      const i = each.now(slot);
      if (i >= 0) take(i, col, m);
    },
    end(cols, w, _seg, m) {
      each.atEnd((i, slot) => take(i, cols[slot]!, m));
      if (w) for (let r = 0; r < m; r++) if (w[r]! > maxWeight) maxWeight = w[r]!;
    },
    message: () => ({ kind: 'shifts', shifts: shifts.map((x) => x ?? 0), maxWeight }),
  };
}

function firstReducer(job: Extract<PassJob, { kind: 'first' }>, each: Each): PassReducer {
  const moments = job.slots.map((_, i) => new Moments(job.shifts[i]!, job.weighted[i]!));
  const hist = job.slots.map((_, i) => new KeyHistogram(job.weighted[i]!, job.weightBits, job.fineBits));
  const weights = job.evidence ? new Moments(0, false) : null;
  const add = (i: number, col: Float64Array, w: Float64Array | null, m: number) => {
    moments[i]!.add(col, w, m);
    hist[i]!.add(col, hiWords(col, m), w, m);
  };
  return {
    step(slot, col, _seg, m) {
      const i = each.now(slot);
      if (i >= 0) add(i, col, null, m);
    },
    end(cols, w, _seg, m) {
      each.atEnd((i, slot) => add(i, cols[slot]!, w, m));
      if (weights && w) weights.add(w, null, m);
    },
    message: () => ({
      kind: 'first',
      moments: moments.map((x) => x.toMessage()),
      histograms: hist.map((h) => h.toMessage()),
      weights: weights?.toMessage() ?? null,
    }),
  };
}

function bracketsReducer(job: Extract<PassJob, { kind: 'brackets' }>, each: Each): PassReducer {
  const passes = job.slots.map((_, i) => new BracketPass(job.plans[i]!, job.weighted[i]!, job.weightBits));
  return {
    step(slot, col, _seg, m) {
      const i = each.now(slot);
      if (i >= 0) passes[i]!.add(col, null, m);
    },
    end(cols, w, _seg, m) {
      each.atEnd((i, slot) => passes[i]!.add(cols[slot]!, w, m));
    },
    message: () => ({ kind: 'brackets', passes: passes.map((p) => p.toMessage()) }),
  };
}

/** Merged first-pass results. */
export interface FirstResult {
  moments: Moments[];
  histograms: KeyHistogram[];
  weights: Moments | null;
}

/** The threads' first-pass messages as one result (the same bits in any order or split). */
export function mergeFirst(messages: FirstMessage[]): FirstResult {
  const [head, ...rest] = messages;
  const moments = head!.moments.map((m) => Moments.from(m));
  const weights = head!.weights ? Moments.from(head!.weights) : null;
  for (const msg of rest) {
    msg.moments.forEach((m, i) => moments[i]!.merge(Moments.from(m)));
    if (weights && msg.weights) weights.merge(Moments.from(msg.weights));
  }
  const histograms = head!.histograms.map((_, i) => KeyHistogram.merged(messages.map((m) => m.histograms[i]!)));
  return { moments, histograms, weights };
}

/** The threads' messages of a later pass as one (the same bits in any order or split). */
export function mergeBrackets(messages: BracketsMessage[]): BracketPass[] {
  return messages[0]!.passes.map((_, i) => BracketPass.merged(messages.map((m) => m.passes[i]!)));
}
