// Computed results, cached by model content and normalised job: a repeat view is a map lookup,
// and concurrent requests for the same result share one computation.

import { createHash } from 'node:crypto';
import { Lru } from './lru.ts';
import { stableKey } from './query.ts';
import type { Computer } from './compute/computer.ts';
import type { Job, JobResult } from './compute/jobs.ts';
import type { Snapshot } from './live-project.ts';

export interface Cached<T = unknown> {
  /** Short hash of the job and the model content: the ETag of anything rendered from it alone. */
  key: string;
  result: JobResult<T>;
  /** Milliseconds the computation took (0 when it came from the cache). */
  ms: number;
}

/** Approximate size of a cached value, for the memory bound. */
function sizeOf(v: Cached): number {
  return JSON.stringify(v.result).length;
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
    const content = snapshot.keyOf(job.model) ?? 'missing';
    return createHash('sha256')
      .update(`${content}|${stableKey(job)}`)
      .digest('hex')
      .slice(0, 20);
  }

  /** The result if it is already computed, without starting anything. */
  peek<T>(job: Job, snapshot: Snapshot): Cached<T> | undefined {
    return this.done.get(this.keyOf(job, snapshot)) as Cached<T> | undefined;
  }

  /** Whether the result is computed or being computed: asking for it again costs nothing. */
  known(job: Job, snapshot: Snapshot): boolean {
    const key = this.keyOf(job, snapshot);
    return this.done.has(key) || this.pending.has(key);
  }

  get<T>(job: Job, snapshot: Snapshot): Promise<Cached<T>> {
    const key = this.keyOf(job, snapshot);
    const hit = this.done.get(key);
    if (hit) return Promise.resolve({ ...hit, ms: 0 } as Cached<T>);
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
    return p as Promise<Cached<T>>;
  }

  /** Wait up to `ms` for a result; undefined if it is still computing then (it goes on). */
  async within<T>(job: Job, snapshot: Snapshot, ms: number): Promise<Cached<T> | undefined> {
    const p = this.get<T>(job, snapshot);
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
