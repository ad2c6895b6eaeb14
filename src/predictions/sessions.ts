// Web sessions for token holders: signing in with a token yields a random session id for a
// cookie; only its SHA-256 hash is stored, with an expiry. A session ends when it expires, when
// the holder signs out, or when their token is revoked. Each session has a CSRF token: an
// HMAC of the session id under a secret kept in the database (created on first use).

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { guarded, type Db } from './db.ts';
import { activeTokenRow, type Identity } from './tokens.ts';

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
export function signIn(db: Db, token: string, options: { ttlMs?: number; now?: Date } = {}): Session | null {
  const now = options.now ?? new Date();
  const ttl = options.ttlMs ?? DEFAULT_SESSION_TTL_MS;
  const open = db.transaction((): Session | null => {
    const row = activeTokenRow(db, token);
    if (!row) return null;
    db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString());
    const sessionId = randomBytes(SESSION_BYTES).toString('base64url');
    const expiresAt = new Date(now.getTime() + ttl).toISOString();
    db.prepare('INSERT INTO sessions (hash, token_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
      hashId(sessionId),
      row.id,
      now.toISOString(),
      expiresAt,
    );
    return { sessionId, identity: { name: row.name, role: row.role }, expiresAt };
  });
  return guarded(db, () => open.immediate());
}

/** The holder of a live session, or null (unknown, expired, or the token was revoked). */
export function sessionIdentity(
  db: Db,
  sessionId: unknown,
  now: Date = new Date(),
): { identity: Identity; expiresAt: string } | null {
  if (typeof sessionId !== 'string' || sessionId === '' || sessionId.length > MAX_ID_LENGTH) return null;
  const row = guarded(db, () =>
    db
      .prepare<[Buffer, string], { name: string; role: Identity['role']; expires_at: string }>(
        `SELECT t.name, t.role, s.expires_at FROM sessions s JOIN tokens t ON t.id = s.token_id
         WHERE s.hash = ? AND s.expires_at > ? AND t.revoked_at IS NULL`,
      )
      .get(hashId(sessionId), now.toISOString()),
  );
  return row ? { identity: { name: row.name, role: row.role }, expiresAt: row.expires_at } : null;
}

/** Sign out: forget the session. */
export function signOut(db: Db, sessionId: string): void {
  guarded(db, () => db.prepare('DELETE FROM sessions WHERE hash = ?').run(hashId(sessionId)));
}

/** The server's secret for CSRF tokens, created (32 random bytes) the first time it is needed. */
export function csrfSecret(db: Db): Buffer {
  const get = () => db.prepare<[], { value: Buffer }>("SELECT value FROM secrets WHERE name = 'csrf'").get();
  const existing = guarded(db, get);
  if (existing) return existing.value;
  return guarded(db, () =>
    db
      .transaction(() => {
        db.prepare("INSERT OR IGNORE INTO secrets (name, value) VALUES ('csrf', ?)").run(randomBytes(32));
        return get()!.value;
      })
      .immediate(),
  );
}

/** The CSRF token for forms of this session. */
export function csrfToken(db: Db, sessionId: string): string {
  return createHmac('sha256', csrfSecret(db)).update(sessionId, 'utf8').digest('base64url');
}

/** Whether `token` is this session's CSRF token (constant-time). */
export function verifyCsrf(db: Db, sessionId: unknown, token: unknown): boolean {
  if (typeof sessionId !== 'string' || typeof token !== 'string' || sessionId === '' || token.length > MAX_ID_LENGTH)
    return false;
  const want = Buffer.from(csrfToken(db, sessionId), 'utf8');
  const got = Buffer.from(token, 'utf8');
  return want.length === got.length && timingSafeEqual(want, got);
}
