// What resolutions did to a model (pure): the evidence in force before any resolution and after
// each resolution event that reaches the model (its linked model is the model or one of its
// imports), in the order they were recorded. Each step's evidence is exactly what the engine
// gets from the track record at that point, so running the model with it reproduces the numbers
// `credence run` printed then.

import { evidenceFor, importPrefixes } from './evidence.ts';
import { resolutionLog, statusesAsOf } from './asof.ts';
import type { Catalog, Prediction } from './catalog.ts';
import type { PredictionState, ResolutionEvent, Status } from './history.ts';
import type { ExtraEvidence } from '../model/graph.ts';
import type { Project } from '../model/project.ts';

export interface ImpactStep {
  /** Resolution events recorded so far, across all predictions: the `asof` of this point. */
  count: number;
  /** The event this step follows (null for the start: no resolution yet). */
  event: ResolutionEvent | null;
  /** Its prediction's statement. */
  statement: string | null;
  evidence: ExtraEvidence[];
}

/** Predictions whose resolution reaches `modelId` (their linked model is it or an import of it). */
export function reaching(project: Project, catalog: Pick<Catalog, 'predictions'>, modelId: string): Prediction[] {
  return catalog.predictions.filter((p) => importPrefixes(project, modelId, p.model).length > 0);
}

/**
 * The steps of `modelId`'s timeline: the start, then one per resolution event of a prediction
 * that reaches it, up to `upTo` events of the whole log (default: all).
 */
export function impactSteps(
  project: Project,
  catalog: Pick<Catalog, 'predictions' | 'byId'>,
  states: readonly PredictionState[],
  modelId: string,
  upTo = Infinity,
): ImpactStep[] {
  const log = resolutionLog(states);
  const relevant = new Set(reaching(project, catalog, modelId).map((p) => p.id));
  const at = (count: number) => evidenceFor(project, catalog, statusesAsOf(states, log, count), modelId);
  const steps: ImpactStep[] = [{ count: 0, event: null, statement: null, evidence: at(0) }];
  log.forEach((e, i) => {
    if (i + 1 > upTo || !relevant.has(e.predictionId)) return;
    steps.push({
      count: i + 1,
      event: e,
      statement: catalog.byId.get(e.predictionId)?.statement ?? null,
      evidence: at(i + 1),
    });
  });
  return steps;
}

/** The evidence if prediction `id` resolved `outcome` now, everything else as it stands. */
export function evidenceIf(
  project: Project,
  catalog: Pick<Catalog, 'predictions'>,
  statuses: ReadonlyMap<string, Status>,
  modelId: string,
  id: string,
  outcome: Status,
): ExtraEvidence[] {
  return evidenceFor(project, catalog, new Map([...statuses, [id, outcome]]), modelId);
}

/** The evidence on `modelId` after the first `count` resolution events of the record. */
export function evidenceAsOf(
  project: Project,
  catalog: Pick<Catalog, 'predictions'>,
  states: readonly PredictionState[],
  count: number,
  modelId: string,
): ExtraEvidence[] {
  return evidenceFor(project, catalog, statusesAsOf(states, resolutionLog(states), count), modelId);
}
