// The track record's store: a SQLite file (better-sqlite3, the zero-setup default) or a
// PostgreSQL database (`CREDENCE_DB=postgres://…`, for teams running several instances), both
// behind one Kysely query builder, one schema and one migration history (migrations.ts).
// Everything that can go wrong with the store becomes a DatabaseError with a sentence that says
// what happened, where, and that nothing was lost.

import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Tables } from './tables.ts';
import type { Migration } from './migrations.ts';

export type StoreKind = 'sqlite' | 'postgres';

export interface Store {
  kind: StoreKind;
  /** What messages name: the file, or the URL without its password. */
  name: string;
  db: Kysely<Tables>;
  /** SQLite's own handle (pragmas); null for PostgreSQL. */
  sqlite: Database.Database | null;
  readonly: boolean;
  busyTimeoutMs: number;
  close(): Promise<void>;
}

export type DatabaseErrorKind =
  | 'newer-schema' // the store was written by a newer Credence
  | 'needs-migration' // opened read-only but the schema is older than the code's
  | 'foreign-database' // a database of another program: tables, but not Credence's marker
  | 'corrupt' // not a SQLite database, or damaged
  | 'read-only' // the file, its folder or the database user cannot write
  | 'locked' // another writer held the lock longer than the busy timeout
  | 'disk-full'
  | 'unavailable' // the PostgreSQL server went away or refused the connection
  | 'cannot-open' // a missing folder, a folder as the file, permissions, a wrong URL or password
  | 'failed'; // anything else the database reports

export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
  constructor(
    readonly kind: DatabaseErrorKind,
    /** The file or URL (without password). */
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const DEFAULT_DB_PATH = 'data/credence.db';
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** `CREDENCE_DB` when set, else data/credence.db (relative to the working directory). */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CREDENCE_DB?.trim();
  return fromEnv ? fromEnv : DEFAULT_DB_PATH;
}

/** Whether `target` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target.trim());
}

/** A PostgreSQL URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '';
    return u.toString();
  } catch {
    return 'the PostgreSQL URL in CREDENCE_DB';
  }
}

export interface OpenOptions {
  /** Open without writing anything (no migration, no journal change). */
  readonly?: boolean;
  /** How long a write waits for another writer's lock before failing with 'locked'. */
  busyTimeoutMs?: number;
  /** PostgreSQL: how long to wait for a connection (default: busyTimeoutMs); 0 waits as long as it takes. */
  connectTimeoutMs?: number;
  /** For tests: the migrations to apply (default: all shipped ones). */
  migrations?: readonly Migration[];
}

export type OpenResult =
  { ok: true; store: Store; migrated: { from: number; to: number } } | { ok: false; error: DatabaseError };

/**
 * Open the store that `target` names (a SQLite file path, created when needed, or a
 * postgres:// URL) and migrate it. Never changes a store it does not understand: a newer
 * schema, a corrupt file or a read-only one is reported and left exactly as it was.
 */
export async function openStore(target: string = defaultDbPath(), options: OpenOptions = {}): Promise<OpenResult> {
  if (isPostgresUrl(target)) return (await import('./postgres.ts')).openPostgres(target, options);
  return (await import('./sqlite.ts')).openSqlite(target, options);
}

/** Like openStore, for callers that prefer an exception (a server's startup). */
export async function openStoreOrThrow(target: string = defaultDbPath(), options: OpenOptions = {}): Promise<Store> {
  const r = await openStore(target, options);
  if (!r.ok) throw r.error;
  return r.store;
}
