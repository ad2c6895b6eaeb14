// Chart test data computed by the real analysis functions on a small project (an imported
// model, a probability output, a heavy-tailed input, a scenario and evidence), so the charts are
// tested against the shapes the API returns. Reading the rendered SVG back is svg-reading.ts.

import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, type Project } from '../../../src/model/project.ts';
import { prepare, type Prepared } from '../../../src/engine/run.ts';
import { nodeDistribution, worldviewsData } from '../../../src/analysis/distribution.ts';
import { graphData } from '../../../src/analysis/graph-data.ts';
import { tornado } from '../../../src/analysis/tornado.ts';
import { sweep } from '../../../src/analysis/sweep.ts';
import { grid } from '../../../src/analysis/grid.ts';
import { sobol } from '../../../src/analysis/sobol.ts';
import { crux } from '../../../src/analysis/crux.ts';
import { valueOfInformation } from '../../../src/analysis/value-of-information.ts';
import { importance } from '../../../src/analysis/importance.ts';
import { threshold } from '../../../src/analysis/threshold.ts';
import { calibration } from '../../../src/predictions/calibration.ts';
import { aggregateSeries, forecasterSeries } from '../../../src/predictions/credence-history.ts';
import type { ForecastEvent } from '../../../src/predictions/history.ts';
import { summarize, effectiveSampleSize } from '../../../src/stats/summary.ts';
import type { ChartData } from '../../../src/web/charts/index.ts';
import type { Result } from '../../../src/model/errors.ts';

export const FILES: Record<string, string> = {
  'child.yaml': `title: Child model
inputs:
  k:
    label: Strength of k
    unit: bits
    dist: uniform(0.5, 1.5)
nodes:
  boost: k * 2
output: boost
`,
  'main.yaml': `title: Main model
imports:
  c: child
inputs:
  a:
    label: Chance a
    unit: probability
    dist: beta(2, 5)
  b:
    label: Size of b
    unit: units
    dist: ci90(1, 1000)
  w:
    label: Weight w
    unit: share
    dist: uniform(0.2, 0.8)
nodes:
  mid: a * c.boost / 3
  out:
    expr: mid * w + (1 - w) * a
    label: P(outcome)
    unit: probability
  scaled_b: b * 2
output: out
scenarios:
  low:
    label: Low view
    set:
      a: beta(1, 9)
      w: 0.3
evidence:
  obs:
    likelihood: a
`,
};

let dir: string | null = null;

export function project(): Project {
  dir ??= (() => {
    const d = join(mkdtempSync(join(tmpdir(), 'credence-charts-')), 'models');
    mkdirSync(d, { recursive: true });
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(d, name), text);
    return d;
  })();
  return loadProject(dir);
}

export function cleanup(): void {
  if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
  dir = null;
}

export function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

export function prepared(scenario: string | null = null): Prepared {
  return ok(prepare(project(), 'main', { scenario }));
}

function metaOf(p: Prepared, name: string) {
  const q = p.graph.byName.get(name)!.quantity;
  return { label: q.label, unit: q.unit };
}

const RUN = { samples: 4000, seed: 7 };

let computed: ChartData | null = null;

/**
 * One data set per chart, from the analysis functions. Computed once per process and shared by
 * the chart test files (the same seeds give the same data; tests copy what they change).
 */
export function chartData(): ChartData {
  computed ??= computeChartData();
  return computed;
}

function computeChartData(): ChartData {
  const p = prepared();
  const withEvidence = p.run({ ...RUN, evidence: 'default' });
  const runs = [null, 'low'].map((s) => ({
    scenario: s,
    label: s ?? 'Default',
    result: prepared(s).run({ ...RUN, evidence: 'default' }),
  }));
  const pts = [0.05, 0.12, 0.3, 0.35, 0.5, 0.7, 0.72, 0.9, 0.95, 0.97].map((credence, i) => ({
    credence,
    yes: i % 3 !== 0,
  }));
  return {
    distribution: nodeDistribution(withEvidence, 'out', metaOf(p, 'out')),
    cdf: nodeDistribution(withEvidence, 'out', metaOf(p, 'out')),
    worldviews: worldviewsData(runs, 'out', metaOf(p, 'out')),
    tornado: ok(tornado(p, RUN)),
    sobol: ok(sobol(p, { samples: 512, seed: 7, bootstrap: 50 })),
    sweep: ok(sweep(p, RUN)),
    heatmap: ok(grid(p, { ...RUN, samples: 500, inputs: ['a', 'w'] })),
    crux: ok(crux(project(), 'main', { scenario: null }, { scenario: 'low' }, RUN)),
    graph: graphData(p.graph, { titleOf: (id) => project().models.get(id)?.title }),
    calibration: calibration(pts),
    importance: ok(importance(p, RUN)),
    threshold: ok(threshold(p, { ...RUN, samples: 1000, threshold: 0.25 })),
    voi: valueOfInformation(
      p,
      [
        { id: 'p1', model: 'main', pYes: 'a', statement: 'A comes out' },
        { id: 'p2', model: 'main', pYes: 'w', statement: 'W comes out' },
      ],
      RUN,
    ),
    timeline: timelineOf(p),
    credence: credenceOf(p),
  };
}

/** The output before evidence and after it, as two steps of a resolution timeline. */
function timelineOf(p: Prepared): ChartData['timeline'] {
  const step = (evidence: 'none' | 'default', i: number) => {
    const r = p.run({ ...RUN, evidence });
    const s = summarize(r.columns.out!, r.weights);
    return {
      label: i === 0 ? 'Start' : 'p1: yes',
      detail: i === 0 ? 'Before any resolution' : 'After p1 resolved yes',
      count: i,
      mean: s.mean,
      p5: s.p5,
      p95: s.p95,
      ess: r.weights ? effectiveSampleSize(r.weights) : null,
      href: i === 0 ? null : '/predictions/p1',
    };
  };
  return { output: 'P(outcome)', unit: 'probability', ...RUN, points: [step('none', 0), step('default', 1)] };
}

/** Two forecasters over four days and the model's p_yes (input `a`) before and after evidence. */
function credenceOf(p: Prepared): ChartData['credence'] {
  const forecast = (id: number, forecaster: string, credence: number, at: string): ForecastEvent => ({
    id,
    predictionId: 'p2',
    forecaster,
    credence,
    note: null,
    predictionVersion: 0,
    via: 'web',
    at,
  });
  const state = {
    forecasts: [
      forecast(1, 'alice', 0.2, '2026-03-01T10:00:00.000Z'),
      forecast(2, 'bob', 0.6, '2026-03-02T09:00:00.000Z'),
      forecast(3, 'alice', 0.45, '2026-03-03T12:00:00.000Z'),
    ],
  };
  const implied = (evidence: 'none' | 'default', at: string | null, count: number, detail: string) => {
    const r = p.run({ ...RUN, evidence });
    const s = summarize(r.columns.a!, r.weights);
    return { at, count, detail, implied: s.mean, mcse: s.mcse, ess: r.weights ? effectiveSampleSize(r.weights) : null };
  };
  return {
    id: 'p2',
    from: '2026-02-28T12:00:00.000Z',
    to: '2026-03-04T12:00:00.000Z',
    author: { credence: 0.7, stated: '2025-11-20' },
    forecasters: forecasterSeries(state),
    aggregate: aggregateSeries(state),
    model: { id: 'main', ...RUN },
    implied: [
      implied('none', null, 0, 'Before any resolution'),
      implied('default', '2026-03-02T18:00:00.000Z', 1, 'Prediction p1 resolved yes'),
    ],
    resolutions: [{ at: '2026-03-04T00:00:00.000Z', outcome: 'yes' }],
  };
}
