// API tokens for resolvers and forecasters: `crd_<id>_<secret>`, shown once when created and
// stored only as the SHA-256 hash of the whole text, beside its id. The id is not a secret: it
// names the token, so failed attempts can be counted per token (token-guard.ts). Verifying
// finds the row by id and compares the hashes in constant time. Tokens made before ids
// (`credence_<secret>`) keep working, found by their hash. Revoking keeps the row (who had
// access, and when) and ends the holder's web sessions.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from './db.ts';
import { isUniqueViolation } from './db-errors.ts';
import { DatabaseError } from './db.ts';
import { plain, writeTransaction } from './transactions.ts';

export const ROLES = ['resolver', 'forecaster'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  name: string;
  role: Role;
}

export interface TokenInfo extends Identity {
  createdAt: string;
  revokedAt: string | null;
  /** Made before token ids (`credence_…`): works, but failed sign-ins are limited per address only. */
  oldForm: boolean;
}

export const TOKEN_PREFIX = 'crd_';
/** Tokens made before token ids: `credence_` and the secret. Still accepted. */
export const LEGACY_TOKEN_PREFIX = 'credence_';
const TOKEN_BYTES = 32;
const TOKEN_ID_BYTES = 8;
const MAX_TOKEN_LENGTH = 200;
const TOKEN_FORM = /^crd_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

/** The id part of a token of the current form, or null (an old token, or not a token). */
export function tokenId(token: unknown): string | null {
  if (typeof token !== 'string') return null;
  return TOKEN_FORM.exec(token)?.[1] ?? null;
}

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
export async function createToken(
  store: Store,
  name: string,
  role: Role,
  now: Date = new Date(),
): Promise<CreateTokenResult> {
  const problem = tokenNameProblem(name);
  if (problem) return { ok: false, message: problem };
  if (!isRole(role)) return { ok: false, message: `the role must be one of ${ROLES.join(', ')}` };
  const id = randomBytes(TOKEN_ID_BYTES).toString('hex');
  const token = `${TOKEN_PREFIX}${id}_${randomBytes(TOKEN_BYTES).toString('base64url')}`;
  const taken = (active: Role): CreateTokenResult => ({
    ok: false,
    message: `'${name}' already has an active ${active} token; revoke it first (credence token revoke ${name})`,
  });
  try {
    return await writeTransaction(store, `token:${name}`, async (tx): Promise<CreateTokenResult> => {
      const active = await tx
        .selectFrom('tokens')
        .select('role')
        .where('name', '=', name)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (active) return taken(active.role);
      await tx
        .insertInto('tokens')
        .values({ name, role, hash: hashToken(token), public_id: id, created_at: now.toISOString() })
        .execute();
      return { ok: true, token, identity: { name, role } };
    });
  } catch (e) {
    // Another instance created one for the same name at the same moment.
    if (e instanceof DatabaseError && isUniqueViolation(e.cause)) return taken(role);
    throw e;
  }
}

/** Revoke `name`'s active token and end its sessions. False when it had none. */
export async function revokeToken(store: Store, name: string, now: Date = new Date()): Promise<boolean> {
  return writeTransaction(store, `token:${name}`, async (tx) => {
    const row = await tx
      .selectFrom('tokens')
      .select('id')
      .where('name', '=', name)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return false;
    await tx.updateTable('tokens').set({ revoked_at: now.toISOString() }).where('id', '=', row.id).execute();
    await tx.deleteFrom('sessions').where('token_id', '=', row.id).execute();
    return true;
  });
}

/** Every token ever created, newest first, without secrets. */
export async function listTokens(store: Store): Promise<TokenInfo[]> {
  const rows = await plain(store, (db) =>
    db
      .selectFrom('tokens')
      .select(['name', 'role', 'created_at', 'revoked_at', 'public_id'])
      .orderBy('id', 'desc')
      .execute(),
  );
  return rows.map((r) => ({
    name: r.name,
    role: r.role,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    oldForm: r.public_id === null,
  }));
}

/** The holder of an active token, or null for anything else. */
export async function verifyToken(store: Store, token: unknown): Promise<Identity | null> {
  const row = await activeTokenRow(store, token);
  return row ? { name: row.name, role: row.role } : null;
}

/** The stored row of an active token (for sessions), or null. */
export async function activeTokenRow(
  store: Store,
  token: unknown,
): Promise<{ id: number; name: string; role: Role } | null> {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const id = tokenId(token);
  if (!id && !token.startsWith(LEGACY_TOKEN_PREFIX)) return null;
  const hash = hashToken(token);
  const row = await plain(store, (db) => {
    const active = db.selectFrom('tokens').select(['id', 'name', 'role', 'hash']).where('revoked_at', 'is', null);
    return (id ? active.where('public_id', '=', id) : active.where('hash', '=', hash)).executeTakeFirst();
  });
  if (!row || row.hash.length !== hash.length || !timingSafeEqual(row.hash, hash)) return null;
  return { id: Number(row.id), name: row.name, role: row.role };
}

/** Whether `id` names an active token. */
export async function isActiveTokenId(store: Store, id: string): Promise<boolean> {
  const row = await plain(store, (db) =>
    db.selectFrom('tokens').select('id').where('public_id', '=', id).where('revoked_at', 'is', null).executeTakeFirst(),
  );
  return row !== undefined;
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
