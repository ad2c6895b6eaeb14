// Gamma and beta draws for parameters that vary by row, against closed forms: the moments of
// Gamma(k, 1) (mean k, variance k) and its CDF at a point (Erlang sums for integer shapes), the
// mean and variance of Beta(a, b), and beta draws that stay finite for shapes far below 1.

import { describe, expect, it } from 'vitest';
import { betaSample, gamma, mtGamma } from '../../src/engine/gamma.ts';
import { streamFor } from '../../src/engine/random.ts';

/** Five standard errors: a sound test fails by chance about once in 1.7 million. */
const Z = 5;
const N = 40_000;

function draws(f: () => number, n = N): Float64Array {
  return Float64Array.from({ length: n }, f);
}

function meanVar(x: Float64Array): [number, number] {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return [m, x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1)];
}

/** |fraction of x ≤ at − p| within Z binomial standard errors. */
function expectCdf(x: Float64Array, at: number, p: number): void {
  const got = x.filter((v) => v <= at).length / x.length;
  expect(Math.abs(got - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / x.length));
}

describe('gamma', () => {
  it('has mean k and variance k for shapes below, at and above 1', () => {
    for (const k of [0.3, 1, 2.5, 40]) {
      const rng = streamFor(1, `gamma ${k}`);
      const [m, v] = meanVar(draws(() => gamma(rng, k)));
      // Var of the sample mean is k/N; of the sample variance about (2k² + 6k)/N (excess kurtosis 6/k).
      expect(Math.abs(m - k)).toBeLessThan(Z * Math.sqrt(k / N));
      expect(Math.abs(v - k)).toBeLessThan(Z * Math.sqrt((2 * k * k + 6 * k) / N));
    }
  });

  it('follows the Erlang CDF: P(X ≤ 1) = 1 − 1/e for shape 1, P(X ≤ 2) = 1 − 5e^−2 for shape 3', () => {
    const r1 = streamFor(2, 'exp');
    expectCdf(
      draws(() => gamma(r1, 1)),
      1,
      1 - Math.exp(-1),
    );
    const r3 = streamFor(2, 'erlang');
    expectCdf(
      draws(() => gamma(r3, 3)),
      2,
      1 - 5 * Math.exp(-2),
    );
    // Shape 1/2: X = Z²/2 for a standard normal Z, so P(X ≤ 1/2) = P(|Z| ≤ 1) = 0.682689492137.
    const rh = streamFor(2, 'half');
    expectCdf(
      draws(() => gamma(rh, 0.5)),
      0.5,
      0.6826894921370859,
    );
  });

  it('mtGamma is the shape-≥1 step: d = k − 1/3, c = 1/√(9d)', () => {
    const [a, b] = [streamFor(3, 'g'), streamFor(3, 'g')];
    for (let i = 0; i < 100; i++) expect(mtGamma(a, 4 - 1 / 3, 1 / Math.sqrt(9 * (4 - 1 / 3)))).toBe(gamma(b, 4));
  });
});

describe('betaSample', () => {
  it('has mean a/(a + b) and variance ab/((a + b)²(a + b + 1))', () => {
    for (const [a, b] of [
      [2, 5],
      [0.5, 0.5],
      [0.2, 3],
      [30, 0.7],
    ] as const) {
      const rng = streamFor(4, `beta ${a} ${b}`);
      const x = draws(() => betaSample(rng, a, b));
      const mu = a / (a + b);
      const v = (a * b) / ((a + b) ** 2 * (a + b + 1));
      const [m, s2] = meanVar(x);
      expect(Math.abs(m - mu)).toBeLessThan(Z * Math.sqrt(v / N));
      // A variable in [0, 1] has fourth central moment at most v: Var(s²) ≤ v/N.
      expect(Math.abs(s2 - v)).toBeLessThan(Z * Math.sqrt(v / N));
    }
  });

  it('stays in [0, 1] and finite for shapes far below 1, where both gammas underflow', () => {
    // Beta(0.01, 0.01) puts nearly half its mass on each end: P(X > 1/2) = 1/2 by symmetry.
    const rng = streamFor(5, 'tiny');
    const x = draws(() => betaSample(rng, 0.01, 0.01), 10_000);
    for (const v of x) if (!(v >= 0 && v <= 1)) throw new Error(`beta(0.01, 0.01) gave ${v}`);
    expectCdf(x, 0.5, 0.5);
  });
});
