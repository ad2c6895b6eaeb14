// Selection-based quantiles against sorting: R's type 7 for plain columns, and "the smallest
// value whose cumulative weight reaches p" for weighted ones.

import { describe, it, expect } from 'vitest';
import { rng } from '../analysis/helpers.ts';
import { quantile, weightedQuantiles, columnQuantiles } from '../../src/stats/quantiles.ts';
import { summaries } from '../../src/stats/summary.ts';
import { PS, randomColumn, type7 } from './helpers.ts';

describe('plain quantiles', () => {
  it('quantile() leaves out NaN and ±Infinity and does not reorder its argument', () => {
    const col = Float64Array.of(5, Number.NaN, 1, Infinity, 3, -Infinity);
    const copy = Float64Array.from(col);
    expect(quantile(col, 0.5)).toBe(3);
    expect(quantile(col, 0)).toBe(1);
    expect(quantile(col, 1)).toBe(5);
    expect(col).toEqual(copy);
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
        if (!(got[i] === want || (Number.isNaN(got[i]!) && Number.isNaN(want))))
          throw new Error(`n=${n} p=${p}: ${got[i]} ≠ ${want}`);
      });
    }
  });

  it('all weights zero gives NaN', () => {
    expect(weightedQuantiles(Float64Array.of(1, 2), Float64Array.of(0, 0), PS).every(Number.isNaN)).toBe(true);
  });
});

const bytes = (a: Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('quantiles of long columns (binned before selection)', () => {
  /** Columns shaped to stress the bins: heavy tails, point masses, both signs, extreme ranges. */
  function shapes(r: () => number, n: number): [string, Float64Array][] {
    const normal = () => Math.sqrt(-2 * Math.log(r() || 1e-300)) * Math.cos(2 * Math.PI * r());
    const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
    return [
      ['uniform', col(() => r())],
      ['lognormal over thirty orders of magnitude', col(() => Math.exp(15 * normal()))],
      ['2^-bits with a point mass at 0 and at 1', col(() => (r() < 0.2 ? 0 : r() < 0.3 ? 1 : 2 ** -(r() * 300)))],
      ['both signs with heavy tails', col(() => normal() ** 5)],
      ['bernoulli', col(() => (r() < 0.3 ? 1 : 0))],
      ['concentrated far from zero', col(() => 1e6 + 1e-6 * normal())],
      ['values that differ in their last bits only', col(() => 1 + Math.floor(r() * 50) * Number.EPSILON)],
      ['extremes of the double range', col(() => (r() < 0.5 ? -1 : 1) * 1e308 * r())],
      ['subnormal', col(() => r() * 5e-324 * 1000)],
      ['signed zeros and a few values', col(() => [0, -0, 3, -2][Math.floor(r() * 4)]!)],
      [
        'NaN and infinities mixed in',
        col(() => (r() < 0.1 ? Number.NaN : r() < 0.05 ? -Infinity : r() < 0.05 ? Infinity : normal())),
      ],
    ];
  }

  it('plain quantiles match the type-7 definition on every shape', () => {
    const r = rng(4);
    const ps = [0, 0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999, 1];
    for (const n of [2048, 20000, 60001]) {
      for (const [name, col] of shapes(r, n)) {
        const copy = Float64Array.from(col);
        // A typed array sorts numerically (and -0 before 0, which type 7 cannot tell apart).
        const sorted = Array.from(col.filter(Number.isFinite).sort());
        const got = columnQuantiles(col, ps);
        ps.forEach((p, i) => {
          const want = type7(sorted, p);
          if (!(got[i] === want || (got[i] === 0 && want === 0)))
            throw new Error(`${name}, n=${n}, p=${p}: ${got[i]} ≠ ${want}`);
        });
        // Untouched to the bit (toEqual would walk every index as a key, which costs more than the quantiles).
        expect(Buffer.compare(bytes(col), bytes(copy)), `${name}, n=${n}: the column was changed`).toBe(0);
      }
    }
  });

  it('weighted quantiles match the definition on every shape, with zero and NaN weights', () => {
    const r = rng(5);
    const ps = [0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 1];
    for (const n of [2048, 50000]) {
      for (const [name, col] of shapes(r, n)) {
        const w = Float64Array.from({ length: n }, () => (r() < 0.1 ? 0 : r() < 0.01 ? Number.NaN : r() ** 3));
        const got = weightedQuantiles(col, w, ps);
        const idx = [...col.keys()]
          .filter((k) => Number.isFinite(col[k]!) && w[k]! > 0)
          .sort((a, b) => col[a]! - col[b]!);
        const total = idx.reduce((s, k) => s + w[k]!, 0);
        ps.forEach((p, i) => {
          let acc = 0;
          let want = col[idx[idx.length - 1]!]!;
          for (const k of idx) {
            acc += w[k]!;
            if (acc >= p * total * (1 - 1e-12)) {
              want = col[k]!;
              break;
            }
          }
          if (!(got[i] === want || (got[i] === 0 && want === 0)))
            throw new Error(`${name}, n=${n}, p=${p}: ${got[i]} ≠ ${want}`);
        });
      }
    }
  });

  it('summaries of a long column give the same quantiles as sorting, prior and posterior', () => {
    const r = rng(6);
    const n = 30000;
    const x = Float64Array.from({ length: n }, () => Math.exp(3 * (r() - 0.5)) * (r() < 0.1 ? 0 : 1));
    const w = Float64Array.from({ length: n }, () => r());
    const { prior, posterior } = summaries(x, w);
    const sorted = [...x].sort((a, b) => a - b);
    expect([prior.p5, prior.p25, prior.p50, prior.p75, prior.p95]).toEqual(PS.map((p) => type7(sorted, p)));
    expect([posterior!.p5, posterior!.p25, posterior!.p50, posterior!.p75, posterior!.p95]).toEqual(
      weightedQuantiles(x, w, PS),
    );
  });
});
