// Each prediction's claim is derived from the author's credence, which is about the experiment
// (000, the note after Prediction 1): P(claim) = (credence − mean spurious yes) / (1 − mean
// spurious no − mean spurious yes). The models draw each claim through a standard normal latent
// against the normal quantile of that probability, so where the worldview is Carlsmith-like
// (each model run on its own) the share of samples in which a claim holds is that probability.
// The expected shares below are computed by hand from the credences and the mean failure rates
// the models' notes state; the tolerance is four binomial standard errors at the sample size.
// The credence each model reads is the one in predictions.yaml.

import { describe, it, expect } from 'vitest';
import { project, run, column } from './helpers.ts';
import { catalogOf } from './resolution-cases.ts';

const SAMPLES = 100_000;

/** [prediction, model, claim node, credence input, hand-computed P(claim)] */
const CLAIMS = [
  ['2', 'selection-bits', 'claim_2', 'credence_2', (0.75 - 0.05) / (1 - 0.1 - 0.05)],
  ['3a', 'reasoning-models-2025', 'legible_now', 'credence_3a', (0.8 - 0.05) / (1 - 0.15 - 0.05)],
  ['3b', 'reasoning-models-2025', 'r1_like', 'credence_3b', (0.5 - 0.05) / (1 - 0.15 - 0.05)],
  ['4', 'selection-bits', 'claim_4', 'credence_4', (0.8 - 0.05) / (1 - 0.1 - 0.05)],
  ['5', 'selection-bits', 'claim_5', 'credence_5', (0.9 - 0.05) / (1 - 0.05 - 0.05)],
  ['6', 'selection-bits', 'claim_6', 'credence_6', (0.7 - 0.15) / (1 - 0.1 - 0.15)],
] as const;

const mean = (col: Float64Array) => col.reduce((a, b) => a + b, 0) / col.length;

describe('claims derived from the author’s credences', () => {
  it('each model reads the credence predictions.yaml states', () => {
    const catalog = catalogOf(project());
    for (const [id, model, , input] of [...CLAIMS, ['1', 'speed-costs', '', 'credence_1', 0] as const]) {
      const q = project().models.get(model)!.inputs[input];
      expect(q, `${model}.${input}`).toBeDefined();
      expect(q!.basis, `${model}.${input}`).toBe('source');
      expect(Number(q!.text), `${model}.${input}`).toBe(catalog.byId.get(id)!.credence);
    }
  });

  for (const [id, model, claim, , expected] of CLAIMS) {
    it(`Prediction ${id}: the claim holds in the share of samples the credence implies, at least the credence`, () => {
      // Before evidence: the share of draws, not the posterior.
      const share = mean(column(run(model, null, SAMPLES), claim));
      const tol = 4 * Math.sqrt((expected * (1 - expected)) / SAMPLES);
      expect(Math.abs(share - expected), `${claim}: ${share} vs ${expected} (±${tol})`).toBeLessThanOrEqual(tol);
      expect(expected).toBeGreaterThanOrEqual(catalogOf(project()).byId.get(id)!.credence);
    });
  }

  it('Prediction 1: the claim speed-costs draws is at least as likely as the credence implies', () => {
    // Not derived: the claim comes from the speed-costs mechanism (slack, exploration, the
    // initialization's head start); the post holds claims at least as firmly as experiments.
    const share = mean(column(run('speed-costs', null, SAMPLES), 'grpo_keeps_schemer'));
    const implied = (0.75 - 0.05) / (1 - 0.15 - 0.05);
    expect(share).toBeGreaterThanOrEqual(implied);
  });
});
