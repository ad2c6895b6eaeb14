// The normal quantile (AS 241) against @stdlib's and published values, and Φ and φ by hand.

import { describe, it, expect } from 'vitest';
import stdNormalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { normalCdf, normalPdf, normalQuantile } from '../../src/engine/normal.ts';
import { PROBS } from './quantile-grid.ts';

describe('the normal quantile (AS 241)', () => {
  it("agrees with @stdlib's to 4e-15 relative in the upper half, where @stdlib's is exact", () => {
    for (const p of PROBS.filter((x) => x >= 0.5)) {
      const want = stdNormalQuantile(p, 0, 1);
      expect(Math.abs(normalQuantile(p) - want)).toBeLessThanOrEqual(4e-15 * Math.max(1, Math.abs(want)));
    }
  });

  it("in the lower tail, Φ (through @stdlib's erfc) of the quantile gives p back to 1e-13 relative", () => {
    for (const p of PROBS.filter((x) => x < 0.5))
      expect(Math.abs(normalCdf(normalQuantile(p)) / p - 1)).toBeLessThan(1e-13);
  });

  it('matches published values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 13);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('inverts Φ (where Φ(z) is far enough from 1 for a double to hold it)', () => {
    for (const z of [-8, -3, -1, 0.3, 2]) expect(normalQuantile(normalCdf(z))).toBeCloseTo(z, 12);
  });
});

describe('Φ and φ', () => {
  it('match published values: Φ(1.96) = 0.9750021048517795, Φ(−8) = 6.22e−16, φ(0) = 1/√(2π)', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 15);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-8) / 6.22096057427174e-16).toBeCloseTo(1, 12);
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    expect(normalPdf(1)).toBeCloseTo(Math.exp(-0.5) / Math.sqrt(2 * Math.PI), 15);
    expect(normalPdf(-2)).toBe(normalPdf(2));
  });

  it('the quantile is ±Infinity at 0 and 1 and NaN outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });
});
