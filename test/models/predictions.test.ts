// The predictions file: the seven entries of the 2025 post with the author's credences, a
// date, resolution criteria, what a yes says about P(scheming) and why, and a p_yes that
// compiles against its model and gives a probability in every sample. The author's credences
// are for the experiments and the claims are held at least as firmly (000, the note after
// Prediction 1), so each linked model's claim is at least as likely as its p_yes, and the
// model's credence for the experiment stays near the author's.

import { describe, it, expect } from 'vitest';
import { prepare } from '../../src/engine/run.ts';
import { summarize } from '../../src/stats/summary.ts';
import { project } from './helpers.ts';
import { catalogOf } from './resolution-cases.ts';

/** The post's numbered predictions and credences (source 000). */
const AUTHOR: Record<string, number> = { '1': 0.75, '2': 0.75, '3a': 0.8, '3b': 0.5, '4': 0.8, '5': 0.9, '6': 0.7 };

/** What a yes says about P(scheming), as the post argues (000): only Prediction 1's yes is bad news. */
const YES_MEANS: Record<string, 'lower' | 'higher'> = {
  '1': 'higher',
  '2': 'lower',
  '3a': 'lower',
  '3b': 'lower',
  '4': 'lower',
  '5': 'lower',
  '6': 'lower',
};

/** The node of each linked model that is 1 where the prediction's top-level claim holds. */
const CLAIM: Record<string, string> = {
  '1': 'grpo_keeps_schemer',
  '2': 'claim_2',
  '3a': 'legible_now',
  '3b': 'r1_like',
  '4': 'claim_4',
  '5': 'claim_5',
  '6': 'claim_6',
};

/**
 * How far the model's credence for an experiment may sit from the author's: the claims are
 * derived from the credences with each experiment's mean failure rates, and measurement blur
 * and the shared harshness of the experiments move the experiment by a few points either way
 * (by hand: a blur that halves the chance of a yes for claims within 10% of their threshold,
 * on about a tenth of the samples, moves it by about 5 points).
 */
const CREDENCE_TOLERANCE = 0.06;

const catalog = () => catalogOf(project());

describe('models/predictions.yaml', () => {
  it('loads with seven entries, ids 1, 2, 3a, 3b, 4, 5, 6, and the author credences', () => {
    const c = catalog();
    expect(c.predictions.map((p) => p.id)).toEqual(Object.keys(AUTHOR).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    for (const p of c.predictions) expect(p.credence, p.id).toBe(AUTHOR[p.id]);
  });

  it('every entry has a statement, a date, resolution criteria, a linked model and a direction with its reason', () => {
    for (const p of catalog().predictions) {
      expect(p.statement.trim(), p.id).not.toBe('');
      expect(p.stated, p.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.criteria.length, p.id).toBeGreaterThan(150);
      expect(p.criteria, p.id).toMatch(/YES/);
      expect(p.criteria, p.id).toMatch(/NO/);
      expect(project().models.has(p.model), p.id).toBe(true);
      expect(p.yesMeans, p.id).toBe(YES_MEANS[p.id]);
      expect(p.yesMeansBecause?.trim().length ?? 0, p.id).toBeGreaterThan(80);
    }
  });

  it('every p_yes is a probability in every sample; its claim is at least as likely; its mean is near the author’s', () => {
    for (const p of catalog().predictions) {
      const prepared = prepare(project(), p.model, { probes: [{ name: 'p_yes', text: p.pYes }] });
      expect(prepared.ok, `${p.id}: ${p.pYes}`).toBe(true);
      if (!prepared.ok) continue;
      const r = prepared.value.run({ samples: 20_000, seed: 3 });
      const col = r.columns.p_yes!;
      let outside = 0;
      for (const x of col) if (!(x > 0 && x < 1)) outside++;
      expect(outside, `${p.id}: p_yes outside (0, 1)`).toBe(0);
      const implied = summarize(col);
      const claim = summarize(r.columns[CLAIM[p.id]!]!);
      expect(claim.mean + 3 * claim.mcse, `${p.id}: claim ${claim.mean} vs experiment ${implied.mean}`).toBeGreaterThanOrEqual(
        implied.mean - 3 * implied.mcse,
      );
      expect(Math.abs(implied.mean - p.credence), `${p.id}: model ${implied.mean} vs author ${p.credence}`).toBeLessThanOrEqual(
        CREDENCE_TOLERANCE + 5 * implied.mcse,
      );
    }
  });
});
