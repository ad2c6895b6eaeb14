// Resolving the predictions of the 2025 post updates the linked models without collapsing
// them. A resolution is a fallible signal of the mechanism a model describes (an experiment can
// come out either way for reasons outside the model), so no p_yes may be 0 or 1 in any sample,
// and resolving all seven predictions, either way, must leave an effective sample size above 1%
// of the samples, on the overall model and on each model a prediction links to.
//
// Each resolution must also move P(scheming) the way the post (source 000) argues, at the CLI's
// defaults (100,000 samples, seed 1). What a YES says about scheming risk, from the post:
//   1   higher: speed costs, one of Carlsmith's main objections, would not matter for
//               r1-Zero-like training (slack and poor exploration keep a schemer alive), so a
//               protection the 2023 estimate counts on is missing.
//   2   lower:  RL does not make scratchpads more evil or instrumental from a training-gaming
//               start, so little pressure pushes a reasoner toward a scheming persona.
//   3a  lower:  intermediate reasoning is human-like now, the post's evidence that it will stay
//               human-like, which is what makes scheming less likely for r1-like AIs.
//   3b  lower:  the first 10x AI's reasoning is legible and human-like: the post's r1-like case.
//   4   lower:  niceness trained in the non-reasoning mode selects against scheming reasoning.
//   5   lower:  training-gaming learns no faster than ordinary learning, so the few KBs of
//               pointing in RL do not favour a scheming persona.
//   6   lower:  chains of thought stay readable, so schemers can be caught through them.
// A NO says the opposite. All seven together: the post's considerations, taken together, move
// its P(scheming) from ~25% to ~15%, so all confirmed must not raise it and all refuted must not
// lower it; where only some predictions bear on a model, their shared direction applies.
// "Must not raise" allows Monte Carlo error: three standard errors of the posterior mean.

import { describe, it, expect } from 'vitest';
import { loadCatalog, type Catalog } from '../../src/predictions/catalog.ts';
import { evidenceFor, importPrefixes } from '../../src/predictions/evidence.ts';
import type { Status } from '../../src/predictions/history.ts';
import { prepare, type RunResult } from '../../src/engine/run.ts';
import { summarize, effectiveSampleSize } from '../../src/stats/summary.ts';
import { project, SAMPLES, SEED } from './helpers.ts';

type Direction = 'lower' | 'higher';

/** What a YES resolution says about scheming risk, per the post (see the header). */
const YES_SAYS: Record<string, Direction> = { '1': 'higher', '2': 'lower', '3a': 'lower', '3b': 'lower', '4': 'lower', '5': 'lower', '6': 'lower' };

/** The post's net direction for all of its considerations confirmed (25% → 15%). */
const ALL_YES_NET: Direction = 'lower';

const flip = (d: Direction): Direction => (d === 'lower' ? 'higher' : 'lower');

/**
 * The overall model and every model a prediction links to, with the quantity that carries
 * scheming risk there: P(scheming), P(scheming persona), or, for speed-costs, the selection
 * against schemers in the reasoning-model regime (more selection, less risk).
 */
const MODELS: { id: string; quantity: string; riskSign: 1 | -1 }[] = [
  { id: 'p-scheming', quantity: 'p_scheming', riskSign: 1 },
  { id: 'reasoning-models-2025', quantity: 'p_scheming', riskSign: 1 },
  { id: 'selection-bits', quantity: 'p_scheming_persona', riskSign: 1 },
  { id: 'speed-costs', quantity: 'selection_bits_reasoning', riskSign: -1 },
];

let cachedCatalog: Catalog | null = null;
function catalog(): Catalog {
  if (cachedCatalog) return cachedCatalog;
  const c = loadCatalog(project());
  if (!c.ok) throw new Error(c.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
  cachedCatalog = c.value;
  return c.value;
}

function runWith(modelId: string, statuses: ReadonlyMap<string, Status>): RunResult {
  const extraEvidence = evidenceFor(project(), catalog(), statuses, modelId);
  if (statuses.size > 0) expect(extraEvidence.length, `${modelId}: evidence for ${[...statuses.keys()].join(', ')}`).toBeGreaterThan(0);
  const prepared = prepare(project(), modelId, { extraEvidence });
  if (!prepared.ok) throw new Error(prepared.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('; '));
  return prepared.value.run({ samples: SAMPLES, seed: SEED });
}

/** The predictions whose linked model `modelId` is or imports. */
function bearingOn(modelId: string): string[] {
  return catalog()
    .predictions.filter((p) => importPrefixes(project(), modelId, p.model).length > 0)
    .map((p) => p.id);
}

describe('every p_yes leaves every sample some weight either way', () => {
  it('is strictly between 0 and 1 in every sample of its linked model', () => {
    for (const p of catalog().predictions) {
      const prepared = prepare(project(), p.model, { extraEvidence: [{ name: 'p_yes', likelihood: p.pYes }] });
      expect(prepared.ok, p.id).toBe(true);
      if (!prepared.ok) continue;
      const r = prepared.value.run({ samples: 20_000, seed: 5, evidence: ['p_yes'] });
      const col = r.evidence.find((e) => e.name === 'p_yes')!.likelihood;
      let degenerate = 0;
      for (const x of col) if (!(x > 0 && x < 1)) degenerate++;
      expect(degenerate, `${p.id}: samples where p_yes is 0 or 1 (a resolution would zero them)`).toBe(0);
    }
  });
});

for (const model of MODELS) {
  describe(`resolutions on ${model.id}`, () => {
    const ids = () => bearingOn(model.id);
    let baseline: RunResult | null = null;
    const prior = () => {
      baseline ??= runWith(model.id, new Map());
      return summarize(baseline.columns[model.quantity]!, baseline.weights);
    };

    /** Runs the model with `statuses` and checks the ESS floor and the direction of the risk. */
    function check(statuses: Map<string, Status>, expected: Direction, label: string): void {
      const r = runWith(model.id, statuses);
      expect(r.weights, label).not.toBeNull();
      const ess = effectiveSampleSize(r.weights!);
      expect(ess, `${label}: effective sample size`).toBeGreaterThan(0.01 * r.samples);
      const post = summarize(r.columns[model.quantity]!, r.weights);
      const before = prior();
      const riskChange = model.riskSign * (post.mean - before.mean);
      const tol = 3 * post.mcse;
      if (expected === 'lower') expect(riskChange, `${label}: ${model.quantity} ${before.mean} → ${post.mean} must not raise the risk`).toBeLessThanOrEqual(tol);
      else expect(riskChange, `${label}: ${model.quantity} ${before.mean} → ${post.mean} must not lower the risk`).toBeGreaterThanOrEqual(-tol);
    }

    it('has the predictions that bear on it', () => {
      const expected: Record<string, string[]> = {
        'p-scheming': ['1', '2', '3a', '3b', '4', '5', '6'],
        'reasoning-models-2025': ['1', '2', '3a', '3b', '4', '5', '6'],
        'selection-bits': ['2', '5'],
        'speed-costs': ['1'],
      };
      expect(ids()).toEqual(expected[model.id]);
    });

    /** Direction of all applicable predictions resolved yes: shared if they agree, else the post's net. */
    const allYesSays = (): Direction => {
      const dirs = new Set(ids().map((id) => YES_SAYS[id]!));
      return dirs.size === 1 ? [...dirs][0]! : ALL_YES_NET;
    };

    for (const outcome of ['yes', 'no'] as const) {
      it(`all resolved ${outcome}: ESS above 1% and the risk moves as the post argues`, () => {
        const statuses = new Map<string, Status>(catalog().predictions.map((p) => [p.id, outcome]));
        check(statuses, outcome === 'yes' ? allYesSays() : flip(allYesSays()), `all ${outcome}`);
      }, 300_000);
    }

    it('each prediction resolved either way: ESS above 1% and the risk moves as the post argues', () => {
      for (const id of ids()) {
        for (const outcome of ['yes', 'no'] as const) {
          const says = outcome === 'yes' ? YES_SAYS[id]! : flip(YES_SAYS[id]!);
          check(new Map<string, Status>([[id, outcome]]), says, `prediction ${id} ${outcome}`);
        }
      }
    }, 600_000);
  });
}
