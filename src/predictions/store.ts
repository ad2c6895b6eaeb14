// Reading and appending the track record. Every write is one IMMEDIATE transaction: it takes
// the write lock before reading the current version, so concurrent writers (threads, requests
// or processes) queue up and each sees the result of the one before. Nothing is ever updated
// or deleted (the tables refuse it); history is appended to.
//
// Writes return values (`Write<T>`), never throw for expected failures; reads throw a
// DatabaseError when the file cannot be read.

import type { Catalog, Prediction } from './catalog.ts';
import { DatabaseError, guarded, type Db } from './db.ts';
import type { Write, WriteError } from './errors.ts';
import {
  stateFrom,
  statusOf,
  type Actor,
  type ForecastEvent,
  type PredictionState,
  type ResolutionEvent,
  type Status,
  type Via,
} from './history.ts';
import { describeIssues, ForecastRequest, ResolutionRequest } from './requests.ts';

/** What the store needs of the catalog: which prediction ids exist. A Catalog fits. */
export interface KnownPredictions {
  byId: ReadonlyMap<string, unknown>;
}

export interface WriteOptions {
  /** The clock (tests pin it). */
  now?: () => Date;
}

const MAX_ACTOR = 100;

interface ResolutionRow {
  id: number;
  prediction_id: string;
  version: number;
  outcome: ResolutionEvent['outcome'];
  note: string;
  evidence_url: string | null;
  actor: string;
  via: Via;
  created_at: string;
}

interface ForecastRow {
  id: number;
  prediction_id: string;
  forecaster: string;
  credence: number;
  prediction_version: number;
  note: string | null;
  via: Via;
  created_at: string;
}

const toResolution = (r: ResolutionRow): ResolutionEvent => ({
  id: r.id,
  predictionId: r.prediction_id,
  version: r.version,
  outcome: r.outcome,
  note: r.note,
  evidenceUrl: r.evidence_url,
  actor: r.actor,
  via: r.via,
  at: r.created_at,
});

const toForecast = (r: ForecastRow): ForecastEvent => ({
  id: r.id,
  predictionId: r.prediction_id,
  forecaster: r.forecaster,
  credence: r.credence,
  note: r.note,
  predictionVersion: r.prediction_version,
  via: r.via,
  at: r.created_at,
});

function latestResolution(db: Db, predictionId: string): ResolutionEvent | null {
  const row = db
    .prepare<[string], ResolutionRow>(
      'SELECT * FROM resolution_events WHERE prediction_id = ? ORDER BY version DESC LIMIT 1',
    )
    .get(predictionId);
  return row ? toResolution(row) : null;
}

function checkActor(actor: Actor): WriteError | null {
  if (typeof actor.name !== 'string' || actor.name.trim() === '' || actor.name.length > MAX_ACTOR) {
    return { kind: 'invalid', message: `the actor name must be 1 to ${MAX_ACTOR} characters` };
  }
  if (!['api', 'web', 'cli'].includes(actor.via))
    return { kind: 'invalid', message: `unknown write channel '${String(actor.via)}'` };
  return null;
}

function unknownPrediction(id: string): WriteError {
  return { kind: 'not-found', message: `there is no prediction '${id}'` };
}

function describeOutcome(e: ResolutionEvent): string {
  return e.outcome === 'unresolved'
    ? `reopened by ${e.actor} at ${e.at}`
    : `resolved ${e.outcome} by ${e.actor} at ${e.at}`;
}

function conflict(
  predictionId: string,
  wanted: number,
  current: ResolutionEvent | null,
): { ok: false; error: WriteError } {
  const currentVersion = current?.version ?? 0;
  const since = current ? ` (it was ${describeOutcome(current)})` : '';
  return {
    ok: false,
    error: {
      kind: 'conflict',
      message: `prediction '${predictionId}' is at version ${currentVersion}, but this resolution replaces version ${wanted}: someone changed it since you loaded it${since}. Reload it and try again.`,
      currentVersion,
      current,
    },
  };
}

/** Run `fn` as an IMMEDIATE transaction, turning database failures into a 'database' WriteError. */
function writeTx<T>(db: Db, fn: () => Write<T>): Write<T> {
  try {
    return guarded(db, () => db.transaction(fn).immediate());
  } catch (e) {
    if (!(e instanceof DatabaseError)) throw e;
    return { ok: false, error: { kind: 'database', message: e.message, error: e } };
  }
}

/**
 * Append a resolution event. `body` is the request as received: { outcome, note,
 * evidenceUrl?, version }. The event is written only when `version` equals the prediction's
 * current version (the number of resolution events so far); otherwise the result is a
 * 'conflict' carrying the current version and event, and nothing is written.
 */
export function recordResolution(
  db: Db,
  known: KnownPredictions,
  predictionId: string,
  body: unknown,
  actor: Actor,
  options: WriteOptions = {},
): Write<ResolutionEvent> {
  if (!known.byId.has(predictionId)) return { ok: false, error: unknownPrediction(predictionId) };
  const parsed = ResolutionRequest.safeParse(body);
  if (!parsed.success) return { ok: false, error: { kind: 'invalid', message: describeIssues(parsed.error) } };
  const actorProblem = checkActor(actor);
  if (actorProblem) return { ok: false, error: actorProblem };
  const req = parsed.data;
  const now = options.now ?? (() => new Date());

  // A stale version is refused without waiting for the write lock (readers never wait in WAL
  // mode), so under contention stale requests return at once. The check inside the
  // transaction below is the one that counts.
  const peek = tryRead(() => latestResolution(db, predictionId));
  if (peek !== undefined && req.version !== (peek?.version ?? 0)) return conflict(predictionId, req.version, peek);

  return writeTx(db, () => {
    const current = latestResolution(db, predictionId);
    const currentVersion = current?.version ?? 0;
    if (req.version !== currentVersion) return conflict(predictionId, req.version, current);
    if (req.outcome === 'unresolved' && statusOf(current) === 'open') {
      return {
        ok: false,
        error: { kind: 'state', message: `prediction '${predictionId}' is open: there is no resolution to undo` },
      };
    }
    const at = now().toISOString();
    const info = db
      .prepare(
        'INSERT INTO resolution_events (prediction_id, version, outcome, note, evidence_url, actor, via, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(predictionId, currentVersion + 1, req.outcome, req.note, req.evidenceUrl, actor.name, actor.via, at);
    return {
      ok: true,
      value: {
        id: Number(info.lastInsertRowid),
        predictionId,
        version: currentVersion + 1,
        outcome: req.outcome,
        note: req.note,
        evidenceUrl: req.evidenceUrl,
        actor: actor.name,
        via: actor.via,
        at,
      },
    };
  });
}

/**
 * Append a forecast by `forecaster` (a token holder's name): body { credence, note? }.
 * Only open predictions take forecasts; a forecaster's latest forecast before the resolution
 * is the one scored.
 */
export function recordForecast(
  db: Db,
  known: KnownPredictions,
  predictionId: string,
  body: unknown,
  forecaster: Actor,
  options: WriteOptions = {},
): Write<ForecastEvent> {
  if (!known.byId.has(predictionId)) return { ok: false, error: unknownPrediction(predictionId) };
  const parsed = ForecastRequest.safeParse(body);
  if (!parsed.success) return { ok: false, error: { kind: 'invalid', message: describeIssues(parsed.error) } };
  const actorProblem = checkActor(forecaster);
  if (actorProblem) return { ok: false, error: actorProblem };
  const req = parsed.data;
  const now = options.now ?? (() => new Date());

  return writeTx(db, () => {
    const current = latestResolution(db, predictionId);
    const status = statusOf(current);
    if (status !== 'open') {
      return {
        ok: false,
        error: {
          kind: 'state',
          message: `prediction '${predictionId}' is resolved (${status}); forecasts are only taken on open predictions`,
        },
      };
    }
    const version = current?.version ?? 0;
    const at = now().toISOString();
    const info = db
      .prepare(
        'INSERT INTO forecasts (prediction_id, forecaster, credence, prediction_version, note, via, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(predictionId, forecaster.name, req.credence, version, req.note, forecaster.via, at);
    return {
      ok: true,
      value: {
        id: Number(info.lastInsertRowid),
        predictionId,
        forecaster: forecaster.name,
        credence: req.credence,
        note: req.note,
        predictionVersion: version,
        via: forecaster.via,
        at,
      },
    };
  });
}

/** The value, or undefined when the database cannot answer (the write that follows reports why). */
function tryRead<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function read<T>(db: Db, fn: () => T): T {
  return guarded(db, fn);
}

/** The state and full history of one prediction (open with version 0 if it has no events). */
export function predictionState(db: Db, predictionId: string): PredictionState {
  return read(db, () =>
    db
      .transaction(() => {
        const rs = db
          .prepare<[string], ResolutionRow>('SELECT * FROM resolution_events WHERE prediction_id = ? ORDER BY id')
          .all(predictionId);
        const fs = db
          .prepare<[string], ForecastRow>('SELECT * FROM forecasts WHERE prediction_id = ? ORDER BY id')
          .all(predictionId);
        return stateFrom(predictionId, rs.map(toResolution), fs.map(toForecast));
      })
      .deferred(),
  );
}

/** The states of the given predictions, in the order given, read as one consistent snapshot. */
export function predictionStates(db: Db, ids: Iterable<string>): PredictionState[] {
  const wanted = [...ids];
  return read(db, () =>
    db
      .transaction(() => {
        const rs = db.prepare<[], ResolutionRow>('SELECT * FROM resolution_events ORDER BY id').all();
        const fs = db.prepare<[], ForecastRow>('SELECT * FROM forecasts ORDER BY id').all();
        const byR = groupBy(rs.map(toResolution), (e) => e.predictionId);
        const byF = groupBy(fs.map(toForecast), (e) => e.predictionId);
        return wanted.map((id) => stateFrom(id, byR.get(id) ?? [], byF.get(id) ?? []));
      })
      .deferred(),
  );
}

export interface PredictionRecord {
  prediction: Prediction;
  state: PredictionState;
}

/** Every catalog prediction with its state and history, in catalog order, from one snapshot. */
export function trackRecord(db: Db, catalog: Pick<Catalog, 'predictions'>): PredictionRecord[] {
  const states = predictionStates(
    db,
    catalog.predictions.map((p) => p.id),
  );
  return catalog.predictions.map((prediction, i) => ({ prediction, state: states[i]! }));
}

/** Each known prediction's current status (for evidence and lists). */
export function currentStatuses(db: Db, known: KnownPredictions): Map<string, Status> {
  return new Map(predictionStates(db, known.byId.keys()).map((s) => [s.id, s.status]));
}

/** Prediction ids that have events in the database but are not in the catalog (renamed or removed entries). */
export function orphanIds(db: Db, known: KnownPredictions): string[] {
  const ids = read(db, () =>
    db
      .prepare<[], { id: string }>(
        'SELECT prediction_id AS id FROM resolution_events UNION SELECT prediction_id FROM forecasts ORDER BY 1',
      )
      .all(),
  );
  return ids.map((r) => r.id).filter((id) => !known.byId.has(id));
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
