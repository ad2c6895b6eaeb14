// Scoring a track record (pure). Only `yes` and `no` resolutions are scored; `ambiguous` and
// `annulled` ones are counted but carry no score.
//
// Conventions, used everywhere in Credence:
// - Brier score of a credence p on an outcome o ∈ {1 (yes), 0 (no)}: (p − o)². In [0, 1];
//   LOWER is better; always saying 50% scores 0.25.
// - Log score: the natural log of the probability given to what happened, ln p for yes and
//   ln(1 − p) for no. At most 0; HIGHER (closer to 0) is better; always saying 50% scores
//   ln 0.5 ≈ −0.693.
// - Time-weighted Brier: each forecast's Brier score weighted by the time it stood before the
//   resolution (time-weighted.ts); the author's catalog credence stood throughout, so theirs
//   equals the plain Brier score.
// Means are plain averages over the scored predictions.
//
// Who is scored: the catalog's credences as the forecaster `author`, and every forecaster
// with a forecast on the prediction made before its current resolution, using their latest
// such forecast. "Before" is by the prediction's version (the number of resolution events when
// the forecast was made), not by clocks.

import type { ForecastEvent, PredictionState } from './history.ts';
import { brierScore, logScore } from './rules.ts';
import { timeWeightedBrier } from './time-weighted.ts';

export { brierScore, logScore };

/** The catalog's credences are scored under this forecaster name. */
export const AUTHOR = 'author';

export interface ScoredForecast {
  forecaster: string;
  credence: number;
  brier: number;
  log: number;
  /** Brier score of every forecast the forecaster made before the resolution, weighted by the time each stood. */
  twBrier: number;
  /** The forecast event scored; null for the author's catalog credence. */
  forecastId: number | null;
}

export interface PredictionScores {
  id: string;
  outcome: 'yes' | 'no';
  /** The author first, then forecasters by name. */
  forecasts: ScoredForecast[];
}

export interface MeanScores {
  /** Number of scored predictions. */
  n: number;
  brier: number;
  log: number;
  /** Mean time-weighted Brier score. */
  twBrier: number;
}

export interface ForecasterScores extends MeanScores {
  forecaster: string;
  /** Ids of the predictions scored for this forecaster. */
  predictions: string[];
  /** The author's mean scores on the same predictions, for a like-for-like comparison (null for the author). */
  authorOnSame: MeanScores | null;
}

export interface Scoreboard {
  counts: { total: number; open: number; scored: number; unscored: number };
  predictions: PredictionScores[];
  /** The author first, then by mean Brier score (best first), then by name. */
  forecasters: ForecasterScores[];
}

export interface TrackedPrediction {
  prediction: { id: string; credence: number };
  state: PredictionState;
}

/** The forecasts that count for a resolved prediction: each forecaster's latest one made before the resolution. */
export function countedForecasts(state: PredictionState): ForecastEvent[] {
  if (!state.resolution) return [];
  const cutoff = state.resolution.version;
  const latest = new Map<string, ForecastEvent>();
  for (const f of state.forecasts) {
    if (f.predictionVersion >= cutoff) continue;
    const prev = latest.get(f.forecaster);
    if (!prev || f.id > prev.id) latest.set(f.forecaster, f);
  }
  return [...latest.values()].sort((a, b) => (a.forecaster < b.forecaster ? -1 : a.forecaster > b.forecaster ? 1 : 0));
}

/** Scores of one prediction, or null when it is open, ambiguous or annulled. */
export function scorePrediction(item: TrackedPrediction): PredictionScores | null {
  const { status } = item.state;
  if (status !== 'yes' && status !== 'no') return null;
  const yes = status === 'yes';
  const score = (forecaster: string, credence: number, forecastId: number | null): ScoredForecast => {
    const own = item.state.forecasts.filter((f) => f.forecaster === forecaster);
    const brier = brierScore(credence, yes);
    return {
      forecaster,
      credence,
      brier,
      log: logScore(credence, yes),
      twBrier: forecastId === null ? brier : (timeWeightedBrier(item.state, own) ?? brier),
      forecastId,
    };
  };
  return {
    id: item.prediction.id,
    outcome: status,
    forecasts: [
      score(AUTHOR, item.prediction.credence, null),
      ...countedForecasts(item.state).map((f) => score(f.forecaster, f.credence, f.id)),
    ],
  };
}

function mean(scores: readonly ScoredForecast[]): MeanScores {
  const n = scores.length;
  if (n === 0) return { n: 0, brier: NaN, log: NaN, twBrier: NaN };
  let b = 0;
  let l = 0;
  let t = 0;
  for (const s of scores) {
    b += s.brier;
    l += s.log;
    t += s.twBrier;
  }
  return { n, brier: b / n, log: l / n, twBrier: t / n };
}

export function scoreboard(items: readonly TrackedPrediction[]): Scoreboard {
  const predictions = items.map(scorePrediction).filter((p): p is PredictionScores => p !== null);
  const open = items.filter((i) => i.state.status === 'open').length;
  const byForecaster = new Map<string, { id: string; s: ScoredForecast }[]>();
  for (const p of predictions) {
    for (const s of p.forecasts) {
      const list = byForecaster.get(s.forecaster) ?? [];
      list.push({ id: p.id, s });
      byForecaster.set(s.forecaster, list);
    }
  }
  const authorById = new Map(predictions.map((p) => [p.id, p.forecasts[0]!]));
  const forecasters: ForecasterScores[] = [...byForecaster.entries()].map(([forecaster, list]) => ({
    forecaster,
    ...mean(list.map((x) => x.s)),
    predictions: list.map((x) => x.id),
    authorOnSame: forecaster === AUTHOR ? null : mean(list.map((x) => authorById.get(x.id)!)),
  }));
  forecasters.sort((a, b) => {
    if (a.forecaster === AUTHOR) return -1;
    if (b.forecaster === AUTHOR) return 1;
    return a.brier - b.brier || (a.forecaster < b.forecaster ? -1 : 1);
  });
  return {
    counts: {
      total: items.length,
      open,
      scored: predictions.length,
      unscored: items.length - open - predictions.length,
    },
    predictions,
    forecasters,
  };
}

/** A forecaster's (credence, outcome) pairs on the scored predictions: the input of a calibration chart. */
export function calibrationPoints(
  board: Scoreboard,
  forecaster: string = AUTHOR,
): { credence: number; yes: boolean }[] {
  const out: { credence: number; yes: boolean }[] = [];
  for (const p of board.predictions) {
    for (const f of p.forecasts)
      if (f.forecaster === forecaster) out.push({ credence: f.credence, yes: p.outcome === 'yes' });
  }
  return out;
}
