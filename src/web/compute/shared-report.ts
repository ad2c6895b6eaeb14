// A run report computed by two workers at once. The lead runs the model with its columns in
// shared memory and hands them to the helper; both claim steps from a shared board (the engine's
// team.ts), then both summarise columns claimed from a shared counter. The helper sends its
// warnings and summaries back over a message port; the lead builds the report. The numbers are
// those of a run on one thread: every step and every summary is computed the same way, whoever
// does it. Either side may come late or not at all: the lead closes the run to a helper that has
// not joined by the time its own steps are done, and computes whatever a failed helper left.

import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { boardOf, boardWords, STEP_WAIT_MS } from '../../engine/team.ts';
import { summaries } from '../../analysis/summary.ts';
import { runReport, type ColumnSummaries, type RunReport } from '../../analysis/report.ts';
import type { Prepared, RunOptions, RunWarning } from '../../engine/run.ts';

/** One worker's place in a shared report: the same control words and the two ends of a channel. */
export interface Seat {
  role: 'lead' | 'helper';
  control: Int32Array;
  port: MessagePort;
}

// Control words. Each starts at 0; 1 means the step happened, -1 that it never will.
const READY = 0; // lead: columns and board posted
const JOIN = 1; // helper: joined (1); lead: closed to a helper that had not joined (-1)
const STEPS = 2; // helper: its steps are done and their warnings posted
const PHASE = 3; // lead: the weights are final, summaries may start
const NEXT = 4; // the next column to summarise (a counter, not a flag)
const DONE = 5; // helper: its summaries are posted
export const CONTROL_WORDS = 6;

export function newControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS));
}

interface Handover {
  words: Int32Array;
  steps: number;
  columns: (Float64Array | null)[];
  weights: Float64Array | null;
}

function signal(control: Int32Array, word: number, value: number): void {
  Atomics.compareExchange(control, word, 0, value);
  Atomics.notify(control, word);
}

/** Wait until a control word leaves 0 and return its value. */
function waitFor(control: Int32Array, word: number): number {
  const deadline = Date.now() + STEP_WAIT_MS;
  for (;;) {
    const v = Atomics.load(control, word);
    if (v !== 0) return v;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`a shared run waited ${STEP_WAIT_MS / 1000} s for the other worker`);
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
  signal(seat.control, PHASE, -1);
}

/** The lead's side: the run report, as `runReport(prepared.run(options))` gives it. */
export function leadReport(prepared: Prepared, options: RunOptions, seat: Seat): { report: RunReport; warnings: string[] } {
  const { control, port } = seat;
  const steps = prepared.plan.steps.length;
  const words = new Int32Array(new SharedArrayBuffer(4 * boardWords(steps)));
  try {
    const result = prepared.run({
      ...options,
      team: {
        board: boardOf(words, steps),
        share: (columns, weights) => {
          port.postMessage({ words, steps, columns, weights } satisfies Handover);
          signal(control, READY, 1);
        },
      },
    });
    signal(control, READY, -1); // a run that shared nothing (it failed before) must not be joined
    const joined = Atomics.compareExchange(control, JOIN, 0, -1) === 1;
    if (joined && waitFor(control, STEPS) === 1) {
      const theirs = receive<{ warnings: RunWarning[] }>(port)?.warnings ?? [];
      mergeWarnings(result.warnings, theirs, prepared);
    }
    signal(control, PHASE, 1);
    const names = Object.keys(result.columns);
    const known = new Map<string, ColumnSummaries>();
    for (let k = Atomics.add(control, NEXT, 1); k < names.length; k = Atomics.add(control, NEXT, 1)) {
      known.set(names[k]!, summaries(result.columns[names[k]!]!, result.weights));
    }
    if (joined && waitFor(control, DONE) === 1) {
      for (const [name, s] of receive<{ summaries: [string, ColumnSummaries][] }>(port)?.summaries ?? []) known.set(name, s);
    }
    // Columns a failed helper claimed but never sent are summarised here.
    const out = runReport(result, known);
    result.release();
    return out;
  } finally {
    abandon(seat);
  }
}

/** The helper's side: work on the lead's run until nothing is left, then return. */
export function helpReport(prepared: Prepared, options: RunOptions, seat: Seat): void {
  const { control, port } = seat;
  if (waitFor(control, READY) !== 1) return;
  const handover = receive<Handover>(port);
  // Both sides prepared the same job on the same project; a plan of another shape is not joined.
  if (!handover || handover.steps !== prepared.plan.steps.length || handover.columns.length > prepared.plan.slots) return;
  if (Atomics.compareExchange(control, JOIN, 0, 1) !== 0) return;
  Atomics.notify(control, JOIN);
  try {
    const result = prepared.run({ ...options, pool: undefined, team: { board: boardOf(handover.words, handover.steps), columns: handover.columns } });
    port.postMessage({ warnings: result.warnings });
    signal(control, STEPS, 1);
    if (waitFor(control, PHASE) !== 1) return;
    const names = Object.keys(result.columns);
    const done: [string, ColumnSummaries][] = [];
    for (let k = Atomics.add(control, NEXT, 1); k < names.length; k = Atomics.add(control, NEXT, 1)) {
      done.push([names[k]!, summaries(result.columns[names[k]!]!, handover.weights)]);
    }
    port.postMessage({ summaries: done });
    signal(control, DONE, 1);
  } finally {
    signal(control, STEPS, -1);
    signal(control, DONE, -1);
  }
}

/** The helper's warnings among the lead's, in the order of the steps that raised them. */
function mergeWarnings(ours: RunWarning[], theirs: RunWarning[], prepared: Prepared): void {
  if (theirs.length === 0) return;
  const order = new Map<string, number>();
  prepared.plan.steps.forEach((s, i) => {
    if (!order.has(s.owner)) order.set(s.owner, i);
  });
  ours.push(...theirs);
  const last = prepared.plan.steps.length;
  ours.sort((a, b) => (order.get(a.node) ?? last) - (order.get(b.node) ?? last));
}
