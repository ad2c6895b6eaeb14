// The track record as it was (pure): the resolution events of the catalog's predictions in the
// order they were recorded, and every prediction's state after the first `count` of them. A
// page's `asof=<count>` link pins its numbers to that point; the resolution-impact timeline
// walks the log one event at a time.
//
// A resolution event's place in the log is its database id (ids grow with every event, across
// predictions). Forecasts carry no place in that log, so "as of count k" keeps the forecasts
// made before the (k+1)-th resolution was recorded, by the time each was recorded.

import { stateFrom, type PredictionState, type ResolutionEvent, type Status } from './history.ts';

/** Every resolution event (reopenings included) of these predictions, oldest first. */
export function resolutionLog(states: Iterable<PredictionState>): ResolutionEvent[] {
  const out: ResolutionEvent[] = [];
  for (const s of states) out.push(...s.resolutions);
  return out.sort((a, b) => a.id - b.id);
}

/**
 * Each state as it was after the first `count` events of `log` (clamped to 0…log.length): its
 * resolutions up to that point, and its forecasts recorded before the next event.
 */
export function statesAsOf(
  states: readonly PredictionState[],
  log: readonly ResolutionEvent[],
  count: number,
): PredictionState[] {
  const k = Math.max(0, Math.min(log.length, Math.floor(count)));
  if (k === log.length) return [...states];
  const lastId = k > 0 ? log[k - 1]!.id : 0;
  const next = Date.parse(log[k]!.at);
  return states.map((s) =>
    stateFrom(
      s.id,
      s.resolutions.filter((r) => r.id <= lastId),
      s.forecasts.filter((f) => Date.parse(f.at) < next),
    ),
  );
}

/** Each prediction's status after the first `count` events of the log. */
export function statusesAsOf(
  states: readonly PredictionState[],
  log: readonly ResolutionEvent[],
  count: number,
): Map<string, Status> {
  return new Map(statesAsOf(states, log, count).map((s) => [s.id, s.status]));
}
