// SQLite's and PostgreSQL's failures as DatabaseErrors with a sentence a forecaster can act on.

import { DatabaseError, DEFAULT_BUSY_TIMEOUT_MS, type StoreKind } from './db.ts';
import { NewerSchema } from './migrations.ts';
import { ForeignDatabase } from './marker.ts';

export interface Where {
  kind: StoreKind;
  name: string;
  busyTimeoutMs?: number;
}

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE']);

/** Whether `e` came from the database (and so becomes a DatabaseError), not from our code. */
export function isDatabaseFailure(e: unknown): boolean {
  if (e instanceof DatabaseError || e instanceof NewerSchema || e instanceof ForeignDatabase) return true;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (code.startsWith('SQLITE_') || NETWORK.has(code))) return true;
  // pg's errors carry the server's SQLSTATE and a severity.
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in (e as object)) return true;
  const message = e instanceof Error ? e.message : '';
  // better-sqlite3's handle closed under a running server is a database gone, like a lost connection.
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect|database connection is not open/i.test(
    message,
  );
}

/** A duplicate key: two writers raced for the same version or name. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function toDatabaseError(e: unknown, where: Where): DatabaseError {
  if (e instanceof DatabaseError) return e;
  const file = where.name;
  const busy = where.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (e instanceof NewerSchema) {
    return new DatabaseError(
      'newer-schema',
      file,
      `${file} has schema version ${e.found}, but this version of Credence only knows versions up to ${e.known}: it was written by a newer Credence. Upgrade Credence to use it; nothing was changed.`,
      { cause: e },
    );
  }
  if (e instanceof ForeignDatabase) {
    return new DatabaseError(
      'foreign-database',
      file,
      `${file} is not a Credence database: it holds tables of another program (${e.tables.join(', ')}) and not Credence's schema history. It was left untouched; set CREDENCE_DB to a new file or an empty database.`,
      { cause: e },
    );
  }
  return where.kind === 'sqlite' ? sqliteError(e, file, busy) : postgresError(e, file, busy);
}

function sqliteError(e: unknown, file: string, busy: number): DatabaseError {
  const code = (e as { code?: unknown })?.code;
  const detail = e instanceof Error ? e.message : String(e);
  const c = typeof code === 'string' ? code : '';
  const make = (kind: DatabaseError['kind'], message: string) => new DatabaseError(kind, file, message, { cause: e });
  if (c === 'SQLITE_NOTADB' || c.startsWith('SQLITE_CORRUPT'))
    return make(
      'corrupt',
      `${file} is not a readable Credence database (SQLite: ${detail}). It was left untouched; move it aside or restore it from a backup, or set CREDENCE_DB to another file.`,
    );
  if (c.startsWith('SQLITE_READONLY'))
    return make(
      'read-only',
      `the database ${file} is read-only (SQLite: ${detail}); nothing was written. Make the file and its folder writable by this user.`,
    );
  if (c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED'))
    return make(
      'locked',
      `the database ${file} is locked by another process (waited ${busy} ms); nothing was written. Try again, or stop the other program using it.`,
    );
  if (c === 'SQLITE_FULL')
    return make('disk-full', `the disk holding ${file} is full; nothing was written. Free some space and try again.`);
  if (c.startsWith('SQLITE_CANTOPEN') || c.startsWith('SQLITE_PERM') || c.startsWith('SQLITE_AUTH'))
    return make(
      'cannot-open',
      `cannot open the database ${file} (SQLite: ${detail}); check that the path exists and is accessible.`,
    );
  return make('failed', `the database ${file} reported an error: ${detail}`);
}

function postgresError(e: unknown, url: string, busy: number): DatabaseError {
  const code = String((e as { code?: unknown })?.code ?? '');
  const detail = e instanceof Error ? e.message : String(e);
  const make = (kind: DatabaseError['kind'], message: string) => new DatabaseError(kind, url, message, { cause: e });
  if (NETWORK.has(code) || code === 'ENOENT' || code === '57P03' || /^08/.test(code))
    return make(
      'unavailable',
      `cannot reach the PostgreSQL database ${url} (${detail}); nothing was written. Check that the server is running and CREDENCE_DB is right.`,
    );
  if (code === '57P01' || code === '57P02' || /Connection terminated|connection timeout/i.test(detail))
    return make(
      'unavailable',
      `the PostgreSQL server of ${url} closed the connection (${detail}); what was not acknowledged was not written. Try again.`,
    );
  if (code === '28P01' || code === '28000')
    return make(
      'cannot-open',
      `PostgreSQL refused the login for ${url} (${detail}); check the user and password in CREDENCE_DB.`,
    );
  if (code === '3D000') return make('cannot-open', `${detail} (${url}); create it (createdb) or correct CREDENCE_DB.`);
  if (code === '25006' || code === '42501')
    return make(
      'read-only',
      `the PostgreSQL database ${url} cannot be written by this user (${detail}); nothing was written.`,
    );
  // pg's pool gives up waiting for a free connection with this message and no code.
  if (
    code === '55P03' ||
    code === '40P01' ||
    code === '40001' ||
    /timeout exceeded when trying to connect/i.test(detail)
  )
    return make(
      'locked',
      `the PostgreSQL database ${url} is busy with another writer (waited ${busy} ms; ${detail}); nothing was written. Try again.`,
    );
  if (code === '53100')
    return make('disk-full', `the disk of the PostgreSQL server of ${url} is full; nothing was written.`);
  return make('failed', `the PostgreSQL database ${url} reported an error: ${detail}`);
}
