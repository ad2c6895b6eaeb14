// The track record's rows as events: the resolution and forecast rows the tables hold, turned
// into the ResolutionEvent and ForecastEvent the rest of Credence reads, and the latest
// resolution of a prediction (what a write checks its version against).

import type { Selectable } from 'kysely';
import type { ResolutionEvent, ForecastEvent } from './history.ts';
import type { ForecastsTable, ResolutionEventsTable } from './tables.ts';
import type { Tx } from './transactions.ts';

export type ResolutionRow = Selectable<ResolutionEventsTable>;
export type ForecastRow = Selectable<ForecastsTable>;

export const toResolution = (r: ResolutionRow): ResolutionEvent => ({
  id: Number(r.id),
  predictionId: r.prediction_id,
  version: Number(r.version),
  outcome: r.outcome,
  note: r.note,
  evidenceUrl: r.evidence_url,
  actor: r.actor,
  via: r.via,
  at: r.created_at,
});

export const toForecast = (r: ForecastRow): ForecastEvent => ({
  id: Number(r.id),
  predictionId: r.prediction_id,
  forecaster: r.forecaster,
  credence: Number(r.credence),
  note: r.note,
  predictionVersion: Number(r.prediction_version),
  via: r.via,
  at: r.created_at,
});

export async function latestResolution(tx: Tx, predictionId: string): Promise<ResolutionEvent | null> {
  const row = await tx
    .selectFrom('resolution_events')
    .selectAll()
    .where('prediction_id', '=', predictionId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toResolution(row) : null;
}
