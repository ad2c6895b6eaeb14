// Idempotency keys for writes: a client that sends `Idempotency-Key` with a write and retries
// after a lost answer gets the first answer again instead of a second write. The first request
// claims the key (per identity) with a fingerprint of what it asked; its answer is kept with
// the key for IDEMPOTENCY_TTL_MS. A retry with the same request is answered from the store; the
// same key for a different request is refused. Kept in the store, so instances sharing a
// database share the keys.

import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { Store } from './db.ts';
import { plain, writeTransaction } from './transactions.ts';

/** How long a key and its answer are kept: 24 hours. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim whose request never answered (its instance died) is given up after this long. */
export const IDEMPOTENCY_ABANDONED_MS = 60_000;
export const MAX_IDEMPOTENCY_KEY = 255;

/** The header's value: 1 to 255 visible ASCII characters (a UUID fits). */
export const IdempotencyKey = z
  .string()
  .min(1, 'the Idempotency-Key header is empty')
  .max(MAX_IDEMPOTENCY_KEY, `the Idempotency-Key header is longer than ${MAX_IDEMPOTENCY_KEY} characters`)
  .regex(/^[\x21-\x7e]+$/, 'the Idempotency-Key header must be visible ASCII characters (e.g. a UUID)')
  .describe(
    `Makes the write safe to retry: a retry with the same key and the same body (within 24 hours, by the same token) gets the first answer again, with the header Idempotent-Replayed: true, and writes nothing. The same key with a different body is refused (422, code idempotency-conflict); while the first request with it is still being answered, a retry is 409 with Retry-After. At most ${MAX_IDEMPOTENCY_KEY} visible ASCII characters, e.g. a UUID.`,
  );

/** The stored first answer. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

export type Claim =
  /** The key is new (or expired): the caller answers, then completes or releases it. */
  | { kind: 'claimed' }
  /** The same request was answered before: send this again. */
  | { kind: 'replay'; answer: StoredAnswer }
  /** The key was used for a different request. */
  | { kind: 'mismatch' }
  /** The same request is still being answered by another attempt. */
  | { kind: 'in-progress' };

/** What identifies a request: its method, path and body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

/** Claim `key` for `owner`'s request, or find what became of an earlier one. */
export async function claimIdempotencyKey(
  store: Store,
  owner: string,
  key: string,
  fingerprint: string,
  now: number = Date.now(),
): Promise<Claim> {
  return writeTransaction(store, `idempotency:${owner}:${key}`, async (tx): Promise<Claim> => {
    const row = await tx
      .selectFrom('idempotency_keys')
      .select(['fingerprint', 'status', 'answer', 'created_at'])
      .where('owner', '=', owner)
      .where('key', '=', key)
      .executeTakeFirst();
    const age = row ? now - Number(row.created_at) : Infinity;
    const abandoned = row !== undefined && row.status === null && age >= IDEMPOTENCY_ABANDONED_MS;
    if (row && age < IDEMPOTENCY_TTL_MS && !abandoned) {
      if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (row.status === null) return { kind: 'in-progress' };
      return { kind: 'replay', answer: { status: Number(row.status), body: JSON.parse(row.answer ?? 'null') } };
    }
    // Expired keys (this one too, if it is) go; so does this key's abandoned claim.
    await tx
      .deleteFrom('idempotency_keys')
      .where('created_at', '<=', now - IDEMPOTENCY_TTL_MS)
      .execute();
    if (abandoned) await tx.deleteFrom('idempotency_keys').where('owner', '=', owner).where('key', '=', key).execute();
    await tx
      .insertInto('idempotency_keys')
      .values({ owner, key, fingerprint, status: null, answer: null, created_at: now })
      .execute();
    return { kind: 'claimed' };
  });
}

/** What a waiting claim ends in: never 'in-progress'. */
export type SettledClaim = Exclude<Claim, { kind: 'in-progress' }>;

const pauseFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Claim `key`, waiting while an earlier attempt with it is still being answered: until that
 * attempt keeps its answer (replay), gives the key up (claimed) or is abandoned (claimed, after
 * IDEMPOTENCY_ABANDONED_MS), so the wait is bounded without a clock of its own. For a caller
 * that cannot ask its client to retry (a browser form sent twice). `pause` waits between looks.
 */
export async function claimIdempotencyKeySettled(
  store: Store,
  owner: string,
  key: string,
  fingerprint: string,
  pause: (ms: number) => Promise<void> = pauseFor,
): Promise<SettledClaim> {
  for (let wait = 20; ; wait = Math.min(wait * 2, 500)) {
    const claim = await claimIdempotencyKey(store, owner, key, fingerprint);
    if (claim.kind !== 'in-progress') return claim;
    await pause(wait);
  }
}

/** Keep the answer to a claimed key, for its retries. */
export async function completeIdempotencyKey(
  store: Store,
  owner: string,
  key: string,
  answer: StoredAnswer,
): Promise<void> {
  await plain(store, (db) =>
    db
      .updateTable('idempotency_keys')
      .set({ status: answer.status, answer: JSON.stringify(answer.body ?? null) })
      .where('owner', '=', owner)
      .where('key', '=', key)
      .execute(),
  );
}

/** Give a claimed key up (the write failed on the server's side: a retry may try again). */
export async function releaseIdempotencyKey(store: Store, owner: string, key: string): Promise<void> {
  await plain(store, (db) =>
    db.deleteFrom('idempotency_keys').where('owner', '=', owner).where('key', '=', key).execute(),
  );
}
