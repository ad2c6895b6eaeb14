// Appending to the track record, in SQLite or PostgreSQL. Every write is one
// transaction that takes the prediction's write lock before reading its current version, so
// concurrent writers (requests, processes, server instances) queue up and each sees the result
// of the one before; the unique (prediction, version) key refuses whatever slips past. Nothing
// is ever updated or deleted (the tables refuse it); history is appended to.
//
// Writes return values (`Write<T>`), never throw for expected failures. Reading is in
// store-reads.ts (re-exported here), the rows as events in event-rows.ts.

import { DatabaseError, type Store } from './db.ts';
import { isUniqueViolation } from './db-errors.ts';
import { plain, writeTransaction, type Tx } from './transactions.ts';
import type { Write, WriteError } from './errors.ts';
import { statusOf, type Actor, type ForecastEvent, type ResolutionEvent } from './history.ts';
import { latestResolution } from './event-rows.ts';
import type { KnownPredictions } from './store-reads.ts';
import { ForecastRequest, invalidBody, ResolutionRequest } from './requests.ts';

export {
  predictionState,
  predictionStates,
  trackRecordVersion,
  allStates,
  trackRecord,
  currentStatuses,
  orphanIds,
  type KnownPredictions,
  type PredictionRecord,
} from './store-reads.ts';

export interface WriteOptions {
  /** The clock (tests pin it). */
  now?: () => Date;
}

const MAX_ACTOR = 100;

function checkActor(actor: Actor): WriteError | null {
  if (typeof actor.name !== 'string' || actor.name.trim() === '' || actor.name.length > MAX_ACTOR) {
    return { kind: 'invalid', message: `the actor name must be 1 to ${MAX_ACTOR} characters`, fields: [] };
  }
  if (!['api', 'web', 'cli'].includes(actor.via))
    return { kind: 'invalid', message: `unknown write channel '${String(actor.via)}'`, fields: [] };
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

/** Run `fn` as a write transaction on the prediction, turning store failures into a 'database' WriteError. */
async function writeTx<T>(store: Store, predictionId: string, fn: (tx: Tx) => Promise<Write<T>>): Promise<Write<T>> {
  try {
    return await writeTransaction(store, `prediction:${predictionId}`, fn);
  } catch (e) {
    if (!(e instanceof DatabaseError)) throw e;
    return { ok: false, error: { kind: 'database', message: e.message, error: e } };
  }
}

/** In the prediction's write transaction: the event at the next version, if `req` names the current. */
async function appendResolution(
  tx: Tx,
  predictionId: string,
  req: ResolutionRequest,
  actor: Actor,
  now: () => Date,
): Promise<Write<ResolutionEvent>> {
  const current = await latestResolution(tx, predictionId);
  const currentVersion = current?.version ?? 0;
  if (req.version !== currentVersion) return conflict(predictionId, req.version, current);
  if (req.outcome === 'unresolved' && statusOf(current) === 'open') {
    return {
      ok: false,
      error: { kind: 'state', message: `prediction '${predictionId}' is open: there is no resolution to undo` },
    };
  }
  const at = now().toISOString();
  const row = {
    prediction_id: predictionId,
    version: currentVersion + 1,
    outcome: req.outcome,
    note: req.note,
    evidence_url: req.evidenceUrl,
    actor: actor.name,
    via: actor.via,
    created_at: at,
  };
  const { id } = await tx.insertInto('resolution_events').values(row).returning('id').executeTakeFirstOrThrow();
  return {
    ok: true,
    value: {
      id: Number(id),
      predictionId,
      version: row.version,
      outcome: req.outcome,
      note: req.note,
      evidenceUrl: req.evidenceUrl,
      actor: actor.name,
      via: actor.via,
      at,
    },
  };
}

/**
 * Append a resolution event. `body` is the request as received: { outcome, note,
 * evidenceUrl?, version }. The event is written only when `version` equals the prediction's
 * current version (the number of resolution events so far); otherwise the result is a
 * 'conflict' carrying the current version and event, and nothing is written.
 */
export async function recordResolution(
  store: Store,
  known: KnownPredictions,
  predictionId: string,
  body: unknown,
  actor: Actor,
  options: WriteOptions = {},
): Promise<Write<ResolutionEvent>> {
  if (!known.byId.has(predictionId)) return { ok: false, error: unknownPrediction(predictionId) };
  const parsed = ResolutionRequest.safeParse(body);
  if (!parsed.success) return { ok: false, error: invalidBody(parsed.error) };
  const actorProblem = checkActor(actor);
  if (actorProblem) return { ok: false, error: actorProblem };
  const req = parsed.data;
  const now = options.now ?? (() => new Date());

  // A stale version is refused without waiting for the write lock (readers never wait), so
  // under contention stale requests return at once. The check inside the transaction below is
  // the one that counts.
  const peek = await tryRead(() => plain(store, (db) => latestResolution(db, predictionId)));
  if (peek !== undefined && req.version !== (peek?.version ?? 0)) return conflict(predictionId, req.version, peek);

  const written = await writeTx(store, predictionId, (tx) => appendResolution(tx, predictionId, req, actor, now));
  // Another writer took this version first (the unique key's backstop to the lock): a conflict.
  if (!written.ok && written.error.kind === 'database' && isUniqueViolation(written.error.error.cause))
    return conflict(predictionId, req.version, await plain(store, (db) => latestResolution(db, predictionId)));
  return written;
}

/**
 * Append a forecast by `forecaster` (a token holder's name): body { credence, note? }.
 * Only open predictions take forecasts; a forecaster's latest forecast before the resolution
 * is the one scored.
 */
export async function recordForecast(
  store: Store,
  known: KnownPredictions,
  predictionId: string,
  body: unknown,
  forecaster: Actor,
  options: WriteOptions = {},
): Promise<Write<ForecastEvent>> {
  if (!known.byId.has(predictionId)) return { ok: false, error: unknownPrediction(predictionId) };
  const parsed = ForecastRequest.safeParse(body);
  if (!parsed.success) return { ok: false, error: invalidBody(parsed.error) };
  const actorProblem = checkActor(forecaster);
  if (actorProblem) return { ok: false, error: actorProblem };
  const req = parsed.data;
  const now = options.now ?? (() => new Date());

  return writeTx(store, predictionId, async (tx): Promise<Write<ForecastEvent>> => {
    const current = await latestResolution(tx, predictionId);
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
    const { id } = await tx
      .insertInto('forecasts')
      .values({
        prediction_id: predictionId,
        forecaster: forecaster.name,
        credence: req.credence,
        prediction_version: version,
        note: req.note,
        via: forecaster.via,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      ok: true,
      value: {
        id: Number(id),
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

/** The value, or undefined when the store cannot answer (the write that follows reports why). */
async function tryRead<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch {
    return undefined;
  }
}
