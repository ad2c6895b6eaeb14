// Computed results, cached by model content and normalised job: a repeat view is a map lookup,
// and concurrent requests for the same result share one computation (charged to the client that
// started it). Checks of page requests are kept in the same cache, under keys of their own, with
// the same bound and eviction. Work goes through the scheduler.

import { createHash } from 'node:crypto';
import { Lru } from './lru.ts';
import { stableKey } from './query.ts';
import { jobCost, checkCost } from './admission/cost.ts';
import type { Scheduler } from './admission/scheduler.ts';
import { wasStopped } from './compute/computer.ts';
import { BadRequest } from './bad-request.ts';
import type { CheckInput, CheckedRequest } from './pages/request.ts';
import type { AnalysisName, Job, ResultOf } from '../analysis/registry/index.ts';
import { formatError, type Result } from '../model/errors.ts';
import type { Snapshot } from './live-project.ts';

export interface Cached<T = unknown> {
  /** Short hash of the job and the model content: the ETag of anything rendered from it alone. */
  key: string;
  result: Result<T>;
  /** Milliseconds the computation took (0 when it came from the cache). */
  ms: number;
}

/** What the cache keeps: a job's result, or the check of a page's request (keys `check|…`). */
type Kept = Cached | CheckedRequest;

/**
 * Approximate size of a kept value, for the memory bound: a text result by its length, others
 * by their serialised length (results other than CSV are small).
 */
function sizeOf(v: Kept): number {
  if (!('result' in v)) return JSON.stringify(v).length;
  const r = v.result;
  return r.ok && typeof r.value === 'string' ? r.value.length : JSON.stringify(r).length;
}

/** The content a job's result depends on: its model with its imports, or the whole folder. */
function contentOf(job: Job, snapshot: Snapshot): string {
  const model = 'model' in job.request ? job.request.model : undefined;
  return model === undefined ? `all:${snapshot.version}` : (snapshot.keyOf(model) ?? 'missing');
}

export class Results {
  private kept: Lru<Kept>;
  /** Computations under way, by the key their answer will be kept under. */
  private pending = new Map<string, Promise<Kept>>();

  constructor(
    readonly scheduler: Scheduler,
    maxEntries = 1500,
    maxBytes = 200 * 1024 * 1024,
  ) {
    this.kept = new Lru<Kept>(maxEntries, maxBytes, sizeOf);
  }

  /**
   * The kept answer under `key`, or the one being computed, or a new computation of `start`
   * (which may throw a refusal: that is the caller's alone, never shared).
   */
  private once(key: string, start: () => Promise<Kept>, keep: (v: Kept) => boolean): Promise<Kept> {
    const hit = this.kept.get(key);
    if (hit) return Promise.resolve(hit);
    let p = this.pending.get(key);
    if (!p) {
      let started: Promise<Kept>;
      try {
        started = start();
      } catch (e) {
        // Refused for this client: not shared with others asking for the same answer.
        return Promise.reject(e);
      }
      p = started
        .then((v) => {
          if (keep(v)) this.kept.set(key, v);
          return v;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return p;
  }

  keyOf(job: Job, snapshot: Snapshot): string {
    return createHash('sha256')
      .update(`${contentOf(job, snapshot)}|${stableKey(job)}`)
      .digest('hex')
      .slice(0, 20);
  }

  /** The result if it is already computed, without starting anything. */
  peek<N extends AnalysisName>(job: Job<N>, snapshot: Snapshot): Cached<ResultOf<N>> | undefined {
    // The registry's function for job.analysis made this value.
    return this.kept.get(this.keyOf(job, snapshot)) as Cached<ResultOf<N>> | undefined;
  }

  /** Whether the result is computed or being computed: asking for it again costs nothing. */
  known(job: Job, snapshot: Snapshot): boolean {
    const key = this.keyOf(job, snapshot);
    return this.kept.has(key) || this.pending.has(key);
  }

  get<N extends AnalysisName>(job: Job<N>, snapshot: Snapshot): Promise<Cached<ResultOf<N>>> {
    const key = this.keyOf(job, snapshot);
    const cached = this.kept.has(key);
    const t0 = performance.now();
    const p = this.once(
      key,
      () =>
        this.scheduler
          .submit({ kind: 'job', job }, snapshot, jobCost(snapshot.project, job))
          .then((answer): Cached => ({ key, result: answer as Result<unknown>, ms: performance.now() - t0 })),
      (c) => !wasStopped((c as Cached).result),
    ) as Promise<Cached<ResultOf<N>>>;
    return cached ? p.then((c) => ({ ...c, ms: 0 })) : p;
  }

  /** Wait up to `ms` for a result; undefined if it is still computing then (it goes on). */
  async within<N extends AnalysisName>(
    job: Job<N>,
    snapshot: Snapshot,
    ms: number,
  ): Promise<Cached<ResultOf<N>> | undefined> {
    const p = this.get(job, snapshot);
    p.catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)));
    try {
      return await Promise.race([p, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The check of a page's request (its `set.*` parsed against the model, its inputs listed),
   * made off the main thread within the check's own time budget (a check stopped for its time or
   * memory is a 400 'limit-exceeded'); cached by model content and request, samples and seed aside.
   */
  check(snapshot: Snapshot, input: CheckInput): Promise<CheckedRequest> {
    const { request } = input;
    const key = `${snapshot.keyOf(input.model)}|${stableKey({ ...request, samples: 0, seed: 0 })}|${stableKey(input.extra)}`;
    const withRun = (c: CheckedRequest): CheckedRequest => ({
      ...c,
      request: { ...c.request, samples: request.samples, seed: request.seed },
    });
    const p = this.once(
      `check|${key}`,
      () =>
        this.scheduler.submit(
          { kind: 'check', check: input },
          snapshot,
          checkCost(snapshot.project, input.model),
        ) as Promise<CheckedRequest>,
      (c) => !wasStopped(c),
    );
    return p.then((c) => {
      // Stopped for its time or memory: the reader is told, and the next request checks afresh.
      if (wasStopped(c)) {
        const e = c.errors[0];
        throw new BadRequest(e ? formatError(e) : 'checking this request was stopped', 'limit-exceeded');
      }
      return withRun(c as CheckedRequest);
    });
  }

  clear(): void {
    this.kept.clear();
  }
}
