// The implied credences are charged for what they run: one run of each model the predictions are
// read in (the overall model, and a linked model it does not import), so the cost grows by
// samples × that model's quantities with all imports copied in, whatever the number of
// predictions. Quantities are counted by hand below, and checked against the graphs the
// analysis itself runs.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobCost } from '../../../src/web/admission/cost.ts';
import { runAnalysis, type Job } from '../../../src/analysis/registry/index.ts';
import type { PredictionRef } from '../../../src/analysis/registry/define.ts';
import type { ImpliedReport } from '../../../src/analysis/implied.ts';
import { loadProject, type Project } from '../../../src/model/project.ts';
import { buildGraph } from '../../../src/model/graph.ts';

const FILES = {
  // 2 quantities
  'a.yaml': 'title: A\ninputs:\n  p: beta(2, 2)\nnodes:\n  r: p * 2\noutput: r\n',
  // 3 quantities
  'b.yaml': 'title: B\ninputs:\n  u: beta(3, 1)\n  v: 2\nnodes:\n  w: u + v\noutput: w\n',
  // 1 of its own + A's 2 + B's 3 = 6: it reaches the most models, so predictions are read in it
  'top.yaml': 'title: Top\nimports:\n  a: a\n  b: b\nnodes:\n  t: a.r + b.w\noutput: t\n',
  // 2 quantities, imported by nobody
  'lone.yaml': 'title: Lone\ninputs:\n  s: beta(1, 1)\nnodes:\n  k: s + 1\noutput: k\n',
};
const SIZE = { a: 2, b: 3, top: 6, lone: 2 };

const prediction = (id: string, model: string, pYes: string): PredictionRef => ({
  id,
  statement: id,
  credence: 0.5,
  model,
  pYes,
});
const onA = prediction('on-a', 'a', 'p');
const onB = prediction('on-b', 'b', 'u');
const onLone = prediction('on-lone', 'lone', 's');

const job = (samples: number, predictions: PredictionRef[], model?: string): Job<'implied'> => ({
  analysis: 'implied',
  request: { samples, seed: 1, ...(model === undefined ? {} : { model }) },
  outside: { evidence: {}, predictions },
});
/** What one more sample costs: the cells per sample the job is charged. */
const perSample = (project: Project, predictions: PredictionRef[], model?: string): number =>
  (jobCost(project, job(20_000, predictions, model)) - jobCost(project, job(10_000, predictions, model))) / 10_000;

let dir: string;
let project: Project;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credence-cost-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  project = loadProject(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the admission cost of the implied credences', () => {
  it('is samples × quantities of the overall model, run once whatever the number of predictions', () => {
    expect(perSample(project, [onA])).toBe(SIZE.top);
    expect(perSample(project, [onA, onB])).toBe(SIZE.top);
    const many = Array.from({ length: 12 }, (_, i) => prediction(`p${i}`, i % 2 ? 'a' : 'b', i % 2 ? 'p' : 'u'));
    expect(jobCost(project, job(10_000, many))).toBe(jobCost(project, job(10_000, [onA])));
  });

  it('adds one run of a linked model the overall model does not import', () => {
    expect(perSample(project, [onA, onLone])).toBe(SIZE.top + SIZE.lone);
  });

  it('with a model named, runs that model, and the linked models outside it', () => {
    expect(perSample(project, [onA], 'a')).toBe(SIZE.a);
    expect(perSample(project, [onA, onB], 'a')).toBe(SIZE.a + SIZE.b);
  });

  it('charges the models the analysis reads its predictions in, with their flattened sizes', () => {
    for (const [predictions, model] of [[[onA, onB, onLone]], [[onA, onB], 'a']] as [PredictionRef[], string?][]) {
      const r = runAnalysis(project, job(1000, predictions, model));
      expect(r.ok).toBe(true);
      const report = (r as { value: ImpliedReport }).value;
      expect(report.predictions.every((p) => p.error === null)).toBe(true);
      const ran = [...new Set(report.predictions.map((p) => p.valuedIn))];
      const sizes = ran.map((id) => {
        const g = buildGraph(project, id);
        return g.ok ? g.value.entities.length : NaN;
      });
      expect(perSample(project, predictions, model)).toBe(sizes.reduce((x, y) => x + y, 0));
    }
  });
});
