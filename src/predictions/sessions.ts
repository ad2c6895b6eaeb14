// Web sessions for token holders: signing in with a token yields a random session id for a
// cookie; only its SHA-256 hash is stored, with an expiry. A session ends when it expires, when
// the holder signs out, or when their token is revoked. Each session has a CSRF token: an
// HMAC of the session id under a secret kept in the database (created on first use).

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from './db.ts';
import { plain, writeTransaction } from './transactions.ts';
import { activeTokenRow, type Identity, type Role } from './tokens.ts';

export const DEFAULT_SESSION_TTL_MS = 14 * 24 * 3600 * 1000;
const SESSION_BYTES = 32;
const MAX_ID_LENGTH = 200;

export interface Session {
  /** The secret for the cookie; never stored. */
  sessionId: string;
  identity: Identity;
  expiresAt: string;
}

const hashId = (id: string) => createHash('sha256').update(id, 'utf8').digest();

/** Sign in with an API token: a new session, or null when the token is not valid. */
export async function signIn(
  store: Store,
  token: string,
  options: { ttlMs?: number; now?: Date } = {},
): Promise<Session | null> {
  const row = await activeTokenRow(store, token);
  return row ? startSession(store, row, options) : null;
}

/** A new session for the holder of an active token's row (from activeTokenRow or tryToken). */
export async function startSession(
  store: Store,
  row: { id: number; name: string; role: Role },
  options: { ttlMs?: number; now?: Date } = {},
): Promise<Session | null> {
  const now = options.now ?? new Date();
  const ttl = options.ttlMs ?? DEFAULT_SESSION_TTL_MS;
  const sessionId = randomBytes(SESSION_BYTES).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttl).toISOString();
  return writeTransaction(store, `token:${row.name}`, async (tx) => {
    // The token may have been revoked since it was read; the lock makes this check final.
    const still = await tx
      .selectFrom('tokens')
      .select('id')
      .where('id', '=', row.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!still) return null;
    await tx.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
    await tx
      .insertInto('sessions')
      .values({ hash: hashId(sessionId), token_id: row.id, created_at: now.toISOString(), expires_at: expiresAt })
      .execute();
    return { sessionId, identity: { name: row.name, role: row.role }, expiresAt };
  });
}

/** The holder of a live session, or null (unknown, expired, or the token was revoked). */
export async function sessionIdentity(
  store: Store,
  sessionId: unknown,
  now: Date = new Date(),
): Promise<{ identity: Identity; expiresAt: string } | null> {
  if (typeof sessionId !== 'string' || sessionId === '' || sessionId.length > MAX_ID_LENGTH) return null;
  const row = await plain(store, (db) =>
    db
      .selectFrom('sessions as s')
      .innerJoin('tokens as t', 't.id', 's.token_id')
      .select(['t.name', 't.role', 's.expires_at'])
      .where('s.hash', '=', hashId(sessionId))
      .where('s.expires_at', '>', now.toISOString())
      .where('t.revoked_at', 'is', null)
      .executeTakeFirst(),
  );
  return row ? { identity: { name: row.name, role: row.role }, expiresAt: row.expires_at } : null;
}

/** Sign out: forget the session. */
export async function signOut(store: Store, sessionId: string): Promise<void> {
  await plain(store, (db) => db.deleteFrom('sessions').where('hash', '=', hashId(sessionId)).execute());
}

/** The server's secret for CSRF tokens, created (32 random bytes) the first time it is needed. */
export async function csrfSecret(store: Store): Promise<Buffer> {
  const get = () =>
    plain(store, (db) => db.selectFrom('secrets').select('value').where('name', '=', 'csrf').executeTakeFirst());
  const existing = await get();
  if (existing) return existing.value;
  await plain(store, (db) =>
    db
      .insertInto('secrets')
      .values({ name: 'csrf', value: randomBytes(32) })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute(),
  );
  return (await get())!.value;
}

/** The CSRF token for forms of this session. */
export async function csrfToken(store: Store, sessionId: string): Promise<string> {
  return createHmac('sha256', await csrfSecret(store))
    .update(sessionId, 'utf8')
    .digest('base64url');
}

/** Whether `token` is this session's CSRF token (constant-time). */
export async function verifyCsrf(store: Store, sessionId: unknown, token: unknown): Promise<boolean> {
  if (typeof sessionId !== 'string' || typeof token !== 'string' || sessionId === '' || token.length > MAX_ID_LENGTH)
    return false;
  const want = Buffer.from(await csrfToken(store, sessionId), 'utf8');
  const got = Buffer.from(token, 'utf8');
  return want.length === got.length && timingSafeEqual(want, got);
}
