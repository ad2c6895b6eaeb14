// Transactions over either store. A write transaction takes the write lock before it reads
// (SQLite: BEGIN IMMEDIATE, one writer per file; PostgreSQL: an advisory lock per key, e.g.
// per prediction), so concurrent writers — requests, processes or server instances — queue up
// and each sees the result of the one before. A read transaction sees one consistent snapshot.
// Database failures leave as DatabaseError.

import { sql, type Kysely } from 'kysely';
import type { Store } from './db.ts';
import type { Tables } from './tables.ts';
import { isDatabaseFailure, toDatabaseError } from './db-errors.ts';

export type Tx = Kysely<Tables>;

// The first key of PostgreSQL's two-key advisory locks: 'CRED'.
const LOCK_CLASS = 0x43524544;

/** A 31-bit FNV-1a hash of the lock's name, the second key of the advisory lock. */
function lockKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x7fffffff;
}

async function inTransaction<T>(
  store: Store,
  begin: (tx: Tx) => Promise<void>,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  try {
    return await store.db.connection().execute(async (tx) => {
      let result: T;
      try {
        await begin(tx);
        result = await fn(tx);
      } catch (e) {
        // Never hand a connection back inside a failed transaction.
        await sql`ROLLBACK`.execute(tx).catch(() => undefined);
        throw e;
      }
      await sql`COMMIT`.execute(tx);
      return result;
    });
  } catch (e) {
    throw isDatabaseFailure(e) ? toDatabaseError(e, store) : e;
  }
}

// Writers in one process naming the same lock wait here, holding no pooled connection, so that
// a burst of writes to one prediction cannot fill the pool with connections waiting on one
// advisory lock (starving reads, and timing out on a loaded machine); across processes the
// advisory lock still orders them.
const queues = new WeakMap<Store, Map<string, Promise<unknown>>>();

function queued<T>(store: Store, lock: string, run: () => Promise<T>): Promise<T> {
  let byLock = queues.get(store);
  if (!byLock) queues.set(store, (byLock = new Map()));
  const before = byLock.get(lock) ?? Promise.resolve();
  const mine = before.then(run, run);
  const tail = mine.catch(() => undefined);
  byLock.set(lock, tail);
  void tail.then(() => {
    if (byLock.get(lock) === tail) byLock.delete(lock);
  });
  return mine;
}

/** Run `fn` holding the write lock named `lock` (the whole file for SQLite). */
export function writeTransaction<T>(store: Store, lock: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (store.kind === 'postgres') return queued(store, lock, () => lockedWrite(store, lock, fn));
  return lockedWrite(store, lock, fn);
}

function lockedWrite<T>(store: Store, lock: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(
    store,
    async (tx) => {
      if (store.kind === 'sqlite') {
        await sql`BEGIN IMMEDIATE`.execute(tx);
        return;
      }
      await sql`BEGIN`.execute(tx);
      await sql`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int4, ${lockKey(lock)}::int4)`.execute(tx);
    },
    fn,
  );
}

/** Run `fn` on one consistent snapshot of the store. */
export function readTransaction<T>(store: Store, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(
    store,
    (tx) =>
      store.kind === 'sqlite'
        ? sql`BEGIN`.execute(tx).then(() => undefined)
        : sql`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`.execute(tx).then(() => undefined),
    fn,
  );
}

/** Run one statement outside a transaction, with failures as DatabaseError. */
export async function plain<T>(store: Store, fn: (db: Tx) => Promise<T>): Promise<T> {
  try {
    return await fn(store.db);
  } catch (e) {
    throw isDatabaseFailure(e) ? toDatabaseError(e, store) : e;
  }
}
