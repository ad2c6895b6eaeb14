// The prediction track record as the web app reads it: the catalog of the current models
// folder (kept per snapshot, with its last good version when the file breaks), the states in
// the store, the evidence resolutions put on a model, and the scoreboard. The store is read
// once per request (refresh(), a count of events; the events themselves only when another
// request or server instance recorded one), so pages read it synchronously. A request with
// `asof=<count>` sees the record as it was after its first `count` resolution events: every
// state, status, piece of evidence and score it reads is pinned there (request-context.ts).

import {
  loadCatalog,
  allStates,
  evidenceFor,
  stateFrom,
  trackRecordVersion,
  scoreboard,
  calibration,
  calibrationPoints,
  type Catalog,
  type Store,
  type PredictionState,
  type Status,
  type Scoreboard,
  type PredictionRecord,
  type CalibrationBin,
} from '../predictions/index.ts';
import type { ExtraEvidence } from '../model/graph.ts';
import type { CredenceError } from '../model/errors.ts';
import type { Snapshot } from './live-project.ts';
import { resolutionLog, statesAsOf } from '../predictions/index.ts';
import { requestContext } from './request-context.ts';

export interface Board {
  records: PredictionRecord[];
  scoreboard: Scoreboard;
  calibration: CalibrationBin[];
}

export class TrackRecord {
  private catalogs = new Map<string, { catalog: Catalog | null; errors: CredenceError[] }>();
  private lastGood: Catalog | null = null;

  private states = new Map<string, PredictionState>();
  private version: string | null = null;
  private loading: Promise<void> | null = null;

  private pins = new Map<string, Map<string, PredictionState>>();

  constructor(readonly store: Store) {}

  /** The states this request sees: all of them, or as of its `asof`. */
  private seen(): Map<string, PredictionState> {
    const asof = requestContext()?.asof ?? null;
    if (asof === null) return this.states;
    const key = `${this.version}|${asof}`;
    let pinned = this.pins.get(key);
    if (!pinned) {
      const all = [...this.states.values()];
      pinned = new Map(statesAsOf(all, resolutionLog(all), asof).map((s) => [s.id, s]));
      if (this.pins.size > 50) this.pins.clear();
      this.pins.set(key, pinned);
    }
    return pinned;
  }

  /** Every state in the store that this request sees (predictions with events, catalog or not). */
  allStates(): PredictionState[] {
    return [...this.seen().values()];
  }

  /** Resolution events recorded in all, and how many this request sees (its `asof`, clamped). */
  resolutionCounts(): { total: number; seen: number } {
    const total = resolutionLog(this.states.values()).length;
    const asof = requestContext()?.asof ?? null;
    return { total, seen: asof === null ? total : Math.min(total, asof) };
  }

  /** Catch up with the store when any instance recorded an event since the last read. */
  async refresh(): Promise<void> {
    const wanted = await trackRecordVersion(this.store);
    // Counts only grow; a load that started before the latest event may return older ones.
    while (!this.reached(wanted)) {
      this.loading ??= allStates(this.store)
        .then(({ version, states }) => {
          if (!this.reached(version)) {
            this.version = version;
            this.states = states;
          }
        })
        .finally(() => (this.loading = null));
      await this.loading;
    }
  }

  /** Whether `have` (default: what is loaded) includes every event counted in `wanted`. */
  private reached(wanted: string, have: string | null = this.version): boolean {
    if (!have) return false;
    const [hr, hf] = have.split(':').map(Number);
    const [wr, wf] = wanted.split(':').map(Number);
    return hr! >= wr! && hf! >= wf!;
  }

  /** A prediction's state and history as last read (open with version 0 when it has none). */
  state(id: string): PredictionState {
    return this.seen().get(id) ?? stateFrom(id, [], []);
  }

  private records(catalog: Catalog): PredictionRecord[] {
    return catalog.predictions.map((prediction) => ({ prediction, state: this.state(prediction.id) }));
  }

  catalog(snapshot: Snapshot): { catalog: Catalog | null; errors: CredenceError[] } {
    let c = this.catalogs.get(snapshot.version);
    if (!c) {
      const r = loadCatalog(snapshot.project);
      if (r.ok) this.lastGood = r.value;
      const missing = !r.ok && r.errors.every((e) => e.code === 'file-missing');
      c = r.ok ? { catalog: r.value, errors: [] } : { catalog: this.lastGood, errors: missing ? [] : r.errors };
      this.catalogs.clear();
      this.catalogs.set(snapshot.version, c);
    }
    return c;
  }

  /** Evidence from every yes/no resolution linked to the model or its imports. */
  evidence(snapshot: Snapshot, modelId: string): ExtraEvidence[] {
    const s = this.statuses(snapshot);
    return s ? evidenceFor(snapshot.project, s.catalog, s.statuses, modelId) : [];
  }

  /** The catalog's predictions with their statuses as last read (null without a catalog). */
  statuses(snapshot: Snapshot): { catalog: Catalog; statuses: Map<string, Status> } | null {
    const { catalog } = this.catalog(snapshot);
    if (!catalog) return null;
    return { catalog, statuses: new Map([...catalog.byId.keys()].map((id) => [id, this.state(id).status])) };
  }

  /** Changes whenever a resolution or forecast is recorded: part of a page's cache key. */
  stateKey(snapshot: Snapshot): string {
    const asof = requestContext()?.asof ?? null;
    return this.catalog(snapshot).catalog ? `${this.version ?? 'unread'}${asof === null ? '' : `@${asof}`}` : 'none';
  }

  /** The calibration of one forecaster's scored forecasts ('author': the catalog's credences). */
  calibrationOf(snapshot: Snapshot, forecaster: string): CalibrationBin[] {
    const board = this.board(snapshot);
    return board ? calibration(calibrationPoints(board.scoreboard, forecaster)) : [];
  }

  board(snapshot: Snapshot): Board | null {
    const { catalog } = this.catalog(snapshot);
    if (!catalog) return null;
    const records = this.records(catalog);
    const board = scoreboard(records.map((r) => ({ prediction: r.prediction, state: r.state })));
    return { records, scoreboard: board, calibration: calibration(calibrationPoints(board)) };
  }
}
