// The track record as data: append-only resolution and forecast events, and the state of a
// prediction derived from them (pure). The current state is the latest resolution event; an
// `unresolved` event reopens the prediction and stays in the history like any other.

import type { Outcome, ResolutionOutcome } from './requests.ts';

/** Where a write came from. */
export type Via = 'api' | 'web' | 'cli';

/** Who wrote: a token holder's name, or `cli:<user>` for the local administrator. */
export interface Actor {
  name: string;
  via: Via;
}

export interface ResolutionEvent {
  /** Database id: increases with every event, across all predictions. */
  id: number;
  predictionId: string;
  /** The prediction's version after this event: 1 for the first resolution event, 2 for the next… */
  version: number;
  outcome: ResolutionOutcome;
  note: string;
  evidenceUrl: string | null;
  actor: string;
  via: Via;
  /** ISO 8601 UTC. */
  at: string;
}

export interface ForecastEvent {
  id: number;
  predictionId: string;
  forecaster: string;
  credence: number;
  note: string | null;
  /** The prediction's version when the forecast was made (forecasts before resolution `v` have < v). */
  predictionVersion: number;
  via: Via;
  at: string;
}

/** `open`, or the outcome it currently resolves to. */
export type Status = 'open' | Outcome;

export interface PredictionState {
  id: string;
  /** The number of resolution events so far; a resolution must name it to replace it. */
  version: number;
  status: Status;
  /** The event that set the current status, or null when open. */
  resolution: ResolutionEvent | null;
  /** Every resolution event, oldest first. */
  resolutions: ResolutionEvent[];
  /** Every forecast, oldest first. */
  forecasts: ForecastEvent[];
}

export function statusOf(latest: ResolutionEvent | null | undefined): Status {
  return !latest || latest.outcome === 'unresolved' ? 'open' : latest.outcome;
}

/** The state of one prediction from its events (in id order). */
export function stateFrom(id: string, resolutions: ResolutionEvent[], forecasts: ForecastEvent[]): PredictionState {
  const latest = resolutions.length > 0 ? resolutions[resolutions.length - 1]! : null;
  const status = statusOf(latest);
  return {
    id,
    version: latest?.version ?? 0,
    status,
    resolution: status === 'open' ? null : latest,
    resolutions,
    forecasts,
  };
}

export type HistoryEntry = ({ type: 'resolution' } & ResolutionEvent) | ({ type: 'forecast' } & ForecastEvent);

/**
 * Resolutions and forecasts of one prediction merged into one timeline. Order is by the
 * prediction version each happened at, so a forecast made before a resolution always precedes
 * it whatever the clocks said; within a version, by time.
 */
export function timeline(state: PredictionState): HistoryEntry[] {
  const entries: { key: [number, number, string, number]; entry: HistoryEntry }[] = [
    ...state.resolutions.map((r) => ({
      key: [r.version, 1, r.at, r.id] as [number, number, string, number],
      entry: { type: 'resolution' as const, ...r },
    })),
    ...state.forecasts.map((f) => ({
      key: [f.predictionVersion + 1, 0, f.at, f.id] as [number, number, string, number],
      entry: { type: 'forecast' as const, ...f },
    })),
  ];
  entries.sort(
    (a, b) =>
      a.key[0] - b.key[0] ||
      a.key[1] - b.key[1] ||
      (a.key[2] < b.key[2] ? -1 : a.key[2] > b.key[2] ? 1 : 0) ||
      a.key[3] - b.key[3],
  );
  return entries.map((e) => e.entry);
}
