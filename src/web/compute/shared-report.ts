// A run report computed by two workers at once. The lead starts the run with its columns in
// shared memory and hands them to the helper; both then claim tasks from a shared board (the
// engine's team.ts): the run's steps, the weighting by evidence, and the summary of each column,
// which the thread that has just computed a column usually takes next, while it is in its cache.
// The steps the evidence reads come first, so that summaries can start early. The helper sends
// its warnings and summaries back over a message port; the lead builds the report. The numbers
// are those of one thread: every step and every summary is computed the same way, whoever does
// it. The helper may come late or not at all: the lead closes the run to a helper that has not
// joined by the time every task is done, and summarises whatever a failed helper did not send.

import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { boardOf, newBoard, workTasks, TASK_WAIT_MS } from '../../engine/team.ts';
import { quantitySummaries, runReport, type ColumnSummaries, type RunReport } from '../../analysis/report.ts';
import type { Prepared, RunOptions, RunWarning, Session } from '../../engine/run.ts';

/** One worker's place in a shared report: the same control words and the two ends of a channel. */
export interface Seat {
  role: 'lead' | 'helper';
  control: Int32Array;
  port: MessagePort;
}

// Control words. Each starts at 0; 1 means the step happened, -1 that it never will.
const READY = 0; // lead: columns and board posted
const JOIN = 1; // helper: joined (1); lead: closed to a helper that had not joined (-1)
const DONE = 2; // helper: its warnings and summaries are posted
export const CONTROL_WORDS = 3;

export function newControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS));
}

interface Handover {
  words: Int32Array;
  tasks: number;
  columns: (Float64Array | null)[];
  weights: Float64Array | null;
}

interface Returned {
  warnings: RunWarning[];
  summaries: [string, ColumnSummaries][];
}

function signal(control: Int32Array, word: number, value: number): void {
  Atomics.compareExchange(control, word, 0, value);
  Atomics.notify(control, word);
}

/** Wait until a control word leaves 0 and return its value. */
function waitFor(control: Int32Array, word: number): number {
  const deadline = Date.now() + TASK_WAIT_MS;
  for (;;) {
    const v = Atomics.load(control, word);
    if (v !== 0) return v;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`a shared run waited ${TASK_WAIT_MS / 1000} s for the other worker`);
    Atomics.wait(control, word, 0, left);
  }
}

function receive<T>(port: MessagePort): T | null {
  const m = receiveMessageOnPort(port);
  return m ? (m.message as T) : null;
}

/** Tell a helper that this run will not happen (the lead's request failed before it started). */
export function abandon(seat: Seat): void {
  signal(seat.control, READY, -1);
}

/** The lead's side: the run report, as `runReport(prepared.run(options))` gives it. */
export function leadReport(
  prepared: Prepared,
  options: RunOptions,
  seat: Seat,
): { report: RunReport; warnings: string[] } {
  const { control, port } = seat;
  try {
    const session = prepared.begin(options);
    const work = tasksOf(session);
    const board = newBoard(work.deps.length);
    const columns = Array.from(session.columns, (c) => c ?? null);
    port.postMessage({
      words: board.words,
      tasks: work.deps.length,
      columns,
      weights: session.weights,
    } satisfies Handover);
    signal(control, READY, 1);
    workTasks(board, work.deps, work.run, true);
    const joined = Atomics.compareExchange(control, JOIN, 0, -1) === 1;
    const theirs = joined && waitFor(control, DONE) === 1 ? receive<Returned>(port) : null;
    mergeWarnings(session, theirs?.warnings ?? []);
    for (const [name, s] of theirs?.summaries ?? []) work.summaries.set(name, s);
    // Columns a failed helper summarised but never sent are summarised here.
    const result = session.result();
    const out = runReport(result, work.summaries);
    result.release();
    return out;
  } finally {
    abandon(seat);
  }
}

/**
 * The helper's side: work on the lead's run until nothing is left to claim, then return how
 * many tasks it did (0 when it did not join).
 */
export function helpReport(prepared: Prepared, options: RunOptions, seat: Seat): number {
  const { control, port } = seat;
  if (waitFor(control, READY) !== 1) return 0;
  const handover = receive<Handover>(port);
  if (!handover) return 0;
  const session = prepared.begin({ ...options, pool: undefined }, handover);
  const work = tasksOf(session);
  // Both sides prepared the same job on the same project; work of another shape is not joined.
  if (work.deps.length !== handover.tasks) return 0;
  if (Atomics.compareExchange(control, JOIN, 0, 1) !== 0) return 0;
  try {
    let did = 0;
    workTasks(boardOf(handover.words, handover.tasks), work.deps, (t) => (work.run(t), did++), false);
    port.postMessage({ warnings: session.warnings, summaries: [...work.summaries] } satisfies Returned);
    signal(control, DONE, 1);
    return did;
  } finally {
    signal(control, DONE, -1);
  }
}

/**
 * The tasks of a shared report, the same list on both sides: the steps the evidence reads and
 * the weighting, then the other steps, then a summary of each distinct column (quantities that
 * share a column are summarised once). Each task lists the tasks it waits for.
 */
function tasksOf(session: Session): {
  deps: number[][];
  run: (task: number) => void;
  summaries: Map<string, ColumnSummaries>;
} {
  const { steps, stepOfSlot } = session;
  const stepDeps = steps.map((s) => s.reads.map((slot) => stepOfSlot[slot]!).filter((j) => j >= 0));
  const early = new Set<number>();
  const visit = (i: number): void => {
    if (early.has(i)) return;
    early.add(i);
    stepDeps[i]!.forEach(visit);
  };
  session.evidenceSteps.forEach(visit);
  const order = [...steps.keys()].filter((i) => early.has(i));
  const weighting = session.weights ? order.length : -1;
  const rest = [...steps.keys()].filter((i) => !early.has(i));
  const taskOfStep = new Int32Array(steps.length);
  order.forEach((s, t) => (taskOfStep[s] = t));
  rest.forEach((s, k) => (taskOfStep[s] = order.length + (weighting >= 0 ? 1 : 0) + k));

  const deps: number[][] = [];
  const runs: (() => void)[] = [];
  const addStep = (s: number) => {
    deps.push(stepDeps[s]!.map((j) => taskOfStep[j]!));
    runs.push(() => session.runStep(steps[s]!));
  };
  order.forEach(addStep);
  if (weighting >= 0) {
    deps.push(session.evidenceSteps.map((s) => taskOfStep[s]!));
    runs.push(() => session.applyEvidence());
  }
  rest.forEach(addStep);

  const result = session.result();
  const filledBy = new Map<Float64Array, number>();
  steps.forEach((s, i) => filledBy.set(session.columns[s.slot]!, i));
  const done = new Map<string, ColumnSummaries>();
  const seen = new Set<Float64Array>();
  for (const [name, col] of Object.entries(result.columns)) {
    if (seen.has(col)) continue;
    seen.add(col);
    const d: number[] = [];
    const s = filledBy.get(col);
    if (s !== undefined) d.push(taskOfStep[s]!);
    // A quantity the evidence cannot inform is summarised without the weights (report.ts).
    if (weighting >= 0 && result.weightsOf(name)) d.push(weighting);
    deps.push(d);
    runs.push(() => done.set(name, quantitySummaries(result, name)));
  }
  return { deps, run: (t) => runs[t]!(), summaries: done };
}

/**
 * The helper's warnings among the lead's, in the order one thread gives them: the steps' in plan
 * order (tasks ran in another order), then the evidence's.
 */
function mergeWarnings(session: Session, theirs: RunWarning[]): void {
  const order = new Map<string, number>();
  session.steps.forEach((s, i) => {
    if (!order.has(s.owner)) order.set(s.owner, i);
  });
  const last = session.steps.length;
  const ours = session.warnings;
  ours.push(...theirs);
  ours.sort((a, b) => (order.get(a.node) ?? last) - (order.get(b.node) ?? last));
}
