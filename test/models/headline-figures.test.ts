// One test per headline figure of the source documents (the table in the arguments map),
// each reproduced by the model and command listed in docs/reproducing.md, at the CLI's
// defaults (100,000 samples, seed 1). Expected values come from the sources or from hand
// computation, never from a previous run.

import { describe, it, expect } from 'vitest';
import { run, column, stat, expectFigure, expectConstant, HEADLINE_TOLERANCE } from './helpers.ts';

describe('P(scheming) ≈ 25% (001, Carlsmith 2023)', () => {
  it('carlsmith-conjunctive reproduces ~25% at its defaults', () => {
    const r = run('carlsmith-conjunctive');
    expect(r.output).toBe('p_scheming');
    expectFigure(stat(r, 'p_scheming'), 0.25, HEADLINE_TOLERANCE);
  });

  it('the lower figure: scheming plus sandbagging or early undermining is below scheming, in every sample', () => {
    const r = run('carlsmith-conjunctive');
    const both = column(r, 'p_scheming_and_undermining');
    const scheming = column(r, 'p_scheming');
    let above = 0;
    for (let i = 0; i < both.length; i++) if (both[i]! > scheming[i]!) above++;
    expect(above).toBe(0);
    // Lower in the mean by far more than Monte Carlo error.
    const a = stat(r, 'p_scheming_and_undermining');
    const b = stat(r, 'p_scheming');
    expect(b.mean - a.mean).toBeGreaterThan(5 * (a.mcse + b.mcse));
  });
});

describe('P(scheming) 25% → ≈ 15% (000, the 2025 post)', () => {
  it('reasoning-models-2025 reproduces ~15% and starts from ~25%', () => {
    const r = run('reasoning-models-2025');
    expect(r.output).toBe('p_scheming');
    expectFigure(stat(r, 'p_scheming'), 0.15, HEADLINE_TOLERANCE);
    expectFigure(stat(r, 'p_scheming_classic'), 0.25, HEADLINE_TOLERANCE);
    // The update is downward by about ten points.
    expectFigure(stat(r, 'update'), 0.15 - 0.25, HEADLINE_TOLERANCE);
  });

  it('with the considerations switched off the model is back at ~25%', () => {
    expectFigure(stat(run('reasoning-models-2025', 'not-r1-like'), 'p_scheming'), 0.25, HEADLINE_TOLERANCE);
  });
});

describe('0.1% of compute (000 quoting Carlsmith pp. 20-21)', () => {
  it('ten steps out of 10,000 serial steps is exactly 0.1%', () => {
    const r = run('speed-costs', 'carlsmith-example');
    expectConstant(column(r, 'compute_fraction_forward'), 10 / 10000);
    expect(10 / 10000).toBe(0.001);
  });

  it('by default the fraction is never below the example (at least 10 steps, at most 10,000)', () => {
    const col = column(run('speed-costs'), 'compute_fraction_forward');
    let below = 0;
    for (const x of col) if (x < 0.001) below++;
    expect(below).toBe(0);
  });

  it('the reasoning-model variant selects far less than the forward-pass case', () => {
    const r = run('speed-costs');
    const fwd = stat(r, 'selection_bits_forward');
    const rsn = stat(r, 'selection_bits_reasoning');
    expect(rsn.p50).toBeLessThan(fwd.p50 / 10);
  });
});

describe('2^100 : 1 against 100 bits (001, counting argument vs selection)', () => {
  const r = () => run('counting-argument', 'carlsmith-illustration');

  it('the count is 2^100 and 100 halvings cancel it exactly: even odds', () => {
    expectConstant(column(r(), 'prior_odds'), 2 ** 100);
    expectConstant(column(r(), 'selection_bits'), 100);
    expectConstant(column(r(), 'posterior_bits'), 0);
    expectConstant(column(r(), 'p_schemer'), 0.5);
    expectConstant(column(r(), 'updates_to_overcome'), 100);
  });

  it('the 100 updates are a tiny share of a run of many millions', () => {
    const res = r();
    const share = column(res, 'share_of_run_to_overcome');
    const total = column(res, 'training_updates');
    for (let i = 0; i < share.length; i += 997) expect(share[i]! * total[i]!).toBeCloseTo(100, 6);
    // Median run is ten million updates (the input's 90% interval is 1e6 to 1e8): 100 / 1e7.
    expect(stat(res, 'share_of_run_to_overcome').p50).toBeCloseTo(1e-5, 6);
  });

  it('with more selection than count, the schemer becomes unlikely (and vice versa)', () => {
    // Hand check of the logistic link: 10 bits of posterior log-odds ⇒ 1024:1.
    const res = run('counting-argument');
    const bits = column(res, 'posterior_bits');
    const p = column(res, 'p_schemer');
    for (let i = 0; i < bits.length; i += 1009) {
      const expected = 1 / (1 + 2 ** -bits[i]!);
      expect(p[i]!).toBeCloseTo(expected, 12);
    }
  });
});

describe('MBs vs a few KBs (000, "Most of RL is not spent learning what task to do")', () => {
  it("the post's round figures: 1 KB of pointing in 1 MB of RL is 0.1%, so 99.9% is domain tricks", () => {
    const r = run('selection-bits', 'post-round-figures');
    expectConstant(column(r, 'pointing_share'), 0.001);
    const domain = column(r, 'domain_share');
    for (let i = 0; i < domain.length; i += 1013) expect(domain[i]!).toBeCloseTo(0.999, 12);
  });

  it('r1 trying hard ten steps into ten thousand is the same 0.1%', () => {
    expectConstant(column(run('selection-bits'), 'try_hard_step_share'), 10 / 10000);
  });

  it('by default kilobytes against megabytes: the pointing share is between 1e-4 and 1e-2', () => {
    const s = stat(run('selection-bits'), 'pointing_share');
    expect(s.p50).toBeGreaterThan(1e-4);
    expect(s.p50).toBeLessThan(1e-2);
    // Megabytes against terabytes: RL adds about a millionth of what the model knows.
    expect(stat(run('selection-bits'), 'rl_share_of_learning').p95).toBeLessThan(1e-4);
  });
});

describe('0.98 per step (002, "Reduces with some loss, right?")', () => {
  it('each step survives with 0.98, and ten steps with 0.98^10', () => {
    const r = run('iterative-chain');
    expectConstant(column(r, 'p_step'), 0.98);
    expectConstant(column(r, 'survival_10_steps'), 0.98 ** 10);
    expect(0.98 ** 10).toBeCloseTo(0.8171, 4);
    expectConstant(column(r, 'loss_per_step'), 1 - 0.98);
  });

  it('success over the chain is the product over the steps, sample by sample', () => {
    const r = run('iterative-chain');
    const n = column(r, 'n_generations');
    const chain = column(r, 'p_chain_independent');
    for (let i = 0; i < n.length; i += 101) expect(chain[i]).toBe(0.98 ** Math.floor(n[i]!));
  });

  it('the mean over 5 to 30 generations matches the hand sum', () => {
    // n is uniform on the whole numbers 5..30, so E[0.98^n] = (1/26) Σ_{k=5}^{30} 0.98^k.
    let sum = 0;
    for (let k = 5; k <= 30; k++) sum += 0.98 ** k;
    expectFigure(stat(run('iterative-chain'), 'p_chain_independent'), sum / 26, 0);
  });

  it('the base case must be aligned: success never exceeds P(base case aligned)', () => {
    const r = run('iterative-chain');
    const base = column(r, 'p_base');
    const success = column(r, 'p_success');
    let above = 0;
    for (let i = 0; i < base.length; i++) if (success[i]! > base[i]!) above++;
    expect(above).toBe(0);
  });

  it("the critic's correlated failures and new challenges lower survival well below 0.98^n", () => {
    const critic = stat(run('iterative-chain', 'critic'), 'p_chain');
    const alike = stat(run('iterative-chain'), 'p_chain_independent');
    expect(critic.mean).toBeLessThan(alike.mean / 2);
  });
});

describe('3 : 1 update (002, "I see your theoretical report from 2023…")', () => {
  it('75% against 25% is a likelihood ratio of exactly 3, and 0.75 from even odds', () => {
    const r = run('evidence-2025');
    expectConstant(column(r, 'likelihood_ratio'), 3);
    expectConstant(column(r, 'posterior_miri_even_prior'), 0.75);
  });

  it('applied as evidence to an even prior, the worldview posterior is 0.75', () => {
    const r = run('evidence-2025', 'commenter');
    expect(r.weights).not.toBeNull();
    // Prior: half the samples are MIRI-like worlds.
    expectFigure({ ...stat({ ...r, weights: null }, 'miri_world') }, 0.5, 0);
    // Posterior: 0.5·0.75 / (0.5·0.75 + 0.5·0.25) = 0.75.
    expectFigure(stat(r, 'miri_world'), 0.75, 0);
  });

  it('its effect on P(scheming): 0.75 · E[P(scheming | MIRI-like)] + 0.25 · 25%', () => {
    // E[pert(0.5, 0.85, 0.98)] = (0.5 + 4·0.85 + 0.98) / 6.
    const miri = (0.5 + 4 * 0.85 + 0.98) / 6;
    const r = run('evidence-2025', 'commenter');
    expectFigure(stat(r, 'p_scheming'), 0.75 * miri + 0.25 * 0.25, 0);
    // Before the report: even odds.
    expectFigure(stat({ ...r, weights: null }, 'p_scheming'), 0.5 * miri + 0.5 * 0.25, 0);
  });
});
