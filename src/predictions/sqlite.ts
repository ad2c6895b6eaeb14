// Opening a SQLite track record: one file (better-sqlite3), WAL journal with synchronous=FULL
// so an acknowledged write survives the process being killed, a busy timeout so writers of
// other processes queue instead of failing, and the schema migrated on open.

import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseError, DEFAULT_BUSY_TIMEOUT_MS, type OpenOptions, type OpenResult, type Store } from './db.ts';
import { toDatabaseError } from './db-errors.ts';
import { MIGRATIONS, migrate, schemaVersion, NewerSchema } from './migrations.ts';
import { writeTransaction, readTransaction } from './transactions.ts';
import type { Tables } from './tables.ts';

export async function openSqlite(file: string, options: OpenOptions = {}): Promise<OpenResult> {
  const readonly = options.readonly ?? false;
  const busy = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const migrations = options.migrations ?? MIGRATIONS;
  const known = migrations.length;
  const fail = (error: DatabaseError): OpenResult => ({ ok: false, error });

  const pathProblem = checkPath(file, readonly);
  if (pathProblem) return fail(pathProblem);

  let raw: Database.Database;
  try {
    raw = new Database(file, { readonly, fileMustExist: readonly, timeout: busy });
  } catch (e) {
    return fail(toDatabaseError(e, { kind: 'sqlite', name: file, busyTimeoutMs: busy }));
  }
  const store: Store = {
    kind: 'sqlite',
    name: file,
    db: new Kysely<Tables>({ dialect: new SqliteDialect({ database: raw }) }),
    sqlite: raw,
    readonly,
    busyTimeoutMs: busy,
    close: async () => {
      if (raw.open) await store.db.destroy();
    },
  };
  try {
    // The first read: a file that is not a database fails here, before anything is written.
    const found = await readTransaction(store, (tx) => schemaVersion(tx, 'sqlite'));
    if (found > known) throw new NewerSchema(found, known);
    checkAndConfigure(raw, file, busy);
    if (readonly) {
      if (found < known) {
        throw new DatabaseError(
          'needs-migration',
          file,
          `${file} has schema version ${found}, older than this Credence's ${known}; open it once read-write (e.g. start the server) to upgrade it.`,
        );
      }
      return { ok: true, store, migrated: { from: found, to: found } };
    }
    writeAheadLog(raw, file);
    const migrated = await writeTransaction(store, 'schema', (tx) => migrate(tx, 'sqlite', migrations));
    return { ok: true, store, migrated };
  } catch (e) {
    raw.close();
    return fail(toDatabaseError(e, store));
  }
}

/** An intact file, with foreign keys on and the busy timeout set (throws DatabaseError 'corrupt'). */
function checkAndConfigure(raw: Database.Database, file: string, busy: number): void {
  const check = raw.pragma('quick_check', { simple: true });
  if (check !== 'ok') {
    throw new DatabaseError(
      'corrupt',
      file,
      `${file} is damaged (SQLite integrity check: ${String(check)}). It was left untouched; restore it from a backup, or set CREDENCE_DB to another file.`,
    );
  }
  raw.pragma('foreign_keys = ON');
  raw.pragma(`busy_timeout = ${Math.max(0, Math.floor(busy))}`);
}

/** The WAL journal with synchronous=FULL that a writable store needs (throws DatabaseError 'failed'). */
function writeAheadLog(raw: Database.Database, file: string): void {
  const mode = raw.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') {
    throw new DatabaseError(
      'failed',
      file,
      `${file}: SQLite refused write-ahead logging (journal mode is '${String(mode)}'); is the file on a network or read-only file system?`,
    );
  }
  raw.pragma('synchronous = FULL');
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
