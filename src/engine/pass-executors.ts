// Who runs a summarising pass's segments, and from what: a pass is plain data (a task: the
// schedule, the job, the range of segments) so that this thread or a worker thread can run any
// of its segments, either computing them from their random streams (SegmentRunner) or reading
// them from the whole columns of a run that kept them (ColumnReader). Both feed the same reducers
// in the same way, so a summary is the same bits whichever source and whichever thread.

import { SEGMENT } from './random.ts';
import { passReducer, type PassJob, type PassMessage } from './reducers.ts';
import { scheduleFrom, type ScheduleMessage } from './schedule.ts';
import { SegmentRunner, newProblems, type Problems, type RunSpec, type SegmentReducer } from './blocks.ts';
import type { Plan } from './plan.ts';
import type { Graph } from '../model/graph.ts';

/** What a summarising pass needs done: its job over segments [from, to) of a schedule. */
export interface PassTask {
  schedule: ScheduleMessage;
  run: RunSpec;
  job: PassJob;
  from: number;
  to: number;
  /** Whole columns read (given) and written in place (kept, the weights under slot −1), by slot. */
  given?: [number, Float64Array][];
  kept?: [number, Float64Array][];
  /**
   * The segments are read from `kept` (the columns of a finished run, its weights under slot −1)
   * instead of computed.
   */
  read?: boolean;
}

/** Runs a pass's segments, here or on several threads; returns one message per thread. */
export type PassExecutor = (
  task: PassTask,
  progress: (done: number) => void,
) => { messages: PassMessage[]; problems: Problems };

/** Where a thread's segments come from: computed, or read from whole columns. */
export interface SegmentSource {
  segment(seg: number, reducer: SegmentReducer): void;
  readonly problems: Problems;
}

/** A finished run's columns, segment by segment, for the reducers (nothing is computed). */
export class ColumnReader implements SegmentSource {
  readonly problems = newProblems();
  private readonly columns: Map<number, Float64Array>;
  private readonly cols: Float64Array[] = [];

  constructor(private readonly task: PassTask) {
    this.columns = new Map(task.kept ?? []);
  }

  segment(seg: number, reducer: SegmentReducer): void {
    const { task, cols } = this;
    const start = seg * SEGMENT;
    const m = Math.min(task.run.samples, start + SEGMENT) - start;
    for (const slot of task.job.slots) {
      cols[slot] = this.columns.get(slot)!.subarray(start, start + m);
      reducer.step?.(slot, cols[slot], seg, m);
    }
    const weights = task.schedule.evidence.length > 0 ? this.columns.get(-1) : undefined;
    reducer.end?.(cols, weights ? weights.subarray(start, start + m) : null, seg, m);
  }
}

/** A thread's source of segments for a task: its columns, or its schedule to compute them. */
export function runnerFor(plan: Plan, task: PassTask): SegmentSource {
  if (task.read) return new ColumnReader(task);
  const sched = scheduleFrom(plan, task.schedule, new Map(task.given ?? []));
  return new SegmentRunner(plan, sched, task.run, new Map(task.kept ?? []));
}

/** In-process: this thread runs every segment, in order. */
export function localExecutor(plan: Plan): PassExecutor {
  return (task, progress) => {
    const runner = runnerFor(plan, task);
    const reducer = passReducer(task.job);
    for (let seg = task.from; seg < task.to; seg++) {
      runner.segment(seg, reducer);
      progress(seg + 1 - task.from);
    }
    return { messages: [reducer.message()], problems: runner.problems };
  };
}

/** Whether a column can be read by other threads without a copy. */
const shared = (col: Float64Array) => col.buffer instanceof SharedArrayBuffer;

/**
 * From a run's stored columns (and weights) instead of recomputing: the same segments through
 * the same reducers, so a run that kept its columns is summarised with the same numbers. On
 * `threads` when the columns are in shared memory (a threaded run writes them there), else here.
 */
export function columnsExecutor(
  plan: Plan,
  columns: ReadonlyMap<number, Float64Array>,
  weights: Float64Array | null,
  threads?: PassExecutor,
): PassExecutor {
  const kept: [number, Float64Array][] = [...columns];
  if (weights) kept.push([-1, weights]);
  const executor = threads && kept.every(([, col]) => shared(col)) ? threads : localExecutor(plan);
  return (task, progress) => executor({ ...task, kept, read: true }, progress);
}

let executors: ((graph: Graph, plan: Plan) => PassExecutor) | null = null;

/**
 * Run every summarising pass of this process with these executors (the command line's worker
 * threads, threads.ts), or on this thread again with null.
 */
export function useExecutors(make: ((graph: Graph, plan: Plan) => PassExecutor) | null): void {
  executors = make;
}

/** The executor `useExecutors` set for this process, for one prepared model; undefined if none. */
export function processExecutor(graph: Graph, plan: Plan): PassExecutor | undefined {
  return executors?.(graph, plan);
}
