// The prediction track record as the web app reads it: the catalog of the current models
// folder (kept per snapshot, with its last good version when the file breaks), the statuses in
// the database, the evidence resolutions put on a model, and the scoreboard.

import {
  loadCatalog,
  currentStatuses,
  evidenceFor,
  trackRecord,
  scoreboard,
  calibration,
  calibrationPoints,
  type Catalog,
  type Db,
  type Scoreboard,
  type PredictionRecord,
  type CalibrationBin,
} from '../predictions/index.ts';
import type { ExtraEvidence } from '../model/graph.ts';
import type { CredenceError } from '../model/errors.ts';
import type { Snapshot } from './live-project.ts';

export interface Board {
  records: PredictionRecord[];
  scoreboard: Scoreboard;
  calibration: CalibrationBin[];
}

export class TrackRecord {
  private catalogs = new Map<string, { catalog: Catalog | null; errors: CredenceError[] }>();
  private lastGood: Catalog | null = null;

  constructor(readonly db: Db) {}

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
    const { catalog } = this.catalog(snapshot);
    if (!catalog) return [];
    return evidenceFor(snapshot.project, catalog, currentStatuses(this.db, catalog), modelId);
  }

  /** Changes whenever a resolution or forecast is recorded: part of a page's cache key. */
  stateKey(snapshot: Snapshot): string {
    const { catalog } = this.catalog(snapshot);
    if (!catalog) return 'none';
    return trackRecord(this.db, catalog)
      .map((r) => `${r.prediction.id}:${r.state.version}:${r.state.forecasts.length}`)
      .join(',');
  }

  board(snapshot: Snapshot): Board | null {
    const { catalog } = this.catalog(snapshot);
    if (!catalog) return null;
    const records = trackRecord(this.db, catalog);
    const board = scoreboard(records.map((r) => ({ prediction: r.prediction, state: r.state })));
    return { records, scoreboard: board, calibration: calibration(calibrationPoints(board)) };
  }
}
