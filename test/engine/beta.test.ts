// The incomplete beta function and its inverse against @stdlib's and closed forms, and the
// density and log beta function by hand.

import { describe, it, expect } from 'vitest';
import betainc from '@stdlib/math-base-special-betainc';
import betaincinv from '@stdlib/math-base-special-betaincinv';
import { betaPdf, betaQuantile, betaTail, lnBeta } from '../../src/engine/beta.ts';
import { PROBS, SHAPES, expectNear } from './quantile-grid.ts';

describe('the incomplete beta function', () => {
  it("both tails agree with @stdlib's betainc to 1e-12 relative, deep into each tail", () => {
    for (const [a, b] of SHAPES) {
      const lnB = lnBeta(a, b);
      for (const x of [1e-9, 1e-4, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1 - 1e-6]) {
        const lower = betainc(x, a, b);
        const upper = betainc(x, a, b, true, true);
        if (lower > 1e-300) expect(Math.abs(betaTail(x, a, b, lnB, false) / lower - 1)).toBeLessThan(1e-12);
        if (upper > 1e-300) expect(Math.abs(betaTail(x, a, b, lnB, true) / upper - 1)).toBeLessThan(1e-12);
      }
    }
  });

  it('matches closed forms: I_x(a, 1) = x^a and I_x(2, 2) = 3x² − 2x³', () => {
    for (const x of [0.01, 0.2, 0.5, 0.77]) {
      expect(betaTail(x, 3.5, 1, lnBeta(3.5, 1), false)).toBeCloseTo(x ** 3.5, 14);
      expect(betaTail(x, 2, 2, lnBeta(2, 2), false)).toBeCloseTo(3 * x * x - 2 * x ** 3, 14);
    }
  });
});

describe('the beta quantile', () => {
  it("inverts the incomplete beta function to 1e-12 of min(x, 1 − x), as @stdlib's betaincinv", () => {
    for (const [a, b] of SHAPES)
      for (const p of PROBS) {
        const want = betaincinv(p, a, b);
        const wantUpper = betaincinv(1 - p, b, a);
        expectNear(betaQuantile(p, a, b), want, wantUpper, 1e-12, `Q(${p}; ${a}, ${b})`);
      }
  });
});

describe('lnBeta and betaPdf', () => {
  it('match B(2, 3) = 1/12 and the densities 6x(1 − x) and 1/(π√(x(1 − x)))', () => {
    expect(lnBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
    expect(lnBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14);
    for (const x of [0.1, 0.5, 0.9]) {
      expect(betaPdf(x, 2, 2, lnBeta(2, 2))).toBeCloseTo(6 * x * (1 - x), 13);
      expect(betaPdf(x, 0.5, 0.5, lnBeta(0.5, 0.5))).toBeCloseTo(1 / (Math.PI * Math.sqrt(x * (1 - x))), 13);
    }
  });

  it('is zero outside [0, 1], and at the ends infinite, B(a, b)^−1 or zero as the shape is below, at or above 1', () => {
    expect(betaPdf(-0.1, 2, 2, lnBeta(2, 2))).toBe(0);
    expect(betaPdf(1.1, 2, 2, lnBeta(2, 2))).toBe(0);
    expect(betaPdf(0, 0.5, 2, lnBeta(0.5, 2))).toBe(Infinity);
    expect(betaPdf(0, 1, 3, lnBeta(1, 3))).toBeCloseTo(3, 13);
    expect(betaPdf(0, 2, 3, lnBeta(2, 3))).toBe(0);
    expect(betaPdf(1, 3, 0.5, lnBeta(3, 0.5))).toBe(Infinity);
    expect(betaPdf(1, 3, 1, lnBeta(3, 1))).toBeCloseTo(3, 13);
    expect(betaPdf(1, 3, 2, lnBeta(3, 2))).toBe(0);
  });
});
