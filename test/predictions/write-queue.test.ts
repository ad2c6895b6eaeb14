// Writers waiting for one lock hold no pooled connection: while one write to a prediction is in
// progress, any number of writes queued behind it leave the pool free for readers, and they all
// land in order once it finishes. A pool that gives up waiting is a 'locked' DatabaseError
// (a 503 with a sentence), never an unclassified failure.

import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { readTransaction, writeTransaction } from '../../src/predictions/transactions.ts';
import { toDatabaseError } from '../../src/predictions/db-errors.ts';
import { useBackends } from './backends.ts';

const backends = useBackends();

describe('writes queued on one lock', () => {
  for (const backend of backends) {
    it.skipIf(backend.skip)(
      `${backend.name}: 30 writes behind a held one leave readers a connection, then all land in order`,
      async () => {
        const store = await backend.open();
        let release!: () => void;
        const held = new Promise<void>((ok) => (release = ok));
        let started!: () => void;
        const inside = new Promise<void>((ok) => (started = ok));
        const order: number[] = [];
        const first = writeTransaction(store, 'prediction:x', async () => {
          order.push(0);
          started();
          await held;
        });
        await inside;
        const rest = Array.from({ length: 30 }, (_, n) =>
          writeTransaction(store, 'prediction:x', async () => {
            order.push(n + 1);
          }),
        );
        // The pool has 10 connections: a reader still gets one while 31 writers want the lock.
        if (backend.name === 'PostgreSQL') {
          const one = await readTransaction(store, (tx) => sql<{ one: number }>`SELECT 1 AS one`.execute(tx));
          expect(one.rows[0]!.one).toBe(1);
          expect(order).toEqual([0]);
        }
        release();
        await Promise.all([first, ...rest]);
        expect(order).toEqual(Array.from({ length: 31 }, (_, n) => n));
        await store.close();
      },
    );
  }

  it("a pool that gives up waiting for a connection is 'locked', with a sentence", () => {
    const e = toDatabaseError(new Error('timeout exceeded when trying to connect'), {
      kind: 'postgres',
      name: 'postgres://db/credence',
      busyTimeoutMs: 5000,
    });
    expect(e.kind).toBe('locked');
    expect(e.message).toMatch(/busy with another writer.*Try again/);
  });
});
