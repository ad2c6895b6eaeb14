// Vetting changed model files before the server loads them: each file is read and loaded first in
// a worker thread with a heap limit, under a watchdog that ends the worker when one file takes
// longer than its time budget. A file over either budget becomes a located error naming the budget
// (the banner shows it, the file's last good version keeps serving); a file within them comes back
// as the exact text the worker loaded with the model it built (as data, portable.ts), or as its
// load errors, so the main thread never parses a changed file (unless the model could not be
// posted; then only text known to load within the budget) and never re-reads one.

import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../root.ts';
import { count } from '../../model/limits.ts';
import { error, type CredenceError } from '../../model/errors.ts';
import type { PortableModel } from './portable.ts';

export interface LoadBudget {
  /** Wall-clock time one file may take to load (ms). */
  timeMs: number;
  /** The loading worker's heap (MB): a file needing more ends the worker. */
  heapMb: number;
}

/**
 * Loading the largest file the limits allow and posting the model takes two or three seconds of
 * CPU and a few hundred MB (over 10 s of wall time at a load average of 20 on 2 cores); the
 * budget leaves room for a loaded machine while stopping what no valid file needs.
 */
export const DEFAULT_LOAD_BUDGET: LoadBudget = { timeMs: 20_000, heapMb: 768 };

/** A worker that has not said it is ready by then is given up (and files load in the server's thread). */
const BOOT_TIMEOUT_MS = 120_000;

export interface VetRequest {
  path: string;
  root: string;
  /** The file's name as people are shown it. */
  file: string;
}

export interface VetAnswer {
  path: string;
  text: string | null;
  errors: CredenceError[];
  /** The model the text loads to, as data (null: errors, or the text is to be parsed again). */
  model: PortableModel | null;
}

/**
 * What vetting found: the text read (null when it could not be read, or loading went over a
 * budget) and its errors; a text without errors is known to load within the budget.
 */
export interface Verdict {
  text: string | null;
  errors: CredenceError[];
  /** The model the worker built from the text, so this thread need not parse it again. */
  model?: PortableModel | null;
}

/** The worker's entry: the boot file beside this module in the sources, else the built worker. */
export const LOAD_WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./worker-boot.js', import.meta.url)
  : pathToFileURL(join(ROOT, 'dist', 'load-worker.js'));

type Event = { kind: 'answer'; answer: VetAnswer } | { kind: 'died'; outOfMemory: boolean; reason: string };

interface Running {
  worker: Worker;
  ready: Promise<boolean>;
  listener: ((e: Event) => void) | null;
}

export class LoadVetter {
  private running: Running | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** How often the watchdog or the heap limit ended the worker (for tests and the log). */
  stops = 0;

  constructor(
    public budget: LoadBudget = DEFAULT_LOAD_BUDGET,
    private readonly entry: URL = LOAD_WORKER_ENTRY,
    private readonly log: (message: string) => void = (m) => console.error(`credence: ${m}`),
  ) {}

  /**
   * Verdicts on `paths` (files of the folder `root`), one file at a time. A path missing from the
   * answer could not be vetted (the worker would not start): the caller loads it itself.
   */
  vet(paths: readonly string[], root: string, shown: (path: string) => string): Promise<Map<string, Verdict>> {
    const next = this.queue.then(() => this.vetAll(paths, root, shown));
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    this.closed = true;
    const r = this.running;
    this.running = null;
    if (r) await r.worker.terminate();
  }

  private async vetAll(
    paths: readonly string[],
    root: string,
    shown: (path: string) => string,
  ): Promise<Map<string, Verdict>> {
    const verdicts = new Map<string, Verdict>();
    for (const path of paths) {
      const worker = await this.ready();
      if (!worker) break;
      // Held while it works (a server not yet listening must wait for it), let go when idle.
      worker.worker.ref();
      verdicts.set(path, await this.vetOne(worker, { path, root, file: shown(path) }));
    }
    this.running?.worker.unref();
    return verdicts;
  }

  private vetOne(r: Running, request: VetRequest): Promise<Verdict> {
    const { timeMs, heapMb } = this.budget;
    const { file } = request;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        r.listener = null;
        this.stop(r);
        resolve(overBudget(file, 'load-time', timeMs, `loading this file took longer than ${seconds(timeMs)}`));
      }, timeMs);
      r.listener = (e) => {
        clearTimeout(timer);
        r.listener = null;
        if (e.kind === 'answer') resolve({ text: e.answer.text, errors: e.answer.errors, model: e.answer.model });
        else if (e.outOfMemory) {
          this.stops++;
          resolve(overBudget(file, 'load-memory', heapMb, `loading this file needed more than ${count(heapMb)} MB`));
        } else
          resolve({
            text: null,
            errors: [error('file-unreadable', `the server could not load this file: ${e.reason}`, { file })],
          });
      };
      r.worker.postMessage(request);
    });
  }

  /** The running worker once it is ready, starting one if needed; null if it cannot start. */
  private async ready(): Promise<Running | null> {
    if (this.closed) return null;
    this.running ??= this.spawn();
    const r = this.running;
    if (await r.ready) return r;
    if (this.running === r) this.running = null;
    return null;
  }

  private spawn(): Running {
    // Referenced while it boots, so that a process with nothing else to do waits for it.
    const worker = new Worker(this.entry, { resourceLimits: { maxOldGenerationSizeMb: this.budget.heapMb } });
    const r: Running = { worker, ready: Promise.resolve(false), listener: null };
    let booted = false;
    r.ready = new Promise<boolean>((resolve) => {
      const boot = setTimeout(() => {
        this.log('the model-loading worker did not start; model files load in the server thread meanwhile');
        resolve(false);
        this.stop(r, false);
      }, BOOT_TIMEOUT_MS);
      let dead = false;
      const died = (outOfMemory: boolean, reason: string) => {
        if (dead) return;
        dead = true;
        clearTimeout(boot);
        if (this.running === r) this.running = null;
        if (r.listener) r.listener({ kind: 'died', outOfMemory, reason });
        else if (!booted) {
          this.log(
            `the model-loading worker could not start (${reason}); model files load in the server thread meanwhile`,
          );
          resolve(false);
        }
      };
      worker.on('message', (msg: VetAnswer | { ready: true }) => {
        if ('ready' in msg) {
          booted = true;
          clearTimeout(boot);
          resolve(true);
        } else r.listener?.({ kind: 'answer', answer: msg });
      });
      worker.on('error', (e: Error & { code?: string }) => died(e.code === 'ERR_WORKER_OUT_OF_MEMORY', e.message));
      worker.on('exit', () => died(false, 'its worker stopped'));
    });
    return r;
  }

  /** End the worker (the watchdog's or the heap limit's doing); the next file gets a new one. */
  private stop(r: Running, counted = true): void {
    if (counted) this.stops++;
    if (this.running === r) this.running = null;
    r.listener = null;
    void r.worker.terminate();
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${count(Math.round(ms / 100) / 10)} s` : `${count(ms)} ms`;
}

function overBudget(file: string, name: string, max: number, what: string): Verdict {
  const e = error(
    'limit-exceeded',
    `${what}, the server's budget for one model file (${name}); the file is not loaded, and its last good version, if any, keeps serving`,
    { file },
  );
  e.limit = { name, max };
  return { text: null, errors: [e] };
}
