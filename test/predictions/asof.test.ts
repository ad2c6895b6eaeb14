// The track record as it was: the log of resolution events across predictions in recorded
// order, and states cut at any point of it.

import { describe, expect, it } from 'vitest';
import { resolutionLog, statesAsOf, statusesAsOf } from '../../src/predictions/asof.ts';
import { stateFrom, type ForecastEvent, type ResolutionEvent } from '../../src/predictions/history.ts';

const res = (id: number, predictionId: string, version: number, outcome: ResolutionEvent['outcome'], day: number) =>
  ({
    id,
    predictionId,
    version,
    outcome,
    note: 'n',
    evidenceUrl: null,
    actor: 'r',
    via: 'cli',
    at: `2026-03-${String(day).padStart(2, '0')}T00:00:00.000Z`,
  }) satisfies ResolutionEvent;
const fc = (id: number, predictionId: string, day: number): ForecastEvent => ({
  id,
  predictionId,
  forecaster: 'f',
  credence: 0.5,
  note: null,
  predictionVersion: 0,
  via: 'api',
  at: `2026-03-${String(day).padStart(2, '0')}T12:00:00.000Z`,
});

// Recorded: A yes (id 1, day 1), B no (id 2, day 3), A reopened (id 3, day 5), A no (id 4, day 7).
const A = stateFrom('A', [res(1, 'A', 1, 'yes', 1), res(3, 'A', 2, 'unresolved', 5), res(4, 'A', 3, 'no', 7)], []);
const B = stateFrom('B', [res(2, 'B', 1, 'no', 3)], [fc(10, 'B', 2), fc(11, 'B', 4)]);
const C = stateFrom('C', [], [fc(12, 'C', 6)]);
const states = [A, B, C];
const log = resolutionLog(states);

describe('as of a resolution count', () => {
  it('orders every resolution event by when it was recorded', () => {
    expect(log.map((e) => `${e.predictionId}${e.version}`)).toEqual(['A1', 'B1', 'A2', 'A3']);
  });

  it('gives each status after the first k events', () => {
    const at = (k: number) => Object.fromEntries(statusesAsOf(states, log, k));
    expect(at(0)).toEqual({ A: 'open', B: 'open', C: 'open' });
    expect(at(1)).toEqual({ A: 'yes', B: 'open', C: 'open' });
    expect(at(2)).toEqual({ A: 'yes', B: 'no', C: 'open' });
    expect(at(3)).toEqual({ A: 'open', B: 'no', C: 'open' });
    expect(at(4)).toEqual({ A: 'no', B: 'no', C: 'open' });
    expect(at(99)).toEqual(at(4));
    expect(at(-3)).toEqual(at(0));
  });

  it('keeps the versions and the forecasts recorded before the next resolution', () => {
    const [a, b, c] = statesAsOf(states, log, 1);
    expect(a!.version).toBe(1);
    expect(b!.version).toBe(0);
    // B's next-event cut is day 3: the day-2 forecast stays, the day-4 one goes; C's day-6 one goes.
    expect(b!.forecasts.map((f) => f.id)).toEqual([10]);
    expect(c!.forecasts).toEqual([]);
    expect(statesAsOf(states, log, 4)).toEqual(states);
  });
});
