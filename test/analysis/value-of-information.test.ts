// Value of information against a two-outcome case computed by hand: a hypothesis h (yes in
// 30% of worlds), an output of 0.9 where h holds and 0.2 where not, and a prediction that
// resolves yes with probability 0.8 where h holds and 0.1 where not.
//
//   P(yes)      = 0.3·0.8 + 0.7·0.1                       = 0.31
//   mean        = 0.3·0.9 + 0.7·0.2                       = 0.41
//   mean if yes = (0.3·0.8·0.9 + 0.7·0.1·0.2) / 0.31      = 0.23 / 0.31 ≈ 0.7419
//   mean if no  = (0.3·0.2·0.9 + 0.7·0.9·0.2) / 0.69      = 0.18 / 0.69 ≈ 0.2609
//   shift       = 0.31·|0.7419 − 0.41| + 0.69·|0.2609 − 0.41| ≈ 0.2058
//
// Given the sample the same formulas hold exactly with the sample share f of h in place of 0.3.

import { afterAll, describe, expect, it } from 'vitest';
import {
  valueOfInformation,
  valueOfInformationForProject,
  type VoiPrediction,
} from '../../src/analysis/value-of-information.ts';
import { cleanup, mean, ok, prepared, projectOf, Z } from './helpers.ts';

afterAll(cleanup);

const MODELS = {
  'linked.yaml':
    'title: Linked\ninputs:\n  h: bernoulli(0.3)\nnodes:\n  y:\n    expr: "h ? 0.9 : 0.2"\n    unit: probability\noutput: y\n',
  'observed.yaml':
    'title: Observed\ninputs:\n  h: bernoulli(0.3)\nnodes:\n  y: "h ? 0.9 : 0.2"\noutput: y\nevidence:\n  seen:\n    likelihood: "h ? 0.6 : 0.3"\n',
  'top.yaml': 'title: Top\nimports:\n  a: linked\nnodes:\n  z: a.y * 0.5 + 0.1\noutput: z\n',
  'both.yaml': 'title: Both\nimports:\n  a: linked\n  b: linked\nnodes:\n  z: (a.y + b.y) / 2\noutput: z\n',
  'other.yaml': 'title: Other\ninputs:\n  q: uniform(0, 1)\noutput: q\n',
};

const PRED: VoiPrediction = { id: 'p1', model: 'linked', pYes: 'h ? 0.8 : 0.1', statement: 'It happens' };

function byHand(f: number) {
  const pYes = 0.8 * f + 0.1 * (1 - f);
  const m = 0.9 * f + 0.2 * (1 - f);
  const mYes = (0.8 * 0.9 * f + 0.1 * 0.2 * (1 - f)) / pYes;
  const mNo = (0.2 * 0.9 * f + 0.9 * 0.2 * (1 - f)) / (1 - pYes);
  return { pYes, m, mYes, mNo, shift: pYes * Math.abs(mYes - m) + (1 - pYes) * Math.abs(mNo - m) };
}

describe('value of information', () => {
  const project = projectOf(MODELS);
  const N = 50_000;

  it('matches the two-outcome case by hand', () => {
    const p = prepared(project, 'linked');
    const r = valueOfInformation(p, [PRED], { samples: N, seed: 4 });
    const f = mean(p.run({ samples: N, seed: 4 }).columns.h!);
    const exact = byHand(f);
    const row = r.rows[0]!;
    expect(row.pYes).toBeCloseTo(exact.pYes, 12);
    expect(row.mean).toBeCloseTo(exact.m, 12);
    expect(row.meanIfYes).toBeCloseTo(exact.mYes, 12);
    expect(row.meanIfNo).toBeCloseTo(exact.mNo, 12);
    expect(row.expectedShift).toBeCloseTo(exact.shift, 12);
    const pop = byHand(0.3);
    expect(pop.pYes).toBeCloseTo(0.31, 12);
    expect(pop.mYes).toBeCloseTo(0.23 / 0.31, 12);
    expect(Math.abs(row.pYes - pop.pYes)).toBeLessThan(Z * row.pYesMcse);
    expect(Math.abs(row.meanIfYes - pop.mYes)).toBeLessThan(Z * row.meanIfYesMcse);
    expect(Math.abs(row.meanIfNo - pop.mNo)).toBeLessThan(Z * row.meanIfNoMcse);
    expect(Math.abs(row.expectedShift - pop.shift)).toBeLessThan(Z * row.shiftMcse);
    expect(row).toMatchObject({
      id: 'p1',
      statement: 'It happens',
      linkedModel: 'linked',
      model: 'linked',
      output: 'y',
      paths: [''],
      outputScale: 'probability',
    });
    expect(row.largestShift).toBeCloseTo(Math.max(Math.abs(exact.mYes - exact.m), Math.abs(exact.mNo - exact.m)), 12);
    // In bits: P(yes)·|lo(m_yes) − lo(m)| + P(no)·|lo(m_no) − lo(m)|, lo(p) = log2(p/(1−p)).
    const lo = (x: number) => Math.log2(x / (1 - x));
    expect(row.expectedShiftBits).toBeCloseTo(
      exact.pYes * Math.abs(lo(exact.mYes) - lo(exact.m)) + (1 - exact.pYes) * Math.abs(lo(exact.mNo) - lo(exact.m)),
      10,
    );
  });

  it('weights by the evidence already applied', () => {
    // Posterior P(h) = 0.3·0.6 / (0.3·0.6 + 0.7·0.3) = 0.18/0.39.
    const r = valueOfInformation(prepared(project, 'observed'), [{ ...PRED, model: 'observed' }], {
      samples: N,
      seed: 6,
    });
    expect(r.evidence).toEqual(['seen']);
    const pop = byHand(0.18 / 0.39);
    const row = r.rows[0]!;
    expect(Math.abs(row.pYes - pop.pYes)).toBeLessThan(Z * row.pYesMcse);
    expect(Math.abs(row.expectedShift - pop.shift)).toBeLessThan(Z * row.shiftMcse);
  });

  it('values a prediction on a model that imports its linked model, with qualified names', () => {
    const linked = valueOfInformation(prepared(project, 'linked'), [PRED], { samples: N, seed: 4 }).rows[0]!;
    const top = valueOfInformation(prepared(project, 'top'), [PRED], { samples: N, seed: 4 }).rows[0]!;
    expect(top.paths).toEqual(['a']);
    expect(top.model).toBe('top');
    // z = 0.5·y + 0.1 on the same samples (the import's streams are keyed by qualified name, so
    // compare through the relationship, not the numbers): shifts scale by 0.5 in expectation.
    expect(Math.abs(top.expectedShift - 0.5 * byHand(0.3).shift)).toBeLessThan(Z * top.shiftMcse);
    expect(Math.abs(top.meanIfYes - (0.5 * byHand(0.3).mYes + 0.1))).toBeLessThan(Z * top.meanIfYesMcse);
    expect(linked.paths).toEqual(['']);
  });

  it('applies a resolution to every copy of a model imported twice', () => {
    const p = prepared(project, 'both');
    const r = valueOfInformation(p, [PRED], { samples: 4000, seed: 2 });
    const row = r.rows[0]!;
    expect(row.paths).toEqual(['a', 'b']);
    const run = p.run({ samples: 4000, seed: 2 });
    const pa = run.columns['a.h']!.map((h) => (h ? 0.8 : 0.1));
    const pb = run.columns['b.h']!.map((h) => (h ? 0.8 : 0.1));
    const yes = pa.reduce((s, x, i) => s + x * pb[i]!, 0);
    const no = pa.reduce((s, x, i) => s + (1 - x) * (1 - pb[i]!), 0);
    expect(row.pYes).toBeCloseTo(yes / (yes + no), 12);
  });

  it('skips predictions the model does not hold, and ranks the rest', () => {
    const preds: VoiPrediction[] = [
      PRED,
      { id: 'weak', model: 'linked', pYes: 'h ? 0.55 : 0.45' },
      { id: 'elsewhere', model: 'other', pYes: 'q' },
    ];
    const r = valueOfInformation(prepared(project, 'top'), preds, { samples: 5000, seed: 1 });
    expect(r.rows.map((x) => x.id)).toEqual(['p1', 'weak']);
    expect(r.skipped).toEqual([
      { id: 'elsewhere', reason: "it links model 'other', which is neither 'top' nor imported by it" },
    ]);
  });

  it('values each prediction on its own linked model across a project', () => {
    const preds: VoiPrediction[] = [
      PRED,
      { id: 'q-high', model: 'other', pYes: 'q' },
      { id: 'gone', model: 'missing', pYes: '0.5' },
    ];
    const r = ok(valueOfInformationForProject(project, preds, { samples: 5000, seed: 1 }));
    expect(r.mode).toBe('linked');
    expect(r.rows.map((x) => `${x.id}@${x.model}`).sort()).toEqual(['p1@linked', 'q-high@other']);
    expect(r.models.map((m) => m.model).sort()).toEqual(['linked', 'other']);
    expect(r.skipped).toEqual([{ id: 'gone', reason: "its model 'missing' is not loaded (see its file)" }]);
    // q resolves yes with probability q: mean if yes = E[q²]/E[q] = 2/3, if no = 1/3, shift = 1/6.
    const q = r.rows.find((x) => x.id === 'q-high')!;
    expect(Math.abs(q.expectedShift - 1 / 6)).toBeLessThan(Z * q.shiftMcse);
  });
});
