// Time-weighted Brier score (pure): each forecast counts for as long as it stood, as Metaculus
// and Fatebook score. A forecaster's forecast stands from when it was made until their next
// forecast or the resolution, and only while the prediction was open (a resolution later
// reopened closes it for the time between). The score is Σ (pₖ − o)² · tₖ / Σ tₖ.
//
// The catalog's credence is one forecast that stood from the day it was stated, so its
// time-weighted score equals its plain Brier score.

import { brierScore } from './rules.ts';
import type { ForecastEvent, PredictionState } from './history.ts';

/** [from, to) in milliseconds since the epoch. */
type Span = readonly [number, number];

/**
 * The spans during which the prediction was open, up to its current resolution (none when it
 * is open now). Events are applied in version order; the clocks of events are trusted only to
 * be non-decreasing, and a clock that runs backwards is clamped.
 */
export function openSpans(state: PredictionState): Span[] {
  if (!state.resolution) return [];
  const spans: Span[] = [];
  let openedAt = -Infinity;
  let open = true;
  let last = -Infinity;
  for (const e of state.resolutions) {
    if (e.version > state.resolution.version) break;
    const t = Math.max(last, Date.parse(e.at));
    last = t;
    if (e.outcome === 'unresolved') {
      if (!open) [open, openedAt] = [true, t];
    } else if (open) {
      spans.push([openedAt, t]);
      open = false;
    }
  }
  return spans;
}

function overlap(a: Span, spans: readonly Span[]): number {
  let total = 0;
  for (const s of spans) total += Math.max(0, Math.min(a[1], s[1]) - Math.max(a[0], s[0]));
  return total;
}

/**
 * The time-weighted Brier score of one forecaster's forecasts on a resolved prediction: the
 * forecasts made before its current resolution, weighted by the open time each stood. Null
 * when the prediction is not resolved yes or no, or the forecaster made no forecast before it.
 * When every forecast stood for no time (all made at the resolution's instant), the latest
 * counts alone.
 */
export function timeWeightedBrier(state: PredictionState, forecasts: readonly ForecastEvent[]): number | null {
  const r = state.resolution;
  if (!r || (r.outcome !== 'yes' && r.outcome !== 'no')) return null;
  const yes = r.outcome === 'yes';
  const before = forecasts
    .filter((f) => f.predictionVersion < r.version)
    .map((f) => ({ credence: f.credence, t: Date.parse(f.at), id: f.id }))
    .sort((a, b) => a.t - b.t || a.id - b.id);
  if (before.length === 0) return null;
  const spans = openSpans(state);
  const end = spans.length > 0 ? spans[spans.length - 1]![1] : Date.parse(r.at);
  let weighted = 0;
  let time = 0;
  before.forEach((f, i) => {
    const until = Math.min(end, i + 1 < before.length ? before[i + 1]!.t : end);
    const t = overlap([f.t, Math.max(f.t, until)], spans);
    weighted += brierScore(f.credence, yes) * t;
    time += t;
  });
  return time > 0 ? weighted / time : brierScore(before[before.length - 1]!.credence, yes);
}
