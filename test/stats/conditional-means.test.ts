// The output's mean given a yes/no outcome, against sums worked by hand, and its jackknife
// errors where they are known exactly (zero when nothing varies between blocks).

import { describe, it, expect } from 'vitest';
import { conditionalMeans } from '../../src/stats/conditional-means.ts';

const f64 = (xs: number[]) => Float64Array.from(xs);

describe('conditionalMeans', () => {
  it('gives P(yes), both conditional means and the expected shift of four samples worked by hand', () => {
    // y = 0, .25, .5, .75 and P(yes) in each sample = y: Σy = 1.5, Σy² = 0.875, Σ(1−y)y = 0.625.
    const y = f64([0, 0.25, 0.5, 0.75]);
    const r = conditionalMeans(y, null, y, f64([1, 0.75, 0.5, 0.25]), 2);
    expect(r.mean).toBeCloseTo(0.375, 12);
    expect(r.pYes).toBeCloseTo(1.5 / 4, 12);
    expect(r.meanIfYes).toBeCloseTo(0.875 / 1.5, 12);
    expect(r.meanIfNo).toBeCloseTo(0.625 / 2.5, 12);
    // 0.375·|0.58333 − 0.375| + 0.625·|0.25 − 0.375| = 0.078125 + 0.078125
    expect(r.expectedShift).toBeCloseTo(0.15625, 12);
    expect(r.largestShift).toBeCloseTo(0.875 / 1.5 - 0.375, 12);
  });

  it('weighs each sample by its weight, and leaves out zero weights and NaN likelihoods', () => {
    const y = f64([1, 2, 3, 100, 100]);
    const w = f64([1, 1, 2, 0, 1]);
    const yes = f64([1, 0, 1, 1, NaN]);
    const no = f64([0, 1, 0, 0, 0]);
    const r = conditionalMeans(y, w, yes, no, 2);
    // Kept: (y, w) = (1, 1) yes, (2, 1) no, (3, 2) yes.
    expect(r.mean).toBeCloseTo((1 + 2 + 6) / 4, 12);
    expect(r.pYes).toBeCloseTo(3 / 4, 12);
    expect(r.meanIfYes).toBeCloseTo(7 / 3, 12);
    expect(r.meanIfNo).toBeCloseTo(2, 12);
  });

  it('has zero Monte Carlo error when every block holds the same samples', () => {
    const block = [0.2, 0.4, 0.9];
    const y = f64(Array.from({ length: 30 }, (_, i) => block[i % 3]!));
    const p = f64(Array.from({ length: 30 }, (_, i) => [0.1, 0.5, 0.8][i % 3]!));
    const r = conditionalMeans(
      y,
      null,
      p,
      p.map((x) => 1 - x),
      10,
    );
    expect(r.pYesMcse).toBeCloseTo(0, 12);
    expect(r.meanIfYesMcse).toBeCloseTo(0, 12);
    expect(r.shiftMcse).toBeCloseTo(0, 12);
  });
});
