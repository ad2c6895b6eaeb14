import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, DatabaseError, type Db } from '../../src/predictions/db.ts';
import {
  authorize,
  bearerToken,
  createToken,
  listTokens,
  revokeToken,
  verifyToken,
  TOKEN_PREFIX,
} from '../../src/predictions/tokens.ts';
import { csrfToken, sessionIdentity, signIn, signOut, verifyCsrf } from '../../src/predictions/sessions.ts';
import { cleanup, tempDir } from './helpers.ts';

let db: Db;
let file: string;

function reopen(): Db {
  const r = openDatabase(file);
  if (!r.ok) throw r.error;
  return r.db;
}

beforeEach(() => {
  file = join(tempDir(), 'credence.db');
  db = reopen();
});
afterEach(() => {
  if (db.open) db.close();
  cleanup();
});

function create(name: string, role: 'resolver' | 'forecaster'): string {
  const r = createToken(db, name, role);
  if (!r.ok) throw new Error(r.message);
  return r.token;
}

describe('API tokens', () => {
  it('are random, prefixed, and stored only as a SHA-256 hash', () => {
    const token = create('alice', 'resolver');
    const other = create('bob', 'resolver');
    expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(token).not.toBe(other);
    expect(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url')).toHaveLength(32);
    const rows = db.prepare('SELECT * FROM tokens').all() as Record<string, unknown>[];
    const alice = rows.find((r) => r.name === 'alice')!;
    expect(alice.hash).toEqual(createHash('sha256').update(token).digest());
    for (const row of rows)
      for (const v of Object.values(row)) expect(String(v)).not.toContain(token.slice(TOKEN_PREFIX.length));
    // Nor anywhere in the files on disk.
    db.close();
    for (const f of [file, `${file}-wal`]) {
      if (existsSync(f)) expect(readFileSync(f).includes(Buffer.from(token.slice(TOKEN_PREFIX.length)))).toBe(false);
    }
  });

  it('verify gives the holder and role; anything else gives null', () => {
    const token = create('alice', 'forecaster');
    expect(verifyToken(db, token)).toEqual({ name: 'alice', role: 'forecaster' });
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyToken(db, token.slice(0, -1) + last)).toBe(null);
    expect(verifyToken(db, token.slice(TOKEN_PREFIX.length))).toBe(null);
    expect(verifyToken(db, '')).toBe(null);
    expect(verifyToken(db, undefined)).toBe(null);
    expect(verifyToken(db, token + 'x'.repeat(500))).toBe(null);
  });

  it('the wrong role is detectable: 401 without a holder, 403 for the other role', () => {
    const f = verifyToken(db, create('fay', 'forecaster'));
    const r = verifyToken(db, create('rex', 'resolver'));
    expect(authorize(null, 'resolver')).toMatchObject({ ok: false, status: 401 });
    expect(authorize(f, 'resolver')).toMatchObject({ ok: false, status: 403 });
    expect(authorize(r, 'forecaster')).toMatchObject({ ok: false, status: 403 });
    expect(authorize(r, 'resolver')).toEqual({ ok: true, identity: { name: 'rex', role: 'resolver' } });
    expect(authorize(f, 'forecaster')).toMatchObject({ ok: true });
  });

  it('revoking stops the token, keeps the record, and allows a new token for the name', () => {
    const old = create('alice', 'resolver');
    expect(createToken(db, 'alice', 'forecaster')).toMatchObject({
      ok: false,
      message: expect.stringContaining('already has an active resolver token'),
    });
    expect(revokeToken(db, 'alice')).toBe(true);
    expect(verifyToken(db, old)).toBe(null);
    expect(revokeToken(db, 'alice')).toBe(false);
    const fresh = create('alice', 'forecaster');
    expect(verifyToken(db, fresh)).toEqual({ name: 'alice', role: 'forecaster' });
    expect(verifyToken(db, old)).toBe(null);
    const list = listTokens(db);
    expect(list.map((t) => [t.name, t.role, t.revokedAt === null])).toEqual([
      ['alice', 'forecaster', true],
      ['alice', 'resolver', false],
    ]);
    for (const t of list) expect(Object.keys(t).sort()).toEqual(['createdAt', 'name', 'revokedAt', 'role']);
  });

  it('refuses unusable and reserved names', () => {
    expect(createToken(db, 'author', 'forecaster')).toMatchObject({
      ok: false,
      message: expect.stringContaining('reserved'),
    });
    expect(createToken(db, 'cli:root', 'resolver')).toMatchObject({ ok: false });
    expect(createToken(db, '', 'resolver')).toMatchObject({ ok: false });
    expect(createToken(db, 'a b', 'resolver')).toMatchObject({ ok: false });
    expect(listTokens(db)).toEqual([]);
  });

  it('reads bearer tokens from the Authorization header', () => {
    expect(bearerToken('Bearer credence_abc')).toBe('credence_abc');
    expect(bearerToken('bearer   credence_abc ')).toBe('credence_abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBe(null);
    expect(bearerToken('Bearer a b')).toBe(null);
    expect(bearerToken(undefined)).toBe(null);
  });
});

describe('a locked database', () => {
  it('token and session writes fail with a DatabaseError naming the lock, and write nothing', () => {
    const token = create('alice', 'resolver');
    const holder = reopen();
    const hurried = openDatabase(file, { busyTimeoutMs: 30 });
    if (!hurried.ok) throw hurried.error;
    holder.exec('BEGIN IMMEDIATE');
    try {
      for (const attempt of [
        () => createToken(hurried.db, 'bob', 'forecaster'),
        () => revokeToken(hurried.db, 'alice'),
        () => signIn(hurried.db, token),
      ]) {
        expect(attempt).toThrow(DatabaseError);
        try {
          attempt();
        } catch (e) {
          expect((e as DatabaseError).kind).toBe('locked');
        }
      }
      // Reads still work while another process writes (WAL).
      expect(verifyToken(hurried.db, token)).toEqual({ name: 'alice', role: 'resolver' });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(listTokens(hurried.db).map((t) => [t.name, t.revokedAt])).toEqual([['alice', null]]);
    hurried.db.close();
  });
});

describe('web sessions', () => {
  it('sign in with a token, look the session up, sign out', () => {
    const token = create('alice', 'resolver');
    const s = signIn(db, token)!;
    expect(s.identity).toEqual({ name: 'alice', role: 'resolver' });
    expect(sessionIdentity(db, s.sessionId)?.identity).toEqual({ name: 'alice', role: 'resolver' });
    // Stored hashed: the id itself is nowhere in the table.
    const rows = db.prepare('SELECT * FROM sessions').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.hash).toEqual(createHash('sha256').update(s.sessionId).digest());
    signOut(db, s.sessionId);
    expect(sessionIdentity(db, s.sessionId)).toBe(null);
  });

  it('no session for a bad token; sessions expire; revoking the token ends them', () => {
    expect(signIn(db, 'credence_nope')).toBe(null);
    const token = create('alice', 'forecaster');
    const t0 = new Date('2026-01-01T00:00:00Z');
    const s = signIn(db, token, { now: t0, ttlMs: 60_000 })!;
    expect(sessionIdentity(db, s.sessionId, new Date('2026-01-01T00:00:59Z'))).not.toBe(null);
    expect(sessionIdentity(db, s.sessionId, new Date('2026-01-01T00:01:00Z'))).toBe(null);
    const live = signIn(db, token)!;
    expect(sessionIdentity(db, live.sessionId)).not.toBe(null);
    revokeToken(db, 'alice');
    expect(sessionIdentity(db, live.sessionId)).toBe(null);
  });

  it('CSRF tokens are per session, verified in constant time, and stable across restarts', () => {
    const token = create('alice', 'resolver');
    const a = signIn(db, token)!;
    const b = signIn(db, token)!;
    const ca = csrfToken(db, a.sessionId);
    expect(verifyCsrf(db, a.sessionId, ca)).toBe(true);
    expect(verifyCsrf(db, b.sessionId, ca)).toBe(false);
    expect(verifyCsrf(db, a.sessionId, ca.slice(0, -1))).toBe(false);
    expect(verifyCsrf(db, a.sessionId, undefined)).toBe(false);
    expect(verifyCsrf(db, a.sessionId, '')).toBe(false);
    db.close();
    db = reopen();
    expect(csrfToken(db, a.sessionId)).toBe(ca);
    // A different database has a different secret.
    const elsewhere = openDatabase(join(tempDir(), 'other.db'));
    if (!elsewhere.ok) throw elsewhere.error;
    expect(csrfToken(elsewhere.db, a.sessionId)).not.toBe(ca);
    elsewhere.db.close();
  });
});
