// Evidence as importance weights, checked against the conjugate beta–Bernoulli case, the
// effective sample size by hand, the low-ESS warning, and which entries apply by default.

import { describe, it, expect, afterAll } from 'vitest';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { effectiveSampleSize } from '../../src/stats/summary.ts';
import { runReport } from '../../src/analysis/report.ts';
import { CLI_LIMITS, resolveRequest, runRequestSchema } from '../../src/analysis/request.ts';
import { cleanupTemp, project, runIn, se, within } from './helpers.ts';

afterAll(cleanupTemp);

const K = 5;

describe('evidence reweighting: beta(2, 3) prior, 7 successes and 3 failures → beta(9, 6) posterior', () => {
  const n = 200_000;
  const p = project({
    'm.yaml': `title: conjugate
inputs:
  p: beta(2, 3)
nodes:
  q: 1 - p
output: p
evidence:
  trials: { likelihood: "p^7 * (1 - p)^3", note: 7 successes in 10 trials }
`,
  });
  const result = runIn(p, 'm', { samples: n, seed: 31 });
  const report = runReport(result);
  const { warnings } = report;
  const post = report.posterior!.p!;
  const ess = report.ess!;

  // Posterior Beta(9, 6): mean 9/15, variance 9·6/(15²·16), raw moments ∏(9 + j)/(15 + j).
  const mean = 0.6;
  const variance = (9 * 6) / (15 ** 2 * 16);
  const sd = Math.sqrt(variance);
  const raw = [1, 2, 3, 4].map((k) => {
    let r = 1;
    for (let j = 0; j < k; j++) r *= (9 + j) / (15 + j);
    return r;
  });
  const mu4 = raw[3]! - 4 * mean * raw[2]! + 6 * mean * mean * raw[1]! - 3 * mean ** 4;
  // Beta(9, 6) density: x^8 (1 − x)^5 / B(9, 6), B(9, 6) = 8!·5!/14!.
  const B96 = (40320 * 120) / 87178291200;
  const density = (x: number) => (x ** 8 * (1 - x) ** 5) / B96;

  it('weights are the likelihood evaluated on each sample', () => {
    const col = result.columns.p!;
    const w = result.weights!;
    for (let i = 0; i < 1000; i++) within(w[i]!, col[i]! ** 7 * (1 - col[i]!) ** 3, 1e-15, `w[${i}]`);
    expect(result.evidence.map((e) => e.name)).toEqual(['trials']);
  });

  it("the reported ESS is Kish's (Σw)²/Σw² of those weights", () => {
    let s = 0;
    let s2 = 0;
    for (const w of result.weights!) {
      s += w;
      s2 += w * w;
    }
    within(ess, (s * s) / s2, 1e-9 * ess, 'ess');
    expect(warnings).toEqual([]);
  });

  it('posterior mean and sd match beta(9, 6) within five standard errors at the ESS', () => {
    within(post.mean, mean, K * se.mean(variance, ess), 'posterior mean');
    // SE of an sd ≈ SE of the variance / (2σ).
    within(post.sd, sd, (K * se.variance(variance, mu4, ess)) / (2 * sd), 'posterior sd');
    // A node that depends on the input is reweighted by the same samples: q = 1 − p.
    within(report.posterior!.q!.mean, 1 - mean, K * se.mean(variance, ess), 'posterior mean of 1 − p');
  });

  it('posterior quantiles match beta(9, 6) quantiles within five standard errors at the ESS', () => {
    const got = [post.p5, post.p25, post.p50, post.p75, post.p95];
    [0.05, 0.25, 0.5, 0.75, 0.95].forEach((prob, k) => {
      const q = betaQuantile(prob, 9, 6);
      // SE of a sample quantile: √(p(1 − p)/n) / f(q).
      within(got[k]!, q, (K * se.proportion(prob, ess)) / density(q), `posterior p${prob * 100}`);
    });
  });

  it('the prior summaries are reported alongside, unweighted: beta(2, 3)', () => {
    within(report.nodes.p!.mean, 0.4, K * se.mean(0.04, n), 'prior mean');
    const median = betaQuantile(0.5, 2, 3);
    // Beta(2, 3) density 12·x·(1 − x)².
    within(
      report.nodes.p!.p50,
      median,
      (K * se.proportion(0.5, n)) / (12 * median * (1 - median) ** 2),
      'prior median',
    );
  });
});

describe('effective sample size', () => {
  it('is (Σw)²/Σw², by hand on small weight vectors', () => {
    expect(effectiveSampleSize(Float64Array.of(1, 2, 3, 0))).toBeCloseTo(36 / 14, 14);
    expect(effectiveSampleSize(Float64Array.of(1, 1, 1, 1))).toBe(4);
    expect(effectiveSampleSize(Float64Array.of(0, 5, 0))).toBe(1);
    expect(effectiveSampleSize(Float64Array.of(0.5, 0.25))).toBeCloseTo(0.5625 / 0.3125, 14);
    expect(effectiveSampleSize(Float64Array.of(0, 0))).toBe(0);
  });

  it('a warning fires when it falls below 1% of the samples', () => {
    // A likelihood with sd 0.0005 around p = 0.5: ESS/n ≈ f(0.5)·σ·2√π ≈ 1.5 · 0.0005 · 3.54 ≈ 0.27%.
    const p = project({
      'm.yaml':
        'title: sharp\ninputs:\n  p: beta(2, 3)\noutput: p\nevidence:\n  sharp:\n    likelihood: exp(-0.5 * ((p - 0.5) / 0.0005)^2)\n',
    });
    const n = 20_000;
    const report = runReport(runIn(p, 'm', { samples: n, seed: 2 }));
    const { warnings } = report;
    expect(report.ess!).toBeLessThan(0.01 * n);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^evidence: the effective sample size is \d+\.\d, below 1% of the 20000 samples/);
  });
});

describe('which evidence applies', () => {
  const files = {
    'm.yaml': `title: selection
inputs:
  p: beta(2, 2)
output: p
evidence:
  seen: { likelihood: p }
  later: { likelihood: "1 - p", applied: false, note: resolves next year }
`,
  };

  it('entries marked applied: false are off by default, on with all or by name', () => {
    const p = project(files);
    const names = (evidence: 'default' | 'all' | 'none' | string[]) =>
      runIn(p, 'm', { samples: 100, seed: 1, evidence }).evidence.map((e) => e.name);
    expect(names('default')).toEqual(['seen']);
    expect(names('all')).toEqual(['seen', 'later']);
    expect(names(['later'])).toEqual(['later']);
    expect(names('none')).toEqual([]);
    expect(runIn(p, 'm', { samples: 100, seed: 1, evidence: 'none' }).weights).toBeNull();
    const both = runIn(p, 'm', { samples: 100, seed: 1, evidence: 'all' });
    both.columns.p!.forEach((x, i) => within(both.weights![i]!, x * (1 - x), 1e-16, 'w'));
  });

  it('an unknown evidence name is an error naming the known ones', () => {
    const p = project(files);
    const req = runRequestSchema(CLI_LIMITS, 100_000).parse({ model: 'm', samples: '100', evidence: 'seen,nope' });
    const r = resolveRequest(p, req);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => e.message)).toEqual([
        "model 'm' has no evidence named 'nope'; it has 'seen', 'later'",
      ]);
  });

  it('a likelihood that is negative or NaN gives weight 0 with a warning; all-zero likelihoods are reported', () => {
    const p = project({
      'm.yaml':
        'title: bad\ninputs:\n  x: uniform(-1, 1)\noutput: x\nevidence:\n  sqrt: { likelihood: sqrt(x) }\n  never: { likelihood: "0", applied: false }\n',
    });
    const r = runIn(p, 'm', { samples: 1000, seed: 4 });
    const negatives = r.columns.x!.filter((v) => v < 0).length;
    expect(r.warnings).toEqual([
      {
        node: 'evidence sqrt',
        count: negatives,
        message: `the likelihood is negative, infinite or NaN in ${negatives} of 1000 samples (those samples get weight 0)`,
      },
    ]);
    const none = runIn(p, 'm', { samples: 1000, seed: 4, evidence: ['never'] });
    expect(none.warnings.map((w) => w.message)).toEqual([
      'the applied evidence has likelihood 0 in every sample: the posterior is undefined',
    ]);
  });
});

describe('quantities the evidence cannot inform', () => {
  // a and s are read by the likelihood (s through b's mean); u and the nodes of u alone are not.
  const p = project({
    'm.yaml': `title: independence
inputs:
  a: beta(2, 3)
  s: uniform(0, 1)
  b: normal(s, 1)
  u: normal(0, 1)
nodes:
  twice_u: 2 * u
  k: 3
  mixed: a + u
output: mixed
evidence:
  obs: { likelihood: "a * (b > 0.5)" }
`,
  });
  const n = 100_000;
  const result = runIn(p, 'm', { samples: n, seed: 8 });
  const report = runReport(result);

  it('are exactly those that share no draw with a likelihood: their posterior is their prior', () => {
    const informed = Object.keys(result.columns).filter((name) => result.weightsOf(name) !== null);
    expect(informed.sort()).toEqual(['a', 'b', 'mixed', 's']);
    for (const name of ['u', 'twice_u', 'k']) expect(report.posterior![name]).toEqual(report.nodes[name]);
  });

  it('the informed ones are reweighted: a ~ beta(2, 3) times a gives beta(3, 3), mean 1/2', () => {
    // The likelihood also holds b > 0.5, which does not involve a: a's posterior is beta(3, 3),
    // sd √(9/(36·7)) = 0.1890, within five standard errors at the ESS.
    const post = report.posterior!.a!;
    within(post.mean, 0.5, (K * Math.sqrt(9 / (36 * 7))) / Math.sqrt(report.ess!), 'posterior mean of a');
    // s is pulled up by b > 0.5 (b ~ normal(s, 1)): its posterior mean exceeds the prior's 1/2.
    expect(report.posterior!.s!.mean).toBeGreaterThan(report.nodes.s!.mean + 0.02);
  });

  it('a run without evidence has no weights for anyone', () => {
    const none = runIn(p, 'm', { samples: 100, seed: 8, evidence: 'none' });
    expect(Object.keys(none.columns).map((name) => none.weightsOf(name))).toEqual(
      Object.keys(none.columns).map(() => null),
    );
  });

  it('given columns count as one draw: one the likelihood reads informs every quantity reading a given column', () => {
    const col = (v: number) => new Float64Array(200).fill(v);
    const r = runIn(p, 'm', { samples: 200, seed: 8, given: { a: col(0.3), u: col(1) } });
    expect(r.weightsOf('twice_u')).toBe(r.weights);
    expect(r.weightsOf('k')).toBeNull();
  });
});
