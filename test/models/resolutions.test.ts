// Resolving the predictions of the 2025 post moves P(scheming) the way the post argues, through
// the world states each prediction tests, in reasoning-models-2025 (the post's model) and in
// p-scheming (all arguments combined), at the CLI's defaults (100,000 samples, seed 1):
//   - each prediction resolved alone moves P(scheming) in the direction its yes_means states;
//   - the worst case for the post's optimism (every prediction resolved the way that raises
//     P(scheming)) undoes most of its update: reasoning-models-2025 returns to at least 0.21;
//     the best case brings it to 0.13 or below (the post's argument read as bounds: failed
//     predictions take it most of the way back from ~15% to the ~25% starting point, confirmed
//     ones take it lower still);
//   - refuting every prediction does not leave the post's update intact: reasoning-models-2025's
//     P(scheming) rises by more than the 0.02 within which the tests reproduce its ~15%, and
//     p-scheming's rises too;
//   - the effective sample size stays above 1% in every case the bounds name (0.5% when all
//     seven are refuted, an outcome the models give well under 1%);
//   - resolving Prediction 3b, whose claim is one drawn fact (r1_like), moves P(scheming) as
//     Bayes' rule over the two kinds of world says, with the experiment's chance of a yes in
//     each kind computed by hand from its failure rates and the shared harshness;
//   - the prediction with the highest value of information moves p-scheming's P(scheming) by
//     at least 2 points in expectation.
// Tolerances are Monte Carlo errors: three standard errors of the shift (from 20 batches of
// samples, common random numbers) or of the posterior mean. The cases are computed from one run
// with every p_yes as a probe (resolution-cases.ts); one case is checked against the engine's own
// run with the resolutions as evidence, as `credence resolve` applies them.

import { describe, it, expect } from 'vitest';
import { prepare } from '../../src/engine/run.ts';
import { summarize, effectiveSampleSize } from '../../src/stats/summary.ts';
import { evidenceFor } from '../../src/predictions/evidence.ts';
import { valueOfInformationForProject } from '../../src/analysis/value-of-information.ts';
import { project, run, column, SAMPLES, SEED, HEADLINE_TOLERANCE } from './helpers.ts';
import { catalogOf, resolutionCases, runCases, type CaseResult } from './resolution-cases.ts';

const MODELS = ['reasoning-models-2025', 'p-scheming'] as const;
const cache = new Map<string, CaseResult[]>();

function results(modelId: string): CaseResult[] {
  const hit = cache.get(modelId);
  if (hit) return hit;
  const catalog = catalogOf(project());
  const r = runCases(project(), catalog, modelId, 'p_scheming', resolutionCases(catalog), SAMPLES, SEED);
  cache.set(modelId, r);
  return r;
}

const byLabel = (modelId: string, label: string) => results(modelId).find((r) => r.label === label)!;

describe('resolutions of the 2025 post’s predictions', () => {
  it('every p_yes leaves every sample some weight either way', () => {
    for (const p of catalogOf(project()).predictions) {
      const prepared = prepare(project(), p.model, { probes: [{ name: 'p_yes', text: p.pYes }] });
      expect(prepared.ok, p.id).toBe(true);
      if (!prepared.ok) continue;
      const col = prepared.value.run({ samples: 20_000, seed: 5 }).columns.p_yes!;
      let degenerate = 0;
      for (const x of col) if (!(x > 0 && x < 1)) degenerate++;
      expect(degenerate, `${p.id}: samples where p_yes is 0 or 1 (a resolution would zero them)`).toBe(0);
    }
  });

  it('the table’s weighting equals the engine’s run with the resolutions as evidence', () => {
    const catalog = catalogOf(project());
    const worst = resolutionCases(catalog).find((c) => c.label === 'worst case')!;
    const extraEvidence = evidenceFor(project(), catalog, worst.statuses, 'reasoning-models-2025');
    expect(extraEvidence).toHaveLength(7);
    const prepared = prepare(project(), 'reasoning-models-2025', { extraEvidence });
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    const r = prepared.value.run({ samples: SAMPLES, seed: SEED });
    const engine = summarize(r.columns.p_scheming!, r.weights);
    const table = byLabel('reasoning-models-2025', 'worst case');
    expect(Math.abs(engine.mean - table.mean)).toBeLessThan(1e-9);
    expect(Math.abs(effectiveSampleSize(r.weights!) / r.samples - table.essShare)).toBeLessThan(1e-9);
  });

  for (const modelId of MODELS) {
    describe(modelId, () => {
      it('each resolution moves P(scheming) the way its yes_means says, and no case leaves an ESS under 1%', () => {
        const catalog = catalogOf(project());
        for (const r of results(modelId)) {
          expect(r.essShare, `${r.label}: effective sample size`).toBeGreaterThan(r.label === 'all refuted' ? 0.005 : 0.01);
          const m = /^(\S+) (yes|no)$/.exec(r.label);
          if (!m) continue;
          const p = catalog.byId.get(m[1]!)!;
          const raises = (m[2] === 'yes') === (p.yesMeans === 'higher');
          const signed = raises ? r.shift : -r.shift;
          expect(signed, `${r.label}: shift ${r.shift} (±${r.shiftMcse}) must ${raises ? 'raise' : 'lower'} P(scheming)`).toBeGreaterThan(
            -3 * r.shiftMcse,
          );
        }
      });

      it('the worst case raises P(scheming) and the best case lowers it, beyond Monte Carlo error', () => {
        const worst = byLabel(modelId, 'worst case');
        const best = byLabel(modelId, 'best case');
        expect(worst.shift).toBeGreaterThan(3 * worst.shiftMcse);
        expect(-best.shift).toBeGreaterThan(3 * best.shiftMcse);
      });
    });
  }

  it('reasoning-models-2025: the worst case returns to at least 0.21, the best case to 0.13 or below', () => {
    const worst = byLabel('reasoning-models-2025', 'worst case');
    const best = byLabel('reasoning-models-2025', 'best case');
    expect(worst.mean - 3 * worst.mcse, `worst ${worst.mean} ± ${worst.mcse}`).toBeGreaterThanOrEqual(0.21);
    expect(best.mean + 3 * best.mcse, `best ${best.mean} ± ${best.mcse}`).toBeLessThanOrEqual(0.13);
  });

  it('p-scheming: the most informative prediction moves P(scheming) by at least 2 points in expectation', () => {
    const catalog = catalogOf(project());
    const voi = valueOfInformationForProject(project(), catalog.predictions, { model: 'p-scheming', samples: SAMPLES, seed: SEED });
    expect(voi.ok).toBe(true);
    if (!voi.ok) return;
    const top = voi.value.rows[0]!;
    expect(top.expectedShift - 3 * top.shiftMcse, `prediction ${top.id}: ${top.expectedShift} ± ${top.shiftMcse}`).toBeGreaterThanOrEqual(
      0.02,
    );
  });

  it('refuting every prediction does not leave the post’s update intact', () => {
    const rm = byLabel('reasoning-models-2025', 'all refuted');
    expect(rm.shift - 3 * rm.shiftMcse, `reasoning-models-2025: +${rm.shift} ± ${rm.shiftMcse}`).toBeGreaterThan(HEADLINE_TOLERANCE);
    const ps = byLabel('p-scheming', 'all refuted');
    expect(ps.shift - 3 * ps.shiftMcse, `p-scheming: +${ps.shift} ± ${ps.shiftMcse}`).toBeGreaterThan(0);
  });

  for (const [modelId, r1Name] of [
    ['reasoning-models-2025', 'r1_like'],
    ['p-scheming', 'p_r1_like'],
  ] as const) {
    it(`${modelId}: a resolution of 3b moves P(scheming) as Bayes’ rule over r1-like and other worlds says`, () => {
      // P(yes | r1-like) = E[(1 − s)^h] with s ~ Beta(3, 17) (mean 0.15, weight 20): for a
      // Beta(3, b) that is b(b+1)(b+2) / ((b+h)(b+1+h)(b+2+h)) given h. P(yes | not) =
      // E[1 − (1 − t)^(1/h)] with t ~ Beta(1, 19): 1 − 19 / (19 + 1/h) = 1 / (19h + 1). The
      // harshness h is lognormal with median exp(−σ²/2) and σ = ln 3 / Φ⁻¹(0.95); its
      // expectations by Simpson's rule over the standard normal. Neither depends on anything
      // that P(scheming) depends on, so within each kind of world the resolution only reweights
      // the kind. The kinds' weights and mean P(scheming) come from the model's own run.
      const z95 = 1.6448536269514722;
      const sigma = Math.log(3) / z95;
      const expectH = (f: (h: number) => number) => {
        const n = 4000;
        const lo = -10;
        const step = 20 / n;
        let acc = 0;
        for (let k = 0; k <= n; k++) {
          const z = lo + k * step;
          const w = k === 0 || k === n ? 1 : k % 2 ? 4 : 2;
          acc += w * f(Math.exp(-(sigma ** 2) / 2 + sigma * z)) * Math.exp(-(z * z) / 2);
        }
        return (acc * step) / 3 / Math.sqrt(2 * Math.PI);
      };
      const a = expectH((h) => (17 * 18 * 19) / ((17 + h) * (18 + h) * (19 + h)));
      const b = expectH((h) => 1 / (19 * h + 1));
      const r = run(modelId);
      const y = column(r, 'p_scheming');
      const s = column(r, r1Name);
      const w = r.weights ?? new Float64Array(r.samples).fill(1);
      let w1 = 0;
      let w0 = 0;
      let y1 = 0;
      let y0 = 0;
      for (let i = 0; i < r.samples; i++) {
        if (s[i] === 1) {
          w1 += w[i]!;
          y1 += w[i]! * y[i]!;
        } else {
          w0 += w[i]!;
          y0 += w[i]! * y[i]!;
        }
      }
      const pi = w1 / (w1 + w0);
      const m1 = y1 / w1;
      const m0 = y0 / w0;
      const afterYes = (pi * a * m1 + (1 - pi) * b * m0) / (pi * a + (1 - pi) * b);
      const afterNo = (pi * (1 - a) * m1 + (1 - pi) * (1 - b) * m0) / (pi * (1 - a) + (1 - pi) * (1 - b));
      const yes = byLabel(modelId, '3b yes');
      const no = byLabel(modelId, '3b no');
      expect(Math.abs(yes.mean - afterYes), `3b yes: ${yes.mean} vs ${afterYes}`).toBeLessThanOrEqual(3 * yes.mcse);
      expect(Math.abs(no.mean - afterNo), `3b no: ${no.mean} vs ${afterNo}`).toBeLessThanOrEqual(3 * no.mcse);
      // The direction the post argues: r1-like worlds are safer, so a yes lowers P(scheming).
      expect(m1).toBeLessThan(m0);
      expect(a).toBeGreaterThan(b);
    });
  }
});
