// One prediction's credences over time (pure): each forecaster's forecasts as a step series,
// the forecasters' median after each forecast, and the evidence in force on the model the
// prediction is read in (the overall model, or its linked model outside it: analysis/implied.ts)
// before any resolution and after each resolution of *another* prediction that reaches it (its
// own never moves what the model implies for it). Running the implied analysis with each step's
// evidence gives the model-implied credence as the record stood then.

import { aggregateOf } from './export.ts';
import { impactSteps, type ImpactStep } from './impact.ts';
import type { Catalog, Prediction } from './catalog.ts';
import type { PredictionState } from './history.ts';
import type { Project } from '../model/project.ts';
import { valuedIn } from '../analysis/implied.ts';
import { overallModel } from '../analysis/overall.ts';

export interface CredencePoint {
  /** ISO 8601 UTC. */
  at: string;
  credence: number;
}

export interface ForecasterSeries {
  forecaster: string;
  /** Every forecast, oldest first: each stands until the next. */
  points: CredencePoint[];
}

export interface AggregatePoint extends CredencePoint {
  /** Forecasters counted in the median. */
  n: number;
}

/** Each forecaster's forecasts, forecasters in the order of their first forecast. */
export function forecasterSeries(state: Pick<PredictionState, 'forecasts'>): ForecasterSeries[] {
  const by = new Map<string, CredencePoint[]>();
  for (const f of [...state.forecasts].sort((a, b) => a.id - b.id)) {
    let points = by.get(f.forecaster);
    if (!points) by.set(f.forecaster, (points = []));
    points.push({ at: f.at, credence: f.credence });
  }
  return [...by].map(([forecaster, points]) => ({ forecaster, points }));
}

/** The forecasters' median (of each one's latest forecast) after every forecast, oldest first. */
export function aggregateSeries(state: Pick<PredictionState, 'forecasts'>): AggregatePoint[] {
  const sorted = [...state.forecasts].sort((a, b) => a.id - b.id);
  return sorted.map((f, i) => {
    const upTo = sorted.slice(0, i + 1);
    return { at: f.at, credence: aggregateOf(upTo)!, n: new Set(upTo.map((x) => x.forecaster)).size };
  });
}

/** The model the implied analysis reads a prediction linked to `model` in, by default. */
export function impliedModelOf(project: Project, model: string): string {
  return valuedIn(project, overallModel(project), model);
}

/**
 * The evidence on the model the prediction is read in at the start and after each resolution
 * event of another prediction that reaches it, in the order recorded (pinned states give a
 * pinned list).
 */
export function impliedSteps(
  project: Project,
  catalog: Pick<Catalog, 'predictions' | 'byId'>,
  states: readonly PredictionState[],
  prediction: Pick<Prediction, 'id' | 'model'>,
): ImpactStep[] {
  return impactSteps(project, catalog, states, impliedModelOf(project, prediction.model)).filter(
    (s) => s.event === null || s.event.predictionId !== prediction.id,
  );
}
