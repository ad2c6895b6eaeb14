// Means of an output column and their Monte Carlo errors, against hand computation: the mean of
// the finite rows (weighted when weights are given, rows of weight ≤ 0 left out), sd/√n for one
// unweighted mean, the ratio estimator's error √(n/(n−1)·Σw²(y−m)²)/Σw for a weighted one, the
// paired differences' error for two runs on the same random numbers, and any linear combination.

import { describe, expect, it } from 'vitest';
import { differenceMcse, InfluenceSum, meanOf, meanWithInfluence } from '../../src/stats/estimate.ts';

const col = (...v: number[]) => Float64Array.from(v);

describe('the mean of a column and its Monte Carlo error', () => {
  it('is the mean of the finite rows, with sd/√n as its error when nothing is weighted', () => {
    // 1, 2, 3, 4: mean 2.5, sample variance (2.25 + 0.25 + 0.25 + 2.25)/3 = 5/3, error √(5/3/4).
    const e = meanOf(col(1, 2, 3, 4), null);
    expect(e.mean).toBe(2.5);
    expect(e.used).toBe(4);
    expect(e.mcse).toBeCloseTo(Math.sqrt(5 / 12), 14);
    // NaN and infinite rows are left out of the mean.
    const holes = meanOf(col(1, NaN, 2, Infinity, 3, -Infinity, 4), null);
    expect([holes.mean, holes.used]).toEqual([2.5, 4]);
  });

  it('weights the rows, leaving out those of weight zero or below, with the ratio estimator error', () => {
    // y = 1, 2, 3 with w = 1, 2, 1: mean (1 + 4 + 3)/4 = 2; Σw²(y − m)² = 1 + 0 + 1 = 2, so the
    // error is √(3/2 · 2)/4 = √3/4. The rows of weight 0 and −1 change nothing but n.
    const e = meanOf(col(1, 2, 3), col(1, 2, 1));
    expect(e.mean).toBe(2);
    expect(e.used).toBe(3);
    expect(e.mcse).toBeCloseTo(Math.sqrt(3) / 4, 14);
    const dropped = meanOf(col(1, 2, 3, 100, 100), col(1, 2, 1, 0, -1));
    expect([dropped.mean, dropped.used]).toEqual([2, 3]);
  });

  it('has no mean when no row enters it, and no error from a single row', () => {
    expect(meanOf(col(NaN, Infinity), null)).toEqual({ mean: NaN, mcse: NaN, used: 0 });
    expect(meanOf(col(1, 2), col(0, 0))).toEqual({ mean: NaN, mcse: NaN, used: 0 });
    expect(meanOf(col(7), null)).toEqual({ mean: 7, mcse: NaN, used: 1 });
  });
});

describe('errors of comparisons on the same random numbers', () => {
  // Two runs on the same rows: their differences 1, 0, 2, 3 have mean 1.5, sample variance
  // (0.25 + 2.25 + 0.25 + 2.25)/3 = 5/3, so the difference of the means has error √(5/12),
  // however large the runs' own spread.
  const a = meanWithInfluence(col(1, 2, 30, 40), null);
  const b = meanWithInfluence(col(2, 2, 32, 43), null);

  it('gives the difference of two means the error of the paired differences', () => {
    expect(b.mean - a.mean).toBe(1.5);
    expect(differenceMcse(a.influence, b.influence)).toBeCloseTo(Math.sqrt(5 / 12), 13);
    expect(a.mcse).toBeGreaterThan(5);
  });

  it('sums influences into the error of any linear combination of means', () => {
    const diff = new InfluenceSum(4);
    diff.add(1, b.influence);
    diff.add(-1, a.influence);
    diff.add(0, col(1e9, 1e9, 1e9, 1e9));
    expect(diff.mcse()).toBeCloseTo(Math.sqrt(5 / 12), 13);
    // Twice a mean has twice its error: 2·√(5/12) for 1, 2, 3, 4.
    const twice = new InfluenceSum(4);
    twice.add(2, meanWithInfluence(col(1, 2, 3, 4), null).influence);
    expect(twice.mcse()).toBeCloseTo(2 * Math.sqrt(5 / 12), 14);
    expect(new InfluenceSum(1).mcse()).toBeNaN();
  });
});
