// Reading the track record, in SQLite or PostgreSQL: one prediction's state and history, many
// at once from one snapshot, every state with the version of the record it was read at, and the
// ids that have events but no catalog entry. Reads throw a DatabaseError when the store cannot
// be read.

import { sql } from 'kysely';
import type { Catalog, Prediction } from './catalog.ts';
import type { Store } from './db.ts';
import { stateFrom, type PredictionState, type Status } from './history.ts';
import { plain, readTransaction } from './transactions.ts';
import { toForecast, toResolution } from './event-rows.ts';

/** What the store needs of the catalog: which prediction ids exist. A Catalog fits. */
export interface KnownPredictions {
  byId: ReadonlyMap<string, unknown>;
}

/** The state and full history of one prediction (open with version 0 if it has no events). */
export async function predictionState(store: Store, predictionId: string): Promise<PredictionState> {
  return readTransaction(store, async (tx) => {
    const rs = await tx
      .selectFrom('resolution_events')
      .selectAll()
      .where('prediction_id', '=', predictionId)
      .orderBy('id')
      .execute();
    const fs = await tx
      .selectFrom('forecasts')
      .selectAll()
      .where('prediction_id', '=', predictionId)
      .orderBy('id')
      .execute();
    return stateFrom(predictionId, rs.map(toResolution), fs.map(toForecast));
  });
}

/** The states of the given predictions, in the order given, read as one consistent snapshot. */
export async function predictionStates(store: Store, ids: Iterable<string>): Promise<PredictionState[]> {
  const wanted = [...ids];
  return readTransaction(store, async (tx) => {
    const rs = await tx.selectFrom('resolution_events').selectAll().orderBy('id').execute();
    const fs = await tx.selectFrom('forecasts').selectAll().orderBy('id').execute();
    const byR = groupBy(rs.map(toResolution), (e) => e.predictionId);
    const byF = groupBy(fs.map(toForecast), (e) => e.predictionId);
    return wanted.map((id) => stateFrom(id, byR.get(id) ?? [], byF.get(id) ?? []));
  });
}

/**
 * A key that changes whenever an event is recorded: the count of each kind of event, read in
 * one statement. The history is append-only, so equal counts mean equal contents, whichever
 * instance wrote them.
 */
export async function trackRecordVersion(store: Store): Promise<string> {
  const r = await plain(store, (db) =>
    sql<{ r: number | string; f: number | string }>`SELECT
      (SELECT count(*) FROM resolution_events) AS r, (SELECT count(*) FROM forecasts) AS f`.execute(db),
  );
  const row = r.rows[0]!;
  return `${Number(row.r)}:${Number(row.f)}`;
}

/** Every prediction's state (whatever its id) and the version of the record they were read at. */
export async function allStates(store: Store): Promise<{ version: string; states: Map<string, PredictionState> }> {
  return readTransaction(store, async (tx) => {
    const rs = await tx.selectFrom('resolution_events').selectAll().orderBy('id').execute();
    const fs = await tx.selectFrom('forecasts').selectAll().orderBy('id').execute();
    const byR = groupBy(rs.map(toResolution), (e) => e.predictionId);
    const byF = groupBy(fs.map(toForecast), (e) => e.predictionId);
    const states = new Map<string, PredictionState>();
    for (const id of new Set([...byR.keys(), ...byF.keys()]))
      states.set(id, stateFrom(id, byR.get(id) ?? [], byF.get(id) ?? []));
    return { version: `${rs.length}:${fs.length}`, states };
  });
}

export interface PredictionRecord {
  prediction: Prediction;
  state: PredictionState;
}

/** Every catalog prediction with its state and history, in catalog order, from one snapshot. */
export async function trackRecord(store: Store, catalog: Pick<Catalog, 'predictions'>): Promise<PredictionRecord[]> {
  const states = await predictionStates(
    store,
    catalog.predictions.map((p) => p.id),
  );
  return catalog.predictions.map((prediction, i) => ({ prediction, state: states[i]! }));
}

/** Each known prediction's current status (for evidence and lists). */
export async function currentStatuses(store: Store, known: KnownPredictions): Promise<Map<string, Status>> {
  return new Map((await predictionStates(store, known.byId.keys())).map((s) => [s.id, s.status]));
}

/** Prediction ids that have events in the store but are not in the catalog (renamed or removed entries). */
export async function orphanIds(store: Store, known: KnownPredictions): Promise<string[]> {
  const rows = await plain(store, (db) =>
    db
      .selectFrom('resolution_events')
      .select('prediction_id as id')
      .union(db.selectFrom('forecasts').select('prediction_id as id'))
      .orderBy('id')
      .execute(),
  );
  return rows.map((r) => r.id).filter((id) => !known.byId.has(id));
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
