// The database schema as an ordered list of migrations. The schema version lives in SQLite's
// `PRAGMA user_version` (part of the file header, so it changes atomically with the tables in
// the same transaction). Migrations only ever get appended: never edit a shipped one.

import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface Migration {
  /** The schema version the file has once this migration ran (1, 2, …, in order). */
  version: number;
  description: string;
  up(db: Database.Database): void;
}

const appendOnly = (table: string, what: string) => `
  CREATE TRIGGER ${table}_append_only_update BEFORE UPDATE ON ${table}
  BEGIN SELECT RAISE(ABORT, '${what} is append-only: rows are never changed'); END;
  CREATE TRIGGER ${table}_append_only_delete BEFORE DELETE ON ${table}
  BEGIN SELECT RAISE(ABORT, '${what} is append-only: rows are never deleted'); END;
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'resolution and forecast history, API tokens, web sessions, secrets',
    up(db) {
      db.exec(`
        CREATE TABLE resolution_events (
          id            INTEGER PRIMARY KEY AUTOINCREMENT,
          prediction_id TEXT    NOT NULL,
          version       INTEGER NOT NULL CHECK (version >= 1),
          outcome       TEXT    NOT NULL CHECK (outcome IN ('yes', 'no', 'ambiguous', 'annulled', 'unresolved')),
          note          TEXT    NOT NULL,
          evidence_url  TEXT,
          actor         TEXT    NOT NULL,
          via           TEXT    NOT NULL CHECK (via IN ('api', 'web', 'cli')),
          created_at    TEXT    NOT NULL,
          UNIQUE (prediction_id, version)
        ) STRICT;
        ${appendOnly('resolution_events', 'the resolution history')}

        CREATE TABLE forecasts (
          id                 INTEGER PRIMARY KEY AUTOINCREMENT,
          prediction_id      TEXT    NOT NULL,
          forecaster         TEXT    NOT NULL,
          credence           REAL    NOT NULL CHECK (credence > 0 AND credence < 1),
          prediction_version INTEGER NOT NULL CHECK (prediction_version >= 0),
          note               TEXT,
          via                TEXT    NOT NULL CHECK (via IN ('api', 'web', 'cli')),
          created_at         TEXT    NOT NULL
        ) STRICT;
        CREATE INDEX forecasts_by_prediction ON forecasts (prediction_id, id);
        ${appendOnly('forecasts', 'the forecast history')}

        CREATE TABLE tokens (
          id         INTEGER PRIMARY KEY AUTOINCREMENT,
          name       TEXT NOT NULL,
          role       TEXT NOT NULL CHECK (role IN ('resolver', 'forecaster')),
          hash       BLOB NOT NULL UNIQUE,
          created_at TEXT NOT NULL,
          revoked_at TEXT
        ) STRICT;
        CREATE UNIQUE INDEX tokens_active_name ON tokens (name) WHERE revoked_at IS NULL;

        CREATE TABLE sessions (
          hash       BLOB PRIMARY KEY,
          token_id   INTEGER NOT NULL REFERENCES tokens (id),
          created_at TEXT NOT NULL,
          expires_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX sessions_by_token ON sessions (token_id);

        CREATE TABLE secrets (
          name  TEXT PRIMARY KEY,
          value BLOB NOT NULL
        ) STRICT;
      `);
      // The key for CSRF tokens of web sessions, made once when the database is created.
      db.prepare("INSERT INTO secrets (name, value) VALUES ('csrf', ?)").run(randomBytes(32));
    },
  },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Bring the schema up to `SCHEMA_VERSION` in one IMMEDIATE transaction (so two processes
 * opening a fresh file at once do not both migrate). Returns the versions before and after.
 * The caller checks for a newer-than-known version first; it is checked again here, inside
 * the transaction, and reported by throwing `NewerSchema`.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): { from: number; to: number } {
  const target = migrations.length;
  return db
    .transaction(() => {
      const from = schemaVersionOf(db);
      if (from > target) throw new NewerSchema(from, target);
      for (const m of migrations.slice(from)) {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      }
      return { from, to: Math.max(from, target) };
    })
    .immediate();
}

export class NewerSchema extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`schema version ${found} is newer than ${known}`);
  }
}
