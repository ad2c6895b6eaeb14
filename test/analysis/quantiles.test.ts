// Selection-based quantiles against sorting: R's type 7 for plain columns, and "the smallest
// value whose cumulative weight reaches p" for weighted ones.

import { describe, it, expect } from 'vitest';
import { select, quantilesInPlace, quantile, weightedQuantiles } from '../../src/analysis/quantiles.ts';

/** A small seeded generator for test data (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PS = [0.05, 0.25, 0.5, 0.75, 0.95];

/** Type 7 by the definition: h = (n − 1)p, interpolate between the sorted values at ⌊h⌋ and ⌊h⌋ + 1. */
function type7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (h - lo);
}

function randomColumn(r: () => number, n: number, distinct: number): Float64Array {
  return Float64Array.from({ length: n }, () => Math.floor(r() * distinct) - distinct / 2);
}

describe('select', () => {
  it('puts the k-th smallest at k with smaller values before and larger after, for small and large arrays with ties', () => {
    const r = rng(1);
    for (const [n, distinct] of [[1, 1], [2, 2], [7, 3], [100, 1000], [601, 10], [5000, 100000], [20000, 50]] as const) {
      for (let rep = 0; rep < 5; rep++) {
        const a = randomColumn(r, n, distinct);
        const sorted = [...a].sort((x, y) => x - y);
        const k = Math.floor(r() * n);
        select(a, k);
        expect(a[k]).toBe(sorted[k]);
        for (let i = 0; i < k; i++) if (a[i]! > a[k]!) throw new Error(`a[${i}] > a[${k}]`);
        for (let i = k + 1; i < n; i++) if (a[i]! < a[k]!) throw new Error(`a[${i}] < a[${k}]`);
        expect([...a].sort((x, y) => x - y)).toEqual(sorted);
      }
    }
  });
});

describe('plain quantiles', () => {
  it('match R: quantile(1:10, c(.05, .25, .5, .75, .95)) = 1.45 3.25 5.5 7.75 9.55', () => {
    const got = quantilesInPlace(Float64Array.from({ length: 10 }, (_, i) => 10 - i), PS);
    [1.45, 3.25, 5.5, 7.75, 9.55].forEach((want, i) => expect(got[i]).toBeCloseTo(want, 12));
  });

  it('match the type-7 definition on random columns with ties, of every size', () => {
    const r = rng(2);
    for (const n of [1, 2, 3, 10, 599, 601, 1000, 30000]) {
      for (const distinct of [3, 1e6]) {
        const a = randomColumn(r, n, distinct);
        const sorted = [...a].sort((x, y) => x - y);
        const got = quantilesInPlace(a, PS);
        PS.forEach((p, i) => expect(got[i]).toBe(type7(sorted, p)));
      }
    }
  });

  it('quantile() leaves out NaN and ±Infinity and does not reorder its argument', () => {
    const col = Float64Array.of(5, Number.NaN, 1, Infinity, 3, -Infinity);
    const copy = Float64Array.from(col);
    expect(quantile(col, 0.5)).toBe(3);
    expect(quantile(col, 0)).toBe(1);
    expect(quantile(col, 1)).toBe(5);
    expect(col).toEqual(copy);
  });

  it('an empty column has NaN quantiles', () => {
    expect(quantilesInPlace(new Float64Array(0), PS).every(Number.isNaN)).toBe(true);
  });
});

describe('weighted quantiles', () => {
  /** By the definition: sort, accumulate weight, first value whose cumulative weight reaches p·Σw. */
  function bruteForce(x: Float64Array, w: Float64Array, p: number): number {
    const idx = [...x.keys()].filter((i) => Number.isFinite(x[i]!) && w[i]! > 0).sort((a, b) => x[a]! - x[b]!);
    if (idx.length === 0) return Number.NaN;
    // Sum in sorted order, the order the cumulative weight is defined in.
    const total = idx.reduce((s, i) => s + w[i]!, 0);
    let acc = 0;
    for (const i of idx) {
      acc += w[i]!;
      // Summation order differs from the code's; allow for the last bits of the total.
      if (acc >= p * total * (1 - 1e-12)) return x[i]!;
    }
    return x[idx[idx.length - 1]!]!;
  }

  it('by hand: x = 1 2 3 4 with weights 1 0 1 2', () => {
    const got = weightedQuantiles(Float64Array.of(4, 2, 3, 1), Float64Array.of(2, 0, 1, 1), PS);
    // Cumulative weight over 1, 3, 4 is 1, 2, 4 of 4: p·4 = 0.2, 1, 2, 3, 3.8.
    expect(got).toEqual([1, 1, 3, 4, 4]);
  });

  it('equal weights give the lower order statistic at ⌈pn⌉', () => {
    const got = weightedQuantiles(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 1, 1, 1), [0.25, 0.5, 0.51, 1]);
    expect(got).toEqual([1, 2, 3, 4]);
  });

  it('match the definition on random columns with ties, zero weights and NaN values', () => {
    const r = rng(3);
    for (let rep = 0; rep < 300; rep++) {
      const n = 1 + Math.floor(r() * (rep % 3 === 0 ? 3000 : 40));
      const x = randomColumn(r, n, rep % 2 ? 6 : 1e5);
      const w = Float64Array.from({ length: n }, () => (r() < 0.2 ? 0 : r()));
      if (n > 3) x[1] = Number.NaN;
      const got = weightedQuantiles(x, w, PS);
      PS.forEach((p, i) => {
        const want = bruteForce(x, w, p);
        if (!(got[i] === want || (Number.isNaN(got[i]!) && Number.isNaN(want)))) throw new Error(`n=${n} p=${p}: ${got[i]} ≠ ${want}`);
      });
    }
  });

  it('all weights zero gives NaN', () => {
    expect(weightedQuantiles(Float64Array.of(1, 2), Float64Array.of(0, 0), PS).every(Number.isNaN)).toBe(true);
  });
});
