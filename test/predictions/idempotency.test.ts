// Idempotency keys in the store, on SQLite and PostgreSQL: a key is claimed once, its answer is
// replayed to the same request, refused to a different one, per owner, given up when abandoned,
// and forgotten after 24 hours; a settled claim waits out an attempt still being answered.
// Times are passed in, never waited for (the settled claim's pauses are the test's own).

import { afterEach, describe, expect, it } from 'vitest';
import {
  claimIdempotencyKey,
  claimIdempotencyKeySettled,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  requestFingerprint,
  IDEMPOTENCY_ABANDONED_MS,
  IDEMPOTENCY_TTL_MS,
} from '../../src/predictions/idempotency.ts';
import { useBackends } from './backends.ts';
import { cleanup } from './helpers.ts';

afterEach(cleanup);

const backends = useBackends();
const T0 = Date.UTC(2026, 0, 1);
const A = requestFingerprint('POST', '/api/predictions/4/forecasts', { credence: 0.4 });
const B = requestFingerprint('POST', '/api/predictions/4/forecasts', { credence: 0.5 });

describe('request fingerprints', () => {
  it('differ by method, path and body, and not by anything else', () => {
    const body = { credence: 0.4, note: 'n' };
    const base = requestFingerprint('POST', '/a', body);
    expect(requestFingerprint('post', '/a', { credence: 0.4, note: 'n' })).toBe(base);
    expect(requestFingerprint('PUT', '/a', body)).not.toBe(base);
    expect(requestFingerprint('POST', '/b', body)).not.toBe(base);
    expect(requestFingerprint('POST', '/a', { credence: 0.41, note: 'n' })).not.toBe(base);
  });
});

describe.each(backends)('$name: idempotency keys', (backend) => {
  it.skipIf(backend.skip)('replay the first answer to the same request and refuse another', async () => {
    const store = await backend.open();
    try {
      expect(await claimIdempotencyKey(store, 'forecaster:fred', 'k1', A, T0)).toEqual({ kind: 'claimed' });
      expect(await claimIdempotencyKey(store, 'forecaster:fred', 'k1', A, T0 + 10)).toEqual({ kind: 'in-progress' });
      const answer = { status: 201, body: { id: 7, credence: 0.4, note: null } };
      await completeIdempotencyKey(store, 'forecaster:fred', 'k1', answer);
      expect(await claimIdempotencyKey(store, 'forecaster:fred', 'k1', A, T0 + 20)).toEqual({ kind: 'replay', answer });
      expect(await claimIdempotencyKey(store, 'forecaster:fred', 'k1', B, T0 + 30)).toEqual({ kind: 'mismatch' });
      // Keys are per owner: another holder's same key is their own.
      expect(await claimIdempotencyKey(store, 'forecaster:ann', 'k1', B, T0 + 40)).toEqual({ kind: 'claimed' });
    } finally {
      await store.close();
    }
  });

  it.skipIf(backend.skip)('forget a key after 24 hours and give up a claim nobody answered', async () => {
    const store = await backend.open();
    try {
      await claimIdempotencyKey(store, 'o', 'done', A, T0);
      await completeIdempotencyKey(store, 'o', 'done', { status: 201, body: 1 });
      const justBefore = T0 + IDEMPOTENCY_TTL_MS - 1;
      expect((await claimIdempotencyKey(store, 'o', 'done', A, justBefore)).kind).toBe('replay');
      expect(await claimIdempotencyKey(store, 'o', 'done', B, T0 + IDEMPOTENCY_TTL_MS)).toEqual({ kind: 'claimed' });

      await claimIdempotencyKey(store, 'o', 'stuck', A, T0);
      expect((await claimIdempotencyKey(store, 'o', 'stuck', A, T0 + IDEMPOTENCY_ABANDONED_MS - 1)).kind).toBe(
        'in-progress',
      );
      expect((await claimIdempotencyKey(store, 'o', 'stuck', A, T0 + IDEMPOTENCY_ABANDONED_MS)).kind).toBe('claimed');

      await claimIdempotencyKey(store, 'o', 'failed', A, T0);
      await releaseIdempotencyKey(store, 'o', 'failed');
      expect((await claimIdempotencyKey(store, 'o', 'failed', B, T0 + 1)).kind).toBe('claimed');
    } finally {
      await store.close();
    }
  });

  it.skipIf(backend.skip)('let exactly one of many concurrent attempts claim a key', async () => {
    const store = await backend.open();
    try {
      const n = 20;
      const claims = await Promise.all(Array.from({ length: n }, () => claimIdempotencyKey(store, 'o', 'race', A, T0)));
      const kinds = claims.map((c) => c.kind).sort();
      expect(kinds).toEqual(['claimed', ...Array<string>(n - 1).fill('in-progress')]);
    } finally {
      await store.close();
    }
  });

  it.skipIf(backend.skip)('settle a claim only when the attempt holding it answers or gives it up', async () => {
    const store = await backend.open();
    try {
      const answer = { status: 303, body: { location: '/predictions/4' } };
      // Held for three looks, then answered: the waiter replays it, pausing longer each time.
      await claimIdempotencyKey(store, 'o', 'held', A);
      const pauses: number[] = [];
      const settled = await claimIdempotencyKeySettled(store, 'o', 'held', A, async (ms) => {
        pauses.push(ms);
        if (pauses.length === 3) await completeIdempotencyKey(store, 'o', 'held', answer);
      });
      expect(settled).toEqual({ kind: 'replay', answer });
      expect(pauses).toEqual([20, 40, 80]);
      // Given up by its holder: the waiter claims it.
      await claimIdempotencyKey(store, 'o', 'refused', A);
      const given = await claimIdempotencyKeySettled(store, 'o', 'refused', A, () =>
        releaseIdempotencyKey(store, 'o', 'refused'),
      );
      expect(given).toEqual({ kind: 'claimed' });
      // Nothing to wait for: a new key is claimed, another request with a used key refused.
      const never = () => Promise.reject(new Error('paused without a holder'));
      expect(await claimIdempotencyKeySettled(store, 'o', 'new', A, never)).toEqual({ kind: 'claimed' });
      expect(await claimIdempotencyKeySettled(store, 'o', 'held', B, never)).toEqual({ kind: 'mismatch' });
    } finally {
      await store.close();
    }
  });
});
