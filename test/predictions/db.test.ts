import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openStore, defaultDbPath, DatabaseError } from '../../src/predictions/db.ts';
import { sql } from 'kysely';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from '../../src/predictions/migrations.ts';
import { recordResolution, predictionState } from '../../src/predictions/store.ts';
import { cleanup, tempDir, knownIds, FIXTURES, REPO } from './helpers.ts';

afterEach(cleanup);

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const actor = { name: 'tester', via: 'api' as const };

async function open(file: string, options = {}) {
  const r = await openStore(file, options);
  if (!r.ok) throw r.error;
  return { ...r, db: r.store.sqlite!, store: r.store };
}

describe('opening and migrating', () => {
  it('creates the folder and file, migrates a fresh file, and sets WAL and synchronous=FULL', async () => {
    const file = join(tempDir(), 'nested', 'deeper', 'credence.db');
    const r = await open(file);
    expect(existsSync(file)).toBe(true);
    expect(r.migrated).toEqual({ from: 0, to: SCHEMA_VERSION });
    expect(r.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(r.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(r.db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(r.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = r.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['forecasts', 'resolution_events', 'secrets', 'sessions', 'tokens']));
    await r.store.close();
  });

  it('re-opening is idempotent and keeps the data', async () => {
    const file = join(tempDir(), 'credence.db');
    const first = await open(file);
    expect(
      (await recordResolution(first.store, knownIds('1'), '1', { outcome: 'yes', note: 'n', version: 0 }, actor)).ok,
    ).toBe(true);
    const secret = first.db.prepare("SELECT value FROM secrets WHERE name = 'csrf'").pluck().get();
    await first.store.close();
    for (let i = 0; i < 3; i++) {
      const again = await open(file);
      expect(again.migrated).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
      expect((await predictionState(again.store, '1')).version).toBe(1);
      expect(again.db.prepare("SELECT value FROM secrets WHERE name = 'csrf'").pluck().get()).toEqual(secret);
      await again.store.close();
    }
  });

  it('applies only the migrations a file lacks, and rolls a failing migration back whole', async () => {
    const file = join(tempDir(), 'credence.db');
    const m2: Migration = {
      version: 2,
      description: 'add a table',
      up: async (tx) => void (await sql`CREATE TABLE extra (x INTEGER)`.execute(tx)),
    };
    const m3: Migration = {
      version: 3,
      description: 'fails half-way',
      up: async (tx) => {
        await sql`CREATE TABLE half (x INTEGER)`.execute(tx);
        throw new Error('boom');
      },
    };
    await (await open(file, { migrations: [MIGRATIONS[0]!] })).store.close();
    const second = await open(file, { migrations: [MIGRATIONS[0]!, m2] });
    expect(second.migrated).toEqual({ from: 1, to: 2 });
    await second.store.close();
    const third = await openStore(file, { migrations: [MIGRATIONS[0]!, m2, m3] });
    expect(third.ok).toBe(false);
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    raw.close();
  });

  it('refuses a file with a newer schema, naming the file and both versions, and leaves it unchanged', async () => {
    const file = join(tempDir(), 'credence.db');
    await (await open(file)).store.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 7}`);
    raw.pragma('journal_mode = DELETE'); // fold the WAL into the file so its bytes are final
    raw.close();
    const before = sha(file);
    const r = await openStore(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(DatabaseError);
    expect(r.error.kind).toBe('newer-schema');
    expect(r.error.message).toContain(file);
    expect(r.error.message).toContain(`schema version ${SCHEMA_VERSION + 7}`);
    expect(r.error.message).toContain(`up to ${SCHEMA_VERSION}`);
    expect(sha(file)).toBe(before);
  });

  it('refuses a file that is not a database, and leaves it unchanged', async () => {
    const file = join(tempDir(), 'credence.db');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));
    const before = sha(file);
    const r = await openStore(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('corrupt');
    expect(r.error.message).toContain(file);
    expect(r.error.message).toMatch(/left untouched/);
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a database whose pages are damaged', async () => {
    const file = join(tempDir(), 'credence.db');
    const r0 = await open(file);
    const known = knownIds('1');
    for (let i = 0; i < 300; i++) {
      const v = (await predictionState(r0.store, '1')).version;
      await recordResolution(
        r0.store,
        known,
        '1',
        {
          outcome: v % 2 === 0 ? 'yes' : 'unresolved',
          note: `a note long enough to fill pages ${'x'.repeat(200)}`,
          version: v,
        },
        actor,
      );
    }
    r0.db.pragma('journal_mode = DELETE');
    await r0.store.close();
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    expect(bytes.length).toBeGreaterThan(pageSize * 6);
    // Scribble over the start of pages 3 to 5 (b-tree page headers).
    for (let p = 2; p < 5; p++) bytes.fill(0xa5, p * pageSize, p * pageSize + 64);
    writeFileSync(file, bytes);
    const r = await openStore(file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('corrupt');
  });

  it('reports a read-only file opened read-write as read-only, not as a later write failure', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const file = join(dir, 'credence.db');
    await (await open(file)).store.close();
    chmodSync(file, 0o444);
    if (process.getuid?.() === 0) {
      // root ignores file permissions; run the opener as an unprivileged user instead.
      const child = spawnSync(process.execPath, ['--import', 'tsx', join(FIXTURES, 'writer.ts'), 'open', file], {
        cwd: REPO,
        uid: 65534,
        gid: 65534,
        encoding: 'utf8',
        env: { ...process.env, HOME: '/tmp' },
      });
      expect(child.stderr).toBe('');
      const out = JSON.parse(child.stdout.trim()) as { ok: boolean; kind?: string; message?: string };
      expect(out.ok).toBe(false);
      expect(out.kind).toBe('read-only');
      expect(out.message).toContain(file);
    } else {
      const r = await openStore(file);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.kind).toBe('read-only');
    }
  });

  it('a write through a read-only connection is a read-only error value and writes nothing', async () => {
    const file = join(tempDir(), 'credence.db');
    await (await open(file)).store.close();
    const ro = await open(file, { readonly: true });
    const r = await recordResolution(ro.store, knownIds('1'), '1', { outcome: 'yes', note: 'n', version: 0 }, actor);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('database');
      if (r.error.kind === 'database') expect(r.error.error.kind).toBe('read-only');
      expect(r.error.message).toMatch(/read-only/);
    }
    await ro.store.close();
    const rw = await open(file);
    expect((await predictionState(rw.store, '1')).version).toBe(0);
    await rw.store.close();
  });

  it('a write blocked by another writer past the busy timeout is a locked error, and nothing is lost', async () => {
    const file = join(tempDir(), 'credence.db');
    const holder = await open(file);
    const waiter = await open(file, { busyTimeoutMs: 50 });
    const known = knownIds('1');
    holder.db.exec('BEGIN IMMEDIATE');
    const blocked = await recordResolution(waiter.store, known, '1', { outcome: 'yes', note: 'n', version: 0 }, actor);
    expect(blocked.ok).toBe(false);
    if (!blocked.ok && blocked.error.kind === 'database') {
      expect(blocked.error.error.kind).toBe('locked');
      expect(blocked.error.message).toContain('locked by another process');
    } else {
      expect.fail('expected a database error');
    }
    holder.db.exec('COMMIT');
    const retried = await recordResolution(waiter.store, known, '1', { outcome: 'yes', note: 'n', version: 0 }, actor);
    expect(retried.ok).toBe(true);
    expect((await predictionState(holder.store, '1')).version).toBe(1);
    await holder.store.close();
    await waiter.store.close();
  });

  it('reports a locked file at startup when it cannot migrate', async () => {
    const file = join(tempDir(), 'credence.db');
    const raw = new Database(file);
    raw.exec('BEGIN EXCLUSIVE; CREATE TABLE someone_elses (x INTEGER);');
    const r = await openStore(file, { busyTimeoutMs: 50 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('locked');
    raw.exec('ROLLBACK');
    raw.close();
    expect((await openStore(file)).ok).toBe(true);
  });

  it('refuses a folder as the database path', async () => {
    const dir = tempDir();
    const r = await openStore(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('cannot-open');
  });

  it('takes the path from CREDENCE_DB, else data/credence.db', async () => {
    expect(defaultDbPath({ CREDENCE_DB: '/x/y.db' })).toBe('/x/y.db');
    expect(defaultDbPath({})).toBe('data/credence.db');
    expect(defaultDbPath({ CREDENCE_DB: '  ' })).toBe('data/credence.db');
  });
});

describe('opening PostgreSQL', () => {
  it('an unreachable server is one sentence naming the URL, never its password', async () => {
    const r = await openStore('postgres://credence:s3cret@127.0.0.1:1/credence', { busyTimeoutMs: 2000 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('unavailable');
    expect(r.error.message).toMatch(
      /^cannot reach the PostgreSQL database postgres:\/\/credence@127\.0\.0\.1:1\/credence/,
    );
    expect(r.error.message).not.toContain('s3cret');
  });

  it('a URL that does not parse says how to write one', async () => {
    const r = await openStore('postgres://[nonsense');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/postgres:\/\/user:password@host:5432\/database/);
  });
});
