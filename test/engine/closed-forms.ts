// Every distribution's closed forms, derived independently of the engine: raw moments (normal,
// lognormal, uniform, beta, scaled and mixed, logit-normal by quadrature), the central moments
// they give, and points with their probability P(X < x) from reference quantile functions. The
// distribution tests sample each case and compare.

import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import lognormalQuantile from '@stdlib/stats-base-dists-lognormal-quantile';
import triangularQuantile from '@stdlib/stats-base-dists-triangular-quantile';
import { centralFromRaw } from './helpers.ts';

const PS = [0.05, 0.25, 0.5, 0.75, 0.95];
/** z with Φ(z) = 0.95, from published normal tables. */
const Z95 = 1.6448536269514722;

export type Raw = readonly [number, number, number, number];

/** Φ(x) by bisection on the reference quantile function. */
function normalCdf(x: number, mu = 0, sigma = 1): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (normalQuantile(mid, mu, sigma) < x) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const normalRaw = (m: number, s: number): Raw => [
  m,
  m * m + s * s,
  m ** 3 + 3 * m * s * s,
  m ** 4 + 6 * m * m * s * s + 3 * s ** 4,
];
const lognormalRaw = (m: number, s: number): Raw =>
  [1, 2, 3, 4].map((k) => Math.exp(k * m + (k * k * s * s) / 2)) as unknown as Raw;
const uniformRaw = (a: number, b: number): Raw =>
  [1, 2, 3, 4].map((k) => (b ** (k + 1) - a ** (k + 1)) / ((k + 1) * (b - a))) as unknown as Raw;
export const betaRaw = (a: number, b: number): Raw =>
  [1, 2, 3, 4].map((k) => {
    let r = 1;
    for (let j = 0; j < k; j++) r *= (a + j) / (a + b + j);
    return r;
  }) as unknown as Raw;
/** Raw moments of lo + range·B. */
const scaledRaw = ([b1, b2, b3, b4]: Raw, lo: number, r: number): Raw => [
  lo + r * b1,
  lo * lo + 2 * lo * r * b1 + r * r * b2,
  lo ** 3 + 3 * lo * lo * r * b1 + 3 * lo * r * r * b2 + r ** 3 * b3,
  lo ** 4 + 4 * lo ** 3 * r * b1 + 6 * lo * lo * r * r * b2 + 4 * lo * r ** 3 * b3 + r ** 4 * b4,
];
const mix = (parts: [number, Raw][]): Raw =>
  [0, 1, 2, 3].map((k) => parts.reduce((s, [w, r]) => s + w * r[k]!, 0)) as unknown as Raw;
/** E[sigmoid(m + s·Z)^k] by the trapezoid rule over the standard normal density on [−12, 12]. */
const logitnormalRaw = (m: number, s: number): Raw =>
  [1, 2, 3, 4].map((k) => {
    const steps = 24_000;
    const h = 24 / steps;
    let acc = 0;
    for (let i = 0; i <= steps; i++) {
      const z = -12 + i * h;
      const f = ((1 / (1 + Math.exp(-(m + s * z)))) ** k * Math.exp(-(z * z) / 2)) / Math.sqrt(2 * Math.PI);
      acc += (i === 0 || i === steps ? 0.5 : 1) * f;
    }
    return acc * h;
  }) as unknown as Raw;

export interface Case {
  name: string;
  /** The distribution with constant parameters. */
  expr: string;
  /** The same distribution with its parameters read from the inputs `params`. */
  viaInputs: string;
  params: Record<string, string>;
  /** Mean, variance and fourth central moment, from closed forms. */
  moments: { mean: number; variance: number; mu4: number };
  /** Points x with the probability P(X < x). */
  below: { x: number; p: number }[];
}

const atQuantiles = (q: (p: number) => number) => PS.map((p) => ({ x: q(p), p }));

const ci90Log = { mu: (Math.log(2) + Math.log(50)) / 2, sigma: (Math.log(50) - Math.log(2)) / (2 * Z95) };
const ci90Lin = { mu: 10, sigma: 40 / (2 * Z95) };
// PERT(min, mode, max) is min + (max − min)·Beta(1 + 4(mode − min)/(max − min), 1 + 4(max − mode)/(max − min)).
const PERT = { a: 1 + (4 * 2) / 10, b: 1 + (4 * 8) / 10 };
// Triangular: variance (a² + b² + c² − ab − ac − bc)/18 and kurtosis 12/5 whatever the mode.
const triVar = (1 + 4 + 25 - 2 - 5 - 10) / 18;

export const CASES: Case[] = [
  {
    name: 'normal(2, 3)',
    expr: 'normal(2, 3)',
    viaInputs: 'normal(k0, k1)',
    params: { k0: '2', k1: '3' },
    moments: centralFromRaw(normalRaw(2, 3)),
    below: atQuantiles((p) => normalQuantile(p, 2, 3)),
  },
  {
    name: 'lognormal(0.5, 0.6)',
    expr: 'lognormal(0.5, 0.6)',
    viaInputs: 'lognormal(k0, k1)',
    params: { k0: '0.5', k1: '0.6' },
    moments: centralFromRaw(lognormalRaw(0.5, 0.6)),
    below: atQuantiles((p) => lognormalQuantile(p, 0.5, 0.6)),
  },
  {
    name: 'uniform(-1, 3)',
    expr: 'uniform(-1, 3)',
    viaInputs: 'uniform(k0, k1)',
    params: { k0: '-1', k1: '3' },
    moments: centralFromRaw(uniformRaw(-1, 3)),
    below: atQuantiles((p) => -1 + 4 * p),
  },
  {
    name: 'beta(2, 5)',
    expr: 'beta(2, 5)',
    viaInputs: 'beta(k0, k1)',
    params: { k0: '2', k1: '5' },
    moments: centralFromRaw(betaRaw(2, 5)),
    below: atQuantiles((p) => betaQuantile(p, 2, 5)),
  },
  {
    name: 'beta(0.5, 0.5), both shapes below 1',
    expr: 'beta(0.5, 0.5)',
    viaInputs: 'beta(k0, k1)',
    params: { k0: '0.5', k1: '0.5' },
    moments: centralFromRaw(betaRaw(0.5, 0.5)),
    below: atQuantiles((p) => betaQuantile(p, 0.5, 0.5)),
  },
  {
    name: 'beta(0.2, 3), one shape below 1',
    expr: 'beta(0.2, 3)',
    viaInputs: 'beta(k0, k1)',
    params: { k0: '0.2', k1: '3' },
    moments: centralFromRaw(betaRaw(0.2, 3)),
    below: atQuantiles((p) => betaQuantile(p, 0.2, 3)),
  },
  {
    name: 'triangular(1, 2, 5)',
    expr: 'triangular(1, 2, 5)',
    viaInputs: 'triangular(k0, k1, k2)',
    params: { k0: '1', k1: '2', k2: '5' },
    moments: { mean: 8 / 3, variance: triVar, mu4: 2.4 * triVar * triVar },
    below: atQuantiles((p) => triangularQuantile(p, 1, 5, 2)),
  },
  {
    name: 'pert(0, 2, 10)',
    expr: 'pert(0, 2, 10)',
    viaInputs: 'pert(k0, k1, k2)',
    params: { k0: '0', k1: '2', k2: '10' },
    moments: centralFromRaw(scaledRaw(betaRaw(PERT.a, PERT.b), 0, 10)),
    below: atQuantiles((p) => 10 * betaQuantile(p, PERT.a, PERT.b)),
  },
  {
    name: 'bernoulli(0.3)',
    expr: 'bernoulli(0.3)',
    viaInputs: 'bernoulli(k0)',
    params: { k0: '0.3' },
    moments: centralFromRaw([0.3, 0.3, 0.3, 0.3]),
    below: [
      { x: 0.5, p: 0.7 },
      { x: 1e-9, p: 0.7 },
    ],
  },
  {
    name: 'logitnormal(-1, 0.8)',
    expr: 'logitnormal(-1, 0.8)',
    viaInputs: 'logitnormal(k0, k1)',
    params: { k0: '-1', k1: '0.8' },
    moments: centralFromRaw(logitnormalRaw(-1, 0.8)),
    below: atQuantiles((p) => 1 / (1 + Math.exp(-normalQuantile(p, -1, 0.8)))),
  },
  {
    name: 'ci90(2, 50), both bounds positive: lognormal',
    expr: 'ci90(2, 50)',
    viaInputs: 'ci90(k0, k1)',
    params: { k0: '2', k1: '50' },
    moments: centralFromRaw(lognormalRaw(ci90Log.mu, ci90Log.sigma)),
    below: [
      ...atQuantiles((p) => lognormalQuantile(p, ci90Log.mu, ci90Log.sigma)),
      { x: 2, p: 0.05 },
      { x: 50, p: 0.95 },
    ],
  },
  {
    name: 'ci90(-10, 30), a bound not positive: normal',
    expr: 'ci90(-10, 30)',
    viaInputs: 'ci90(k0, k1)',
    params: { k0: '-10', k1: '30' },
    moments: centralFromRaw(normalRaw(ci90Lin.mu, ci90Lin.sigma)),
    below: [
      ...atQuantiles((p) => normalQuantile(p, ci90Lin.mu, ci90Lin.sigma)),
      { x: -10, p: 0.05 },
      { x: 30, p: 0.95 },
    ],
  },
  {
    name: 'mixture(normal(0, 1), normal(5, 2), [0.3, 0.7])',
    expr: 'mixture(normal(0, 1), normal(5, 2), [0.3, 0.7])',
    viaInputs: 'mixture(normal(k0, 1), normal(5, k1), [k2, k3])',
    params: { k0: '0', k1: '2', k2: '0.3', k3: '0.7' },
    moments: centralFromRaw(
      mix([
        [0.3, normalRaw(0, 1)],
        [0.7, normalRaw(5, 2)],
      ]),
    ),
    below: [-1, 0, 2, 5, 7].map((x) => ({ x, p: 0.3 * normalCdf(x) + 0.7 * normalCdf(x, 5, 2) })),
  },
  {
    name: 'mixture(0, uniform(1, 2), [0.25, 0.75]) with a point component',
    expr: 'mixture(0, uniform(1, 2), [0.25, 0.75])',
    viaInputs: 'mixture(k0, uniform(1, 2), [k1, k2])',
    params: { k0: '0', k1: '0.25', k2: '0.75' },
    moments: centralFromRaw(
      mix([
        [0.25, [0, 0, 0, 0]],
        [0.75, uniformRaw(1, 2)],
      ]),
    ),
    below: [
      { x: 1e-12, p: 0.25 },
      { x: 1.2, p: 0.25 + 0.75 * 0.2 },
      { x: 1.9, p: 0.25 + 0.75 * 0.9 },
    ],
  },
  {
    name: 'mixture(uniform(0, 1), uniform(2, 3)) without weights: equal weights',
    expr: 'mixture(uniform(0, 1), uniform(2, 3))',
    viaInputs: 'mixture(uniform(k0, 1), uniform(2, k1))',
    params: { k0: '0', k1: '3' },
    moments: centralFromRaw(
      mix([
        [0.5, uniformRaw(0, 1)],
        [0.5, uniformRaw(2, 3)],
      ]),
    ),
    below: [
      { x: 0.5, p: 0.25 },
      { x: 1.5, p: 0.5 },
      { x: 2.9, p: 0.95 },
    ],
  },
];
