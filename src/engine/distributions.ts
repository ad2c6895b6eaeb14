// The distributions a model can draw from, one entry each: parameter checks, a direct draw for
// plain Monte Carlo with parameters that change by row, the quantile function (Latin hypercube
// and quasi-Monte Carlo, and `quantile(…)` in expressions), the cumulative distribution
// function and the density (`cdf(…)`, `pdf(…)`). Fills for constant parameters are in fill.ts.

import { betaPdf, betaQuantile, betaTail, lnBeta } from './beta.ts';
import { fitBetaCi90, fitPertCi90 } from './fit.ts';
import { betaSample } from './gamma.ts';
import { normalCdf, normalPdf, normalQuantile } from './normal.ts';
import type { Stream } from './random.ts';
import type { DistName } from '../model/names.ts';

export type SimpleDist = Exclude<DistName, 'mixture'>;

/** z such that P(Z < z) = 0.95: a 90% interval spans ±Z90 standard deviations. */
export const Z90 = 1.6448536269514722;

export interface DistImpl {
  /** Number of parameters. */
  arity: number;
  /** How the parameters read in messages. */
  signature: string;
  /** Why these parameters are impossible, or null when they are fine. */
  check(p0: number, p1: number, p2: number): string | null;
  sample(rng: Stream, p0: number, p1: number, p2: number): number;
  quantile(u: number, p0: number, p1: number, p2: number): number;
  cdf(x: number, p0: number, p1: number, p2: number): number;
  /** The density (for bernoulli, the probability of the value). */
  pdf(x: number, p0: number, p1: number, p2: number): number;
}

const finite = Number.isFinite;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function pertShape(min: number, mode: number, max: number): [number, number] {
  const r = max - min;
  return [1 + (4 * (mode - min)) / r, 1 + (4 * (max - mode)) / r];
}

export function triangularQuantile(u: number, a: number, c: number, b: number): number {
  const f = (c - a) / (b - a);
  return u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
}

/** A ci90 interval as a normal on the log scale (both bounds positive) or on the natural one. */
export function ci90Params(lo: number, hi: number): { log: boolean; mu: number; sigma: number } {
  if (lo > 0 && hi > 0) {
    const a = Math.log(lo);
    const b = Math.log(hi);
    return { log: true, mu: (a + b) / 2, sigma: (b - a) / (2 * Z90) };
  }
  return { log: false, mu: (lo + hi) / 2, sigma: (hi - lo) / (2 * Z90) };
}

const scaleCheck = (what: string) => (m: number, s: number) =>
  !finite(m) || !finite(s)
    ? 'the parameters must be finite numbers'
    : s <= 0
      ? `${what} must be positive (got ${s})`
      : null;

const boundedCheck = (a: number, c: number, b: number) =>
  !finite(a) || !finite(b) || !finite(c)
    ? 'the parameters must be finite numbers'
    : a >= b
      ? `min must be below max (got ${a} and ${b})`
      : c < a || c > b
        ? `the mode must lie between min and max (got ${c})`
        : null;

const lognormalCdf = (x: number, m: number, s: number) => (x > 0 ? normalCdf((Math.log(x) - m) / s) : 0);
const lognormalPdf = (x: number, m: number, s: number) => (x > 0 ? normalPdf((Math.log(x) - m) / s) / (s * x) : 0);

const BASE: Record<Exclude<SimpleDist, 'beta_ci90' | 'pert_ci90'>, DistImpl> = {
  normal: {
    arity: 2,
    signature: 'normal(mean, sd)',
    check: scaleCheck('the standard deviation'),
    sample: (rng, m, s) => m + s * rng.normal(),
    quantile: (u, m, s) => m + s * normalQuantile(u),
    cdf: (x, m, s) => normalCdf((x - m) / s),
    pdf: (x, m, s) => normalPdf((x - m) / s) / s,
  },
  lognormal: {
    arity: 2,
    signature: 'lognormal(mu, sigma) with mu and sigma on the log scale',
    check: scaleCheck('sigma'),
    sample: (rng, m, s) => Math.exp(m + s * rng.normal()),
    quantile: (u, m, s) => Math.exp(m + s * normalQuantile(u)),
    cdf: lognormalCdf,
    pdf: lognormalPdf,
  },
  uniform: {
    arity: 2,
    signature: 'uniform(low, high)',
    check: (a, b) =>
      !finite(a) || !finite(b)
        ? 'the bounds must be finite numbers'
        : a >= b
          ? `the lower bound must be below the upper bound (got ${a} and ${b})`
          : null,
    sample: (rng, a, b) => a + (b - a) * rng.uniform(),
    quantile: (u, a, b) => a + (b - a) * u,
    cdf: (x, a, b) => (x <= a ? 0 : x >= b ? 1 : (x - a) / (b - a)),
    pdf: (x, a, b) => (x >= a && x <= b ? 1 / (b - a) : 0),
  },
  beta: {
    arity: 2,
    signature: 'beta(alpha, beta)',
    check: (a, b) =>
      !finite(a) || !finite(b)
        ? 'the parameters must be finite numbers'
        : a <= 0 || b <= 0
          ? `both parameters must be positive (got ${a} and ${b})`
          : null,
    sample: (rng, a, b) => betaSample(rng, a, b),
    quantile: (u, a, b) => betaQuantile(u, a, b),
    cdf: (x, a, b) => betaTail(x, a, b, lnBeta(a, b), false),
    pdf: (x, a, b) => betaPdf(x, a, b, lnBeta(a, b)),
  },
  triangular: {
    arity: 3,
    signature: 'triangular(min, mode, max)',
    check: boundedCheck,
    sample: (rng, a, c, b) => triangularQuantile(rng.uniform(), a, c, b),
    quantile: triangularQuantile,
    cdf: (x, a, c, b) =>
      x <= a ? 0 : x >= b ? 1 : x <= c ? (x - a) ** 2 / ((b - a) * (c - a)) : 1 - (b - x) ** 2 / ((b - a) * (b - c)),
    pdf: (x, a, c, b) =>
      x < a || x > b
        ? 0
        : x < c
          ? (2 * (x - a)) / ((b - a) * (c - a))
          : x > c
            ? (2 * (b - x)) / ((b - a) * (b - c))
            : 2 / (b - a),
  },
  pert: {
    arity: 3,
    signature: 'pert(min, mode, max)',
    check: boundedCheck,
    sample: (rng, a, c, b) => {
      const [al, be] = pertShape(a, c, b);
      return a + (b - a) * betaSample(rng, al, be);
    },
    quantile: (u, a, c, b) => {
      const [al, be] = pertShape(a, c, b);
      return a + (b - a) * betaQuantile(u, al, be);
    },
    cdf: (x, a, c, b) => {
      const [al, be] = pertShape(a, c, b);
      return betaTail((x - a) / (b - a), al, be, lnBeta(al, be), false);
    },
    pdf: (x, a, c, b) => {
      const [al, be] = pertShape(a, c, b);
      return betaPdf((x - a) / (b - a), al, be, lnBeta(al, be)) / (b - a);
    },
  },
  bernoulli: {
    arity: 1,
    signature: 'bernoulli(p)',
    check: (p) => (!(p >= 0 && p <= 1) ? `p must be a probability between 0 and 1 (got ${p})` : null),
    sample: (rng, p) => (rng.uniform() < p ? 1 : 0),
    quantile: (u, p) => (u > 1 - p ? 1 : 0),
    cdf: (x, p) => (x < 0 ? 0 : x < 1 ? 1 - p : 1),
    pdf: (x, p) => (x === 0 ? 1 - p : x === 1 ? p : 0),
  },
  logitnormal: {
    arity: 2,
    signature: 'logitnormal(mu, sigma) on the log-odds scale',
    check: scaleCheck('sigma'),
    sample: (rng, m, s) => sigmoid(m + s * rng.normal()),
    quantile: (u, m, s) => sigmoid(m + s * normalQuantile(u)),
    cdf: (x, m, s) => (x <= 0 ? 0 : x >= 1 ? 1 : normalCdf((Math.log(x) - Math.log1p(-x) - m) / s)),
    pdf: (x, m, s) => (x <= 0 || x >= 1 ? 0 : normalPdf((Math.log(x) - Math.log1p(-x) - m) / s) / (s * x * (1 - x))),
  },
  ci90: {
    arity: 2,
    signature: 'ci90(low, high), a 90% interval',
    check: (lo, hi) =>
      !finite(lo) || !finite(hi)
        ? 'the bounds must be finite numbers'
        : lo >= hi
          ? `the low end must be below the high end (got ${lo} and ${hi})`
          : null,
    sample: (rng, lo, hi) => {
      const p = ci90Params(lo, hi);
      const x = p.mu + p.sigma * rng.normal();
      return p.log ? Math.exp(x) : x;
    },
    quantile: (u, lo, hi) => {
      const p = ci90Params(lo, hi);
      const x = p.mu + p.sigma * normalQuantile(u);
      return p.log ? Math.exp(x) : x;
    },
    cdf: (x, lo, hi) => {
      const p = ci90Params(lo, hi);
      return p.log ? lognormalCdf(x, p.mu, p.sigma) : normalCdf((x - p.mu) / p.sigma);
    },
    pdf: (x, lo, hi) => {
      const p = ci90Params(lo, hi);
      return p.log ? lognormalPdf(x, p.mu, p.sigma) : normalPdf((x - p.mu) / p.sigma) / p.sigma;
    },
  },
};

const fittedBeta = (lo: number, hi: number): [number, number] => {
  const f = fitBetaCi90(lo, hi);
  return f.ok ? f.value : [NaN, NaN];
};
const fittedPert = (lo: number, med: number, hi: number): [number, number, number] => {
  const f = fitPertCi90(lo, med, hi);
  return f.ok ? f.value : [NaN, NaN, NaN];
};

const BETA_CI90: DistImpl = {
  arity: 2,
  signature: 'beta_ci90(low, high), the beta with that 90% interval',
  check: (lo, hi) => {
    if (!finite(lo) || !finite(hi)) return 'the bounds must be finite numbers';
    const f = fitBetaCi90(lo, hi);
    return f.ok ? null : f.why;
  },
  sample: (rng, lo, hi) => BASE.beta.sample(rng, ...fittedBeta(lo, hi), 0),
  quantile: (u, lo, hi) => BASE.beta.quantile(u, ...fittedBeta(lo, hi), 0),
  cdf: (x, lo, hi) => BASE.beta.cdf(x, ...fittedBeta(lo, hi), 0),
  pdf: (x, lo, hi) => BASE.beta.pdf(x, ...fittedBeta(lo, hi), 0),
};

const PERT_CI90: DistImpl = {
  arity: 3,
  signature: 'pert_ci90(low, median, high), the PERT with those 5th, 50th and 95th percentiles',
  check: (lo, med, hi) => {
    if (!finite(lo) || !finite(med) || !finite(hi)) return 'the parameters must be finite numbers';
    const f = fitPertCi90(lo, med, hi);
    return f.ok ? null : f.why;
  },
  sample: (rng, lo, med, hi) => BASE.pert.sample(rng, ...fittedPert(lo, med, hi)),
  quantile: (u, lo, med, hi) => BASE.pert.quantile(u, ...fittedPert(lo, med, hi)),
  cdf: (x, lo, med, hi) => BASE.pert.cdf(x, ...fittedPert(lo, med, hi)),
  pdf: (x, lo, med, hi) => BASE.pert.pdf(x, ...fittedPert(lo, med, hi)),
};

export const DISTS: Record<SimpleDist, DistImpl> = { ...BASE, beta_ci90: BETA_CI90, pert_ci90: PERT_CI90 };

/** Closed-form mean and variance, where they exist (used by tests and the inputs table). */
export function moments(name: SimpleDist, p0: number, p1: number, p2: number): { mean: number; variance: number } {
  switch (name) {
    case 'normal':
      return { mean: p0, variance: p1 * p1 };
    case 'lognormal':
      return { mean: Math.exp(p0 + (p1 * p1) / 2), variance: (Math.exp(p1 * p1) - 1) * Math.exp(2 * p0 + p1 * p1) };
    case 'uniform':
      return { mean: (p0 + p1) / 2, variance: (p1 - p0) ** 2 / 12 };
    case 'beta':
      return { mean: p0 / (p0 + p1), variance: (p0 * p1) / ((p0 + p1) ** 2 * (p0 + p1 + 1)) };
    case 'triangular':
      return { mean: (p0 + p1 + p2) / 3, variance: (p0 * p0 + p1 * p1 + p2 * p2 - p0 * p1 - p0 * p2 - p1 * p2) / 18 };
    case 'pert': {
      const [a, b] = pertShape(p0, p1, p2);
      const r = p2 - p0;
      return { mean: p0 + (r * a) / (a + b), variance: (r * r * a * b) / ((a + b) ** 2 * (a + b + 1)) };
    }
    case 'bernoulli':
      return { mean: p0, variance: p0 * (1 - p0) };
    case 'ci90': {
      const p = ci90Params(p0, p1);
      return p.log ? moments('lognormal', p.mu, p.sigma, 0) : { mean: p.mu, variance: p.sigma * p.sigma };
    }
    case 'logitnormal':
      return { mean: NaN, variance: NaN };
    case 'beta_ci90':
      return moments('beta', ...fittedBeta(p0, p1), 0);
    case 'pert_ci90':
      return moments('pert', ...fittedPert(p0, p1, p2));
  }
}
