// Registry entries that run a model once and report on it: the full run report (`credence run`),
// what a model page shows, one quantity's distribution or samples, the dependency graph, and the
// output under every worldview.

import { summaryReport } from '../report.ts';
import { pageReport, metaOf, unknownQuantity } from '../page-report.ts';
import { nodeDistribution, worldviewsData } from '../distribution.ts';
import { samplesCsv } from '../samples-csv.ts';
import { graphData } from '../graph-data.ts';
import { viewLabel } from '../meta.ts';
import { fields, nameList, resolveRequest, runRequestSchema, type Limits, type RunRequest } from '../request.ts';
import { defineAnalysis, evidenceOf, type Outside } from './define.ts';
import { columns } from './pool.ts';
import { SAMPLES } from './samples.ts';
import type { Project } from '../../model/project.ts';

/** The view a run request asks for, with the outside evidence of its model and the shared pool. */
export function resolveView(project: Project, req: RunRequest, outside: Outside) {
  const r = resolveRequest(project, req, evidenceOf(outside, req.model));
  if (!r.ok) return r;
  return { ok: true as const, value: { ...r.value, options: { ...r.value.options, pool: columns } } };
}

const oneModel = (req: { model: string }) => [req.model];

export const run = defineAnalysis({
  about: 'run a model and summarise every quantity, prior and posterior',
  request: (limits: Limits) =>
    runRequestSchema({ maxSamples: limits.maxSummarySamples ?? limits.maxSamples }, SAMPLES.run.default!),
  predictions: 'none',
  models: oneModel,
  run(project, req, outside) {
    const r = resolveRequest(project, req, evidenceOf(outside, req.model));
    if (!r.ok) return r;
    // Summarised as it runs: no column kept, at any sample count (the engine's executors may
    // share the segments between threads; the numbers are the same).
    return { ok: true, value: summaryReport(r.value.prepared.summarize(r.value.options)) };
  },
});

const withNode = (limits: Limits, samples: number) => runRequestSchema(limits, samples).extend({ node: fields.node });

export const summary = defineAnalysis({
  about: "what a model page shows: the inputs', the output's and a chosen quantity's summaries",
  request: (limits: Limits) => withNode(limits, SAMPLES.summary.default!),
  predictions: 'none',
  models: oneModel,
  run(project, req, outside) {
    const r = resolveView(project, req, outside);
    if (!r.ok) return r;
    return pageReport(r.value.prepared, r.value.options, req.node);
  },
});

export const distribution = defineAnalysis({
  about: "one quantity's histogram, CDF and summaries, prior and posterior",
  request: (limits: Limits) => withNode(limits, SAMPLES.distribution.default!),
  predictions: 'none',
  models: oneModel,
  run(project, req, outside) {
    const r = resolveView(project, req, outside);
    if (!r.ok) return r;
    const { prepared, options } = r.value;
    const node = req.node ?? prepared.graph.output;
    if (!prepared.graph.byName.has(node)) return unknownQuantity(prepared, node);
    const result = prepared.run({ ...options, only: [node] });
    const value = nodeDistribution(result, node, metaOf(prepared, node));
    result.release();
    return { ok: true, value };
  },
});

export const samples = defineAnalysis({
  about: "one quantity's samples as CSV, with their evidence weights",
  request: (limits: Limits) => withNode(limits, SAMPLES.samples.default!),
  predictions: 'none',
  models: oneModel,
  run(project, req, outside) {
    const r = resolveView(project, req, outside);
    if (!r.ok) return r;
    const { prepared, options } = r.value;
    const node = req.node ?? prepared.graph.output;
    if (!prepared.graph.byName.has(node)) return unknownQuantity(prepared, node);
    // One column (and the weights) is all the file holds: compute only what it reads.
    const result = prepared.run({ ...options, only: [node] });
    const csv = samplesCsv(node, result.columns[node]!, result.weights);
    result.release();
    return { ok: true, value: csv };
  },
});

export const graph = defineAnalysis({
  about: 'the dependency graph of a model, imports shown as one node each',
  request: (limits: Limits) => runRequestSchema(limits, SAMPLES.graph.default!),
  predictions: 'none',
  models: oneModel,
  run(project, req, outside) {
    const r = resolveView(project, req, outside);
    if (!r.ok) return r;
    return { ok: true, value: graphData(r.value.prepared.graph, { titleOf: (id) => project.models.get(id)?.title }) };
  },
});

export const worldviews = defineAnalysis({
  about: "the output's distribution under each scenario, on one set of bins",
  request: (limits: Limits) =>
    runRequestSchema(limits, SAMPLES.worldviews.default!)
      .omit({ scenario: true })
      .extend({
        scenarios: nameList(
          "Scenarios to compare, comma-separated; 'default' for the model as written (default: all).",
        ).optional(),
      }),
  predictions: 'none',
  models: oneModel,
  run(project, req, outside) {
    const model = project.models.get(req.model);
    if (!model) return { ok: false, errors: [{ code: 'unknown-model', message: `there is no model '${req.model}'` }] };
    const names = req.scenarios ?? ['default', ...Object.keys(model.scenarios)];
    const runs = [];
    let meta = { label: null as string | null, unit: null as string | null };
    for (const name of names) {
      const scenario = name === 'default' ? null : name;
      const r = resolveView(project, { ...req, scenario }, outside);
      if (!r.ok) return r;
      // The chart shows the output alone: each run computes only what the output reads.
      const result = r.value.prepared.run({ ...r.value.options, only: [model.output] });
      runs.push({ scenario, label: viewLabel(model, scenario), result });
      meta = metaOf(r.value.prepared, result.output);
    }
    if (runs.length === 0)
      return {
        ok: false,
        errors: [{ code: 'invalid-request', file: 'scenarios', message: 'scenarios: name at least one' }],
      };
    const data = worldviewsData(runs, runs[0]!.result.output, meta);
    for (const r of runs) r.result.release();
    return { ok: true, value: data };
  },
});
