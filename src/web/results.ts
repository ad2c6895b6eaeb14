// Computed results, cached by model content and normalised job: a repeat view is a map lookup,
// and concurrent requests for the same result share one computation (charged to the client that
// started it). Checks of page requests are cached the same way. Work goes through the scheduler.

import { createHash } from 'node:crypto';
import { Lru } from './lru.ts';
import { stableKey } from './query.ts';
import { jobCost, checkCost } from './admission/cost.ts';
import type { Scheduler } from './admission/scheduler.ts';
import { wasStopped } from './compute/computer.ts';
import type { CheckInput, CheckedRequest } from './pages/request.ts';
import type { AnalysisName, Job, ResultOf } from '../analysis/registry/index.ts';
import type { Result } from '../model/errors.ts';
import type { Snapshot } from './live-project.ts';

export interface Cached<T = unknown> {
  /** Short hash of the job and the model content: the ETag of anything rendered from it alone. */
  key: string;
  result: Result<T>;
  /** Milliseconds the computation took (0 when it came from the cache). */
  ms: number;
}

/**
 * Approximate size of a cached value, for the memory bound: a text result by its length, others
 * by their serialised length (results other than CSV are small).
 */
function sizeOf(v: Cached): number {
  const r = v.result;
  return r.ok && typeof r.value === 'string' ? r.value.length : JSON.stringify(r).length;
}

/** The content a job's result depends on: its model with its imports, or the whole folder. */
function contentOf(job: Job, snapshot: Snapshot): string {
  const model = 'model' in job.request ? job.request.model : undefined;
  return model === undefined ? `all:${snapshot.version}` : (snapshot.keyOf(model) ?? 'missing');
}

export class Results {
  private done: Lru<Cached>;
  private pending = new Map<string, Promise<Cached>>();
  private checks = new Lru<CheckedRequest>(1000);
  private checking = new Map<string, Promise<CheckedRequest>>();

  constructor(
    readonly scheduler: Scheduler,
    maxEntries = 500,
    maxBytes = 200 * 1024 * 1024,
  ) {
    this.done = new Lru<Cached>(maxEntries, maxBytes, sizeOf);
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
    return this.done.get(this.keyOf(job, snapshot)) as Cached<ResultOf<N>> | undefined;
  }

  /** Whether the result is computed or being computed: asking for it again costs nothing. */
  known(job: Job, snapshot: Snapshot): boolean {
    const key = this.keyOf(job, snapshot);
    return this.done.has(key) || this.pending.has(key);
  }

  get<N extends AnalysisName>(job: Job<N>, snapshot: Snapshot): Promise<Cached<ResultOf<N>>> {
    const key = this.keyOf(job, snapshot);
    const hit = this.done.get(key);
    if (hit) return Promise.resolve({ ...hit, ms: 0 } as Cached<ResultOf<N>>);
    let p = this.pending.get(key);
    if (!p) {
      const t0 = performance.now();
      let started: Promise<unknown>;
      try {
        started = this.scheduler.submit({ kind: 'job', job }, snapshot, jobCost(snapshot.project, job));
      } catch (e) {
        // Refused for this client: not shared with others asking for the same result.
        return Promise.reject(e);
      }
      p = started
        .then((answer) => {
          const result = answer as Result<unknown>;
          const c: Cached = { key, result, ms: performance.now() - t0 };
          if (!wasStopped(answer)) this.done.set(key, c);
          return c;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return p as Promise<Cached<ResultOf<N>>>;
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
   * made off the main thread; cached by model content and request, samples and seed aside.
   */
  check(snapshot: Snapshot, input: CheckInput): Promise<CheckedRequest> {
    const { request } = input;
    const key = `${snapshot.keyOf(input.model)}|${stableKey({ ...request, samples: 0, seed: 0 })}|${stableKey(input.extra)}`;
    const withRun = (c: CheckedRequest): CheckedRequest => ({
      ...c,
      request: { ...c.request, samples: request.samples, seed: request.seed },
    });
    const hit = this.checks.get(key);
    if (hit) return Promise.resolve(withRun(hit));
    let p = this.checking.get(key);
    if (!p) {
      try {
        p = this.scheduler.submit(
          { kind: 'check', check: input },
          snapshot,
          checkCost(snapshot.project, input.model),
        ) as Promise<CheckedRequest>;
      } catch (e) {
        return Promise.reject(e);
      }
      p = p
        .then((c) => {
          this.checks.set(key, c);
          return c;
        })
        .finally(() => this.checking.delete(key));
      this.checking.set(key, p);
    }
    return p.then(withRun);
  }

  clear(): void {
    this.done.clear();
    this.checks.clear();
  }
}
