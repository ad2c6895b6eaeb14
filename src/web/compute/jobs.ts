// The computations behind the web app's pages and API, as plain-data jobs: each names a model,
// a run request and what to compute from it, and returns plain data (or located errors). The
// same function runs in a worker thread or in-process; results are cached by the caller.

import { runReport, LOW_ESS_SHARE, type RunReport } from '../../analysis/report.ts';
import { summarize, effectiveSampleSize } from '../../stats/summary.ts';
import type { RunResult } from '../../engine/run.ts';
import { ColumnPool } from '../../engine/column-pool.ts';
import { resolveRequest, type RunRequest } from '../../analysis/request.ts';
import {
  nodeDistribution,
  worldviewsData,
  type NodeDistribution,
  type WorldviewsData,
} from '../../analysis/distribution.ts';
import { graphData, type GraphData } from '../../analysis/graph-data.ts';
import { runAnalysis, type AnalysisJob } from './analyses.ts';
import type { ExtraEvidence } from '../../model/graph.ts';
import type { CredenceError } from '../../model/errors.ts';
import type { Project } from '../../model/project.ts';
import type { Entity } from '../../model/graph.ts';

interface Base {
  model: string;
  request: RunRequest;
  /** Evidence from resolved predictions, applied unless the request's evidence is 'none'. */
  extra: ExtraEvidence[];
}

export type Job =
  /**
   * `brief`: summarise only what a page shows (inputs, the output and the chosen node, the
   * posterior of those two), not every node of the report; the API's run is never brief.
   */
  | (Base & { kind: 'run'; node: string | null; brief?: boolean })
  /** The run report alone (every quantity, prior and posterior), as `credence run --json` prints it. */
  | (Base & { kind: 'report' })
  | (Base & { kind: 'samples'; node: string })
  | (Base & { kind: 'worldviews'; scenarios: (string | null)[] })
  | (Base & { kind: 'graph' })
  | (Base & AnalysisJob);

export interface InputInfo {
  name: string;
  label: string | null;
  unit: string | null;
  note: string | null;
  /** The distribution in force: the override's text when one applies, else the file's. */
  dist: string;
  /** The file's distribution text, before scenario or what-if overrides. */
  original: string;
  override: string | null;
  model: string;
}

export interface RunOutput {
  report: RunReport;
  warnings: string[];
  distribution: NodeDistribution;
  inputs: InputInfo[];
  evidence: { name: string; applied: boolean; note: string | null; text: string }[];
  applied: string[];
  /** Every quantity of the run, for choosing which one to show. */
  names: string[];
}

/** An analysis's JSON (the CLI's shape) with what its chart needs besides: units and view labels. */
export interface AnalysisOutput<R = unknown> {
  result: R;
  units: Record<string, string | null>;
  labels: { from?: string; to?: string } | null;
}

export type JobResult<T = unknown> = { ok: true; value: T } | { ok: false; errors: CredenceError[] };

function inputInfo(e: Entity): InputInfo {
  return {
    name: e.name,
    label: e.quantity.label,
    unit: e.quantity.unit,
    note: e.quantity.note,
    dist: e.override ?? e.quantity.text,
    original: e.quantity.text,
    override: e.override,
    model: e.modelId,
  };
}

/**
 * The columns of the runs below, reused from one job to the next: these jobs reduce each run to
 * plain data and release it before they return.
 */
const pool = new ColumnPool();

/** Run one job against a project. Throws only for bugs; model problems come back as errors. */
export function runJob(project: Project, job: Job): JobResult {
  const resolved = resolveRequest(project, job.model, job.request, job.extra);
  if (!resolved.ok) return resolved;
  const { prepared } = resolved.value;
  const options = { ...resolved.value.options, pool };
  const graph = prepared.graph;
  const metaOf = (name: string) => {
    const q = graph.byName.get(name)?.quantity;
    return { label: q?.label ?? null, unit: q?.unit ?? null };
  };
  const unknownNode = (node: string): JobResult => ({
    ok: false,
    errors: [{ code: 'unknown-name', message: `model '${job.model}' has no quantity '${node}'` }],
  });
  switch (job.kind) {
    case 'run': {
      const node = job.node ?? graph.output;
      if (!graph.byName.has(node)) return unknownNode(node);
      // A page shows the output, one chosen node and the model's own inputs: its run computes
      // only what those read (imported inputs that do not reach the output are left out).
      const own = graph.entities.filter((e) => e.kind === 'input' && e.name === e.local).map((e) => e.name);
      const result = prepared.run(job.brief ? { ...options, only: [graph.output, node, ...own] } : options);
      const { report, warnings } = job.brief
        ? briefReport(
            result,
            graph.entities.filter((e) => e.kind === 'input').map((e) => e.name),
            node,
          )
        : runReport(result);
      const out: RunOutput = {
        report,
        warnings,
        distribution: nodeDistribution(result, node, metaOf(node)),
        inputs: graph.entities.filter((e) => e.kind === 'input').map(inputInfo),
        evidence: prepared.evidence,
        applied: result.evidence.map((e) => e.name),
        names: graph.entities.map((e) => e.name),
      };
      result.release();
      return { ok: true, value: out };
    }
    case 'report': {
      const result = prepared.run(options);
      const out = runReport(result);
      result.release();
      return { ok: true, value: out };
    }
    case 'samples': {
      if (!graph.byName.has(job.node)) return unknownNode(job.node);
      // One column (and the weights) is all the file holds: compute only what it reads.
      const result = prepared.run({ ...options, only: [job.node] });
      const csv = samplesCsv(job.node, result.columns[job.node]!, result.weights);
      result.release();
      return { ok: true, value: csv };
    }
    case 'worldviews': {
      const runs = [];
      for (const scenario of job.scenarios) {
        const r = resolveRequest(project, job.model, { ...job.request, scenario }, job.extra);
        if (!r.ok) return r;
        const s = scenario === null ? null : graph.model.scenarios[scenario];
        // The chart shows the output alone: each run computes only what the output reads.
        runs.push({
          scenario,
          label: s ? (s.label ?? s.name) : 'The model as written',
          result: r.value.prepared.run({ ...r.value.options, pool, only: [graph.output] }),
        });
      }
      const data: WorldviewsData = worldviewsData(runs, graph.output, metaOf(graph.output));
      for (const r of runs) r.result.release();
      return { ok: true, value: data };
    }
    case 'graph': {
      const data: GraphData = graphData(graph, { titleOf: (id) => project.models.get(id)?.title });
      return { ok: true, value: data };
    }
    default: {
      const r = runAnalysis(project, job.model, prepared, options, job);
      if (!r.ok) return r;
      const units: Record<string, string | null> = {};
      for (const e of graph.entities) units[e.name] = e.quantity.unit;
      const label = (side: { scenario: string | null }) => {
        const s = side.scenario === null ? null : graph.model.scenarios[side.scenario];
        return s ? (s.label ?? s.name) : side.scenario === null ? 'the model as written' : side.scenario;
      };
      const labels = job.kind === 'crux' ? { from: label(job.from), to: label(job.to) } : null;
      const out: AnalysisOutput = { result: r.value, units, labels };
      return { ok: true, value: out };
    }
  }
}

/** The run report restricted to the inputs, the output and one node (a page's needs). */
function briefReport(result: RunResult, inputs: string[], node: string): { report: RunReport; warnings: string[] } {
  const warnings = result.warnings.map((w) => `${w.node}: ${w.message}`);
  const shown = new Set([...inputs, result.output, node]);
  const nodes: RunReport['nodes'] = {};
  for (const [name, col] of Object.entries(result.columns)) {
    if (shown.has(name)) {
      const { bad, ...stats } = summarize(col);
      nodes[name] = stats;
      if (bad > 0)
        warnings.push(
          `${name}: ${bad} of ${result.samples} samples are NaN or infinite; its statistics use the other ${result.samples - bad}`,
        );
    } else {
      let bad = 0;
      for (let i = 0; i < col.length; i++) if (col[i]! - col[i]! !== 0) bad++;
      if (bad > 0)
        warnings.push(
          `${name}: ${bad} of ${result.samples} samples are NaN or infinite; its statistics use the other ${result.samples - bad}`,
        );
    }
  }
  let posterior: RunReport['posterior'] = null;
  let ess: number | null = null;
  if (result.weights) {
    posterior = {};
    for (const name of new Set([result.output, node])) {
      // A quantity the evidence cannot inform has its prior as posterior (RunResult.weightsOf).
      const { bad: _b, ...stats } = summarize(result.columns[name]!, result.weightsOf(name));
      posterior[name] = stats;
    }
    ess = effectiveSampleSize(result.weights);
    if (ess < LOW_ESS_SHARE * result.samples) {
      warnings.push(
        `evidence: the effective sample size is ${ess.toFixed(1)}, below 1% of the ${result.samples} samples; the posterior is unreliable (use more samples or check the likelihoods)`,
      );
    }
  }
  const { model, samples, seed, scenario, output } = result;
  return { report: { model, samples, seed, scenario, output, nodes, posterior, ess }, warnings };
}

/** One row per sample: the sample's index, the node's value and, with evidence, its weight. */
export function samplesCsv(node: string, col: Float64Array, weights: Float64Array | null): string {
  const parts: string[] = [weights ? `sample,${node},weight\n` : `sample,${node}\n`];
  for (let i = 0; i < col.length; i++) {
    parts.push(weights ? `${i},${col[i]},${weights[i]}\n` : `${i},${col[i]}\n`);
  }
  return parts.join('');
}
