// Where work runs: worker threads, each running whole jobs (so a long analysis never stalls
// other requests), or in-process (tests, one-core machines). Work is an analysis job of the
// registry or the check of a page's request (parsing its `set.*` against the model), both for a
// snapshot of the project, both answered as plain data. Each worker is a lane: general lanes
// take any work, express lanes only small work, so a small request always finds a lane soon.
// The order in which queued work reaches a lane is the scheduler's (admission/scheduler.ts).

import { Worker, type ResourceLimits } from 'node:worker_threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../root.ts';
import { runAnalysis, type Job } from '../../analysis/registry/index.ts';
import { checkRequestIn, type CheckInput } from '../pages/request.ts';
import { error, type Result } from '../../model/errors.ts';
import type { Snapshot } from '../live-project.ts';
import { CHECK_TIMEOUT_MS, budgetOf, checkTimeError, seconds, stopped, type Stopped } from './check-budget.ts';

export { CHECK_TIMEOUT_MS, wasStopped } from './check-budget.ts';

/** A job's answer as it crosses from a worker: the analysis's result, or its errors. */
export type JobResult = Result<unknown>;

export type Work = { kind: 'job'; job: Job } | { kind: 'check'; check: CheckInput };

/** Run one piece of work against a project in a worker (the pool bounds its time from outside). */
export function runWork(project: Snapshot['project'], work: Work): unknown {
  return work.kind === 'job' ? runAnalysis(project, work.job) : checkRequestIn(project, work.check);
}

export interface Lane {
  /** Takes only small work. */
  express: boolean;
}

export interface Runner {
  readonly lanes: readonly Lane[];
  /**
   * Run `work` on lane `lane` (which the caller knows to be idle), sharing the engine's segments
   * between `threads` threads (default 1: the caller holds `threads − 1` other lanes idle for it).
   */
  run(lane: number, work: Work, snapshot: Snapshot, threads?: number): Promise<unknown>;
  close(): Promise<void>;
}

export interface InProcessOptions {
  /** The time budget of a page request's check (default CHECK_TIMEOUT_MS). */
  checkTimeoutMs?: number;
  /** The clock the check's budget is read on, in milliseconds (tests pass a clock of their own). */
  now?: () => number;
}

/**
 * Work in the request's own thread. A job is bounded by admission (its cost is charged before it
 * starts); a page's check, which admission cannot size by its texts, keeps to its time budget by
 * looking at the clock between its steps (compute/check-budget.ts).
 */
export class InProcessRunner implements Runner {
  readonly lanes: readonly Lane[] = [{ express: false }];
  constructor(private options: InProcessOptions = {}) {}
  async run(_lane: number, work: Work, snapshot: Snapshot): Promise<unknown> {
    if (work.kind === 'job') return runAnalysis(snapshot.project, work.job);
    const budget = budgetOf(this.options.checkTimeoutMs ?? CHECK_TIMEOUT_MS, this.options.now);
    return checkRequestIn(snapshot.project, work.check, budget);
  }
  async close(): Promise<void> {}
}

/**
 * The worker's entry: next to this module when running from the sources (a boot file that
 * registers tsx), or the built worker beside the built server (dist/, see bin/build.js).
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./worker-boot.js', import.meta.url)
  : pathToFileURL(join(ROOT, 'dist', 'worker.js'));

/** A job taking longer than this is abandoned and its worker replaced. */
const JOB_TIMEOUT_MS = 120_000;

/** A worker's heap: general lanes hold a run's summaries; express lanes only small work. */
const GENERAL_HEAP_MB = 2048;
const EXPRESS_HEAP_MB = 512;

interface Slot {
  worker: Worker;
  version: string | null;
  pending: { id: number; resolve(v: unknown): void; reject(e: Error): void } | null;
  timer: NodeJS.Timeout | null;
}

/** Work a worker could not finish: an error of the computation, not of the server (the load may have been to blame). */
const stoppedBy = (message: string): Stopped => stopped(error('limit-exceeded', message));

export interface PoolOptions {
  /** Express lanes (small work only) besides the general ones. */
  express?: number;
  timeoutMs?: number;
  /** The time budget of a page request's check (default CHECK_TIMEOUT_MS). */
  checkTimeoutMs?: number;
  entry?: URL;
}

const jobLate = (ms: number) =>
  stoppedBy(`the computation took longer than ${seconds(ms)} and was stopped; ask for fewer samples`);
const checkLate = (ms: number) => stopped(checkTimeError(ms));

export class WorkerPool implements Runner {
  readonly lanes: Lane[];
  private slots: Slot[];
  private nextId = 1;
  private closed = false;
  private timeoutMs: number;
  private checkTimeoutMs: number;
  private entry: URL;

  constructor(general: number, options: PoolOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? JOB_TIMEOUT_MS;
    this.checkTimeoutMs = options.checkTimeoutMs ?? CHECK_TIMEOUT_MS;
    this.entry = options.entry ?? WORKER_ENTRY;
    this.lanes = [
      ...Array.from({ length: general }, () => ({ express: false })),
      ...Array.from({ length: options.express ?? 0 }, () => ({ express: true })),
    ];
    this.slots = this.lanes.map((l) => this.spawn(l));
  }

  get size(): number {
    return this.lanes.length;
  }

  private spawn(lane: Lane): Slot {
    const resourceLimits: ResourceLimits = { maxOldGenerationSizeMb: lane.express ? EXPRESS_HEAP_MB : GENERAL_HEAP_MB };
    const worker = new Worker(this.entry, { resourceLimits });
    const slot: Slot = { worker, version: null, pending: null, timer: null };
    worker.unref();
    worker.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
      const p = slot.pending;
      if (!p || p.id !== msg.id) return;
      this.settle(slot);
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.result);
    });
    worker.on('error', (e: Error & { code?: string }) =>
      this.replace(
        slot,
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? stoppedBy(
              `the computation needed more than ${resourceLimits.maxOldGenerationSizeMb} MB and was stopped; ask for fewer samples`,
            )
          : e,
      ),
    );
    worker.on('exit', () => {
      if (!this.closed && slot.pending) this.replace(slot, new Error('the computation stopped unexpectedly'));
    });
    return slot;
  }

  private settle(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.pending = null;
  }

  /** End a slot's work with `outcome` (an error's message, or an answer) and start a fresh worker. */
  private replace(slot: Slot, outcome: Error | JobResult): void {
    const p = slot.pending;
    this.settle(slot);
    void slot.worker.terminate();
    const i = this.slots.indexOf(slot);
    if (i >= 0 && !this.closed) this.slots[i] = this.spawn(this.lanes[i]!);
    if (!p) return;
    if (outcome instanceof Error) p.reject(outcome);
    else p.resolve(outcome);
  }

  run(lane: number, work: Work, snapshot: Snapshot, threads = 1): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the server is shutting down'));
    const slot = this.slots[lane]!;
    if (slot.pending) return Promise.reject(new Error(`lane ${lane} is busy`));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      slot.pending = { id, resolve, reject };
      const texts = slot.version === snapshot.version ? undefined : snapshot.texts;
      slot.version = snapshot.version;
      const [ms, late] = work.kind === 'check' ? [this.checkTimeoutMs, checkLate] : [this.timeoutMs, jobLate];
      slot.timer = setTimeout(() => this.replace(slot, late(ms)), ms);
      slot.worker.postMessage({ id, work, texts, threads });
    });
  }

  /** Load a snapshot into every idle worker ahead of the first request. */
  warm(snapshot: Snapshot): void {
    for (const slot of this.slots) {
      if (slot.pending || slot.version === snapshot.version) continue;
      slot.version = snapshot.version;
      slot.worker.postMessage({ id: 0, texts: snapshot.texts });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.slots) {
      slot.pending?.reject(new Error('the server is shutting down'));
      this.settle(slot);
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
