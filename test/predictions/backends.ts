// Both stores for the tests that must hold for each: SQLite in a temporary file, and
// PostgreSQL in a fresh database of a private server (started once per test file, on first use).

import { afterAll } from 'vitest';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/predictions/db.ts';
import { POSTGRES_MISSING, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { tempDir } from './helpers.ts';

export interface Backend {
  name: 'SQLite' | 'PostgreSQL';
  /** Skipped when PostgreSQL is not installed (never under CI). */
  skip: boolean;
  /** A new, empty, migrated store. */
  open(): Promise<Store>;
  /** Where a new store would be (a file path or a URL), not yet opened. */
  target(): Promise<string>;
}

/** Call at the top level of a test file: both backends, the server stopped after the file. */
export function useBackends(): Backend[] {
  let server: TestPostgres | null = null;
  afterAll(() => server?.stop());
  const open = async (target: string) => {
    const r = await openStore(target);
    if (!r.ok) throw r.error;
    return r.store;
  };
  const sqliteTarget = async () => join(tempDir(), 'credence.db');
  const postgresTarget = async () => (server ??= startPostgres()).freshDatabase();
  return [
    { name: 'SQLite', skip: false, target: sqliteTarget, open: async () => open(await sqliteTarget()) },
    {
      name: 'PostgreSQL',
      skip: POSTGRES_MISSING !== null,
      target: postgresTarget,
      open: async () => open(await postgresTarget()),
    },
  ];
}

/** Run raw SQL on the store (to show what the database itself refuses). */
export async function rawSql(store: Store, text: string): Promise<void> {
  const { sql } = await import('kysely');
  await sql.raw(text).execute(store.db);
}
