// Opening a PostgreSQL track record (`CREDENCE_DB=postgres://user:password@host:5432/db`): a
// pg connection pool behind Kysely, the same schema and migrations as SQLite. Several server
// instances may share it: writes serialise on advisory locks (transactions.ts), rate limits
// count in one table. PostgreSQL commits are durable when acknowledged (synchronous_commit,
// the server's default), so an acknowledged write survives the instance being killed.

import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import {
  DatabaseError,
  DEFAULT_BUSY_TIMEOUT_MS,
  redactUrl,
  type OpenOptions,
  type OpenResult,
  type Store,
} from './db.ts';
import { toDatabaseError } from './db-errors.ts';
import { MIGRATIONS, migrate, schemaVersion, NewerSchema } from './migrations.ts';
import { readTransaction, writeTransaction } from './transactions.ts';
import type { Tables } from './tables.ts';

/** Connections per instance. */
const POOL_SIZE = 10;

export async function openPostgres(url: string, options: OpenOptions = {}): Promise<OpenResult> {
  const readonly = options.readonly ?? false;
  const busy = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const migrations = options.migrations ?? MIGRATIONS;
  const known = migrations.length;
  const name = redactUrl(url);
  try {
    new URL(url);
  } catch {
    return {
      ok: false,
      error: new DatabaseError(
        'cannot-open',
        name,
        'CREDENCE_DB is not a valid PostgreSQL URL; write it as postgres://user:password@host:5432/database',
      ),
    };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: options.connectTimeoutMs ?? busy,
    // A writer waits this long for another's lock, then gives up with 'locked' (55P03).
    options: `-c lock_timeout=${Math.max(1, Math.floor(busy))}${readonly ? ' -c default_transaction_read_only=on' : ''}`,
    application_name: 'credence',
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const store: Store = {
    kind: 'postgres',
    name,
    db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }),
    sqlite: null,
    readonly,
    busyTimeoutMs: busy,
    close: () => store.db.destroy(),
  };
  try {
    await sql`SELECT 1`.execute(store.db);
    const found = await readTransaction(store, (tx) => schemaVersion(tx, 'postgres'));
    if (found > known) throw new NewerSchema(found, known);
    if (readonly) {
      if (found < known)
        throw new DatabaseError(
          'needs-migration',
          name,
          `${name} has schema version ${found}, older than this Credence's ${known}; start the server once to upgrade it.`,
        );
      return { ok: true, store, migrated: { from: found, to: found } };
    }
    const migrated = await writeTransaction(store, 'schema', (tx) => migrate(tx, 'postgres', migrations));
    return { ok: true, store, migrated };
  } catch (e) {
    await store.db.destroy().catch(() => undefined);
    return { ok: false, error: toDatabaseError(e, store) };
  }
}
