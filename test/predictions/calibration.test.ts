import { describe, expect, it } from 'vitest';
import { calibration, wilsonInterval, binIndex } from '../../src/predictions/calibration.ts';

describe('Wilson score interval', () => {
  // Published values: R. G. Newcombe (1998), "Two-sided confidence intervals for the single
  // proportion: comparison of seven methods", Statistics in Medicine 17:857–872, Table I,
  // method 3 (Wilson score, no continuity correction), 95%.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i / %i → [%f, %f]', (x, n, lo, hi) => {
    const w = wilsonInterval(x, n)!;
    expect(w.lo).toBeCloseTo(lo, 4);
    expect(w.hi).toBeCloseTo(hi, 4);
  });

  it('is null with no observations', () => {
    expect(wilsonInterval(0, 0)).toBe(null);
  });
});

describe('bins', () => {
  it('puts k/bins into bin k despite floating point (0.29 × 100 = 28.999…)', () => {
    expect(binIndex(0.7, 10)).toBe(7);
    expect(binIndex(0.1 + 0.2, 10)).toBe(3);
    expect(binIndex(0.29, 100)).toBe(29);
    expect(binIndex(0.57, 100)).toBe(57);
    expect(binIndex(0.999, 10)).toBe(9);
    expect(binIndex(1, 10)).toBe(9);
    expect(binIndex(0.001, 10)).toBe(0);
  });
});

describe('calibration over a small hand-computed set', () => {
  // Points (credence, outcome): 0.05 no · 0.15 no · 0.15 yes · 0.3 no · 0.7 no · 0.72 yes ·
  // 0.75 yes · 0.8 yes · 0.95 yes · 0.999 yes.
  // With z = 1.959964, z² = 3.841459, Wilson bounds = (p + z²/2n ∓ z√(p(1−p)/n + z²/4n²)) / (1 + z²/n):
  // bin 0 [0, .1):  0.05          n=1 yes=0 → p=0: (1.920729 ∓ 1.920729) / 4.841459 = [0, 0.793451]
  // bin 1 [.1, .2): 0.15, 0.15    n=2 yes=1 → p=.5: centre .5 + .960365 = 1.460365,
  //                 half 1.959964·√(.125 + .240091) = 1.184271, denom 2.920729 → [0.094531, 0.905469]
  // bin 3 [.3, .4): 0.3           n=1 yes=0 → [0, 0.793451]
  // bin 7 [.7, .8): .7 .72 .75    n=3 yes=2 → p=2/3: centre .666667 + .640243 = 1.306910,
  //                 half 1.959964·√(.074074 + .106707) = .833345, denom 2.280486 → [0.207660, 0.938508];
  //                 mean credence (0.7 + 0.72 + 0.75) / 3 = 0.723333
  // bin 8 [.8, .9): 0.8           n=1 yes=1 → p=1: (2.920729 ∓ 1.920729) / 4.841459 = [0.206549, 1]
  // bin 9 [.9, 1]:  0.95, 0.999   n=2 yes=2 → p=1: (1.960365 ∓ .960365) / 2.920729 = [0.342380, 1];
  //                 mean credence 0.9745
  const points = [
    [0.05, false],
    [0.15, false],
    [0.15, true],
    [0.3, false],
    [0.7, false],
    [0.72, true],
    [0.75, true],
    [0.8, true],
    [0.95, true],
    [0.999, true],
  ].map(([credence, yes]) => ({ credence: credence as number, yes: yes as boolean }));
  const bins = calibration(points);

  it('has ten bins with their centres for the diagonal', () => {
    expect(bins).toHaveLength(10);
    bins.forEach((b, i) => {
      expect(b.lo).toBeCloseTo(i / 10, 12);
      expect(b.hi).toBeCloseTo((i + 1) / 10, 12);
      expect(b.centre).toBeCloseTo(0.05 + i / 10, 12);
    });
  });

  it('counts, observed frequencies and mean credences', () => {
    expect(bins.map((b) => b.count)).toEqual([1, 2, 0, 1, 0, 0, 0, 3, 1, 2]);
    expect(bins.map((b) => b.yes)).toEqual([0, 1, 0, 0, 0, 0, 0, 2, 1, 2]);
    expect(bins[0]!.observed).toBe(0);
    expect(bins[1]!.observed).toBe(0.5);
    expect(bins[2]!.observed).toBe(null);
    expect(bins[7]!.observed).toBeCloseTo(2 / 3, 12);
    expect(bins[9]!.observed).toBe(1);
    expect(bins[7]!.meanCredence).toBeCloseTo(0.723333, 6);
    expect(bins[9]!.meanCredence).toBeCloseTo(0.9745, 12);
    expect(bins[2]!.meanCredence).toBe(null);
  });

  it('Wilson intervals per bin', () => {
    const expected: [number, number, number][] = [
      [0, 0, 0.793451],
      [1, 0.094531, 0.905469],
      [3, 0, 0.793451],
      [7, 0.20766, 0.938508],
      [8, 0.206549, 1],
      [9, 0.34238, 1],
    ];
    for (const [i, lo, hi] of expected) {
      expect(bins[i]!.interval!.lo).toBeCloseTo(lo, 5);
      expect(bins[i]!.interval!.hi).toBeCloseTo(hi, 5);
    }
    expect(bins[2]!.interval).toBe(null);
  });
});
