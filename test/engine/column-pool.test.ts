// Reused columns: a pool keeps plain and shared-memory columns apart, and a summary that keeps
// its columns while it reads them hands them back to its pool, so the next summary of that size
// (on one thread or on several) reuses them and gives the same bits.

import { describe, it, expect, afterAll } from 'vitest';
import { ColumnPool } from '../../src/engine/column-pool.ts';
import { prepare, type Prepared } from '../../src/engine/run.ts';
import { EngineThreads } from '../../src/engine/threads.ts';
import type { RunSummaries } from '../../src/engine/summarize.ts';
import { cleanupTemp, modelText, project } from './helpers.ts';

afterAll(cleanupTemp);

const isShared = (c: Float64Array) => c.buffer instanceof SharedArrayBuffer;

describe('column pool', () => {
  it('gives back plain columns for plain requests and shared ones for shared requests', () => {
    const pool = new ColumnPool();
    const plain = new Float64Array(10);
    const shared = new Float64Array(new SharedArrayBuffer(80));
    pool.give([shared, plain]);
    expect(pool.held).toBe(160);
    expect(pool.take(10)).toBe(plain);
    expect(pool.take(10, true)).toBe(shared);
    expect(pool.held).toBe(0);
    // Nothing left of either kind: new columns of the kind asked for.
    expect(isShared(pool.take(10, true))).toBe(true);
    expect(isShared(pool.take(10))).toBe(false);
  });

  it('makes room for the size and kind in demand within its bound', () => {
    const pool = new ColumnPool(160);
    pool.give([new Float64Array(10), new Float64Array(10)]);
    const shared = new Float64Array(new SharedArrayBuffer(80));
    pool.give([shared]);
    expect(pool.held).toBe(80);
    expect(pool.take(10, true)).toBe(shared);
  });
});

function prepared(): Prepared {
  const text = `${modelText({ p: 'beta(3, 5)', z: 'normal(0, 1)' }, { y: 'p * z' }, 'y')}evidence:
  saw:
    likelihood: "p"
`;
  const p = prepare(project({ 'm.yaml': text }), 'm');
  if (!p.ok) throw new Error(p.errors[0]!.message);
  return p.value;
}

const bits = (s: RunSummaries) => JSON.stringify([s.prior, s.posterior, s.ess, s.warnings]);

describe('summaries with a pool', () => {
  it('hand their kept columns back, and the next summary reuses them with the same bits', async () => {
    const p = prepared();
    const opts = { samples: 3 * 4096 + 5, seed: 2 };
    const want = bits(p.summarize({ ...opts, keepBytes: 0 }));
    const threads = new EngineThreads(2);
    try {
      for (const executor of [undefined, threads.executor(p.graph, p.plan, 2, 1)]) {
        const pool = new ColumnPool();
        const first = p.summarize({ ...opts, pool }, executor);
        expect(first.stats.wholeColumns).toBeGreaterThan(0);
        // Every quantity asked for and the weights: whole columns, all given back.
        const held = pool.held;
        expect(held).toBe(8 * opts.samples * (first.stats.wholeColumns + 1));
        const taken: Float64Array[] = [];
        const take = pool.take.bind(pool);
        pool.take = (n, shared) => {
          const c = take(n, shared);
          taken.push(c);
          return c;
        };
        expect(bits(p.summarize({ ...opts, pool }, executor))).toBe(want);
        expect(bits(first)).toBe(want);
        expect(pool.held).toBe(held);
        expect(taken.length).toBe(first.stats.wholeColumns + 1);
        // On threads the columns are in shared memory, here plain.
        expect(taken.map(isShared)).toEqual(taken.map(() => executor !== undefined));
      }
    } finally {
      await threads.close();
    }
  }, 600_000);
});
