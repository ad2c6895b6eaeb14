// The engine's own special functions against independent ones: the incomplete beta function and
// its inverse against @stdlib's, the beta quantile tables (1e-10 relative to min(x, 1 − x)) against
// @stdlib and against closed forms, and the normal quantile against @stdlib and published values.

import { describe, it, expect } from 'vitest';
import betainc from '@stdlib/math-base-special-betainc';
import betaincinv from '@stdlib/math-base-special-betaincinv';
import stdNormalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { betaQuantile, betaTail, lnBeta } from '../../src/engine/beta.ts';
import { betaTable, tableQuantile } from '../../src/engine/beta-table.ts';
import { normalCdf, normalQuantile } from '../../src/engine/normal.ts';

const SHAPES: [number, number][] = [
  [6, 4],
  [49, 1],
  [1, 49],
  [0.5, 0.5],
  [0.2, 3],
  [2, 2],
  [1, 1],
  [20, 80],
  [1.5, 30],
  [200, 300],
  [0.1, 0.1],
  [1.8, 4.2],
];

/** Probabilities from 1e-14 to 1 − 1e-14: a uniform grid and geometric runs into both tails. */
const PROBS = [
  ...Array.from({ length: 199 }, (_, i) => (i + 0.5) / 199),
  ...Array.from({ length: 40 }, (_, i) => 0.03 * 2 ** -i),
  ...Array.from({ length: 40 }, (_, i) => 1 - 0.03 * 2 ** -i),
];

/** |got − want| ≤ tol · min(want, 1 − want), or within the rounding of a double near 1. */
function expectNear(got: number, want: number, wantUpper: number, tol: number, what: string): void {
  const err = Math.abs(got - want);
  if (!(err <= tol * Math.min(want, wantUpper) + 2.3e-16))
    throw new Error(`${what}: ${got} vs ${want} (relative error ${err / Math.min(want, wantUpper)})`);
}

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

  it('a table is exact to 1e-10 of min(x, 1 − x) across (0, 1), tails included', () => {
    for (const [a, b] of SHAPES) {
      const t = betaTable(a, b);
      expect(t, `beta(${a}, ${b}) has a table`).not.toBeNull();
      for (const p of PROBS) {
        const want = betaincinv(p, a, b);
        const wantUpper = betaincinv(1 - p, b, a);
        expectNear(tableQuantile(t!, p), want, wantUpper, 1e-10, `table Q(${p}; ${a}, ${b})`);
      }
    }
  });

  it('a table matches the closed forms of Beta(a, 1) = U^(1/a) and Beta(1, b) = 1 − (1 − U)^(1/b)', () => {
    const up = betaTable(7.5, 1)!;
    const down = betaTable(1, 3)!;
    for (const p of PROBS) {
      const x = Math.exp(Math.log(p) / 7.5);
      expectNear(tableQuantile(up, p), x, -Math.expm1(Math.log(p) / 7.5), 1e-10, `Beta(7.5, 1) at ${p}`);
      const w = Math.exp(Math.log1p(-p) / 3); // 1 − x
      expectNear(tableQuantile(down, p), -Math.expm1(Math.log1p(-p) / 3), w, 1e-10, `Beta(1, 3) at ${p}`);
    }
  });

  it('a distribution too extreme for a table gets none (its draws fall back to exact methods)', () => {
    expect(betaTable(0.002, 0.002)).toBeNull();
  });
});

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
