// API tokens and web sessions, in both stores: tokens stored only as hashes, roles, revoking,
// sessions that expire or end with their token, CSRF tokens; a store whose writer holds the
// lock too long fails with a 'locked' DatabaseError and writes nothing.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { sql } from 'kysely';
import { openStore, DatabaseError, type Store } from '../../src/predictions/db.ts';
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
import { cleanup } from './helpers.ts';
import { useBackends } from './backends.ts';

let db: Store;
let target: string;

async function reopen(options = {}): Promise<Store> {
  const r = await openStore(target, options);
  if (!r.ok) throw r.error;
  return r.store;
}

async function create(name: string, role: 'resolver' | 'forecaster'): Promise<string> {
  const r = await createToken(db, name, role);
  if (!r.ok) throw new Error(r.message);
  return r.token;
}

async function rows(table: string): Promise<Record<string, unknown>[]> {
  return (await sql.raw<Record<string, unknown>>(`SELECT * FROM ${table}`).execute(db.db)).rows;
}

for (const backend of useBackends()) {
  describe.skipIf(backend.skip)(`in ${backend.name}`, () => {
    beforeEach(async () => {
      target = await backend.target();
      db = await reopen();
    });
    afterEach(async () => {
      await db.close();
      cleanup();
    });

    describe('API tokens', () => {
      it('are random, prefixed, and stored only as a SHA-256 hash', async () => {
        const token = await create('alice', 'resolver');
        const other = await create('bob', 'resolver');
        // crd_<16 hex: the id>_<43 base64url characters: 32 random bytes, the secret>
        const [, id, secret] = /^crd_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/.exec(token) ?? [];
        expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
        expect(token).not.toBe(other);
        expect(Buffer.from(secret!, 'base64url')).toHaveLength(32);
        const all = await rows('tokens');
        const alice = all.find((r) => r.name === 'alice')!;
        expect(alice.hash).toEqual(createHash('sha256').update(token).digest());
        expect(alice.public_id).toBe(id);
        for (const row of all) for (const v of Object.values(row)) expect(String(v)).not.toContain(secret);
        if (backend.name === 'SQLite') {
          // Nor anywhere in the files on disk.
          await db.close();
          for (const f of [target, `${target}-wal`])
            if (existsSync(f)) expect(readFileSync(f).includes(Buffer.from(secret!))).toBe(false);
          db = await reopen();
        }
      });

      it('verify gives the holder and role; anything else gives null', async () => {
        const token = await create('alice', 'forecaster');
        expect(await verifyToken(db, token)).toEqual({ name: 'alice', role: 'forecaster' });
        const last = token.at(-1) === 'A' ? 'B' : 'A';
        expect(await verifyToken(db, token.slice(0, -1) + last)).toBe(null);
        expect(await verifyToken(db, token.slice(TOKEN_PREFIX.length))).toBe(null);
        expect(await verifyToken(db, '')).toBe(null);
        expect(await verifyToken(db, undefined)).toBe(null);
        expect(await verifyToken(db, token + 'x'.repeat(500))).toBe(null);
      });

      it('the wrong role is detectable: 401 without a holder, 403 for the other role', async () => {
        const f = await verifyToken(db, await create('fay', 'forecaster'));
        const r = await verifyToken(db, await create('rex', 'resolver'));
        expect(authorize(null, 'resolver')).toMatchObject({ ok: false, status: 401 });
        expect(authorize(f, 'resolver')).toMatchObject({ ok: false, status: 403 });
        expect(authorize(r, 'forecaster')).toMatchObject({ ok: false, status: 403 });
        expect(authorize(r, 'resolver')).toEqual({ ok: true, identity: { name: 'rex', role: 'resolver' } });
        expect(authorize(f, 'forecaster')).toMatchObject({ ok: true });
      });

      it('revoking stops the token, keeps the record, and allows a new token for the name', async () => {
        const old = await create('alice', 'resolver');
        expect(await createToken(db, 'alice', 'forecaster')).toMatchObject({
          ok: false,
          message: expect.stringContaining('already has an active resolver token'),
        });
        expect(await revokeToken(db, 'alice')).toBe(true);
        expect(await verifyToken(db, old)).toBe(null);
        expect(await revokeToken(db, 'alice')).toBe(false);
        const fresh = await create('alice', 'forecaster');
        expect(await verifyToken(db, fresh)).toEqual({ name: 'alice', role: 'forecaster' });
        expect(await verifyToken(db, old)).toBe(null);
        const list = await listTokens(db);
        expect(list.map((t) => [t.name, t.role, t.revokedAt === null])).toEqual([
          ['alice', 'forecaster', true],
          ['alice', 'resolver', false],
        ]);
        for (const t of list)
          expect(Object.keys(t).sort()).toEqual(['createdAt', 'name', 'oldForm', 'revokedAt', 'role']);
      });

      it('two tokens for one name at once: exactly one is made', async () => {
        const results = await Promise.all([
          createToken(db, 'alice', 'resolver'),
          createToken(db, 'alice', 'forecaster'),
        ]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(await listTokens(db)).toHaveLength(1);
      });

      it('refuses unusable and reserved names', async () => {
        expect(await createToken(db, 'author', 'forecaster')).toMatchObject({
          ok: false,
          message: expect.stringContaining('reserved'),
        });
        expect(await createToken(db, 'cli:root', 'resolver')).toMatchObject({ ok: false });
        expect(await createToken(db, '', 'resolver')).toMatchObject({ ok: false });
        expect(await createToken(db, 'a b', 'resolver')).toMatchObject({ ok: false });
        expect(await listTokens(db)).toEqual([]);
      });

      it('reads bearer tokens from the Authorization header', () => {
        expect(bearerToken('Bearer credence_abc')).toBe('credence_abc');
        expect(bearerToken('bearer   credence_abc ')).toBe('credence_abc');
        expect(bearerToken('Basic dXNlcjpwYXNz')).toBe(null);
        expect(bearerToken('Bearer a b')).toBe(null);
        expect(bearerToken(undefined)).toBe(null);
      });
    });

    describe('a writer holding the lock', () => {
      it('makes token and session writes fail with a locked DatabaseError, writing nothing', async () => {
        const token = await create('alice', 'resolver');
        // Writers give up on a held lock after 30 ms; connecting may take as long as the machine's
        // load makes it (the test's own bound limits it).
        const hurried = await reopen({ busyTimeoutMs: 30, connectTimeoutMs: 0 });
        // Another process holds the write lock: SQLite's for the file, PostgreSQL's for the name.
        const release = await holdLocks(target, backend.name, ['token:alice', 'token:bob']);
        try {
          for (const attempt of [
            () => createToken(hurried, 'bob', 'forecaster'),
            () => revokeToken(hurried, 'alice'),
            () => signIn(hurried, token),
          ]) {
            const e = await attempt().then(
              () => null,
              (err: unknown) => err,
            );
            expect(e).toBeInstanceOf(DatabaseError);
            expect((e as DatabaseError).kind, (e as Error).message).toBe('locked');
          }
          // Reads still work while another writes.
          expect(await verifyToken(hurried, token)).toEqual({ name: 'alice', role: 'resolver' });
        } finally {
          await release();
        }
        expect((await listTokens(hurried)).map((t) => [t.name, t.revokedAt])).toEqual([['alice', null]]);
        await hurried.close();
      });
    });

    describe('web sessions', () => {
      it('sign in with a token, look the session up, sign out', async () => {
        const token = await create('alice', 'resolver');
        const s = (await signIn(db, token))!;
        expect(s.identity).toEqual({ name: 'alice', role: 'resolver' });
        expect((await sessionIdentity(db, s.sessionId))?.identity).toEqual({ name: 'alice', role: 'resolver' });
        // Stored hashed: the id itself is nowhere in the table.
        const all = await rows('sessions');
        expect(all).toHaveLength(1);
        expect(all[0]!.hash).toEqual(createHash('sha256').update(s.sessionId).digest());
        await signOut(db, s.sessionId);
        expect(await sessionIdentity(db, s.sessionId)).toBe(null);
      });

      it('no session for a bad token; sessions expire; revoking the token ends them', async () => {
        expect(await signIn(db, 'credence_nope')).toBe(null);
        const token = await create('alice', 'forecaster');
        const t0 = new Date('2026-01-01T00:00:00Z');
        const s = (await signIn(db, token, { now: t0, ttlMs: 60_000 }))!;
        expect(await sessionIdentity(db, s.sessionId, new Date('2026-01-01T00:00:59Z'))).not.toBe(null);
        expect(await sessionIdentity(db, s.sessionId, new Date('2026-01-01T00:01:00Z'))).toBe(null);
        const live = (await signIn(db, token))!;
        expect(await sessionIdentity(db, live.sessionId)).not.toBe(null);
        await revokeToken(db, 'alice');
        expect(await sessionIdentity(db, live.sessionId)).toBe(null);
      });

      it('CSRF tokens are per session, verified in constant time, and stable across restarts', async () => {
        const token = await create('alice', 'resolver');
        const a = (await signIn(db, token))!;
        const b = (await signIn(db, token))!;
        const ca = await csrfToken(db, a.sessionId);
        expect(await verifyCsrf(db, a.sessionId, ca)).toBe(true);
        expect(await verifyCsrf(db, b.sessionId, ca)).toBe(false);
        expect(await verifyCsrf(db, a.sessionId, ca.slice(0, -1))).toBe(false);
        expect(await verifyCsrf(db, a.sessionId, undefined)).toBe(false);
        expect(await verifyCsrf(db, a.sessionId, '')).toBe(false);
        await db.close();
        db = await reopen();
        expect(await csrfToken(db, a.sessionId)).toBe(ca);
        // A different database has a different secret.
        const elsewhere = await backend.open();
        expect(await csrfToken(elsewhere, a.sessionId)).not.toBe(ca);
        await elsewhere.close();
      });
    });
  });
}

/** Hold the write locks another writer would need, from a connection of its own; resolves to a release. */
async function holdLocks(target: string, kind: string, names: string[]): Promise<() => Promise<void>> {
  if (kind === 'SQLite') {
    const Database = (await import('better-sqlite3')).default;
    const holder = new Database(target);
    holder.exec('BEGIN IMMEDIATE');
    return async () => {
      holder.exec('ROLLBACK');
      holder.close();
    };
  }
  const { writeTransaction } = await import('../../src/predictions/transactions.ts');
  const holder = await openStore(target);
  if (!holder.ok) throw holder.error;
  let release: () => void = () => {};
  const released = new Promise<void>((ok) => (release = ok));
  const held: Promise<void>[] = [];
  let ready = 0;
  const allHeld = new Promise<void>((ok) => {
    for (const name of names)
      held.push(
        writeTransaction(holder.store, name, async () => {
          if (++ready === names.length) ok();
          await released;
        }),
      );
  });
  await allHeld;
  return async () => {
    release();
    await Promise.all(held);
    await holder.store.close();
  };
}
