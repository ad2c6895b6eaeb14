// Registry entries that run a model once and report on it: the full run report (`credence run`),
// what a model page shows, one quantity's distribution or samples, the dependency graph, and the
// output under every worldview.

import { summaryReport } from '../report.ts';
import { pageReport, metaOf, unknownQuantity } from '../page-report.ts';
import { nodeDistribution, worldviewsData } from '../distribution.ts';
import { samplesCsv } from '../samples-csv.ts';
import { graphData } from '../graph-data.ts';
import { GRAPH_NODES } from '../graph-neighbourhood.ts';
import { viewLabel } from '../meta.ts';
import { fields, nameList, resolveRequest, runRequestSchema, type Limits, type ResolvedRequest } from '../request.ts';
import { defineAnalysis, evidenceOf } from './define.ts';
import { viewAnalysis, resolveView, oneModel } from './view-analysis.ts';
import { SAMPLES } from './samples.ts';
import type { Result } from '../../model/errors.ts';
import type { RunResult } from '../../engine/run.ts';

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

export const summary = viewAnalysis({
  about: "what a model page shows: the inputs', the output's and a chosen quantity's summaries",
  request: (limits: Limits) => withNode(limits, SAMPLES.summary.default!),
  analyse: ({ prepared, options }, req) => pageReport(prepared, options, req.node),
});

/** Run only what one quantity (the request's node, else the output) reads, and read its column. */
function oneQuantity<R>(
  { prepared, options }: ResolvedRequest,
  req: { node?: string },
  read: (r: RunResult, node: string) => R,
): Result<R> {
  const node = req.node ?? prepared.graph.output;
  if (!prepared.graph.byName.has(node)) return unknownQuantity(prepared, node);
  const result = prepared.run({ ...options, only: [node] });
  const value = read(result, node);
  result.release();
  return { ok: true, value };
}

export const distribution = viewAnalysis({
  about: "one quantity's histogram, CDF and summaries, prior and posterior",
  request: (limits: Limits) => withNode(limits, SAMPLES.distribution.default!),
  analyse: (view, req) =>
    oneQuantity(view, req, (result, node) => nodeDistribution(result, node, metaOf(view.prepared, node))),
});

export const samples = viewAnalysis({
  about: "one quantity's samples as CSV, with their evidence weights",
  request: (limits: Limits) => withNode(limits, SAMPLES.samples.default!),
  // One column (and the weights) is all the file holds: compute only what it reads.
  analyse: (view, req) =>
    oneQuantity(view, req, (result, node) => samplesCsv(node, result.columns[node]!, result.weights)),
});

export const graph = viewAnalysis({
  about: `the dependency graph of a model, imports shown as one node each; past ${GRAPH_NODES} nodes, those nearest the output (or node)`,
  request: (limits: Limits) => withNode(limits, SAMPLES.graph.default!),
  analyse: ({ prepared }, req, project) => {
    if (req.node !== undefined && !prepared.graph.byName.has(req.node)) return unknownQuantity(prepared, req.node);
    const titleOf = (id: string) => project.models.get(id)?.title;
    return { ok: true, value: graphData(prepared.graph, { titleOf, focus: req.node }) };
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
