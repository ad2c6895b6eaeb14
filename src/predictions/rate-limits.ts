// Rate-limit counters kept in the store, so that every server instance sharing a database
// counts a client's requests together: a fixed window per key, counted by one atomic upsert.

import { sql } from 'kysely';
import type { Store } from './db.ts';
import { plain } from './transactions.ts';

/** Count a hit for `key`: the hits in its current window and when that window ends. */
export async function countHit(
  store: Store,
  key: string,
  windowMs: number,
  now: number = Date.now(),
): Promise<{ hits: number; resetAt: number }> {
  const row = await plain(store, (db) =>
    db
      .insertInto('rate_limits')
      .values({ key, hits: 1, reset_at: now + windowMs })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          hits: sql`CASE WHEN rate_limits.reset_at <= ${now} THEN 1 ELSE rate_limits.hits + 1 END`,
          reset_at: sql`CASE WHEN rate_limits.reset_at <= ${now} THEN excluded.reset_at ELSE rate_limits.reset_at END`,
        }),
      )
      .returning(['hits', 'reset_at'])
      .executeTakeFirstOrThrow(),
  );
  return { hits: Number(row.hits), resetAt: Number(row.reset_at) };
}

/** The hits in `key`'s current window (0 when it has none or it ended), without counting one. */
export async function peekHits(
  store: Store,
  key: string,
  now: number = Date.now(),
): Promise<{ hits: number; resetAt: number }> {
  const row = await plain(store, (db) =>
    db.selectFrom('rate_limits').select(['hits', 'reset_at']).where('key', '=', key).executeTakeFirst(),
  );
  if (!row || Number(row.reset_at) <= now) return { hits: 0, resetAt: now };
  return { hits: Number(row.hits), resetAt: Number(row.reset_at) };
}

/** Take back a hit (express-rate-limit's skipSuccessfulRequests). */
export async function uncountHit(store: Store, key: string): Promise<void> {
  await plain(store, (db) =>
    db
      .updateTable('rate_limits')
      .set({ hits: sql`CASE WHEN hits > 0 THEN hits - 1 ELSE 0 END` })
      .where('key', '=', key)
      .execute(),
  );
}

/** Forget `key`'s count. */
export async function resetHits(store: Store, key: string): Promise<void> {
  await plain(store, (db) => db.deleteFrom('rate_limits').where('key', '=', key).execute());
}

/** Drop windows that ended before `now` (the table stays as small as the set of recent clients). */
export async function pruneHits(store: Store, now: number = Date.now()): Promise<void> {
  await plain(store, (db) => db.deleteFrom('rate_limits').where('reset_at', '<=', now).execute());
}
