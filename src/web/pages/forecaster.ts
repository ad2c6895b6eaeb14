// One forecaster's page (the author's too): their scores beside the author's on the same
// predictions, their calibration (each bin at the mean credence in it, with its count and
// Wilson interval), and every forecast they made, with the outcome and its scores.

import { AUTHOR, type CalibrationBin, type ForecasterScores, type Status } from '../../predictions/index.ts';
import type { Snapshot } from '../live-project.ts';
import type { TrackRecord } from '../track.ts';

export interface ForecastLine {
  prediction: { id: string; statement: string };
  credence: number;
  /** When it was made (null: the author's credence, dated `stated`). */
  at: string | null;
  stated: string | null;
  status: Status;
  /** Its scores when the prediction resolved yes or no and this forecast counted (else null). */
  brier: number | null;
  log: number | null;
}

export interface ForecasterPage {
  name: string;
  isAuthor: boolean;
  scores: ForecasterScores | null;
  calibration: { series: { name: string; bins: CalibrationBin[] }[]; title: string };
  forecasts: ForecastLine[];
}

export function forecasterPage(track: TrackRecord, snapshot: Snapshot, name: string): ForecasterPage | null {
  const board = track.board(snapshot);
  if (!board) return null;
  const isAuthor = name === AUTHOR;
  const scored = new Map(
    board.scoreboard.predictions.map((p) => [p.id, p.forecasts.find((f) => f.forecaster === name) ?? null]),
  );
  const forecasts: ForecastLine[] = [];
  for (const { prediction: p, state } of board.records) {
    const s = scored.get(p.id) ?? null;
    const score = { status: state.status, brier: s?.brier ?? null, log: s?.log ?? null };
    const prediction = { id: p.id, statement: p.statement };
    if (isAuthor) forecasts.push({ prediction, credence: p.credence, at: null, stated: p.stated, ...score });
    else
      for (const f of state.forecasts.filter((f) => f.forecaster === name))
        forecasts.push({
          prediction,
          credence: f.credence,
          at: f.at,
          stated: null,
          ...score,
          // Only the latest forecast before the resolution is scored.
          ...(s?.forecastId === f.id ? {} : { brier: null, log: null }),
        });
  }
  if (!isAuthor && forecasts.length === 0) return null;
  return {
    name,
    isAuthor,
    scores: board.scoreboard.forecasters.find((f) => f.forecaster === name) ?? null,
    calibration: {
      series: [{ name: isAuthor ? 'the author' : name, bins: track.calibrationOf(snapshot, name) }],
      title: `Calibration of ${isAuthor ? 'the author' : name}`,
    },
    forecasts,
  };
}
