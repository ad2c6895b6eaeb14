// The distributions a model can draw from: parameter checks, direct samplers for plain Monte
// Carlo, and quantile functions for Latin hypercube sampling. Direct samplers are the classic
// fast ones (ziggurat normal, Marsaglia–Tsang gamma, beta as a gamma ratio); quantiles that have no
// closed form come from @stdlib.

import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
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
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 boosted by U^(1/shape). */
export function gamma(rng: Stream, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  return mtGamma(rng, d, 1 / Math.sqrt(9 * d));
}

/** log of a Gamma(shape, 1) draw; for shape < 1 the boost is applied to the log, so it cannot underflow. */
function logGamma(rng: Stream, shape: number): number {
  if (shape >= 1) return Math.log(gamma(rng, shape));
  const g = gamma(rng, shape + 1);
  return Math.log(g) + Math.log(rng.uniform()) / shape;
}

export function betaSample(rng: Stream, a: number, b: number): number {
  if (a >= 1 && b >= 1) {
    const x = gamma(rng, a);
    const y = gamma(rng, b);
    return x / (x + y);
  }
  // With a shape below 1 both gamma draws can underflow to 0 (0/0); their ratio cannot.
  const lx = logGamma(rng, a);
  const ly = logGamma(rng, b);
  return 1 / (1 + Math.exp(ly - lx));
}

const finite = Number.isFinite;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function pertShape(min: number, mode: number, max: number): [number, number] {
  const r = max - min;
  return [1 + (4 * (mode - min)) / r, 1 + (4 * (max - mode)) / r];
}

function triangularQuantile(u: number, a: number, c: number, b: number): number {
  const f = (c - a) / (b - a);
  return u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
}

function ci90Params(lo: number, hi: number): { log: boolean; mu: number; sigma: number } {
  if (lo > 0 && hi > 0) {
    const a = Math.log(lo);
    const b = Math.log(hi);
    return { log: true, mu: (a + b) / 2, sigma: (b - a) / (2 * Z90) };
  }
  return { log: false, mu: (lo + hi) / 2, sigma: (hi - lo) / (2 * Z90) };
}

export const DISTS: Record<SimpleDist, DistImpl> = {
  normal: {
    arity: 2,
    signature: 'normal(mean, sd)',
    check: (m, s) =>
      !finite(m) || !finite(s)
        ? 'the parameters must be finite numbers'
        : s <= 0
          ? `the standard deviation must be positive (got ${s})`
          : null,
    sample: (rng, m, s) => m + s * rng.normal(),
    quantile: (u, m, s) => normalQuantile(u, m, s),
  },
  lognormal: {
    arity: 2,
    signature: 'lognormal(mu, sigma) with mu and sigma on the log scale',
    check: (m, s) =>
      !finite(m) || !finite(s)
        ? 'the parameters must be finite numbers'
        : s <= 0
          ? `sigma must be positive (got ${s})`
          : null,
    sample: (rng, m, s) => Math.exp(m + s * rng.normal()),
    quantile: (u, m, s) => Math.exp(normalQuantile(u, m, s)),
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
  },
  triangular: {
    arity: 3,
    signature: 'triangular(min, mode, max)',
    check: (a, c, b) =>
      !finite(a) || !finite(b) || !finite(c)
        ? 'the parameters must be finite numbers'
        : a >= b
          ? `min must be below max (got ${a} and ${b})`
          : c < a || c > b
            ? `the mode must lie between min and max (got ${c})`
            : null,
    sample: (rng, a, c, b) => triangularQuantile(rng.uniform(), a, c, b),
    quantile: triangularQuantile,
  },
  pert: {
    arity: 3,
    signature: 'pert(min, mode, max)',
    check: (a, c, b) =>
      !finite(a) || !finite(b) || !finite(c)
        ? 'the parameters must be finite numbers'
        : a >= b
          ? `min must be below max (got ${a} and ${b})`
          : c < a || c > b
            ? `the mode must lie between min and max (got ${c})`
            : null,
    sample: (rng, a, c, b) => {
      const [al, be] = pertShape(a, c, b);
      return a + (b - a) * betaSample(rng, al, be);
    },
    quantile: (u, a, c, b) => {
      const [al, be] = pertShape(a, c, b);
      return a + (b - a) * betaQuantile(u, al, be);
    },
  },
  bernoulli: {
    arity: 1,
    signature: 'bernoulli(p)',
    check: (p) => (!(p >= 0 && p <= 1) ? `p must be a probability between 0 and 1 (got ${p})` : null),
    sample: (rng, p) => (rng.uniform() < p ? 1 : 0),
    quantile: (u, p) => (u > 1 - p ? 1 : 0),
  },
  logitnormal: {
    arity: 2,
    signature: 'logitnormal(mu, sigma) on the log-odds scale',
    check: (m, s) =>
      !finite(m) || !finite(s)
        ? 'the parameters must be finite numbers'
        : s <= 0
          ? `sigma must be positive (got ${s})`
          : null,
    sample: (rng, m, s) => sigmoid(m + s * rng.normal()),
    quantile: (u, m, s) => sigmoid(normalQuantile(u, m, s)),
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
      const x = normalQuantile(u, p.mu, p.sigma);
      return p.log ? Math.exp(x) : x;
    },
  },
};

/**
 * Fill `out` from a distribution with constant parameters. Each case has its own loop, so the
 * sampler inlines into it (a shared loop calling a closure per sample is several times slower).
 */
export function fillFixed(
  name: SimpleDist,
  p0: number,
  p1: number,
  p2: number,
  rng: Stream,
  out: Float64Array,
  n: number,
): void {
  switch (name) {
    case 'beta':
    case 'pert': {
      let a = p0;
      let b = p1;
      let lo = 0;
      let range = 1;
      if (name === 'pert') {
        [a, b] = pertShape(p0, p1, p2);
        lo = p0;
        range = p2 - p0;
      }
      if (a >= 1 && b >= 1) {
        const d0 = a - 1 / 3;
        const d1 = b - 1 / 3;
        fillGammaRatio(rng, d0, 1 / Math.sqrt(9 * d0), d1, 1 / Math.sqrt(9 * d1), lo, range, out, n);
      } else {
        for (let i = 0; i < n; i++) out[i] = lo + range * betaSample(rng, a, b);
      }
      return;
    }
    case 'uniform': {
      const r = p1 - p0;
      for (let i = 0; i < n; i++) out[i] = p0 + r * rng.uniform();
      return;
    }
    case 'normal':
      for (let i = 0; i < n; i++) out[i] = p0 + p1 * rng.normal();
      return;
    case 'lognormal':
      for (let i = 0; i < n; i++) out[i] = Math.exp(p0 + p1 * rng.normal());
      return;
    case 'logitnormal':
      for (let i = 0; i < n; i++) out[i] = sigmoid(p0 + p1 * rng.normal());
      return;
    case 'ci90': {
      const p = ci90Params(p0, p1);
      if (p.log) for (let i = 0; i < n; i++) out[i] = Math.exp(p.mu + p.sigma * rng.normal());
      else for (let i = 0; i < n; i++) out[i] = p.mu + p.sigma * rng.normal();
      return;
    }
    case 'bernoulli':
      for (let i = 0; i < n; i++) out[i] = rng.uniform() < p0 ? 1 : 0;
      return;
    case 'triangular':
      for (let i = 0; i < n; i++) out[i] = triangularQuantile(rng.uniform(), p0, p1, p2);
      return;
  }
}

/**
 * out[i] = lo + range · X/(X + Y) for X, Y drawn by `mtGamma` with (d0, c0) and (d1, c1): the same
 * draws in the same order, with the Marsaglia–Tsang step written into the loop. V8 does not
 * inline `mtGamma` here, and a call returning a double boxes it: inlined, beta and PERT columns
 * fill about a third faster.
 */
function fillGammaRatio(
  rng: Stream,
  d0: number,
  c0: number,
  d1: number,
  c1: number,
  lo: number,
  range: number,
  out: Float64Array,
  n: number,
): void {
  let x0 = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 2; k++) {
      const d = k === 0 ? d0 : d1;
      const c = k === 0 ? c0 : c1;
      let g: number;
      for (;;) {
        let x: number;
        let v: number;
        do {
          x = rng.normal();
          v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        const u = rng.uniform32();
        const x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
          g = d * v;
          break;
        }
      }
      if (k === 0) x0 = g;
      else out[i] = lo + range * (x0 / (x0 + g));
    }
  }
}

/** Marsaglia–Tsang step with d = shape − 1/3 and c = 1/√(9d) precomputed (shape ≥ 1). */
export function mtGamma(rng: Stream, d: number, c: number): number {
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform32();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

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
  }
}
