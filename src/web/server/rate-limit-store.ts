// express-rate-limit's Store over the track record's database (SQLite or PostgreSQL), so that
// server instances sharing a database share their clients' allowances. Each limiter has its
// own key prefix. Expired windows are pruned now and then.

import type { ClientRateLimitInfo, Options, Store as LimitStore } from 'express-rate-limit';
import type { Store } from '../../predictions/db.ts';
import { countHit, pruneHits, resetHits, uncountHit } from '../../predictions/rate-limits.ts';

const PRUNE_EVERY = 1000;

export class DatabaseLimitStore implements LimitStore {
  private windowMs = 60_000;
  private hits = 0;
  readonly localKeys = false;

  constructor(
    private readonly store: Store,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    if (++this.hits % PRUNE_EVERY === 0) await pruneHits(this.store);
    const { hits, resetAt } = await countHit(this.store, this.prefix + key, this.windowMs);
    return { totalHits: hits, resetTime: new Date(resetAt) };
  }

  async decrement(key: string): Promise<void> {
    await uncountHit(this.store, this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await resetHits(this.store, this.prefix + key);
  }
}
