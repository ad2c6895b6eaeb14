// Opening the predictions database: one SQLite file (better-sqlite3), WAL journal with
// synchronous=FULL so an acknowledged write survives the process being killed, a busy timeout
// so concurrent writers queue instead of failing, and the schema migrated on open.
// Everything that can go wrong with the file becomes a DatabaseError with a sentence that says
// what happened, which file, and that nothing was lost.

import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { migrate, schemaVersionOf, NewerSchema, SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations.ts';

export type Db = Database.Database;

export type DatabaseErrorKind =
  | 'newer-schema' // the file was written by a newer Credence
  | 'needs-migration' // opened read-only but the file's schema is older than the code's
  | 'corrupt' // not a SQLite database, or damaged
  | 'read-only' // the file or its folder cannot be written
  | 'locked' // another process held the write lock longer than the busy timeout
  | 'disk-full'
  | 'cannot-open' // missing folder, a folder where the file should be, permissions on the path
  | 'failed'; // anything else SQLite reports

export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
  constructor(
    readonly kind: DatabaseErrorKind,
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

export interface OpenOptions {
  /** Open without writing anything (no migration, no journal change). */
  readonly?: boolean;
  /** How long a write waits for another process's lock before failing with 'locked'. */
  busyTimeoutMs?: number;
  /** For tests: the migrations to apply (default: all shipped ones). */
  migrations?: readonly Migration[];
}

export type OpenResult =
  { ok: true; db: Db; file: string; migrated: { from: number; to: number } } | { ok: false; error: DatabaseError };

/**
 * Open (creating the folder and file when needed) and migrate the database at `file`.
 * Never changes a file it does not understand: a newer schema, a corrupt file or a read-only
 * file is reported and left exactly as it was.
 */
export function openDatabase(file: string = defaultDbPath(), options: OpenOptions = {}): OpenResult {
  const readonly = options.readonly ?? false;
  const busy = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const migrations = options.migrations ?? MIGRATIONS;
  const known = migrations.length;
  const fail = (error: DatabaseError): OpenResult => ({ ok: false, error });

  const pathProblem = checkPath(file, readonly);
  if (pathProblem) return fail(pathProblem);

  let db: Db;
  try {
    db = new Database(file, { readonly, fileMustExist: readonly, timeout: busy });
  } catch (e) {
    return fail(toDatabaseError(e, file, busy));
  }
  try {
    const found = schemaVersionOf(db); // the first read: a file that is not a database fails here
    if (found > known) throw new NewerSchema(found, known);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new DatabaseError(
        'corrupt',
        file,
        `${file} is damaged (SQLite integrity check: ${String(check)}). It was left untouched; restore it from a backup, or set CREDENCE_DB to another file.`,
      );
    }
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busy))}`);
    if (readonly) {
      if (found < known) {
        throw new DatabaseError(
          'needs-migration',
          file,
          `${file} has schema version ${found}, older than this Credence's ${known}; open it once read-write (e.g. start the server) to upgrade it.`,
        );
      }
      return { ok: true, db, file, migrated: { from: found, to: found } };
    }
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      throw new DatabaseError(
        'failed',
        file,
        `${file}: SQLite refused write-ahead logging (journal mode is '${String(mode)}'); is the file on a network or read-only file system?`,
      );
    }
    db.pragma('synchronous = FULL');
    const migrated = migrate(db, migrations);
    return { ok: true, db, file, migrated };
  } catch (e) {
    db.close();
    return fail(toDatabaseError(e, file, busy));
  }
}

/** Like openDatabase, for callers that prefer an exception (a server's startup). */
export function openDatabaseOrThrow(file: string = defaultDbPath(), options: OpenOptions = {}): Db {
  const r = openDatabase(file, options);
  if (!r.ok) throw r.error;
  return r.db;
}

function checkPath(file: string, readonly: boolean): DatabaseError | null {
  const dir = dirname(resolve(file));
  let exists = false;
  try {
    const st = statSync(file);
    if (st.isDirectory())
      return new DatabaseError(
        'cannot-open',
        file,
        `${file} is a folder, not a database file; set CREDENCE_DB to a file path.`,
      );
    exists = true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      return new DatabaseError('cannot-open', file, `cannot open ${file}: ${code ?? String(e)}.`, { cause: e });
  }
  if (readonly) {
    if (!exists) return new DatabaseError('cannot-open', file, `there is no database at ${file} to open read-only.`);
    return null;
  }
  if (!exists) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const kind = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'read-only' : 'cannot-open';
      return new DatabaseError(
        kind,
        file,
        `cannot create the folder ${dir} for the database ${file} (${code ?? String(e)}); create it, or set CREDENCE_DB to a writable path.`,
        { cause: e },
      );
    }
  }
  // SQLite silently opens a write-protected file read-only and fails at the first write;
  // saying so at startup is clearer. WAL also needs to create files beside the database.
  for (const [path, what] of [...(exists ? [[file, 'the file']] : []), [dir, 'its folder']] as const) {
    try {
      accessSync(path, constants.W_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return new DatabaseError(
        'read-only',
        file,
        `the database ${file} cannot be written: ${what} is read-only (${code ?? 'no write permission'}). Nothing was changed; make ${what === 'the file' ? 'it' : dir} writable by this user, or set CREDENCE_DB to a writable path.`,
        { cause: e },
      );
    }
  }
  return null;
}

/** SQLite's and our own failures as a DatabaseError with a forecaster-readable sentence. */
export function toDatabaseError(
  e: unknown,
  file: string,
  busyTimeoutMs: number = DEFAULT_BUSY_TIMEOUT_MS,
): DatabaseError {
  if (e instanceof DatabaseError) return e;
  if (e instanceof NewerSchema) {
    return new DatabaseError(
      'newer-schema',
      file,
      `${file} has schema version ${e.found}, but this version of Credence only knows versions up to ${e.known}: it was written by a newer Credence. Upgrade Credence to use it; the file was not changed.`,
      { cause: e },
    );
  }
  const code = (e as { code?: unknown })?.code;
  const detail = e instanceof Error ? e.message : String(e);
  const c = typeof code === 'string' ? code : '';
  if (c === 'SQLITE_NOTADB' || c.startsWith('SQLITE_CORRUPT')) {
    return new DatabaseError(
      'corrupt',
      file,
      `${file} is not a readable Credence database (SQLite: ${detail}). It was left untouched; move it aside or restore it from a backup, or set CREDENCE_DB to another file.`,
      { cause: e },
    );
  }
  if (c.startsWith('SQLITE_READONLY')) {
    return new DatabaseError(
      'read-only',
      file,
      `the database ${file} is read-only (SQLite: ${detail}); nothing was written. Make the file and its folder writable by this user.`,
      { cause: e },
    );
  }
  if (c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED')) {
    return new DatabaseError(
      'locked',
      file,
      `the database ${file} is locked by another process (waited ${busyTimeoutMs} ms); nothing was written. Try again, or stop the other program using it.`,
      { cause: e },
    );
  }
  if (c === 'SQLITE_FULL') {
    return new DatabaseError(
      'disk-full',
      file,
      `the disk holding ${file} is full; nothing was written. Free some space and try again.`,
      { cause: e },
    );
  }
  if (c.startsWith('SQLITE_CANTOPEN') || c.startsWith('SQLITE_PERM') || c.startsWith('SQLITE_AUTH')) {
    return new DatabaseError(
      'cannot-open',
      file,
      `cannot open the database ${file} (SQLite: ${detail}); check that the path exists and is accessible.`,
      { cause: e },
    );
  }
  return new DatabaseError('failed', file, `the database ${file} reported an error: ${detail}`, { cause: e });
}

export function isSqliteError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/** Run `fn`, rethrowing SQLite's errors as DatabaseError (other errors pass through). */
export function guarded<T>(db: Db, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!isSqliteError(e)) throw e;
    let busy: number | undefined;
    try {
      busy = db.pragma('busy_timeout', { simple: true }) as number;
    } catch {
      busy = undefined;
    }
    throw toDatabaseError(e, db.name, busy);
  }
}

export { SCHEMA_VERSION };
