// Ranks and rank correlation: average ranks for ties against a sort, Pearson's r by hand,
// Spearman's rho over the rows where both columns are finite, and Fisher's z interval.

import { describe, expect, it } from 'vitest';
import { pearson, ranks, spearman, spearmanInterval } from '../../src/stats/rank.ts';
import { rng } from '../analysis/helpers.ts';

const f = (...xs: number[]) => Float64Array.from(xs);

describe('ranks', () => {
  it('gives tied values their average rank', () => {
    expect([...ranks(Float64Array.from([3, 1, 3, 2, NaN]))]).toEqual([3.5, 1, 3.5, 2, NaN]);
    // Signs, zeros of both signs, tiny and huge magnitudes; infinities count as not finite.
    const x = Float64Array.from([-0, 0, -1e300, 5, 5, -Infinity, NaN, 1e-300, -1e-300]);
    expect([...ranks(x)]).toEqual([3.5, 3.5, 1, 6.5, 6.5, NaN, NaN, 5, 2]);
    expect(spearman(Float64Array.from([1, 2, 3, 4]), Float64Array.from([10, 20, 15, 40]))).toBeCloseTo(0.8, 12);
  });

  it('agrees with counting smaller and equal values on random columns of mixed signs and ties', () => {
    // The rank of x is 1 + #{y < x} + (#{y = x} − 1)/2, whatever the sort.
    const r = rng(11);
    for (const [n, scale] of [
      [50, 7],
      [3000, 1e6],
    ] as const) {
      const x = Float64Array.from(
        { length: n },
        () => (Math.floor(r() * scale) - scale / 2) * (r() < 0.5 ? 1e-9 : 1e9),
      );
      const sorted = [...x].sort((a, b) => a - b);
      const got = ranks(x);
      for (let i = 0; i < n; i++) {
        let lo = 0;
        while (sorted[lo]! < x[i]!) lo++;
        let hi = lo;
        while (hi < n && sorted[hi] === x[i]) hi++;
        if (got[i] !== 1 + lo + (hi - lo - 1) / 2) throw new Error(`rank of x[${i}] = ${x[i]}: ${got[i]}`);
      }
    }
  });

  it('of an empty column is empty', () => {
    expect(ranks(new Float64Array(0))).toHaveLength(0);
  });
});

describe('pearson', () => {
  it('matches a hand computation: Sxy = 11, Sxx = 5, Syy = 26, r = 11/√130', () => {
    expect(pearson(f(1, 2, 3, 4), f(2, 4, 5, 9)).r).toBeCloseTo(11 / Math.sqrt(130), 14);
    expect(pearson(f(1, 2, 3, 4), f(2, 4, 5, 9)).n).toBe(4);
  });

  it('skips rows where either value is not finite, and is NaN for a constant column', () => {
    const got = pearson(f(1, NaN, 2, 3, 4, 7), f(2, 5, 4, 5, 9, Infinity));
    expect(got.n).toBe(4);
    expect(got.r).toBeCloseTo(11 / Math.sqrt(130), 14);
    expect(pearson(f(1, 2, 3), f(5, 5, 5)).r).toBeNaN();
    expect(pearson(f(-1, 1), f(1, -1)).r).toBeCloseTo(-1, 14);
  });
});

describe('spearman', () => {
  it('ranks only the rows where both columns are finite', () => {
    // Without the NaN and infinite rows: x = 1 2 3 4, y = 10 20 15 40, rho = 1 − 6·2/(4·15) = 0.8.
    const x = f(1, 99, 2, 3, NaN, 4);
    const y = f(10, NaN, 20, 15, 0, 40);
    expect(spearman(x, y)).toBeCloseTo(0.8, 12);
    // A monotone transform changes nothing.
    expect(
      spearman(
        x.map((v) => Math.exp(v)),
        y,
      ),
    ).toBeCloseTo(0.8, 12);
    expect(spearman(f(1, 2, 3), f(3, 2, 1))).toBeCloseTo(-1, 14);
  });
});

describe('spearmanInterval', () => {
  it("is Fisher's z ± 1.96·√(1.06/(n − 3)) (Bonett and Wright's variance)", () => {
    // rho = 0.5, n = 28: atanh(0.5) = 0.549306, half-width 1.959964·√(1.06/25) = 0.403581;
    // tanh of the ends (computed apart from the code, in double precision).
    const [lo, hi] = spearmanInterval(0.5, 28);
    expect(lo).toBeCloseTo(0.14470202144464853, 12);
    expect(hi).toBeCloseTo(0.7410874615592804, 12);
  });

  it('is undefined for three rows or fewer or an undefined rho, and stays inside (−1, 1) at ±1', () => {
    expect(spearmanInterval(0.5, 3)).toEqual([NaN, NaN]);
    expect(spearmanInterval(NaN, 100)).toEqual([NaN, NaN]);
    const [lo, hi] = spearmanInterval(1, 100);
    expect(lo).toBeGreaterThan(0.99);
    expect(hi).toBeLessThanOrEqual(1);
  });
});
