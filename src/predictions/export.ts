// The track record as a file (pure): every prediction with its catalog entry, status, the full
// history of resolutions and forecasts, and the scores, as JSON (nested) or as CSV (one row per
// record, its kind in the first column: prediction, resolution, forecast, score), so a
// spreadsheet filters on `kind`. The API and `credence predictions --json/--csv` write the same.
// (csv.ts writes the record in other sites' layouts; both write CSV with d3's formatter.)

import { csvFormatRows } from 'd3';
import { AUTHOR, scoreboard, type Scoreboard } from './scoring.ts';
import type { PredictionRecord } from './store.ts';
import type { ForecastEvent, ResolutionEvent } from './history.ts';
import { entryOf, type PredictionEntry } from './catalog-schema.ts';

export interface ExportedPrediction extends PredictionEntry {
  /** The credence the linked model implies (null when not computed or the model cannot run). */
  implied: number | null;
  /** The median of the forecasters' latest forecasts (null without forecasts). */
  aggregate: number | null;
  status: string;
  version: number;
  resolutions: ResolutionEvent[];
  forecasts: ForecastEvent[];
}

export interface TrackRecordExport {
  /** Resolution events in the record when it was written: `asof` reproduces it. */
  asof: number;
  /** The run that computed the model-implied credences (null when none was computed). */
  impliedRun: { samples: number; seed: number } | null;
  predictions: ExportedPrediction[];
  scores: Scoreboard;
}

/** The median of each forecaster's latest forecast among `forecasts` (null when there are none). */
export function aggregateOf(forecasts: readonly ForecastEvent[]): number | null {
  const latest = new Map<string, ForecastEvent>();
  for (const f of forecasts) {
    const prev = latest.get(f.forecaster);
    if (!prev || f.id > prev.id) latest.set(f.forecaster, f);
  }
  const xs = [...latest.values()].map((f) => f.credence).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2;
}

/** Model-implied credences by prediction id, and the run that computed them. */
export interface ImpliedCredences {
  samples: number;
  seed: number;
  predictions: readonly { id: string; implied: number | null }[];
}

export function trackRecordExport(
  records: readonly PredictionRecord[],
  scores: Scoreboard = scoreboard(records),
  implied: ImpliedCredences | null = null,
): TrackRecordExport {
  const byId = new Map(implied?.predictions.map((p) => [p.id, p.implied]));
  return {
    asof: records.reduce((n, r) => n + r.state.resolutions.length, 0),
    impliedRun: implied && { samples: implied.samples, seed: implied.seed },
    predictions: records.map(({ prediction: p, state: s }) => ({
      ...entryOf(p),
      implied: byId.get(p.id) ?? null,
      aggregate: aggregateOf(s.forecasts),
      status: s.status,
      version: s.version,
      resolutions: s.resolutions,
      forecasts: s.forecasts,
    })),
    scores,
  };
}

export const EXPORT_COLUMNS = [
  'kind',
  'prediction',
  'statement',
  'model',
  'stated',
  'status',
  'version',
  'outcome',
  'forecaster',
  'credence',
  'implied',
  'aggregate',
  'brier',
  'log',
  'tw_brier',
  'actor',
  'via',
  'at',
  'note',
  'evidence_url',
] as const;

type Cell = string | number | null;
type Row = Partial<Record<(typeof EXPORT_COLUMNS)[number], Cell>>;

const text = (c: Cell | undefined): string =>
  c === null || c === undefined ? '' : typeof c === 'number' ? (Number.isFinite(c) ? String(c) : '') : c;

/** The export as CSV: per prediction its row, then its resolutions, forecasts and scores. */
export function trackRecordExportCsv(x: TrackRecordExport): string {
  const rows: Row[] = [];
  const scored = new Map(x.scores.predictions.map((p) => [p.id, p]));
  for (const p of x.predictions) {
    rows.push({
      kind: 'prediction',
      prediction: p.id,
      statement: p.statement,
      model: p.model,
      stated: p.stated,
      status: p.status,
      version: p.version,
      forecaster: AUTHOR,
      credence: p.credence,
      implied: p.implied,
      aggregate: p.aggregate,
      note: p.note,
    });
    for (const r of p.resolutions)
      rows.push({
        kind: 'resolution',
        prediction: p.id,
        version: r.version,
        outcome: r.outcome,
        actor: r.actor,
        via: r.via,
        at: r.at,
        note: r.note,
        evidence_url: r.evidenceUrl,
      });
    for (const f of p.forecasts)
      rows.push({
        kind: 'forecast',
        prediction: p.id,
        version: f.predictionVersion,
        forecaster: f.forecaster,
        credence: f.credence,
        via: f.via,
        at: f.at,
        note: f.note,
      });
    for (const s of scored.get(p.id)?.forecasts ?? [])
      rows.push({
        kind: 'score',
        prediction: p.id,
        outcome: scored.get(p.id)!.outcome,
        forecaster: s.forecaster,
        credence: s.credence,
        brier: s.brier,
        log: s.log,
        tw_brier: s.twBrier,
      });
  }
  return `${csvFormatRows([[...EXPORT_COLUMNS], ...rows.map((r) => EXPORT_COLUMNS.map((c) => text(r[c])))])}\n`;
}
