// API tokens for resolvers and forecasters. A token is shown once when created and stored
// only as its SHA-256 hash; verifying hashes the presented token, finds the row by hash and
// compares the hashes in constant time. Revoking keeps the row (who had access, and when)
// and ends the holder's web sessions.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { guarded, type Db } from './db.ts';

export const ROLES = ['resolver', 'forecaster'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  name: string;
  role: Role;
}

export interface TokenInfo extends Identity {
  createdAt: string;
  revokedAt: string | null;
}

export const TOKEN_PREFIX = 'credence_';
const TOKEN_BYTES = 32;
const MAX_TOKEN_LENGTH = 200;

/** Token names are shown in histories and scoreboards; `author` is the catalog's own credences. */
export const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const RESERVED_NAMES = new Set(['author']);

export function isRole(s: unknown): s is Role {
  return typeof s === 'string' && (ROLES as readonly string[]).includes(s);
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Why `name` cannot name a token holder, or null. */
export function tokenNameProblem(name: string): string | null {
  if (!TOKEN_NAME.test(name))
    return `'${name}' is not a usable name: use 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit`;
  if (RESERVED_NAMES.has(name.toLowerCase()))
    return `'${name}' is reserved (the catalog's own credences are scored as '${name}')`;
  return null;
}

export type CreateTokenResult = { ok: true; token: string; identity: Identity } | { ok: false; message: string };

/** Create a token for `name`; the token text is in the result and nowhere else, ever. */
export function createToken(db: Db, name: string, role: Role, now: Date = new Date()): CreateTokenResult {
  const problem = tokenNameProblem(name);
  if (problem) return { ok: false, message: problem };
  if (!isRole(role)) return { ok: false, message: `the role must be one of ${ROLES.join(', ')}` };
  const token = TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
  const create = db.transaction((): CreateTokenResult => {
    const active = db
      .prepare<[string], { role: Role }>('SELECT role FROM tokens WHERE name = ? AND revoked_at IS NULL')
      .get(name);
    if (active)
      return {
        ok: false,
        message: `'${name}' already has an active ${active.role} token; revoke it first (credence token revoke ${name})`,
      };
    db.prepare('INSERT INTO tokens (name, role, hash, created_at) VALUES (?, ?, ?, ?)').run(
      name,
      role,
      hashToken(token),
      now.toISOString(),
    );
    return { ok: true, token, identity: { name, role } };
  });
  return guarded(db, () => create.immediate());
}

/** Revoke `name`'s active token and end its sessions. False when it had none. */
export function revokeToken(db: Db, name: string, now: Date = new Date()): boolean {
  const revoke = db.transaction(() => {
    const row = db
      .prepare<[string], { id: number }>('SELECT id FROM tokens WHERE name = ? AND revoked_at IS NULL')
      .get(name);
    if (!row) return false;
    db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?').run(now.toISOString(), row.id);
    db.prepare('DELETE FROM sessions WHERE token_id = ?').run(row.id);
    return true;
  });
  return guarded(db, () => revoke.immediate());
}

/** Every token ever created, newest first, without secrets. */
export function listTokens(db: Db): TokenInfo[] {
  const rows = guarded(db, () =>
    db
      .prepare<[], { name: string; role: Role; created_at: string; revoked_at: string | null }>(
        'SELECT name, role, created_at, revoked_at FROM tokens ORDER BY id DESC',
      )
      .all(),
  );
  return rows.map((r) => ({ name: r.name, role: r.role, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

/** The holder of an active token, or null for anything else. */
export function verifyToken(db: Db, token: unknown): Identity | null {
  const row = activeTokenRow(db, token);
  return row ? { name: row.name, role: row.role } : null;
}

/** The database row of an active token (for sessions), or null. */
export function activeTokenRow(db: Db, token: unknown): { id: number; name: string; role: Role } | null {
  if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX) || token.length > MAX_TOKEN_LENGTH) return null;
  const hash = hashToken(token);
  const row = guarded(db, () =>
    db
      .prepare<[Buffer], { id: number; name: string; role: Role; hash: Buffer }>(
        'SELECT id, name, role, hash FROM tokens WHERE hash = ? AND revoked_at IS NULL',
      )
      .get(hash),
  );
  if (!row || row.hash.length !== hash.length || !timingSafeEqual(row.hash, hash)) return null;
  return { id: row.id, name: row.name, role: row.role };
}

/** The token in an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return m ? m[1]! : null;
}

export type Authorization = { ok: true; identity: Identity } | { ok: false; status: 401 | 403; message: string };

/** Whether `identity` (from verifyToken or a session) may act as `role`: 401 when absent, 403 for the wrong role. */
export function authorize(identity: Identity | null, role: Role): Authorization {
  if (!identity)
    return { ok: false, status: 401, message: 'a valid API token is required (Authorization: Bearer <token>)' };
  if (identity.role !== role)
    return {
      ok: false,
      status: 403,
      message: `${identity.name} holds a ${identity.role} token; this needs a ${role} token`,
    };
  return { ok: true, identity };
}
