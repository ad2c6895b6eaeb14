// What makes a database Credence's: its schema history (the table schema_migrations whose first
// row is Credence's first migration) or, in SQLite files from before that table, a
// `PRAGMA user_version` beside Credence's resolution history. Anything else holding tables is
// some other program's data: it is refused before a byte is written (no migration, no journal
// change). An empty database is Credence's to initialise.

import { sql } from 'kysely';
import type { StoreKind } from './db.ts';
import type { Tx } from './transactions.ts';

/** The description of migration 1, the row that marks a Credence schema history. */
export const FIRST_MIGRATION = 'resolution and forecast history, API tokens, web sessions, secrets';

/** The history's columns, as Credence creates them. */
const HISTORY_COLUMNS = ['applied_at', 'description', 'version'];

/** How many table names a refusal lists. */
const SHOWN_TABLES = 5;

/** A database with tables but not Credence's marker. */
export class ForeignDatabase extends Error {
  constructor(readonly tables: readonly string[]) {
    super(`a database of another program (tables ${tables.join(', ')})`);
  }
}

/** The tables and views of the store (SQLite's own excluded), in name order. */
export async function tableNames(tx: Tx, kind: StoreKind): Promise<string[]> {
  const rows =
    kind === 'sqlite'
      ? await sql<{ name: string }>`SELECT name FROM sqlite_master
          WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name`.execute(tx)
      : // The catalog, not to_regclass, whose cached lookup can miss a table another instance
        // created while this one waited for the lock.
        await sql<{ name: string }>`SELECT c.relname AS name FROM pg_catalog.pg_class c
          JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
          ORDER BY c.relname`.execute(tx);
  return rows.rows.map((r) => r.name);
}

async function historyColumns(tx: Tx, kind: StoreKind): Promise<string[]> {
  const rows =
    kind === 'sqlite'
      ? await sql<{ name: string }>`SELECT name FROM pragma_table_info('schema_migrations')`.execute(tx)
      : await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = 'schema_migrations'`.execute(tx);
  return rows.rows.map((r) => r.name).sort();
}

async function isCredenceHistory(tx: Tx, kind: StoreKind): Promise<boolean> {
  const columns = await historyColumns(tx, kind);
  if (columns.join() !== HISTORY_COLUMNS.join()) return false;
  const first = await sql<{ description: string }>`SELECT description FROM schema_migrations
    WHERE version = 1`.execute(tx);
  return first.rows[0]?.description === FIRST_MIGRATION;
}

async function legacyVersion(tx: Tx, kind: StoreKind): Promise<number> {
  if (kind !== 'sqlite') return 0;
  return (await sql<{ user_version: number }>`PRAGMA user_version`.execute(tx)).rows[0]!.user_version;
}

/**
 * The store's schema version (0 for an empty database), read without writing anything.
 * Throws ForeignDatabase when the database holds tables without Credence's marker.
 */
export async function schemaVersion(tx: Tx, kind: StoreKind): Promise<number> {
  const tables = await tableNames(tx, kind);
  const legacy = await legacyVersion(tx, kind);
  const refuse = () => new ForeignDatabase(tables.slice(0, SHOWN_TABLES));
  if (tables.includes('schema_migrations')) {
    if (!(await isCredenceHistory(tx, kind))) throw refuse();
    const row = await sql<{ v: number | null }>`SELECT max(version) AS v FROM schema_migrations`.execute(tx);
    return Math.max(Number(row.rows[0]?.v ?? 0), legacy);
  }
  if (tables.length === 0) return legacy;
  // Credence's SQLite files from before the history table: the version in user_version.
  if (legacy > 0 && tables.includes('resolution_events')) return legacy;
  throw refuse();
}
