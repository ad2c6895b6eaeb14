// Every distribution against closed forms: mean and variance within five standard errors, and
// quantiles checked by the share of samples below the closed-form quantile. Each distribution is
// sampled five ways: plain Monte Carlo with constant parameters (the fused fill loops and quantile
// tables), plain Monte Carlo with parameters read from other inputs (the per-row samplers), Latin
// hypercube both ways, and scrambled Sobol' points. The closed forms are in closed-forms.ts.

import { describe, it, expect, afterAll } from 'vitest';
import {
  columnsOf,
  centralFromRaw,
  cleanupTemp,
  fractionBelow,
  sampleMean,
  sampleVariance,
  se,
  within,
} from './helpers.ts';
import { CASES, betaRaw } from './closed-forms.ts';
import type { Sampler } from '../../src/engine/run.ts';

afterAll(cleanupTemp);

const N = 200_000;
// Latin hypercube and Sobol' points give marginals tighter than plain Monte Carlo, so the Monte
// Carlo tolerances hold at fewer samples too.
const N_LHS = 20_000;
const K = 5; // tolerances are five standard errors

const WAYS: { label: string; sampler: Sampler; viaInputs: boolean }[] = [
  { label: 'mc, constant parameters', sampler: 'mc', viaInputs: false },
  { label: 'mc, parameters from inputs', sampler: 'mc', viaInputs: true },
  { label: 'lhs', sampler: 'lhs', viaInputs: false },
  { label: 'lhs, parameters from inputs', sampler: 'lhs', viaInputs: true },
  { label: 'sobol', sampler: 'sobol', viaInputs: false },
];

describe('distributions match their closed forms', () => {
  for (const c of CASES) {
    for (const way of WAYS) {
      it(`${c.name} [${way.label}]: mean, variance and quantiles within ${K} standard errors`, () => {
        const inputs = way.viaInputs ? { ...c.params, x: c.viaInputs } : { x: c.expr };
        const n = way.sampler === 'mc' ? N : N_LHS;
        const r = columnsOf(inputs, {}, { samples: n, seed: 11, sampler: way.sampler });
        const x = r.columns.x!;
        expect(r.warnings).toEqual([]);
        expect(x.every((v) => Number.isFinite(v))).toBe(true);
        const { mean, variance, mu4 } = c.moments;
        within(sampleMean(x), mean, K * se.mean(variance, n), 'mean');
        within(sampleVariance(x), variance, K * se.variance(variance, mu4, n), 'variance');
        for (const b of c.below) within(fractionBelow(x, b.x), b.p, K * se.proportion(b.p, n), `P(X < ${b.x})`);
      });
    }
  }

  it('a point value fills its column with exactly that number', () => {
    for (const sampler of ['mc', 'lhs'] as const) {
      const r = columnsOf({ x: '0.42', y: '-3e-7' }, {}, { samples: 1000, seed: 3, sampler });
      expect(r.columns.x!.every((v) => v === 0.42)).toBe(true);
      expect(r.columns.y!.every((v) => v === -3e-7)).toBe(true);
    }
  });

  it('a distribution inside a node expression is sampled like an input', () => {
    // y = 2·normal(1, 0.5) + 3 → mean 5, variance 1.
    const r = columnsOf({}, { y: '2 * normal(1, 0.5) + 3' }, { samples: N, seed: 5 });
    within(sampleMean(r.columns.y!), 5, K * se.mean(1, N), 'mean');
    within(sampleVariance(r.columns.y!), 1, K * se.variance(1, 3, N), 'variance');
  });

  it('a distribution whose parameter is itself a distribution draws both independently', () => {
    // x ~ normal(normal(0, 1), 1): by total variance, Var x = 1 + 1 = 2 and μ4 = 3·2² (x is normal).
    for (const sampler of ['mc', 'lhs'] as const) {
      const n = sampler === 'lhs' ? N_LHS : N;
      const r = columnsOf(
        { x: 'normal(normal(0, 1), 1)' },
        { y: 'normal(uniform(0, 1), 1) + 0' },
        { samples: n, seed: 9, sampler },
      );
      within(sampleMean(r.columns.x!), 0, K * se.mean(2, n), `${sampler} mean`);
      within(sampleVariance(r.columns.x!), 2, K * se.variance(2, 12, n), `${sampler} variance`);
      // y = U + Z: variance 1/12 + 1, μ4 = E(U−½)⁴ + 6·(1/12)·1 + 3 = 1/80 + 1/2 + 3.
      within(
        sampleVariance(r.columns.y!),
        13 / 12,
        K * se.variance(13 / 12, 1 / 80 + 0.5 + 3, n),
        `${sampler} node variance`,
      );
    }
  });

  it('beta with very small shapes never yields NaN and keeps its mean and variance', () => {
    // Beta(0.002, 0.002): mass piles up against 0 and 1; mean 1/2, variance 1/(4·1.004).
    const m = centralFromRaw(betaRaw(0.002, 0.002));
    for (const viaInputs of [false, true]) {
      const inputs: Record<string, string> = viaInputs ? { k: '0.002', x: 'beta(k, k)' } : { x: 'beta(0.002, 0.002)' };
      const r = columnsOf(inputs, {}, { samples: N, seed: 2 });
      const x = r.columns.x!;
      expect(x.filter((v) => !(v >= 0 && v <= 1)).length).toBe(0);
      within(sampleMean(x), m.mean, K * se.mean(m.variance, N), 'mean');
      within(sampleVariance(x), m.variance, K * se.variance(m.variance, m.mu4, N), 'variance');
    }
  });
});
