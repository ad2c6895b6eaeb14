// The predictions as the API lists them: catalog entry, status, and (for one) the full history.

import type { Snapshot } from '../live-project.ts';
import type { TrackRecord } from '../track.ts';
import type { PredictionJson, PredictionsJson } from '../api-types.ts';

export function predictionsJson(track: TrackRecord, snapshot: Snapshot): PredictionsJson {
  const board = track.board(snapshot);
  if (!board) return { predictions: [], scoreboard: null };
  return {
    predictions: board.records.map(({ prediction: p, state }) => ({
      id: p.id,
      statement: p.statement,
      credence: p.credence,
      stated: p.stated,
      model: p.model,
      pYes: p.pYes,
      yesMeans: p.yesMeans,
      status: state.status,
      version: state.version,
      resolution: state.resolution,
    })),
    scoreboard: board.scoreboard,
  };
}

export function predictionJson(track: TrackRecord, snapshot: Snapshot, id: string): PredictionJson | null {
  const { catalog } = track.catalog(snapshot);
  const p = catalog?.byId.get(id);
  if (!p) return null;
  const { pYesExpr: _e, pYesSource: _s, loc: _l, ...entry } = p;
  return { ...entry, ...track.state(id) };
}
