// Which computation feeds each chart, so a chart's standalone SVG and its panel on the page
// draw the same data.

import type { Job, RunOutput, AnalysisOutput } from './compute/jobs.ts';
import type { Method } from './compute/analyses.ts';
import type { RunRequest } from '../analysis/request.ts';
import type { ExtraEvidence } from '../model/graph.ts';
import type { Model } from '../model/load.ts';

export interface ChartJobContext {
  model: Model;
  request: RunRequest;
  extra: ExtraEvidence[];
  node: string | null;
  inputs: string[] | null;
  from: string | null;
  to: string | null;
  threshold: number | null;
}

export interface ChartJob {
  job(c: ChartJobContext): Job;
  data(value: unknown): unknown;
}

const run: ChartJob = {
  job: (c) => ({ kind: 'run', model: c.model.id, request: c.request, extra: c.extra, node: c.node, brief: true }),
  data: (v) => (v as RunOutput).distribution,
};
/** What an analysis chart draws: the analysis's JSON with the units and view labels. */
export function analysisChartData(v: unknown): unknown {
  const a = v as AnalysisOutput<object>;
  return { ...a.result, units: a.units, ...(a.labels ? { labels: a.labels } : {}) };
}

const analysis = (method: Method): ChartJob => ({
  job: (c) => ({
    kind: 'sensitivity',
    method,
    model: c.model.id,
    request: c.request,
    extra: c.extra,
    inputs: c.inputs,
    threshold: c.threshold,
  }),
  data: analysisChartData,
});

/** Charts by name (the chart registry's names). */
export const CHART_JOBS: Record<string, ChartJob> = {
  distribution: run,
  cdf: run,
  tornado: analysis('tornado'),
  sweep: analysis('sweep'),
  heatmap: analysis('grid'),
  importance: analysis('importance'),
  sobol: analysis('sobol'),
  threshold: analysis('threshold'),
  crux: {
    job: (c) => ({
      kind: 'crux',
      model: c.model.id,
      request: { ...c.request, scenario: null, set: {} },
      extra: c.extra,
      from: { scenario: c.from || null, set: {} },
      to: { scenario: (c.to ?? Object.keys(c.model.scenarios)[0]) || null, set: c.request.set },
    }),
    data: analysisChartData,
  },
  graph: { job: (c) => ({ kind: 'graph', model: c.model.id, request: c.request, extra: c.extra }), data: (v) => v },
  worldviews: {
    job: (c) => ({
      kind: 'worldviews',
      model: c.model.id,
      request: c.request,
      extra: c.extra,
      scenarios: [null, ...Object.keys(c.model.scenarios)],
    }),
    data: (v) => v,
  },
};
