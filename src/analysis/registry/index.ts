// The registry of analyses: every computation the CLI, the JSON API, the pages and the charts
// offer, by name, each with its request schema, its result type and its function. A job names
// an analysis and carries its parsed request and what it needs from outside the model files, as
// plain data, so it can run in a worker thread; `runAnalysis` is the one place jobs are run.

import * as z from 'zod';
import { run, summary, distribution, samples, graph, worldviews } from './model-views.ts';
import { tornado, sweep, grid, importance, sobol, threshold } from './sensitivity.ts';
import { crux, voi, implied } from './comparisons.ts';
import { firstIssue, type Limits } from '../request.ts';
import type { Analysis, Outside, PredictionRef } from './define.ts';
import type { AnalysisName } from './names.ts';
import type { Project } from '../../model/project.ts';
import type { Result } from '../../model/errors.ts';

export const ANALYSES = {
  run,
  summary,
  distribution,
  samples,
  graph,
  worldviews,
  tornado,
  sweep,
  grid,
  importance,
  sobol,
  threshold,
  crux,
  voi,
  implied,
} satisfies Record<AnalysisName, unknown>;

export type Analyses = typeof ANALYSES;

type SchemaOf<N extends AnalysisName> = ReturnType<Analyses[N]['request']>;
/** A parsed request: every default filled in. */
export type RequestOf<N extends AnalysisName> = z.output<SchemaOf<N>>;
/** A request as typed (command-line options, query parameters): text, before parsing. */
export type RawRequestOf<N extends AnalysisName> = z.input<SchemaOf<N>>;
export type ResultOf<N extends AnalysisName> = ReturnType<Analyses[N]['run']> extends Result<infer R> ? R : never;

/** One computation: an analysis, its parsed request, and what it reads from outside the files. */
export interface Job<N extends AnalysisName = AnalysisName> {
  analysis: N;
  request: RequestOf<N>;
  outside: Outside;
}

const schemas = new Map<string, z.ZodType>();

/** The request schema of an analysis for a surface's limits (built once per limit). */
export function requestSchema<N extends AnalysisName>(name: N, limits: Limits): SchemaOf<N> {
  const key = `${name}|${limits.maxSamples}`;
  let s = schemas.get(key);
  if (!s) schemas.set(key, (s = ANALYSES[name].request(limits)));
  return s as SchemaOf<N>;
}

/** The parameters an analysis takes. */
export function requestKeys(name: AnalysisName): string[] {
  const s = requestSchema(name, { maxSamples: 1 });
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

const records = new Map<AnalysisName, string[]>();

/** The parameters that hold a record of texts by name (`set`: input → expression). */
export function recordKeys(name: AnalysisName): string[] {
  let keys = records.get(name);
  if (!keys) {
    const s = requestSchema(name, { maxSamples: 1 });
    const shape = s instanceof z.ZodObject ? (s.shape as Record<string, z.ZodType>) : {};
    keys = Object.entries(shape)
      .filter(([, field]) => z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }).type === 'object')
      .map(([k]) => k);
    records.set(name, keys);
  }
  return keys;
}

/**
 * Parse a request as typed; a mistake (a parameter it does not take included) is one sentence
 * naming the parameter.
 */
export function parseRequest<N extends AnalysisName>(
  name: N,
  raw: Record<string, unknown>,
  limits: Limits,
): { ok: true; value: RequestOf<N> } | { ok: false; message: string } {
  const keys = requestKeys(name);
  const unknown = Object.keys(raw).find((k) => !keys.includes(k));
  if (unknown !== undefined)
    return {
      ok: false,
      message: `${unknown}: unknown parameter; ${name} takes ${keys.filter((k) => k !== 'model').join(', ')}`,
    };
  const r = requestSchema(name, limits).safeParse(raw);
  return r.success ? { ok: true, value: r.data as RequestOf<N> } : { ok: false, message: firstIssue(r.error) };
}

/** The models whose outside evidence a request applies. */
export function modelsOf<N extends AnalysisName>(
  name: N,
  request: RequestOf<N>,
  predictions: readonly PredictionRef[],
  project: Project,
): string[] {
  const entry = ANALYSES[name] as unknown as Analysis<SchemaOf<N>>;
  return entry.models(request, predictions, project);
}

/** Run a job against a project. Throws only for bugs; model problems come back as errors. */
export function runAnalysis<N extends AnalysisName>(project: Project, job: Job<N>): Result<ResultOf<N>> {
  const entry = ANALYSES[job.analysis] as unknown as Analysis<z.ZodType, ResultOf<N>>;
  return entry.run(project, job.request, job.outside);
}

export { SAMPLES } from './samples.ts';
export { ANALYSIS_NAMES, type AnalysisName } from './names.ts';
export { NOTHING_OUTSIDE, type Outside, type PredictionRef, type PredictionsNeeded } from './define.ts';
export { SENSITIVITY_METHODS, methodSchema, type SensitivityMethod } from './sensitivity.ts';
