// express-rate-limit's Store over the track record's database (SQLite or PostgreSQL), so that
// server instances sharing a database share their clients' allowances. Each limiter has its
// own key prefix. Expired windows are pruned now and then. Windows are counted on `now`, the
// server's clock unless one is given (tests step a clock by hand rather than wait a window out).

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
    private readonly now: () => number = Date.now,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    if (++this.hits % PRUNE_EVERY === 0) await pruneHits(this.store, this.now());
    const { hits, resetAt } = await countHit(this.store, this.prefix + key, this.windowMs, this.now());
    return { totalHits: hits, resetTime: new Date(resetAt) };
  }

  async decrement(key: string): Promise<void> {
    await uncountHit(this.store, this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await resetHits(this.store, this.prefix + key);
  }
}

/**
 * express-rate-limit's start-up checks, less the one about X-Forwarded-For: without TRUST_PROXY
 * the header is ignored on purpose (a visitor could write any address there), so every client
 * is counted by the address it connects from; README documents that behind a proxy TRUST_PROXY
 * must be set. express-rate-limit would log a ValidationError the first time a request carries
 * the header.
 */
export const LIMITER_VALIDATION = { xForwardedForHeader: false } as const;
