// Failed attempts counted per token: a token's id part (crd_<id>_<secret>) names it, so wrong
// secrets for one id lock that id for a while (TOKEN_LOCK), whoever sends them and from
// wherever, while every other token, and the right one from any other address, keeps working.
// The count is kept in the store's rate-limit table, so instances sharing a database share it.
// Only wrong secrets are counted (a holder's own concurrent requests never lock their token);
// guesses already in flight when the limit is reached may each be compared, so at most
// TOKEN_LOCK.failures plus the guesses sent at once are compared per id per window. Tokens
// without a known id (old tokens, unknown ids, anything else) are left to the caller's
// per-address limit.

import type { Store } from './db.ts';
import { countHit, peekHits } from './rate-limits.ts';
import { activeTokenRow, isActiveTokenId, tokenId, type Role } from './tokens.ts';

/** Five wrong secrets within a quarter of an hour lock a token until that quarter ends. */
export const TOKEN_LOCK = { failures: 5, windowMs: 15 * 60_000 };

export type TokenLock = typeof TOKEN_LOCK;

export type TokenAttempt =
  /** The token is active: its row. */
  | { kind: 'valid'; row: { id: number; name: string; role: Role } }
  /** A known id with a wrong secret (counted against the id). */
  | { kind: 'wrong-secret' }
  /** The id had too many wrong secrets: refused without checking, until retryAfterMs passes. */
  | { kind: 'locked'; retryAfterMs: number }
  /** No known id: an old token that is not valid, an unknown or revoked id, or not a token. */
  | { kind: 'unknown' };

const lockKey = (id: string) => `token-id:${id}`;

/** Whether `token` carries the id of an active token (such attempts are counted per id). */
export async function hasKnownTokenId(store: Store, token: unknown): Promise<boolean> {
  const id = tokenId(token);
  return id !== null && (await isActiveTokenId(store, id));
}

/** Check `token`, counting a wrong secret against its id and refusing a locked id. */
export async function tryToken(
  store: Store,
  token: unknown,
  lock: TokenLock = TOKEN_LOCK,
  now: number = Date.now(),
): Promise<TokenAttempt> {
  const id = tokenId(token);
  if (id === null || !(await isActiveTokenId(store, id))) {
    const row = await activeTokenRow(store, token);
    return row ? { kind: 'valid', row } : { kind: 'unknown' };
  }
  const { hits, resetAt } = await peekHits(store, lockKey(id), now);
  if (hits >= lock.failures) return { kind: 'locked', retryAfterMs: Math.max(0, resetAt - now) };
  const row = await activeTokenRow(store, token);
  if (row) return { kind: 'valid', row };
  await countHit(store, lockKey(id), lock.windowMs, now);
  return { kind: 'wrong-secret' };
}

/** Retry-After's value (whole seconds, at least 1) for a locked token. */
export const retryAfterSeconds = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));
