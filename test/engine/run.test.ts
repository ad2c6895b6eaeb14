// Running models: impossible parameters that arise at run time, nodes that yield NaN,
// probabilities near 0 and 1, a 60-node model, and the run options' limits.

import { describe, it, expect, afterAll } from 'vitest';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { runReport } from '../../src/analysis/report.ts';
import { prepare } from '../../src/engine/run.ts';
import {
  cleanupTemp,
  columnsOf,
  project,
  runIn,
  sampleMean,
  sampleVariance,
  se,
  within,
  fractionBelow,
} from './helpers.ts';

afterAll(cleanupTemp);

const K = 5;

describe('impossible parameters at run time', () => {
  it('normal(0, x) with x ~ uniform(-1, 1): the bad samples are counted, named and NaN, about half of them', () => {
    const n = 20_000;
    const r = columnsOf({ x: 'uniform(-1, 1)', y: 'normal(0, x)' }, { z: 'y * 2' }, { samples: n, seed: 6 });
    const x = r.columns.x!;
    const y = r.columns.y!;
    const nonPositive = x.filter((v) => v <= 0).length;
    within(nonPositive / n, 0.5, K * se.proportion(0.5, n), 'share of x ≤ 0');
    // Exactly the rows with sd ≤ 0 are NaN, and only those.
    expect(x.filter((v, i) => Number.isNaN(y[i]!) !== v <= 0).length).toBe(0);
    expect(r.warnings).toHaveLength(1);
    const w = r.warnings[0]!;
    expect(w.node).toBe('y');
    expect(w.count).toBe(nonPositive);
    expect(w.message).toMatch(
      new RegExp(
        `^normal\\(mean, sd\\): the standard deviation must be positive \\(got -?[0-9.e-]+\\), in ${nonPositive} of ${n} samples \\(those samples are NaN\\)$`,
      ),
    );

    const report = runReport(r);
    const { warnings } = report;
    expect(warnings).toContain(`y: ${w.message}`);
    expect(warnings).toContain(
      `y: ${nonPositive} of ${n} samples are NaN or infinite; its statistics use the other ${n - nonPositive}`,
    );
    expect(warnings).toContain(
      `z: ${nonPositive} of ${n} samples are NaN or infinite; its statistics use the other ${n - nonPositive}`,
    );
    // Never silently averaged: the mean is over the finite samples only.
    const finite = y.filter((v) => Number.isFinite(v));
    within(report.nodes.y!.mean, sampleMean(finite), 1e-12, 'mean of the finite samples');
  });

  it('the same problem under LHS, and inside a node expression, is reported against that node', () => {
    const n = 2000;
    for (const sampler of ['mc', 'lhs'] as const) {
      const r = columnsOf({ a: 'uniform(-1, 3)' }, { b: '1 + beta(a, 2)' }, { samples: n, seed: 7, sampler });
      const bad = r.columns.a!.filter((v) => v <= 0).length;
      expect(r.warnings.map((w) => [w.node, w.count])).toEqual([['b', bad]]);
      expect(r.warnings[0]!.message).toMatch(/^beta\(alpha, beta\): both parameters must be positive/);
    }
  });

  it('a node that yields NaN or ±Infinity is reported by name with its count', () => {
    const n = 10_000;
    const r = columnsOf(
      { x: 'uniform(-1, 1)' },
      { root: 'sqrt(x)', inv: 'x > 0 ? 1 / 0 : 1' },
      { samples: n, seed: 8 },
    );
    const negatives = r.columns.x!.filter((v) => v < 0).length;
    const report = runReport(r);
    const { warnings } = report;
    expect(warnings).toEqual([
      `root: ${negatives} of ${n} samples are NaN or infinite; its statistics use the other ${n - negatives}`,
      `inv: ${n - negatives} of ${n} samples are NaN or infinite; its statistics use the other ${negatives}`,
    ]);
    expect(report.nodes.inv!.mean).toBe(1);
  });
});

describe('probabilities near 0 and 1', () => {
  it('0.98 ^ 1000 is e^(1000·ln 0.98), not rounded to 0', () => {
    const r = columnsOf({ p: '0.98' }, { chain: 'p ^ 1000', long: '0.999 ^ 100000' }, { samples: 10, seed: 1 });
    const want = Math.exp(1000 * Math.log(0.98));
    within(r.columns.chain![0]!, want, 1e-13 * want, '0.98^1000');
    const want2 = Math.exp(100000 * Math.log(0.999)); // ≈ 3.5e-44
    within(r.columns.long![0]!, want2, 1e-12 * want2, '0.999^100000');
  });

  it('p ^ n chains with p ~ beta(49, 1) and n up to 1000 keep every sample positive and the closed-form mean', () => {
    // For p ~ Beta(49, 1), E[p^k] = 49/(49 + k); n = floor(uniform(500, 1001)) is uniform on 500..1000.
    const n = 100_000;
    const r = columnsOf({ p: 'beta(49, 1)', g: 'uniform(500, 1001)' }, { s: 'p ^ floor(g)' }, { samples: n, seed: 12 });
    const s = r.columns.s!;
    expect(s.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
    let m1 = 0;
    let m2 = 0;
    for (let k = 500; k <= 1000; k++) {
      m1 += 49 / (49 + k) / 501;
      m2 += 49 / (49 + 2 * k) / 501;
    }
    within(sampleMean(s), m1, K * se.mean(m2 - m1 * m1, n), 'mean of p^n');
  });

  it('sigmoid and logit are accurate at ±30 and 1e-12', () => {
    const r = columnsOf(
      {},
      {
        s_neg: 'sigmoid(-30)',
        s_pos: 'sigmoid(30)',
        l_small: 'logit(1e-12)',
        round_trip: 'logit(sigmoid(-30))',
        round_trip_pos: 'logit(sigmoid(30))',
        s_far: 'sigmoid(-800)',
      },
      { samples: 1, seed: 1 },
    );
    const c = (k: string) => r.columns[k]![0]!;
    const eps = Number.EPSILON;
    // sigmoid(−30) = 1/(1 + e^30); sigmoid(30) = 1/(1 + e^−30).
    within(c('s_neg'), 1 / (1 + Math.exp(30)), 4 * eps * c('s_neg'), 'sigmoid(-30)');
    within(c('s_pos'), 1 / (1 + Math.exp(-30)), eps, 'sigmoid(30)');
    // logit(1e-12) = ln(1e-12) − ln(1 − 1e-12) = −12·ln 10 + 1e-12 + 5e-25 + …
    within(c('l_small'), -12 * Math.LN10 + 1e-12, 4 * eps * 27.7, 'logit(1e-12)');
    within(c('round_trip'), -30, 4 * eps * 30, 'logit(sigmoid(-30))');
    // Near 1, 1 − sigmoid(30) ≈ 9.4e-14 is only known to the spacing of doubles at 1 (2^-53).
    within(c('round_trip_pos'), 30, (2 ** -53 / (1 / (1 + Math.exp(30)))) * 2, 'logit(sigmoid(30))');
    expect(c('s_far')).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(c('s_far'))).toBe(true);
  });

  it('logitnormal(-30, 1) keeps its tiny samples: the median is sigmoid(-30), nothing is 0', () => {
    const n = 20_000;
    const r = columnsOf({ p: 'logitnormal(-30, 1)' }, { odds_ratio: 'p / (1 - p)' }, { samples: n, seed: 13 });
    const p = r.columns.p!;
    expect(p.every((v) => v > 0)).toBe(true);
    within(fractionBelow(p, 1 / (1 + Math.exp(30))), 0.5, K * se.proportion(0.5, n), 'P(p < sigmoid(-30))');
    within(
      fractionBelow(p, 1 / (1 + Math.exp(30 - normalQuantile(0.95, 0, 1)))),
      0.95,
      K * se.proportion(0.95, n),
      'P(p < q95)',
    );
  });
});

describe('a 60-node model', () => {
  // u1..u30 ~ uniform(0, 2); s1 = u1, s_k = s_(k−1) + u_k; written in reverse order.
  const inputs = Array.from({ length: 30 }, (_, i) => `  u${i + 1}: uniform(0, 2)`);
  const nodes = Array.from({ length: 30 }, (_, i) =>
    i === 0 ? '  s1: u1' : `  s${i + 1}: s${i} + u${i + 1}`,
  ).reverse();
  const text = `title: chain of sixty\ninputs:\n${inputs.join('\n')}\nnodes:\n${nodes.join('\n')}\noutput: s30\n`;

  it('evaluates in dependency order with the closed-form mean and variance of a sum of 30 uniforms', () => {
    const n = 100_000;
    const p = project({ 'chain.yaml': text });
    const prepared = prepare(p, 'chain');
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.value.graph.entities).toHaveLength(60);
    for (const sampler of ['mc', 'lhs'] as const) {
      const r = prepared.value.run({ samples: n, seed: 21, sampler });
      // Sum of k iid U(0, 2): mean k, variance k/3, μ4 = k·μ4(U) + 3k(k − 1)σ⁴ with μ4(U) = 2⁴/80.
      for (const k of [1, 15, 30]) {
        const v = k / 3;
        const mu4 = k * (16 / 80) + 3 * k * (k - 1) * (1 / 9);
        within(sampleMean(r.columns[`s${k}`]!), k, K * se.mean(v, n), `${sampler} mean of s${k}`);
        within(sampleVariance(r.columns[`s${k}`]!), v, K * se.variance(v, mu4, n), `${sampler} variance of s${k}`);
      }
    }
  });
});

describe('run options', () => {
  it('sample counts must be whole numbers from 1 to 10,000,000', () => {
    const p = project({ 'm.yaml': 'title: t\ninputs:\n  x: normal(0, 1)\noutput: x\n' });
    const prepared = prepare(p, 'm');
    if (!prepared.ok) throw new Error('prepare failed');
    for (const samples of [0, -5, 1.5, 10_000_001, Number.NaN]) {
      expect(() => prepared.value.run({ samples, seed: 1 })).toThrow(
        'samples must be a whole number from 1 to 10000000',
      );
    }
    expect(prepared.value.run({ samples: 1, seed: 1 }).columns.x).toHaveLength(1);
  });

  it("a given column replaces an input's sampling and flows into its dependants", () => {
    const p = project({
      'm.yaml': 'title: t\ninputs:\n  x: normal(0, 1)\n  y: uniform(0, 1)\nnodes:\n  z: x + y\noutput: z\n',
    });
    const given = Float64Array.of(1, 2, 3);
    const r = runIn(p, 'm', { samples: 3, seed: 1, given: { x: given } });
    const alone = runIn(p, 'm', { samples: 3, seed: 1 });
    expect(r.columns.x).toEqual(given);
    expect(r.columns.y).toEqual(alone.columns.y);
    r.columns.z!.forEach((v, i) => expect(v).toBe(given[i]! + r.columns.y![i]!));
  });

  it('only: computes what the named quantities and the applied evidence read, with the same numbers as a full run', () => {
    const text = [
      'title: t',
      'inputs:',
      '  a: beta(2, 3)',
      '  b: normal(a, 1)',
      '  unused: uniform(0, 1)',
      '  seen: uniform(0, 1)',
      'nodes:',
      '  out: a + b',
      '  side: unused * 2',
      'output: out',
      'evidence:',
      '  obs: { likelihood: "seen" }',
      '  off: { likelihood: "unused", applied: false }',
      '',
    ].join('\n');
    const p = project({ 'm.yaml': text });
    const full = runIn(p, 'm', { samples: 500, seed: 3 });
    const part = runIn(p, 'm', { samples: 500, seed: 3, only: ['out'] });
    // out reads a and b; the applied evidence reads seen; side, unused and the evidence left off are skipped.
    expect(Object.keys(part.columns).sort()).toEqual(['a', 'b', 'out', 'seen']);
    for (const name of Object.keys(part.columns)) expect(part.columns[name]).toEqual(full.columns[name]);
    expect(part.weights).toEqual(full.weights);
    // Asking for a node brings in what it reads.
    expect(
      Object.keys(runIn(p, 'm', { samples: 10, seed: 3, only: ['side'], evidence: 'none' }).columns).sort(),
    ).toEqual(['side', 'unused']);
  });
});
