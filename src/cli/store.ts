// The track record from the command line's side. Reading never creates a database: without
// one (no CREDENCE_DB and no ./data/credence.db), a command reads an empty record. Writing
// (tokens, resolutions) creates one only where it was named with CREDENCE_DB; the default
// ./data/credence.db is created by `serve`, so a command run in some other folder leaves no
// stray database behind.

import { existsSync } from 'node:fs';
import { DatabaseError, isPostgresUrl, openStore, type Store } from '../predictions/db.ts';
import { EXIT, type CliIO } from './io.ts';

/** Whether there is a database to read (a PostgreSQL URL, or a file that exists). */
export const hasStore = (io: CliIO) => isPostgresUrl(io.dbPath) || existsSync(io.dbPath);

/** Run `fn` on the store read-only; null when there is none. Errors print and give exit 1. */
export async function readStore<T>(io: CliIO, fn: (store: Store | null) => Promise<T>): Promise<T | number> {
  if (!hasStore(io)) return fn(null);
  return withStore(io, true, fn);
}

/** Run `fn` on the store opened for writing, created only when CREDENCE_DB names it. */
export async function writeStore(io: CliIO, fn: (store: Store) => Promise<number>): Promise<number> {
  if (!hasStore(io) && io.dbNamed === false) {
    io.err(
      `there is no database at ${io.dbPath}: 'credence serve' creates it there, or set CREDENCE_DB to the file (created if missing) or postgres:// URL to use`,
    );
    return EXIT.problems;
  }
  return withStore(io, false, fn);
}

async function withStore<T>(io: CliIO, readonly: boolean, fn: (store: Store) => Promise<T>): Promise<T | number> {
  const opened = await openStore(io.dbPath, { readonly });
  if (!opened.ok) {
    io.err(opened.error.message);
    return EXIT.problems;
  }
  try {
    return await fn(opened.store);
  } catch (e) {
    if (!(e instanceof DatabaseError)) throw e;
    io.err(e.message);
    return EXIT.problems;
  } finally {
    await opened.store.close();
  }
}
