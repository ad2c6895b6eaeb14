// A quantity's distribution in a run, with and without evidence, and several runs on one set of
// bins (the worldviews chart).

import { afterAll, describe, expect, it } from 'vitest';
import { nodeDistribution, worldviewsData } from '../../src/analysis/distribution.ts';
import { summarize } from '../../src/stats/summary.ts';
import { prepared, projectOf, cleanup } from './helpers.ts';

afterAll(cleanup);

function integral(bins: { x0: number; x1: number; density: number }[]): number {
  return bins.reduce((a, b) => a + b.density * (b.x1 - b.x0), 0);
}

describe('nodeDistribution', () => {
  const project = projectOf({
    'm.yaml': `title: M
inputs:
  a:
    label: Chance a
    unit: probability
    dist: beta(2, 5)
  b: ci90(1, 10000)
nodes:
  y: a * 2
output: y
evidence:
  e:
    likelihood: a
`,
  });

  it('summarises like the run report and shares bins between prior and posterior', () => {
    const p = prepared(project, 'm');
    const r = p.run({ samples: 5000, seed: 3, evidence: 'default' });
    const d = nodeDistribution(r, 'a', { label: 'Chance a', unit: 'probability' });
    // The run report's numbers, bit for bit (the report summarises through the engine).
    const report = r.summarize(['a']);
    const { bad: _b, ...prior } = report.prior.a!;
    const { bad: _c, ...post } = report.posterior!.a!;
    // ...and the same statistics as a one-pass summary of the column, up to rounding.
    expect(prior.mean).toBeCloseTo(summarize(r.columns.a!).mean, 12);
    expect(post.mean).toBeCloseTo(summarize(r.columns.a!, r.weights).mean, 12);
    expect(post.p50).toBe(summarize(r.columns.a!, r.weights).p50);
    expect(d.prior.stats).toEqual(prior);
    expect(d.posterior!.stats).toEqual(post);
    expect(d.posterior!.bins.map((b) => [b.x0, b.x1])).toEqual(d.prior.bins.map((b) => [b.x0, b.x1]));
    expect(integral(d.prior.bins)).toBeCloseTo(1, 9);
    expect(integral(d.posterior!.bins)).toBeCloseTo(1, 9);
    expect(d.posterior!.stats.mean).toBeGreaterThan(d.prior.stats.mean);
    expect(d.ess).toBeGreaterThan(1000);
    expect(d.ess).toBeLessThan(5000);
    expect(d).toMatchObject({
      model: 'm',
      node: 'a',
      label: 'Chance a',
      unit: 'probability',
      samples: 5000,
      seed: 3,
      scale: 'linear',
    });
    expect(d.domain).toEqual([d.prior.bins[0]!.x0, d.prior.bins[d.prior.bins.length - 1]!.x1]);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('has no posterior without evidence, and picks a log axis for a heavy tail', () => {
    const r = prepared(project, 'm').run({ samples: 5000, seed: 3, evidence: 'none' });
    const d = nodeDistribution(r, 'b');
    expect(d.posterior).toBeNull();
    expect(d.ess).toBeNull();
    expect(d.scale).toBe('log');
    expect(() => nodeDistribution(r, 'nope')).toThrow(/no node 'nope'/);
  });

  it('puts several runs on one domain and one set of edges', () => {
    const p = prepared(project, 'm');
    const runs = [1, 2].map((seed) => ({
      scenario: null,
      label: `seed ${seed}`,
      result: p.run({ samples: 2000, seed, evidence: 'none' }),
    }));
    const w = worldviewsData(runs, 'y', { label: 'Y', unit: null });
    expect(w.series).toHaveLength(2);
    expect(w.series[0]!.dist.prior.bins.map((b) => b.x0)).toEqual(w.series[1]!.dist.prior.bins.map((b) => b.x0));
    expect(w).toMatchObject({ node: 'y', label: 'Y', model: 'm' });
  });
});
