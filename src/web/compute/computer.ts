// Where jobs run: in a pool of worker threads, each running whole jobs (so a long analysis never
// stalls other requests), or in-process (tests, one-core machines). Both take a job of the
// analysis registry and the project snapshot it is for, and answer with its result as plain data.

import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../root.ts';
import { runAnalysis, type Job } from '../../analysis/registry/index.ts';
import type { Result } from '../../model/errors.ts';
import type { Snapshot } from '../live-project.ts';

/** A job's answer as it crosses from a worker: the analysis's result, or its errors. */
export type JobResult = Result<unknown>;

export interface Computer {
  compute(job: Job, snapshot: Snapshot): Promise<JobResult>;
  close(): Promise<void>;
}

export class InProcessComputer implements Computer {
  async compute(job: Job, snapshot: Snapshot): Promise<JobResult> {
    return runAnalysis(snapshot.project, job);
  }
  async close(): Promise<void> {}
}

interface Task {
  id: number;
  job: Job;
  snapshot: Snapshot;
  resolve(r: JobResult): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  version: string | null;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

/** Lower first: a page's own run and graph, then the home page's views, then analyses. */
function priority(job: Job): number {
  const a = job.analysis;
  return a === 'run' || a === 'summary' || a === 'distribution' || a === 'graph' || a === 'samples'
    ? 0
    : a === 'worldviews'
      ? 1
      : 2;
}

/**
 * The worker's entry: next to this module when running from the sources (a boot file that
 * registers tsx), or the built worker beside the built server (dist/, see bin/build.js).
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./worker-boot.js', import.meta.url)
  : pathToFileURL(join(ROOT, 'dist', 'worker.js'));

/** A job taking longer than this is abandoned and its worker replaced. */
export const JOB_TIMEOUT_MS = 120_000;

export class WorkerPool implements Computer {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly size: number,
    private timeoutMs = JOB_TIMEOUT_MS,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_ENTRY);
    const slot: Slot = { worker, version: null, task: null, timer: null };
    worker.unref();
    worker.on('message', (msg: { id: number; result?: JobResult; error?: string }) => {
      const task = slot.task;
      if (!task || task.id !== msg.id) return;
      this.finish(slot);
      if (msg.error !== undefined) task.reject(new Error(msg.error));
      else task.resolve(msg.result!);
    });
    worker.on('error', (e) => this.replace(slot, e));
    worker.on('exit', () => {
      if (!this.closed && slot.task) this.replace(slot, new Error('the computation stopped unexpectedly'));
    });
    return slot;
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    this.pump();
  }

  private replace(slot: Slot, error: Error): void {
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    void slot.worker.terminate();
    const i = this.slots.indexOf(slot);
    if (i >= 0 && !this.closed) this.slots[i] = this.spawn();
    task?.reject(error);
    this.pump();
  }

  compute(job: Job, snapshot: Snapshot): Promise<JobResult> {
    if (this.closed) return Promise.reject(new Error('the server is shutting down'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, snapshot, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0) continue;
      // Runs (what a reader sees first) before analyses; among equals, the oldest, preferring
      // a task whose project this worker already holds.
      let i = 0;
      for (let k = 1; k < this.queue.length; k++) {
        const a = this.queue[k]!;
        const b = this.queue[i]!;
        const pa = priority(a.job);
        const pb = priority(b.job);
        if (pa < pb || (pa === pb && a.snapshot.version === slot.version && b.snapshot.version !== slot.version)) i = k;
      }
      this.send(slot, this.queue.splice(i, 1)[0]!);
    }
  }

  private send(slot: Slot, task: Task): void {
    slot.task = task;
    const texts = slot.version === task.snapshot.version ? undefined : task.snapshot.texts;
    slot.version = task.snapshot.version;
    slot.timer = setTimeout(
      () =>
        this.replace(
          slot,
          new Error(`the computation took longer than ${Math.round(this.timeoutMs / 1000)} s and was stopped`),
        ),
      this.timeoutMs,
    );
    slot.worker.postMessage({ id: task.id, job: task.job, texts });
  }

  /** Load a snapshot into every idle worker ahead of the first request. */
  warm(snapshot: Snapshot): void {
    for (const slot of this.slots) {
      if (slot.task || slot.version === snapshot.version) continue;
      slot.version = snapshot.version;
      slot.worker.postMessage({ id: 0, texts: snapshot.texts });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue) t.reject(new Error('the server is shutting down'));
    this.queue = [];
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
