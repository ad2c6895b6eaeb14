// Both cores for one run (Node only; the browser's engine runs on one thread). A pass's segments
// are claimed one at a time from a shared counter by this thread and by worker threads alike, so
// a thread that starts late or runs slow simply does fewer; every segment has its own random
// streams and every sum is exact, so the results are the same bits on any number of threads.
// The calling thread waits with Atomics.wait while the others finish (this API is synchronous,
// as a run is), and collects their results with receiveMessageOnPort. A thread stopped by its heap
// limit cannot say so, and its exit event cannot reach a thread that waits synchronously, so the
// waiting thread probes the threads still working (threadGone) between waits.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  MessageChannel,
  Worker,
  receiveMessageOnPort,
  type MessagePort,
  type ResourceLimits,
} from 'node:worker_threads';
import { mergeProblems, newProblems, type Problems } from './blocks.ts';
import { passReducer, type PassMessage } from './reducers.ts';
import { CONTROL, PLANS_KEPT, STATE, type JobMessage, type PlanSpec } from './threads-protocol.ts';
import type { Graph } from '../model/graph.ts';
import type { Plan } from './plan.ts';
import { error, type CredenceError } from '../model/errors.ts';
import { runnerFor, type PassExecutor, type PassTask } from './pass-executors.ts';

/** The number of threads to use by default: every core. */
export const defaultThreads = (): number => availableParallelism();

/** Don't wait longer than this for another thread to finish a segment. */
const WAIT_MS = 120_000;

function workerEntry(): URL {
  // The tests run the sources but start the built thread (vitest.config.ts): a thread started from
  // the sources compiles the engine again, about 3 s of CPU each.
  const chosen = process.env.CREDENCE_ENGINE_WORKER;
  if (chosen) return pathToFileURL(chosen);
  if (import.meta.url.endsWith('.ts')) return new URL('./worker-boot.js', import.meta.url);
  // Built: the worker sits in dist/, beside the entry or one folder up from a chunk.
  for (const rel of ['./engine-worker.js', '../engine-worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error('the engine worker is not built (npm run build)');
}

/**
 * A run an engine thread could not finish because the thread stopped mid-pass: it ran out of
 * memory (an error inside it is posted back instead). `error` is the user's answer.
 */
export class EngineThreadStopped extends Error {
  readonly error: CredenceError;
  constructor(heapLimitMb: number | undefined) {
    const e = error(
      'limit-exceeded',
      heapLimitMb
        ? `the computation needed more than ${heapLimitMb} MB in an engine thread and was stopped; ask for fewer samples`
        : 'an engine thread ran out of memory and was stopped; ask for fewer samples or fewer threads',
    );
    if (heapLimitMb) e.limit = { name: 'engine-thread-heap', max: heapLimitMb };
    super(e.message);
    this.error = e;
  }
}

interface Slot {
  worker: Worker;
  results: MessagePort;
  /** The plans the thread has been sent, oldest first (the ones it keeps: PLANS_KEPT). */
  plans: Set<string>;
  /** The thread has ended (its heap limit, most likely): started again when next needed. */
  ended: boolean;
}

const specs = new WeakMap<Plan, { key: string; spec: PlanSpec }>();
let nextPlan = 1;
let nextJob = 1;

/** A plan's spec for the workers, and the key they cache it under. */
function specOf(graph: Graph, plan: Plan): { key: string; spec: PlanSpec } {
  let s = specs.get(plan);
  if (!s) {
    const spec: PlanSpec = {
      entities: graph.entities.map((e) => ({ name: e.name, expr: e.expr, text: e.source.text })),
      evidence: graph.evidence.map((e) => ({ name: e.name, expr: e.expr, text: e.source.text })),
    };
    s = { key: `${process.pid}:${nextPlan++}`, spec };
    specs.set(plan, s);
  }
  return s;
}

/** Worker threads for the engine, started when first needed and kept (unreferenced) for reuse. */
export class EngineThreads {
  private slots: Slot[] = [];

  /**
   * `threads` counts this thread too: 2 means one worker. `block` is how many segments a thread
   * claims at a time (the numbers do not depend on it). `resourceLimits` bound each worker's
   * heap as they bound any Worker's (none: Node's defaults).
   */
  constructor(
    readonly threads: number,
    readonly block = 1,
    readonly resourceLimits?: ResourceLimits,
  ) {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError('threads must be a whole number from 1');
  }

  private ensure(): void {
    this.slots = this.slots.filter((s) => !s.ended);
    while (this.slots.length < this.threads - 1) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(workerEntry(), {
        workerData: { results: port2 },
        transferList: [port2],
        ...(this.resourceLimits ? { resourceLimits: this.resourceLimits } : {}),
      });
      worker.unref();
      port1.unref();
      const slot: Slot = { worker, results: port1, plans: new Set(), ended: false };
      // A thread that ends between passes (or while starting) leaves the others to do its share;
      // one that ends mid-pass is noticed by the pass (awaitOthers). Either way not the process's end.
      worker.on('error', () => (slot.ended = true));
      worker.on('exit', () => (slot.ended = true));
      this.slots.push(slot);
    }
  }

  /**
   * A pass executor for one prepared model: this thread and the workers share its segments
   * (`use` threads of the pool's, claiming `block` segments at a time: the numbers are the same).
   */
  executor(graph: Graph, plan: Plan, use = this.threads, block = this.block): PassExecutor {
    return (task, progress) => {
      if (use <= 1 || task.to - task.from < 2) return this.alone(plan, task, progress);
      this.ensure();
      const slots = this.slots.slice(0, use - 1);
      const control = new SharedArrayBuffer(4 * (CONTROL.states + slots.length));
      const ctl = new Int32Array(control);
      const id = nextJob++;
      post(slots, specOf(graph, plan), { id, task, control, block });
      // This thread claims segments like any worker.
      const runner = runnerFor(plan, task);
      const reducer = passReducer(task.job);
      const mine = claim(ctl, task, block, (seg) => runner.segment(seg, reducer), progress);
      // This thread's message now (it sorts what it collected) while the others finish theirs.
      const own = mine > 0 ? reducer.message() : null;
      const lost = awaitOthers(ctl, slots, task.to - task.from, progress);
      if (lost.length > 0) {
        this.drop(lost);
        throw new EngineThreadStopped(this.resourceLimits?.maxOldGenerationSizeMb);
      }
      const messages: PassMessage[] = own ? [own] : [];
      const problems = newProblems();
      mergeProblems(problems, runner.problems);
      gather(slots, ctl, id, messages, problems);
      if (messages.length === 0) messages.push(passReducer(task.job).message());
      return { messages, problems };
    };
  }

  private alone(plan: Plan, task: Parameters<PassExecutor>[0], progress: (done: number) => void) {
    const runner = runnerFor(plan, task);
    const reducer = passReducer(task.job);
    for (let seg = task.from; seg < task.to; seg++) {
      runner.segment(seg, reducer);
      progress(seg + 1 - task.from);
    }
    return { messages: [reducer.message()], problems: runner.problems };
  }

  /** Forget threads that stopped (the next pass starts others in their place). */
  private drop(lost: Slot[]): void {
    for (const slot of lost) slot.ended = true;
    this.slots = this.slots.filter((s) => !s.ended);
  }

  /** The limits each started worker runs under, as Node reports them. */
  workerLimits(): ResourceLimits[] {
    return this.slots.map((s) => s.worker.resourceLimits ?? {});
  }

  /** Stop the workers. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}

/** Hand the job to each worker taking part (with the plan's spec, unless it has it already). */
function post(
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
function claim(
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
function awaitOthers(ctl: Int32Array, slots: Slot[], segments: number, progress: (done: number) => void): Slot[] {
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
function gather(slots: Slot[], ctl: Int32Array, id: number, messages: PassMessage[], problems: Problems): void {
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
