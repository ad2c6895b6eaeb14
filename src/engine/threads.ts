// Both cores for one run (Node only; the browser's engine runs on one thread). A pass's segments
// are claimed one at a time from a shared counter by this thread and by worker threads alike, so
// a thread that starts late or runs slow simply does fewer; every segment has its own random
// streams and every sum is exact, so the results are the same bits on any number of threads.
// The calling thread waits with Atomics.wait while the others finish (this API is synchronous,
// as a run is), and collects their results with receiveMessageOnPort. A thread stopped by its heap
// limit cannot say so, and its exit event cannot reach a thread that waits synchronously, so the
// waiting thread probes the threads still working between waits (thread-jobs.ts).

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type ResourceLimits } from 'node:worker_threads';
import { mergeProblems, newProblems } from './blocks.ts';
import { passReducer, type PassMessage } from './reducers.ts';
import { CONTROL, type PlanSpec } from './threads-protocol.ts';
import { awaitOthers, claim, gather, post, type Slot } from './thread-jobs.ts';
import type { Graph } from '../model/graph.ts';
import type { Plan } from './plan.ts';
import { error, type CredenceError } from '../model/errors.ts';
import { runnerFor, type PassExecutor } from './pass-executors.ts';

/** The number of threads to use by default: every core. */
export const defaultThreads = (): number => availableParallelism();

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
      let loaded = () => {};
      const ready = new Promise<void>((resolve) => (loaded = resolve));
      const slot: Slot = { worker, results: port1, plans: new Set(), ended: false, ready };
      // A thread that ends between passes (or while starting) leaves the others to do its share;
      // one that ends mid-pass is noticed by the pass (awaitOthers). Either way not the process's end.
      const ended = () => {
        slot.ended = true;
        loaded();
      };
      worker.on('message', (m) => m === 'ready' && loaded());
      worker.on('error', ended);
      worker.on('exit', ended);
      this.slots.push(slot);
    }
  }

  /**
   * Start the workers now and resolve once each has loaded the engine (or ended). A pass never
   * waits for them: it starts on this thread and a worker joins when it can, so a worker still
   * loading (from the sources that takes seconds of CPU) runs beside the first passes and does
   * little of their work. Waiting here first keeps its start out of them.
   */
  async ready(): Promise<void> {
    this.ensure();
    const starting = [...this.slots];
    starting.forEach((s) => s.worker.ref());
    try {
      await Promise.all(starting.map((s) => s.ready));
    } finally {
      starting.forEach((s) => s.worker.unref());
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
