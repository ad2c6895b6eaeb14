// A database that is not Credence's is refused and left as it was; an empty one is initialised.
// Each case runs on SQLite and PostgreSQL: the tables are made with the database's own client,
// then openStore is asked to open it, read-write and read-only.

import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { openStore } from '../../src/predictions/db.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/predictions/migrations.ts';
import { useBackends, type Backend } from './backends.ts';
import { cleanup } from './helpers.ts';

afterEach(cleanup);

const backends = useBackends();

/** Run statements with the database's own client (not Credence's store). */
async function seed(backend: Backend, target: string, statements: string[]): Promise<void> {
  if (backend.name === 'SQLite') {
    const raw = new Database(target);
    for (const s of statements) raw.exec(s);
    raw.close();
    return;
  }
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

/** What is in the database: the file's bytes (SQLite) and its tables with their columns. */
async function contents(backend: Backend, target: string): Promise<string> {
  if (backend.name === 'SQLite') {
    const bytes = createHash('sha256').update(readFileSync(target)).digest('hex');
    return `${bytes} wal:${existsSync(`${target}-wal`)}`;
  }
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  const r = await client.query(`SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() ORDER BY table_name, column_name`);
  await client.end();
  return JSON.stringify(r.rows);
}

const FOREIGN: Record<string, string[]> = {
  'another program': [
    'CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)',
    "INSERT INTO customers (id, name) VALUES (1, 'Ada')",
    'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER)',
  ],
  // Rails and golang-migrate keep a table of this name too.
  'another program with a schema_migrations table': [
    'CREATE TABLE schema_migrations (version TEXT PRIMARY KEY)',
    "INSERT INTO schema_migrations VALUES ('20240101120000')",
    'CREATE TABLE users (id INTEGER PRIMARY KEY)',
  ],
};

describe.each(backends)('$name: a database without Credence’s marker', (backend) => {
  it.skipIf(backend.skip).each(Object.entries(FOREIGN))(
    'is refused read-write and read-only, naming the place and the tables, and left as it was (%s)',
    async (_what, statements) => {
      const target = await backend.target();
      await seed(backend, target, statements);
      const before = await contents(backend, target);
      for (const readonly of [false, true]) {
        const r = await openStore(target, { readonly });
        expect(r.ok).toBe(false);
        if (r.ok) continue;
        expect(r.error.kind).toBe('foreign-database');
        const name = backend.name === 'SQLite' ? target : r.error.file;
        expect(r.error.message).toContain(`${name} is not a Credence database`);
        expect(r.error.message).toMatch(/left untouched/);
        const expected = statements.filter((s) => s.startsWith('CREATE')).map((s) => /TABLE (\w+)/.exec(s)![1]!);
        for (const table of expected) expect(r.error.message).toContain(table);
      }
      expect(await contents(backend, target)).toBe(before);
    },
  );

  it.skipIf(backend.skip)('is initialised when it is empty', async () => {
    const target = await backend.target();
    if (backend.name === 'SQLite') writeFileSync(target, ''); // an empty file is an empty database
    const r = await openStore(target);
    expect(r.ok && r.migrated).toEqual({ from: 0, to: SCHEMA_VERSION });
    if (r.ok) await r.store.close();
    const again = await openStore(target, { readonly: true });
    expect(again.ok && again.migrated).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    if (again.ok) await again.store.close();
  });
});

describe('SQLite: a Credence file from before the schema history', () => {
  it('is recognised by its version and resolution history, and migrated', async () => {
    const target = await backends[0]!.target();
    const first = await openStore(target, { migrations: [MIGRATIONS[0]!] });
    if (!first.ok) throw first.error;
    await first.store.close();
    const raw = new Database(target);
    raw.exec('DROP TABLE schema_migrations');
    raw.pragma('user_version = 1');
    raw.close();
    const r = await openStore(target);
    expect(r.ok && r.migrated).toEqual({ from: 1, to: SCHEMA_VERSION });
    if (r.ok) await r.store.close();
  });
});
