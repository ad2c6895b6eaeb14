// The predictions file: the seven entries of the 2025 post with the author's credences, a
// date, resolution criteria, and a p_yes that compiles against its model and gives a
// probability in every sample.

import { describe, it, expect } from 'vitest';
import { loadCatalog } from '../../src/predictions/catalog.ts';
import { prepare } from '../../src/engine/run.ts';
import { summarize } from '../../src/stats/summary.ts';
import { project } from './helpers.ts';

/** The post's numbered predictions and credences (source 000). */
const AUTHOR: Record<string, number> = { '1': 0.75, '2': 0.75, '3a': 0.8, '3b': 0.5, '4': 0.8, '5': 0.9, '6': 0.7 };

function catalog() {
  const c = loadCatalog(project());
  if (!c.ok) throw new Error(c.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
  return c.value;
}

describe('models/predictions.yaml', () => {
  it('loads with seven entries, ids 1, 2, 3a, 3b, 4, 5, 6, and the author credences', () => {
    const c = catalog();
    expect(c.predictions.map((p) => p.id)).toEqual(Object.keys(AUTHOR).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    for (const p of c.predictions) expect(p.credence, p.id).toBe(AUTHOR[p.id]);
  });

  it('every entry has a statement, a date, resolution criteria and a linked model', () => {
    for (const p of catalog().predictions) {
      expect(p.statement.trim(), p.id).not.toBe('');
      expect(p.stated, p.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(p.criteria.length, p.id).toBeGreaterThan(150);
      expect(p.criteria, p.id).toMatch(/YES/);
      expect(p.criteria, p.id).toMatch(/NO/);
      expect(project().models.has(p.model), p.id).toBe(true);
    }
  });

  it('every p_yes compiles against its model and is a probability in every sample', () => {
    for (const p of catalog().predictions) {
      const prepared = prepare(project(), p.model, { extraEvidence: [{ name: 'p_yes', likelihood: p.pYes }] });
      expect(prepared.ok, `${p.id}: ${p.pYes}`).toBe(true);
      if (!prepared.ok) continue;
      const r = prepared.value.run({ samples: 20_000, seed: 3, evidence: ['p_yes'] });
      const col = r.evidence.find((e) => e.name === 'p_yes')!.likelihood;
      let outside = 0;
      for (const x of col) if (!(x >= 0 && x <= 1)) outside++;
      expect(outside, `${p.id}: p_yes outside [0, 1]`).toBe(0);
      const implied = summarize(col).mean;
      // The model may disagree with the author, but not to the point of certainty either way.
      expect(implied, p.id).toBeGreaterThan(0.05);
      expect(implied, p.id).toBeLessThan(0.99);
    }
  });
});
