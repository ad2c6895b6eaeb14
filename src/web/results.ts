// Computed results, cached by model content and normalised job: a repeat view is a map lookup,
// and concurrent requests for the same result share one computation.

import { createHash } from 'node:crypto';
import { Lru } from './lru.ts';
import { stableKey } from './query.ts';
import type { Computer } from './compute/computer.ts';
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

/** Approximate size of a cached value, for the memory bound. */
function sizeOf(v: Cached): number {
  return JSON.stringify(v.result).length;
}

/** The content a job's result depends on: its model with its imports, or the whole folder. */
function contentOf(job: Job, snapshot: Snapshot): string {
  const model = 'model' in job.request ? job.request.model : undefined;
  return model === undefined ? `all:${snapshot.version}` : (snapshot.keyOf(model) ?? 'missing');
}

export class Results {
  private done: Lru<Cached>;
  private pending = new Map<string, Promise<Cached>>();

  constructor(
    private computer: Computer,
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
      p = this.computer
        .compute(job, snapshot)
        .then((result) => {
          const c: Cached = { key, result, ms: performance.now() - t0 };
          this.done.set(key, c);
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

  clear(): void {
    this.done.clear();
  }
}
