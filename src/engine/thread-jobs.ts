// The calling thread's side of a pass shared with engine threads (threads.ts): handing each
// worker the job, claiming segments from the shared counter, waiting for the others (and noticing
// a thread that stopped) and collecting their messages.

import { receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { mergeProblems, type Problems } from './blocks.ts';
import type { PassMessage } from './reducers.ts';
import { CONTROL, PLANS_KEPT, STATE, type JobMessage, type PlanSpec } from './threads-protocol.ts';
import type { PassTask } from './pass-executors.ts';

/** Don't wait longer than this for another thread to finish a segment. */
const WAIT_MS = 120_000;

export interface Slot {
  worker: Worker;
  results: MessagePort;
  /** The plans the thread has been sent, oldest first (the ones it keeps: PLANS_KEPT). */
  plans: Set<string>;
  /** The thread has ended (its heap limit, most likely): started again when next needed. */
  ended: boolean;
  /** Settles once the thread has loaded the engine (it says so) or has ended. */
  ready: Promise<void>;
}

/** Hand the job to each worker taking part (with the plan's spec, unless it has it already). */
export function post(
  slots: Slot[],
  { key, spec }: { key: string; spec: PlanSpec },
  job: Pick<JobMessage, 'id' | 'task' | 'control' | 'block'>,
): void {
  slots.forEach((slot, thread) => {
    const known = slot.plans.has(key);
    // The thread builds the plan and keeps it, dropping its oldest, as this list does.
    if (!known) {
      if (slot.plans.size >= PLANS_KEPT) slot.plans.delete(slot.plans.values().next().value!);
      slot.plans.add(key);
    }
    slot.worker.postMessage({ ...job, planKey: key, plan: known ? null : spec, thread } satisfies JobMessage);
  });
}

/** Claim `block` segments at a time from the shared counter and run them; returns how many. */
export function claim(
  ctl: Int32Array,
  task: PassTask,
  block: number,
  run: (seg: number) => void,
  progress: (done: number) => void,
): number {
  let mine = 0;
  for (;;) {
    const first = task.from + Atomics.add(ctl, CONTROL.next, block);
    if (first >= task.to) break;
    for (let seg = first; seg < Math.min(task.to, first + block); seg++) {
      run(seg);
      mine++;
      progress(Atomics.add(ctl, CONTROL.done, 1) + 1);
    }
  }
  return mine;
}

/**
 * Whether a worker thread has stopped. Node closes a thread's end of its channels when the thread
 * ends, whatever ended it, and a message posted to a closed channel is refused: postMessage then
 * returns false (it returns true while the other end is open). The probe is an empty message the
 * worker drops.
 */
function threadGone(slot: Slot): boolean {
  return (slot.results.postMessage(null) as unknown) === false;
}

/**
 * Wait for the segments other threads hold, then for every worker that took part to post.
 * Returns the workers that stopped while working (then stops the others claiming segments).
 */
export function awaitOthers(
  ctl: Int32Array,
  slots: Slot[],
  segments: number,
  progress: (done: number) => void,
): Slot[] {
  for (;;) {
    const done = Atomics.load(ctl, CONTROL.done);
    progress(done);
    const working = slots.filter((_, t) => Atomics.load(ctl, CONTROL.states + t) === STATE.working);
    if (done >= segments && working.length === 0) return [];
    if (Atomics.wait(ctl, CONTROL.done, done, Math.min(200, WAIT_MS)) !== 'timed-out') continue;
    const lost = working.filter(threadGone);
    if (lost.length > 0) {
      Atomics.store(ctl, CONTROL.next, segments);
      return lost;
    }
    if (working.length === 0 && Atomics.load(ctl, CONTROL.done) === done && Atomics.load(ctl, CONTROL.next) >= segments)
      throw new Error('an engine thread stopped before finishing its segments');
  }
}

/** Each worker's messages and problems for job `id` (a worker that started after every segment was taken has none). */
export function gather(slots: Slot[], ctl: Int32Array, id: number, messages: PassMessage[], problems: Problems): void {
  slots.forEach((slot, t) => {
    const state = Atomics.load(ctl, CONTROL.states + t);
    if (state === STATE.idle) return;
    const got = receive(slot.results, id);
    if ('error' in got) throw new Error(`an engine thread failed: ${got.error}`);
    if (!got.result) return;
    messages.push(...got.result.messages);
    mergeProblems(problems, { byNode: new Map(got.result.problems) });
  });
}

type WorkerResult = {
  id: number;
  result: { messages: PassMessage[]; problems: [string, { count: number; message: string; segment: number }][] } | null;
};

const pause = new Int32Array(new SharedArrayBuffer(4));

/** A worker's answer to job `id` (queued by the time its state says it is done), skipping older ones. */
function receive(port: MessagePort, id: number): WorkerResult | { id: number; error: string } {
  for (let tries = 0; tries < 5000; tries++) {
    const got = receiveMessageOnPort(port);
    if (got) {
      const msg = got.message as WorkerResult | { id: number; error: string };
      if (msg.id === id) return msg;
      continue;
    }
    Atomics.wait(pause, 0, 0, 1);
  }
  throw new Error('an engine thread finished without posting its results');
}
