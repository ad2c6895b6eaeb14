// The predictions pages (read-only): the list with statuses, scores and calibration, and one
// prediction with its criteria and the full history of resolutions and forecasts.

import { timeline, type HistoryEntry } from '../../predictions/index.ts';
import type { Snapshot } from '../live-project.ts';
import type { TrackRecord, Board } from '../track.ts';

export interface PredictionsPage {
  board: Board;
  calibration: unknown;
}

export function predictionsPage(track: TrackRecord, snapshot: Snapshot): PredictionsPage | null {
  const board = track.board(snapshot);
  if (!board) return null;
  return {
    board,
    calibration: {
      series: [{ name: 'author', bins: board.calibration }],
      title: "Calibration of the author's credences",
    },
  };
}

export interface PredictionPage {
  prediction: {
    id: string;
    statement: string;
    credence: number;
    stated: string;
    criteria: string;
    model: string;
    pYes: string;
    note: string | null;
  };
  status: string;
  version: number;
  history: HistoryEntry[];
}

export function predictionPage(track: TrackRecord, snapshot: Snapshot, id: string): PredictionPage | null {
  const p = track.catalog(snapshot).catalog?.byId.get(id);
  if (!p) return null;
  const state = track.state(id);
  return {
    prediction: {
      id: p.id,
      statement: p.statement,
      credence: p.credence,
      stated: p.stated,
      criteria: p.criteria,
      model: p.model,
      pYes: p.pYes,
      note: p.note,
    },
    status: state.status,
    version: state.version,
    history: timeline(state),
  };
}
