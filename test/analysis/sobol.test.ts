// Sobol indices of models against closed forms: the G-function and a linear model through a
// model file, inputs that are not independent left out and named. Every index must lie within
// its 95% bootstrap interval and within 5 bootstrap standard errors of the truth (the estimator
// itself: test/stats/sobol-indices).

import { afterAll, describe, expect, it } from 'vitest';
import { sobol } from '../../src/analysis/sobol.ts';
import { cleanup, ok, prepared, projectOf, Z } from './helpers.ts';
import { G_A, expectRecovered, gTruth } from '../stats/sobol-closed-forms.ts';

afterAll(cleanup);

const G_MODEL = `title: G-function
inputs:
${G_A.map((_, i) => `  x${i + 1}: uniform(0, 1)`).join('\n')}
nodes:
${G_A.map((a, i) => `  g${i + 1}: (abs(4 * x${i + 1} - 2) + ${a}) / (1 + ${a})`).join('\n')}
  y: ${G_A.map((_, i) => `g${i + 1}`).join(' * ')}
output: y
`;

// y = Σ cᵢxᵢ with independent inputs: Sᵢ = STᵢ = cᵢ²σᵢ²/Σⱼ cⱼ²σⱼ².
const LINEAR = [
  { name: 'x1', dist: 'normal(0, 1)', c: 2, variance: 1 },
  { name: 'x2', dist: 'normal(3, 2)', c: 1, variance: 4 },
  { name: 'x3', dist: 'normal(-1, 0.5)', c: -3, variance: 0.25 },
  { name: 'x4', dist: 'uniform(0, 1)', c: 4, variance: 1 / 12 },
];
export const LINEAR_MODEL = `title: Linear
inputs:
${LINEAR.map((x) => `  ${x.name}: ${x.dist}`).join('\n')}
  unused: beta(2, 2)
  fixed: 5
nodes:
  y: ${LINEAR.map((x) => `${x.c} * ${x.name}`).join(' + ')} + 0 * fixed
output: y
`;

describe('sobol (on a model)', () => {
  it('recovers the G-function indices from a model file', () => {
    const project = projectOf({ 'g.yaml': G_MODEL });
    const r = ok(sobol(prepared(project, 'g'), { samples: 16384, seed: 3, bootstrap: 1000 }));
    expect(r.analysis).toBe('sobol');
    expect(r.baseRows).toBe(16384);
    expect(r.evaluations).toBe(16384 * 8);
    expect(r.seeds).toEqual({ A: 3, B: 4 });
    expect(r.latent).toEqual([]);
    const truth = gTruth(G_A);
    const byInput = G_A.map((_, i) => r.rows.find((x) => x.input === `x${i + 1}`)!);
    expectRecovered(byInput, truth);
    // Sorted by total index.
    expect(r.rows.map((x) => x.input).slice(0, 2)).toEqual(['x1', 'x2']);
  });

  it('recovers cᵢ²σᵢ²/Σ for a linear model, and leaves out unused and fixed inputs', () => {
    const project = projectOf({ 'linear.yaml': LINEAR_MODEL });
    const r = ok(sobol(prepared(project, 'linear'), { samples: 16384, seed: 1 }));
    const total = LINEAR.reduce((s, x) => s + x.c * x.c * x.variance, 0);
    const truth = {
      first: LINEAR.map((x) => (x.c * x.c * x.variance) / total),
      total: LINEAR.map((x) => (x.c * x.c * x.variance) / total),
    };
    expectRecovered(
      LINEAR.map((x) => r.rows.find((row) => row.input === x.name)!),
      truth,
    );
    expect(r.excluded).toEqual([
      { input: 'unused', reason: 'unused' },
      { input: 'fixed', reason: 'constant' },
    ]);
    expect(Math.abs(r.sumTotal - 1)).toBeLessThan(Z * Math.hypot(...r.rows.map((x) => x.totalMcse)));
  });

  it('keeps randomness that is not an independent input out of every row, and names it', () => {
    const project = projectOf({
      'dep.yaml': `title: Dependent
inputs:
  mu: normal(0, 1)
  z: normal(mu, 1)
nodes:
  y: z + normal(0, 1)
output: y
`,
    });
    const r = ok(sobol(prepared(project, 'dep'), { samples: 8192, seed: 1, bootstrap: 200 }));
    expect(r.rows.map((x) => x.input)).toEqual(['mu']);
    expect(r.latent).toEqual(['z', 'y']);
    // Var y = 1 (mu) + 1 (z | mu) + 1 (node noise): mu explains a third.
    const row = r.rows[0]!;
    expect(Math.abs(row.first - 1 / 3)).toBeLessThan(Z * row.firstMcse);
    expect(Math.abs(row.total - 1 / 3)).toBeLessThan(Z * row.totalMcse);
  });

  it('refuses to treat a dependent input as a factor', () => {
    const project = projectOf({ 'dep.yaml': `title: D\ninputs:\n  mu: normal(0, 1)\n  z: normal(mu, 1)\noutput: z\n` });
    const r = sobol(prepared(project, 'dep'), { samples: 100, seed: 1, inputs: ['z'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/independent inputs/);
  });
});
