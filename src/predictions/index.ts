// Prediction tracking: the catalog of predictions, the append-only track record of their
// resolutions and forecasts (SQLite by default, PostgreSQL for teams), API tokens and web
// sessions, scores and calibration, and resolutions as evidence on the models.
//
// Every function that touches the store is async and takes the Store first; see db.ts.
//
// ─── API for the web layer ──────────────────────────────────────────────────────────────
//
// Startup
//   await openStore(target = defaultDbPath(), { readonly?, busyTimeoutMs? }): OpenResult
//       { ok: true, store, migrated: {from, to} } | { ok: false, error: DatabaseError }
//       target: a SQLite file (creates the folder and file, sets WAL + synchronous=FULL +
//       busy_timeout) or a postgres:// URL; either way the schema is migrated.
//       DatabaseError.kind: 'newer-schema' | 'needs-migration' | 'foreign-database' | 'corrupt' | 'read-only' |
//       'locked' | 'disk-full' | 'unavailable' | 'cannot-open' | 'failed'; .message is a sentence to print
//       as is (names the file; says nothing was changed). openStoreOrThrow() throws it.
//   loadCatalog(project, path?): Result<Catalog>       (CredenceErrors, like models)
//       Catalog { file, predictions: Prediction[], byId: Map<id, Prediction> }
//       Prediction { id, statement, credence, stated, criteria, model, pYes, pYesExpr, note, loc }
//   checkCatalog(project): CredenceError[]                (for `credence check`'s extraChecks)
//
// Reading (throw DatabaseError if the file fails; map to 500/503)
//   trackRecordVersion(store): string   changes with every event (any instance); cache keys
//   trackRecord(store, catalog): { prediction, state }[]            GET /api/predictions, /predictions
//   predictionState(store, id): PredictionState                      GET /api/predictions/:id
//       PredictionState { id, version, status: 'open'|'yes'|'no'|'ambiguous'|'annulled',
//                         resolution: ResolutionEvent | null, resolutions: [...], forecasts: [...] }
//       ResolutionEvent { id, predictionId, version, outcome, note, evidenceUrl, actor, via, at }
//       ForecastEvent   { id, predictionId, forecaster, credence, note, predictionVersion, via, at }
//   timeline(state): HistoryEntry[]     resolutions and forecasts merged, for the history view
//   currentStatuses(store, catalog): Map<id, Status>
//   orphanIds(store, catalog): string[]    ids with history but no catalog entry (renamed/removed)
//   Use catalog.byId.has(id) first for 404.
//
// Writing (never throw for expected failures; all are one IMMEDIATE transaction)
//   recordResolution(store, catalog, id, body: unknown, actor: {name, via}, {now?}): Write<ResolutionEvent>
//       body = { outcome: yes|no|ambiguous|annulled|unresolved, note, evidenceUrl?, version }
//   recordForecast(store, catalog, id, body: unknown, forecaster: {name, via}, {now?}): Write<ForecastEvent>
//       body = { credence: (0,1), note? }
//   Write<T> = { ok: true, value } | { ok: false, error: WriteError }
//   httpStatus(error): 'invalid' 400 · 'not-found' 404 · 'conflict' 409 (carries currentVersion
//   and current event) · 'state' 409 (forecast on a resolved prediction, reopening an open one)
//   · 'database' 503 (locked, read-only, disk full) or 500. error.message is for the user.
//   A stale version is answered from a read, without waiting for the write lock.
//   ResolutionRequest / ForecastRequest are the zod schemas, for forms that want to pre-check.
//
// Who may write (these throw DatabaseError when the file fails, e.g. kind 'locked')
//   bearerToken(req.headers.authorization): string | null
//   verifyToken(store, token): { name, role } | null                 (constant-time hash compare)
//   tryToken(store, token): valid {row} | wrong-secret | locked {retryAfterMs} | unknown — failed
//       secrets counted per token id (crd_<id>_<secret>), TOKEN_LOCK; startSession(store, row)
//   authorize(identity | null, 'resolver' | 'forecaster'): { ok, identity } | { ok: false, status: 401 | 403, message }
//   signIn(store, token, { ttlMs?, now? }): { sessionId, identity, expiresAt } | null
//       set sessionId as the cookie (HttpOnly, SameSite=Strict, Secure behind HTTPS)
//   sessionIdentity(store, sessionId, now?): { identity, expiresAt } | null   (null once revoked/expired)
//   signOut(store, sessionId)
//   csrfToken(store, sessionId): string;  verifyCsrf(db, sessionId, token): boolean
//   createToken / revokeToken / listTokens: the CLI's; revoking ends the holder's sessions.
//   Actors: { name: identity.name, via: 'api' | 'web' }; the CLI writes `cli:<user>` via 'cli'.
//
// Scores and pictures (pure)
//   scoreboard(trackRecord(store, catalog)): Scoreboard
//       { counts: {total, open, scored, unscored}, predictions: PredictionScores[],
//         forecasters: ForecasterScores[] (author first, then by mean Brier) }
//       Brier (p − o)², lower is better; log score ln(probability given to the outcome), ≤ 0,
//       higher is better. The catalog's credences are forecaster 'author'; a forecaster's latest
//       forecast made before the resolution counts. Only yes/no are scored.
//   calibration(calibrationPoints(board, forecaster = 'author'), bins = 10): CalibrationBin[]
//       { lo, hi, centre, count, yes, observed, meanCredence, interval: Wilson 95% {lo, hi} }
//   wilsonInterval(successes, n): {lo, hi} | null
//
// Resolutions as evidence
//   evidenceFor(project, catalog, currentStatuses(store, catalog), modelId): ExtraEvidence[]
//       pass as prepare(project, modelId, { extraEvidence }) to get P(…) given all resolutions;
//       evidence names are `prediction_<id>` (`prediction_<id>@<alias path>` when the linked
//       model is imported along several paths). Compare with extraEvidence: [] for the prior,
//       or with all but one prediction for "before and after its resolution". A cache of runs
//       must include the evidence (names and texts) in its key, or a new resolution will not
//       show until the model file changes.
//
// better-sqlite3 is synchronous: a SQLite write waits (blocking the event loop) up to
// busyTimeoutMs (default 5 s) only while another process holds the write lock; in one server
// process writes simply run one after another. PostgreSQL writers wait on an advisory lock per
// prediction, up to the same timeout (lock_timeout).

export {
  openStore,
  openStoreOrThrow,
  defaultDbPath,
  isPostgresUrl,
  redactUrl,
  DatabaseError,
  DEFAULT_DB_PATH,
  type Store,
  type StoreKind,
  type DatabaseErrorKind,
  type OpenOptions,
  type OpenResult,
} from './db.ts';
export { isDatabaseFailure } from './db-errors.ts';
export { countHit, uncountHit, resetHits, pruneHits } from './rate-limits.ts';
export { SCHEMA_VERSION, MIGRATIONS } from './migrations.ts';
export {
  IdempotencyKey,
  IDEMPOTENCY_TTL_MS,
  MAX_IDEMPOTENCY_KEY,
  requestFingerprint,
  claimIdempotencyKey,
  claimIdempotencyKeySettled,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  type Claim,
  type StoredAnswer,
} from './idempotency.ts';
export {
  loadCatalog,
  loadCatalogText,
  checkCatalog,
  catalogPath,
  PREDICTION_ID,
  type Catalog,
  type Prediction,
} from './catalog.ts';
export {
  OUTCOMES,
  RESOLUTION_OUTCOMES,
  ResolutionRequest,
  ForecastRequest,
  describeIssues,
  type Outcome,
  type ResolutionOutcome,
} from './requests.ts';
export {
  statusOf,
  stateFrom,
  timeline,
  type Actor,
  type Via,
  type Status,
  type ResolutionEvent,
  type ForecastEvent,
  type PredictionState,
  type HistoryEntry,
} from './history.ts';
export { httpStatus, writeErrorCode, type Write, type WriteError } from './errors.ts';
export {
  recordResolution,
  recordForecast,
  predictionState,
  predictionStates,
  trackRecord,
  currentStatuses,
  orphanIds,
  trackRecordVersion,
  allStates,
  type PredictionRecord,
  type KnownPredictions,
  type WriteOptions,
} from './store.ts';
export {
  createToken,
  revokeToken,
  listTokens,
  verifyToken,
  tokenId,
  bearerToken,
  authorize,
  isRole,
  ROLES,
  type Role,
  type Identity,
  type TokenInfo,
  type Authorization,
} from './tokens.ts';
export {
  tryToken,
  hasKnownTokenId,
  retryAfterSeconds,
  TOKEN_LOCK,
  type TokenAttempt,
  type TokenLock,
} from './token-guard.ts';
export {
  signIn,
  startSession,
  sessionIdentity,
  signOut,
  csrfToken,
  verifyCsrf,
  DEFAULT_SESSION_TTL_MS,
  type Session,
} from './sessions.ts';
export {
  scoreboard,
  scorePrediction,
  countedForecasts,
  calibrationPoints,
  brierScore,
  logScore,
  AUTHOR,
  type Scoreboard,
  type PredictionScores,
  type ForecasterScores,
  type ScoredForecast,
  type MeanScores,
  type TrackedPrediction,
} from './scoring.ts';
export { calibration, wilsonInterval, binIndex, Z95, type CalibrationBin } from './calibration.ts';
export { evidenceFor, evidenceName, importPrefixes, likelihoodText } from './evidence.ts';
export { qualifyExpr } from './expr-text.ts';
export { resolutionLog, statesAsOf, statusesAsOf } from './asof.ts';
export { impactSteps, reaching, evidenceIf, evidenceAsOf, type ImpactStep } from './impact.ts';
export {
  forecasterSeries,
  aggregateSeries,
  impliedSteps,
  impliedModelOf,
  type CredencePoint,
  type ForecasterSeries,
  type AggregatePoint,
} from './credence-history.ts';
export {
  trackRecordExport,
  trackRecordExportCsv,
  aggregateOf,
  type TrackRecordExport,
  type ImpliedCredences,
} from './export.ts';
export { timeWeightedBrier } from './time-weighted.ts';
