// One test per headline figure of the source documents (the table in the arguments map),
// each reproduced by the model and command listed in the README's "Reproducing the sources", at the CLI's
// defaults (100,000 samples, seed 1). Expected values come from the sources or from hand
// computation, never from a previous run.

import { describe, it, expect } from 'vitest';
import { prepare } from '../../src/engine/run.ts';
import { parseOverride } from '../../src/model/overrides.ts';
import { summarize } from '../../src/stats/summary.ts';
import { project, run, column, stat, expectFigure, expectConstant, HEADLINE_TOLERANCE, SAMPLES, SEED } from './helpers.ts';

describe('P(scheming) ≈ 25% (001, Carlsmith 2023), conditional on his conditions', () => {
  // His ~25% is a gut number and the conjuncts' distributions are the model's assumptions, so
  // the model's reading of it (0.229 at the CLI's defaults, reported in the README) is not held
  // to his figure here; what is pinned is that the reading is his story's arithmetic.
  it('carlsmith-conjunctive multiplies his conjuncts at his setting: the strategy’s chance is the closed form of its betas', () => {
    const r = run('carlsmith-conjunctive');
    expect(r.output).toBe('p_scheming');
    const good = column(r, 'p_good_strategy');
    const selects = column(r, 'p_training_selects');
    const scheming = column(r, 'p_scheming');
    for (let i = 0; i < scheming.length; i += 997) expect(scheming[i]).toBeCloseTo(good[i]! * selects[i]!, 12);
    // Carlsmith-like worldview in every sample (miri_world is 0 in his setting), so the
    // conjuncts are Beta(6, 4), Beta(7, 3) and Beta(3, 17), independent: P(good strategy) =
    // 1 − (1 − gg·pp)(1 − nc) has mean 1 − (1 − 0.6·0.7)(1 − 0.15) = 0.507.
    expectConstant(column(r, 'counting.miri_world'), 0);
    const mean = good.reduce((a, x) => a + x, 0) / good.length;
    const sd = Math.sqrt(good.reduce((a, x) => a + (x - mean) ** 2, 0) / (good.length - 1));
    const expected = 1 - (1 - 0.6 * 0.7) * (1 - 0.15);
    expect(Math.abs(mean - expected), `${mean} vs ${expected}`).toBeLessThanOrEqual(5 * (sd / Math.sqrt(good.length)));
    // His conditions: somewhat better than human, baseline training with no added mitigation.
    expectConstant(column(r, 'more_powerful'), 0);
    expectConstant(column(r, 'counting.mitigation_updates'), 0);
  });

  it('the unconditional figure multiplies in P(situationally aware and goal-directed), sample by sample', () => {
    const r = run('carlsmith-conjunctive');
    const cond = column(r, 'p_scheming');
    const sagd = column(r, 'p_sa_gd');
    const uncond = column(r, 'p_scheming_unconditional');
    for (let i = 0; i < cond.length; i += 997) expect(uncond[i]).toBeCloseTo(sagd[i]! * cond[i]!, 12);
  });

  it('the lower figure: scheming plus sandbagging or early undermining is below scheming, in every sample', () => {
    const r = run('carlsmith-conjunctive');
    const both = column(r, 'p_scheming_and_undermining');
    const scheming = column(r, 'p_scheming');
    let above = 0;
    for (let i = 0; i < both.length; i++) if (both[i]! > scheming[i]!) above++;
    expect(above).toBe(0);
    const a = stat(r, 'p_scheming_and_undermining');
    const b = stat(r, 'p_scheming');
    expect(b.mean - a.mean).toBeGreaterThan(5 * (a.mcse + b.mcse));
  });

  it('more powerful models raise the risk (001, closing paragraphs)', () => {
    const base = stat(run('carlsmith-conjunctive'), 'p_scheming');
    const more = stat(run('carlsmith-conjunctive', 'more-powerful'), 'p_scheming');
    expect(more.mean - base.mean).toBeGreaterThan(5 * (more.mcse + base.mcse));
  });
});

describe('P(scheming) 25% → ≈ 15% (000, the 2025 post)', () => {
  it('reasoning-models-2025 reproduces ~15% and starts from ~25% for the same AIs', () => {
    const r = run('reasoning-models-2025');
    expect(r.output).toBe('p_scheming');
    expectFigure(stat(r, 'p_scheming'), 0.15, HEADLINE_TOLERANCE);
    expectFigure(stat(r, 'p_scheming_classic'), 0.25, HEADLINE_TOLERANCE);
  });

  it('with the first 10x AIs not r1-like the model is back at ~25%', () => {
    expectFigure(stat(run('reasoning-models-2025', 'not-r1-like'), 'p_scheming'), 0.25, HEADLINE_TOLERANCE);
  });
});

describe('0.1% of compute (000 quoting Carlsmith pp. 20-21)', () => {
  it('ten steps out of 10,000 serial steps is exactly 0.1%', () => {
    const r = run('speed-costs', 'carlsmith-example');
    // The source's figure as it states it: 0.1%.
    expectConstant(column(r, 'compute_fraction_forward'), 0.001);
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
  it("the post's round figures: 99.9% of 1 MB on domain tricks leaves 1 KB of pointing, the same as the 1 KB the post says trying hard needs", () => {
    const r = run('selection-bits', 'post-round-figures');
    expectConstant(column(r, 'rl_bits'), 8_000_000);
    const pointing = column(r, 'pointing_bits');
    for (let i = 0; i < pointing.length; i += 1013) expect(pointing[i]!).toBeCloseTo(8000, 6);
    expectConstant(column(r, 'try_hard_bits'), 8000);
    const share = column(r, 'pointing_share');
    for (let i = 0; i < share.length; i += 1013) expect(share[i]!).toBeCloseTo(0.001, 12);
  });

  it('r1 trying hard ten steps into ten thousand is the same 0.1%', () => {
    expectConstant(column(run('selection-bits'), 'try_hard_step_share'), 10 / 10000);
  });

  it('megabytes against terabytes: RL adds about a millionth of what the model knows', () => {
    expect(stat(run('selection-bits'), 'rl_share_of_learning').p95).toBeLessThan(1e-4);
  });

  it('MBs vs KBs is selection: RL’s pointing falls short of what a scheming persona needs, and that lowers its odds', () => {
    const r = run('selection-bits');
    // Shortfall in doublings = min(0, log2(pointing / needs)), by hand from the columns.
    const pointing = column(r, 'pointing_bits');
    const needs = column(r, 'scheming_needs_bits');
    const short = column(r, 'rl_shortfall_doublings');
    for (let i = 0; i < short.length; i += 1009) expect(short[i]).toBeCloseTo(Math.min(0, Math.log2(pointing[i]! / needs[i]!)), 9);
    expect(stat(r, 'rl_shortfall_doublings').mean).toBeLessThan(-1);
    // It feeds the output: with a thousand times the megabytes RL's pointing no longer falls
    // short, and the odds of a scheming persona rise by about rl_leverage per doubling saved.
    const o = parseOverride('rl_transcript_mb', 'ci90(1000, 10000)', '--set');
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    const more = prepare(project(), 'selection-bits', { overrides: [o.value] });
    expect(more.ok).toBe(true);
    if (!more.ok) return;
    const m = more.value.run({ samples: SAMPLES, seed: SEED });
    // Common random numbers: only the megabytes differ, so compare sample by sample.
    const before = column(r, 'persona_log2_odds_now');
    const after = m.columns.persona_log2_odds_now!;
    const gain = after.map((x, i) => x - before[i]!);
    let lower = 0;
    for (const g of gain) if (g < -1e-9) lower++;
    expect(lower).toBe(0);
    const d = summarize(gain);
    expect(d.mean).toBeGreaterThan(5 * d.mcse);
  });
});

describe('0.98 per step (002, "Reduces with some loss, right?")', () => {
  it('each step survives with 0.98, and ten steps with 0.98^10', () => {
    const r = run('iterative-chain');
    expectConstant(column(r, 'p_step'), 0.98);
    // x^10 is ten factors of 0.98: within 10 units of roundoff of the power, relative (the
    // engine multiplies whole powers out; ** rounds once).
    const survival = column(r, 'survival_10_steps');
    expectConstant(survival, survival[0]!);
    expect(Math.abs(survival[0]! / 0.98 ** 10 - 1)).toBeLessThanOrEqual(10 * 2 ** -53);
    // The model's figure, not the constant's: 0.98^10 = 0.81707… to four places, by hand.
    expect(survival[0]).toBeCloseTo(0.8171, 4);
    expectConstant(column(r, 'loss_per_step'), 1 - 0.98);
  });

  it('success over the chain is the product over the steps, sample by sample', () => {
    const r = run('iterative-chain');
    const n = column(r, 'n_generations');
    const chain = column(r, 'p_chain_independent');
    // Within k units of roundoff of 0.98^k, relative: k factors multiplied out.
    for (let i = 0; i < n.length; i += 101) {
      const k = Math.floor(n[i]!);
      expect(Math.abs(chain[i]! / 0.98 ** k - 1)).toBeLessThanOrEqual(k * 2 ** -53);
    }
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

  it("the critic's falling survival and new challenges lower survival well below 0.98^n", () => {
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

  it('applied as evidence to an even prior, the report alone takes the MIRI-like view to 0.75', () => {
    const prepared = prepare(project(), 'evidence-2025', { scenario: 'commenter' });
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    const r = prepared.value.run({ samples: SAMPLES, seed: SEED, evidence: ['report_2025'] });
    expectFigure(stat({ ...r, weights: null }, 'miri_world'), 0.5, 0);
    expectFigure(stat(r, 'miri_world'), 0.75, 0);
    expectConstant(column(r, 'report_lr'), 3);
  });

  it('read as rare, prompt-driven misbehaviour, the report counts against the MIRI-like view (ratio below 1)', () => {
    const prepared = prepare(project(), 'evidence-2025', { scenario: 'skeptic' });
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    const r = prepared.value.run({ samples: SAMPLES, seed: SEED, evidence: ['report_2025'] });
    expect(stat(r, 'report_lr').p50).toBeLessThan(1);
    const prior = stat({ ...r, weights: null }, 'miri_world');
    const post = stat(r, 'miri_world');
    expect(prior.mean - post.mean).toBeGreaterThan(5 * (prior.mcse + post.mcse));
  });

  it("the default mixes both readings: the report's ratio per sample ranges from below 1 to above", () => {
    const r = run('evidence-2025');
    expect(stat({ ...r, weights: null }, 'report_lr').p5).toBeLessThan(1);
    expect(stat({ ...r, weights: null }, 'report_lr').p95).toBeGreaterThan(1);
  });
});
