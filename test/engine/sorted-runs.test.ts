// Collected values sorted per thread and merged on the calling thread: the merge of any split's
// sorted runs is the same sequence, bit for bit (−0 and +0 told apart), as sorting them all at once
// by value, then weight, then −0 before +0 — the order defined here independently.

import { describe, it, expect } from 'vitest';
import { mergeRuns, sortRun } from '../../src/engine/sorted-runs.ts';

/** A seeded stream of values with many ties, zeros of both signs and repeated weights. */
function values(n: number, seed: number): { x: number[]; w: number[] } {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const x: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = next();
    x.push(u < 0.1 ? 0 : u < 0.2 ? -0 : u < 0.5 ? Math.floor(next() * 5) - 2 : next() * 4 - 2);
    w.push(Math.floor(next() * 4) / 4);
  }
  return { x, w };
}

/** Indices in the order wanted: value, then weight, then −0 before +0. */
function wantOrder(x: number[], w: number[]): number[] {
  const sign = (v: number) => (Object.is(v, -0) ? 0 : 1);
  return x.map((_, i) => i).sort((i, j) => x[i]! - x[j]! || w[i]! - w[j]! || sign(x[i]!) - sign(x[j]!));
}

const same = (a: Float64Array, b: number[]) => a.length === b.length && b.every((v, i) => Object.is(a[i], v));

describe('sorted runs', () => {
  it('any split into runs, each sorted, merges to the one sorted sequence (pairs and values alone)', () => {
    const { x, w } = values(3000, 7);
    const order = wantOrder(x, w);
    const wantX = order.map((i) => x[i]!);
    const wantW = order.map((i) => w[i]!);
    const sign = (v: number) => (Object.is(v, -0) ? 0 : 1);
    const wantAlone = [...x].sort((a, b) => a - b || sign(a) - sign(b));
    for (const parts of [1, 2, 3, 5]) {
      const split = (i: number) => (i * 7919) % parts; // scattered, not in blocks
      const runs = Array.from({ length: parts }, (_, p) => {
        const idx = x.map((_, i) => i).filter((i) => split(i) === p);
        return sortRun(
          Float64Array.from(idx, (i) => x[i]!),
          Float64Array.from(idx, (i) => w[i]!),
        );
      });
      const merged = mergeRuns(runs);
      expect(same(merged.x, wantX), `${parts} runs: values`).toBe(true);
      expect(same(merged.w!, wantW), `${parts} runs: weights`).toBe(true);
      const alone = mergeRuns(
        Array.from({ length: parts }, (_, p) => sortRun(Float64Array.from(x.filter((_, i) => split(i) === p)), null)),
      );
      expect(same(alone.x, wantAlone), `${parts} runs: values alone`).toBe(true);
      expect(alone.w).toBeNull();
    }
  });

  it('empty runs merge to nothing, and one run is handed back as it is', () => {
    const empty = { x: new Float64Array(0), w: null };
    expect(mergeRuns([empty, empty]).x.length).toBe(0);
    const one = sortRun(Float64Array.of(3, 1, 2), null);
    expect(mergeRuns([empty, one]).x).toBe(one.x);
  });
});
