// Fill a segment from a distribution with constant parameters: plain Monte Carlo draws from the
// segment's stream, or quantiles of given uniforms (Latin hypercube, quasi-Monte Carlo). Each
// case has its own loop so that the sampler inlines into it (a shared loop calling a closure per
// sample is several times slower). Beta and PERT go through the beta quantile table in both
// cases: one uniform and a table read per draw, against two gamma draws.

import { betaTable, tableQuantiles } from './beta-table.ts';
import { betaQuantile } from './beta.ts';
import { betaSample } from './gamma.ts';
import { ci90Params, pertShape, triangularQuantile, type SimpleDist } from './distributions.ts';
import { fitBetaCi90, fitPertCi90 } from './fit.ts';
import { normalQuantile } from './normal.ts';
import type { Stream } from './random.ts';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

type BetaFamily = 'beta' | 'pert' | 'beta_ci90' | 'pert_ci90';

/** The beta shape, offset and scale of a beta, a PERT, or one fitted to quantiles (checked before). */
function betaForm(name: BetaFamily, p0: number, p1: number, p2: number) {
  if (name === 'beta') return { a: p0, b: p1, lo: 0, range: 1 };
  if (name === 'beta_ci90') {
    const f = fitBetaCi90(p0, p1);
    const [a, b] = f.ok ? f.value : [NaN, NaN];
    return { a, b, lo: 0, range: 1 };
  }
  if (name === 'pert_ci90') {
    const f = fitPertCi90(p0, p1, p2);
    [p0, p1, p2] = f.ok ? f.value : [NaN, NaN, NaN];
  }
  const [a, b] = pertShape(p0, p1, p2);
  return { a, b, lo: p0, range: p2 - p0 };
}

/** Plain Monte Carlo: m draws into `out` from `rng`; `scratch` holds m uniforms on the way. */
export function fillFixed(
  name: SimpleDist,
  p0: number,
  p1: number,
  p2: number,
  rng: Stream,
  out: Float64Array,
  m: number,
  scratch: Float64Array,
): void {
  switch (name) {
    case 'beta':
    case 'pert':
    case 'beta_ci90':
    case 'pert_ci90': {
      const { a, b, lo, range } = betaForm(name, p0, p1, p2);
      const t = betaTable(a, b);
      if (!t) {
        for (let i = 0; i < m; i++) out[i] = lo + range * betaSample(rng, a, b);
        return;
      }
      rng.uniforms(scratch, m);
      tableQuantiles(t, scratch, lo, range, out, m);
      return;
    }
    case 'uniform': {
      const r = p1 - p0;
      rng.uniforms(out, m);
      for (let i = 0; i < m; i++) out[i] = p0 + r * out[i]!;
      return;
    }
    case 'normal':
      rng.normals(out, m);
      for (let i = 0; i < m; i++) out[i] = p0 + p1 * out[i]!;
      return;
    case 'lognormal':
      rng.normals(out, m);
      for (let i = 0; i < m; i++) out[i] = Math.exp(p0 + p1 * out[i]!);
      return;
    case 'logitnormal':
      rng.normals(out, m);
      for (let i = 0; i < m; i++) out[i] = sigmoid(p0 + p1 * out[i]!);
      return;
    case 'ci90': {
      const p = ci90Params(p0, p1);
      rng.normals(out, m);
      if (p.log) for (let i = 0; i < m; i++) out[i] = Math.exp(p.mu + p.sigma * out[i]!);
      else for (let i = 0; i < m; i++) out[i] = p.mu + p.sigma * out[i]!;
      return;
    }
    case 'bernoulli':
      rng.uniforms(out, m);
      for (let i = 0; i < m; i++) out[i] = out[i]! < p0 ? 1 : 0;
      return;
    case 'triangular':
      rng.uniforms(out, m);
      for (let i = 0; i < m; i++) out[i] = triangularQuantile(out[i]!, p0, p1, p2);
      return;
  }
}

/** out[i] = the distribution's quantile at us[i], for i < m. */
export function quantileFixed(
  name: SimpleDist,
  p0: number,
  p1: number,
  p2: number,
  us: Float64Array,
  out: Float64Array,
  m: number,
): void {
  switch (name) {
    case 'beta':
    case 'pert':
    case 'beta_ci90':
    case 'pert_ci90': {
      const { a, b, lo, range } = betaForm(name, p0, p1, p2);
      const t = betaTable(a, b);
      if (t) tableQuantiles(t, us, lo, range, out, m);
      else for (let i = 0; i < m; i++) out[i] = lo + range * betaQuantile(us[i]!, a, b);
      return;
    }
    case 'uniform': {
      const r = p1 - p0;
      for (let i = 0; i < m; i++) out[i] = p0 + r * us[i]!;
      return;
    }
    case 'normal':
      for (let i = 0; i < m; i++) out[i] = p0 + p1 * normalQuantile(us[i]!);
      return;
    case 'lognormal':
      for (let i = 0; i < m; i++) out[i] = Math.exp(p0 + p1 * normalQuantile(us[i]!));
      return;
    case 'logitnormal':
      for (let i = 0; i < m; i++) out[i] = sigmoid(p0 + p1 * normalQuantile(us[i]!));
      return;
    case 'ci90': {
      const p = ci90Params(p0, p1);
      if (p.log) for (let i = 0; i < m; i++) out[i] = Math.exp(p.mu + p.sigma * normalQuantile(us[i]!));
      else for (let i = 0; i < m; i++) out[i] = p.mu + p.sigma * normalQuantile(us[i]!);
      return;
    }
    case 'bernoulli':
      for (let i = 0; i < m; i++) out[i] = us[i]! > 1 - p0 ? 1 : 0;
      return;
    case 'triangular':
      for (let i = 0; i < m; i++) out[i] = triangularQuantile(us[i]!, p0, p1, p2);
      return;
  }
}
