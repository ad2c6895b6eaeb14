// Every shipped model file loads, checks (provenance included, as `credence check` does), runs
// under its default and every scenario without NaN or warnings, and documents itself: title,
// description, sources, and a label, a note and a basis for every input (a unit where one
// applies is a review matter, not a test).

import { readdirSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { checkFolder } from '../../src/model/check.ts';
import { checkPlans } from '../../src/engine/check.ts';
import { checkProvenance, countProvenance } from '../../src/model/provenance.ts';
import { prepare } from '../../src/engine/run.ts';
import { MODELS_DIR, project } from './helpers.ts';

const files = readdirSync(MODELS_DIR)
  .filter((f) => f.endsWith('.yaml') && f !== 'predictions.yaml')
  .sort();
const ids = files.map((f) => f.replace(/\.yaml$/, ''));

/** The eight shipped models, by id. */
const EXPECTED = [
  'carlsmith-conjunctive',
  'counting-argument',
  'evidence-2025',
  'iterative-chain',
  'p-scheming',
  'reasoning-models-2025',
  'selection-bits',
  'speed-costs',
];

describe('shipped model files', () => {
  it('include the eight models of the arguments map', () => {
    for (const id of EXPECTED) expect(ids).toContain(id);
  });

  it('load and check with no problems (as `credence check` does)', () => {
    const { errors } = checkFolder(MODELS_DIR, [checkProvenance, checkPlans]);
    expect(errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`)).toEqual([]);
    for (const id of ids) expect(project().models.has(id), id).toBe(true);
  });

  for (const id of ids) {
    describe(id, () => {
      it('has a title, a description, sources, and a label and a note for every input', () => {
        const m = project().models.get(id)!;
        expect(m.title.trim()).not.toBe('');
        expect(m.description.trim().length).toBeGreaterThan(200);
        expect(m.description).toMatch(/Left out|leaves out/);
        expect(m.sources.length).toBeGreaterThan(0);
        for (const s of m.sources) expect(s).toMatch(/^00[012]\b/);
        for (const q of Object.values(m.inputs)) {
          expect(q.label?.trim(), `${id}: label of input '${q.name}'`).toBeTruthy();
          expect(q.note?.trim(), `${id}: note of input '${q.name}'`).toBeTruthy();
          expect(q.basis, `${id}: basis of input '${q.name}'`).not.toBeNull();
          // A source's figure names the document (000, 001 or 002) and the passage.
          if (q.basis === 'source') expect(q.from, `${id}: from of input '${q.name}'`).toMatch(/^00[012]\b.{10,}/);
        }
        expect(countProvenance(Object.values(m.inputs)).undeclared).toBe(0);
        for (const s of Object.values(m.scenarios)) {
          expect(s.label?.trim(), `${id}: label of scenario '${s.name}'`).toBeTruthy();
          expect(s.note?.trim(), `${id}: note of scenario '${s.name}'`).toBeTruthy();
          expect(s.sources.length, `${id}: sources of scenario '${s.name}'`).toBeGreaterThan(0);
        }
      });

      it('runs under its default and every scenario with no NaN and no warnings', () => {
        const m = project().models.get(id)!;
        for (const scenario of [null, ...Object.keys(m.scenarios)]) {
          const p = prepare(project(), id, { scenario });
          expect(p.ok, `${id} ${scenario}`).toBe(true);
          if (!p.ok) continue;
          const r = p.value.run({ samples: 20_000, seed: 7 });
          expect(r.warnings, `${id} ${scenario}`).toEqual([]);
          for (const [name, col] of Object.entries(r.columns)) {
            let bad = 0;
            for (const x of col) if (!Number.isFinite(x)) bad++;
            expect(bad, `${id} (${scenario ?? 'default'}): non-finite samples in '${name}'`).toBe(0);
          }
          if (r.weights) {
            let positive = 0;
            for (const w of r.weights) if (w > 0) positive++;
            expect(positive, `${id} (${scenario ?? 'default'}): samples with weight`).toBeGreaterThan(r.samples / 2);
          }
        }
      });
    });
  }
});
