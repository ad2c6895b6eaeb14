// Tornado, sweep, grid and importance on models whose answers are known in closed form. With
// common random numbers a pinned mean of a linear model is exact given the sample: pinning xᵢ at
// v gives cᵢv + Σ_{j≠i} cⱼ·x̄ⱼ, so a swing is exactly cᵢ(q90 − q10) of the input's own column.

import { afterAll, describe, expect, it } from 'vitest';
import { tornado } from '../../src/analysis/tornado.ts';
import { sweep } from '../../src/analysis/sweep.ts';
import { grid } from '../../src/analysis/grid.ts';
import { importance } from '../../src/analysis/importance.ts';
import { columnPercentiles } from '../../src/stats/column.ts';
import { cleanup, mean, ok, prepared, projectOf, Z } from './helpers.ts';

afterAll(cleanup);

const INPUTS = [
  { name: 'x1', dist: 'normal(0, 1)', c: 2, sd: 1 },
  { name: 'x2', dist: 'normal(3, 2.5)', c: 1, sd: 2.5 },
  { name: 'x3', dist: 'normal(-1, 0.5)', c: -3, sd: 0.5 },
  { name: 'x4', dist: 'normal(10, 0.1)', c: 4, sd: 0.1 },
];
const LINEAR = `title: Linear
inputs:
${INPUTS.map((x) => `  ${x.name}: ${x.dist}`).join('\n')}
  spare: uniform(0, 1)
  fixed: 2
nodes:
  y: ${INPUTS.map((x) => `${x.c} * ${x.name}`).join(' + ')} + 0 * fixed
output: y
`;
const Z90 = 1.2815515655446004; // standard normal 90th percentile

describe('tornado', () => {
  const project = projectOf({ 'linear.yaml': LINEAR });
  const p = prepared(project, 'linear');
  const N = 50_000;
  const r = ok(tornado(p, { samples: N, seed: 7 }));
  const base = p.run({ samples: N, seed: 7 });

  it('pins each input at its own sample percentiles and finds swing = c·(q90 − q10)', () => {
    for (const x of INPUTS) {
      const row = r.rows.find((q) => q.input === x.name)!;
      const [q10, q90] = columnPercentiles(base.columns[x.name]!, [0.1, 0.9]);
      expect(row.low.value).toBe(q10);
      expect(row.high.value).toBe(q90);
      expect(row.swing).toBeCloseTo(x.c * (q90! - q10!), 9);
      // Common random numbers: the rest of the model is exactly the base sample.
      const rest = INPUTS.filter((o) => o !== x).reduce((s, o) => s + o.c * mean(base.columns[o.name]!), 0);
      expect(row.low.mean).toBeCloseTo(x.c * q10! + rest, 9);
      expect(row.swingMcse).toBeLessThan(1e-9);
      // The sample percentile is within 5 standard errors of the distribution's:
      // se(q_p) = √(p(1−p)/n) / density(q_p).
      const se = Math.sqrt(0.09 / N) / (Math.exp(-(Z90 * Z90) / 2) / (x.sd * Math.sqrt(2 * Math.PI)));
      const mu = Number(/normal\(([-\d.]+)/.exec(x.dist)![1]);
      expect(Math.abs(row.high.value - (mu + Z90 * x.sd))).toBeLessThan(Z * se);
    }
  });

  it('sorts by |swing| and leaves out inputs that cannot move the output', () => {
    const expected = [...INPUTS].sort((a, b) => Math.abs(b.c * b.sd) - Math.abs(a.c * a.sd)).map((x) => x.name);
    expect(r.rows.map((q) => q.input)).toEqual(expected);
    expect(r.rows.find((q) => q.input === 'x3')!.swing).toBeLessThan(0);
    expect(r.excluded).toEqual([
      { input: 'spare', reason: 'unused' },
      { input: 'fixed', reason: 'constant' },
    ]);
  });

  it('states what it rests on', () => {
    expect(r).toMatchObject({
      analysis: 'tornado',
      model: 'linear',
      samples: N,
      seed: 7,
      sampler: 'mc',
      output: 'y',
      outputScale: 'number',
      percentiles: [0.1, 0.9],
      evidence: [],
    });
    const truth = INPUTS.reduce((s, x) => s + x.c * Number(/normal\(([-\d.]+)/.exec(x.dist)![1]), 0);
    expect(Math.abs(r.baseline.mean - truth)).toBeLessThan(Z * r.baseline.mcse);
  });

  it('accepts local names for inputs of imported models, and refuses unknown ones', () => {
    const proj = projectOf({
      'linear.yaml': LINEAR,
      'top.yaml': 'title: Top\nimports:\n  lin: linear\nnodes:\n  z: lin.y * 2\noutput: z\n',
    });
    const t = ok(tornado(prepared(proj, 'top'), { samples: 2000, seed: 1, inputs: ['x1', 'lin.x2'] }));
    expect(t.rows.map((q) => q.input).sort()).toEqual(['lin.x1', 'lin.x2']);
    const bad = tornado(prepared(proj, 'top'), { samples: 100, seed: 1, inputs: ['x9'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]!.message).toMatch(/'x9' is not an input of model 'top'/);
  });

  it('weights the means by applied evidence', () => {
    // h ~ bernoulli(0.5), evidence likelihood h ? 0.9 : 0.1 → posterior P(h) = 0.9; y = h + noise.
    const proj = projectOf({
      'ev.yaml':
        'title: Ev\ninputs:\n  h: bernoulli(0.5)\n  noise: normal(0, 1)\nnodes:\n  y: h + noise\noutput: y\nevidence:\n  seen:\n    likelihood: "h ? 0.9 : 0.1"\n',
    });
    const t = ok(tornado(prepared(proj, 'ev'), { samples: 40_000, seed: 3 }));
    expect(t.evidence).toEqual(['seen']);
    expect(Math.abs(t.baseline.mean - 0.9)).toBeLessThan(Z * t.baseline.mcse);
    const e = t.rows.find((q) => q.input === 'noise')!;
    // Pinning the noise leaves the posterior of h alone: swing = its q90 − q10 exactly.
    expect(e.swing).toBeCloseTo(e.high.value - e.low.value, 9);
    const h = t.rows.find((q) => q.input === 'h')!;
    expect([h.low.value, h.high.value]).toEqual([0, 1]);
    expect(h.swing).toBeCloseTo(1, 9);
  });
});

describe('sweep', () => {
  it('moves each input from p5 to p95 in at least 9 points; a linear output moves linearly', () => {
    const p = prepared(projectOf({ 'linear.yaml': LINEAR }), 'linear');
    const r = ok(sweep(p, { samples: 5000, seed: 2, points: 5 }));
    expect(r.percentiles.length).toBe(9);
    expect(r.percentiles[0]).toBe(0.05);
    expect(r.percentiles[8]).toBe(0.95);
    for (const s of r.series) {
      const c = INPUTS.find((x) => x.name === s.input)!.c;
      for (let i = 1; i < s.points.length; i++) {
        const a = s.points[i - 1]!;
        const b = s.points[i]!;
        expect(b.value).toBeGreaterThanOrEqual(a.value);
        expect(b.mean - a.mean).toBeCloseTo(c * (b.value - a.value), 9);
      }
      expect(s.range).toBeCloseTo(Math.abs(c) * (s.points[8]!.value - s.points[0]!.value), 9);
    }
    expect(ok(sweep(p, { samples: 1000, seed: 2 })).percentiles.length).toBe(19);
  });
});

describe('grid', () => {
  const MODEL =
    'title: Product\ninputs:\n  a: uniform(0, 2)\n  b: lognormal(0, 0.2)\n  c: normal(5, 1)\nnodes:\n  y: a * b + c\noutput: y\n';

  it('gives the mean on a 21×21 percentile grid; y = a·b + c is exact cell by cell', () => {
    const p = prepared(projectOf({ 'product.yaml': MODEL }), 'product');
    const N = 4000;
    const r = ok(grid(p, { samples: N, seed: 4, inputs: ['a', 'b'] }));
    const cbar = mean(p.run({ samples: N, seed: 4 }).columns.c!);
    expect(r.x.input).toBe('a');
    expect(r.y.input).toBe('b');
    expect(r.x.values.length).toBe(21);
    expect(r.means.length).toBe(21);
    for (let j = 0; j < 21; j++)
      for (let i = 0; i < 21; i++) expect(r.means[j]![i]).toBeCloseTo(r.x.values[i]! * r.y.values[j]! + cbar, 9);
    expect(r.range[0]).toBeCloseTo(r.means[0]![0]!, 12);
    expect(r.range[1]).toBeCloseTo(r.means[20]![20]!, 12);
  });

  it('needs exactly two inputs, and picks the two most important when none are named', () => {
    const p = prepared(projectOf({ 'product.yaml': MODEL }), 'product');
    const bad = grid(p, { samples: 100, seed: 1, inputs: ['a'] });
    expect(bad.ok).toBe(false);
    const auto = ok(grid(p, { samples: 2000, seed: 1 }));
    expect([auto.x.input, auto.y.input].sort()).toEqual(['a', 'c']);
  });
});

describe('importance', () => {
  it('matches (6/π)·asin(r/2) for jointly normal input and output', () => {
    // For bivariate normal (X, Y) with correlation r, Spearman's ρ = (6/π) asin(r/2).
    const p = prepared(projectOf({ 'linear.yaml': LINEAR }), 'linear');
    const r = ok(importance(p, { samples: 40_000, seed: 5 }));
    const sdY = Math.sqrt(INPUTS.reduce((s, x) => s + (x.c * x.sd) ** 2, 0));
    for (const x of INPUTS) {
      const row = r.rows.find((q) => q.input === x.name)!;
      const truth = (6 / Math.PI) * Math.asin((x.c * x.sd) / sdY / 2);
      const se = (row.ci[1] - row.ci[0]) / (2 * 1.96);
      expect(Math.abs(row.spearman - truth)).toBeLessThan(Z * se);
      expect(row.ci[0]).toBeLessThan(row.spearman);
      expect(row.ci[1]).toBeGreaterThan(row.spearman);
    }
    expect(r.rows.map((q) => q.input)).toEqual(['x2', 'x1', 'x3', 'x4']);
    expect(r.rowsUsed).toBe(40_000);
  });
});
