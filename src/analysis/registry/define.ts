// What an entry of the analysis registry declares: its request (a zod schema holding every
// default, for the limits of the surface asking), what it needs from outside the model files,
// and the function that computes its result. The CLI, the JSON API, the pages and the charts
// all parse with the schema and call the function, so one request gives one answer everywhere.

import type * as z from 'zod';
import type { ExtraEvidence } from '../../model/graph.ts';
import type { Project } from '../../model/project.ts';
import type { Result } from '../../model/errors.ts';
import type { Limits } from '../request.ts';

/** A prediction as the analyses read it (the catalog's entries have all of it). */
export interface PredictionRef {
  id: string;
  statement: string;
  /** The author's credence. */
  credence: number;
  /** The linked model, and P(yes) in one of its samples as an expression over its quantities. */
  model: string;
  pYes: string;
}

/**
 * What an analysis reads besides the model files, gathered by the surface that asks (from the
 * predictions database): plain data, so a job can go to a worker thread.
 */
export interface Outside {
  /** Evidence from resolved predictions, by model id, for each model the request runs. */
  evidence: Record<string, ExtraEvidence[]>;
  /** The predictions it reads: the open ones (voi) or all of them (implied); else empty. */
  predictions: PredictionRef[];
}

export const NOTHING_OUTSIDE: Outside = { evidence: {}, predictions: [] };

/** Which predictions an analysis reads. */
export type PredictionsNeeded = 'none' | 'open' | 'all';

export interface Analysis<S extends z.ZodType = z.ZodType, R = unknown> {
  /** One line for help texts and the API description. */
  about: string;
  /** The request's schema for a surface's limits; its output is plain data. */
  request(limits: Limits): S;
  /** The predictions it reads. */
  predictions: PredictionsNeeded;
  /** The models whose outside evidence it applies (given its request, predictions and project). */
  models(req: z.output<S>, predictions: readonly PredictionRef[], project: Project): string[];
  run(project: Project, req: z.output<S>, outside: Outside): Result<R>;
}

/** An entry, with its types inferred from its schema and function. */
export function defineAnalysis<S extends z.ZodType, R>(a: Analysis<S, R>): Analysis<S, R> {
  return a;
}

/** The outside evidence for one model (none when the surface has no database). */
export const evidenceOf = (outside: Outside, model: string): ExtraEvidence[] => outside.evidence[model] ?? [];
