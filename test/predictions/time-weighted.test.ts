// Time-weighted Brier against hand computation: each forecast weighted by the open time it stood.

import { describe, expect, it } from 'vitest';
import { timeWeightedBrier, openSpans } from '../../src/predictions/time-weighted.ts';
import { scoreboard } from '../../src/predictions/scoring.ts';
import { stateFrom, type ForecastEvent, type ResolutionEvent } from '../../src/predictions/history.ts';
import type { ResolutionOutcome } from '../../src/predictions/requests.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (days: number) => new Date(T0 + days * DAY).toISOString();

let id = 1;
const resolution = (version: number, outcome: ResolutionOutcome, day: number): ResolutionEvent => ({
  id: id++,
  predictionId: 'P',
  version,
  outcome,
  note: 'n',
  evidenceUrl: null,
  actor: 'r',
  via: 'api',
  at: at(day),
});
const forecast = (forecaster: string, credence: number, version: number, day: number): ForecastEvent => ({
  id: id++,
  predictionId: 'P',
  forecaster,
  credence,
  note: null,
  predictionVersion: version,
  via: 'web',
  at: at(day),
});

describe('time-weighted Brier', () => {
  it('weights each forecast by the days it stood before the resolution', () => {
    // 0.8 on day 0, 0.4 on day 3, resolved yes on day 4:
    // (0.2² · 3 + 0.6² · 1) / 4 = (0.12 + 0.36) / 4 = 0.12; the latest forecast alone scores 0.36.
    const fs = [forecast('alice', 0.8, 0, 0), forecast('alice', 0.4, 0, 3)];
    const state = stateFrom('P', [resolution(1, 'yes', 4)], fs);
    expect(timeWeightedBrier(state, fs)).toBeCloseTo(0.12, 12);
  });

  it('leaves out the time the prediction was resolved before being reopened', () => {
    // 0.3 on day 0; resolved yes day 2; reopened day 10; 0.9 on day 11; resolved no on day 13.
    // Open spans: [0, 2) and [10, 13). 0.3 stands [0, 11) → 2 + 1 = 3 open days; 0.9 stands 2 days.
    // (0.3² · 3 + 0.9² · 2) / 5 = (0.27 + 1.62) / 5 = 0.378
    const fs = [forecast('bob', 0.3, 0, 0), forecast('bob', 0.9, 2, 11)];
    const state = stateFrom(
      'P',
      [resolution(1, 'yes', 2), resolution(2, 'unresolved', 10), resolution(3, 'no', 13)],
      fs,
    );
    expect(openSpans(state)).toEqual([
      [-Infinity, T0 + 2 * DAY],
      [T0 + 10 * DAY, T0 + 13 * DAY],
    ]);
    expect(timeWeightedBrier(state, fs)).toBeCloseTo(0.378, 12);
  });

  it('is null while open, for ambiguous outcomes and without a forecast before the resolution', () => {
    const fs = [forecast('carol', 0.6, 0, 0)];
    expect(timeWeightedBrier(stateFrom('P', [], fs), fs)).toBeNull();
    expect(timeWeightedBrier(stateFrom('P', [resolution(1, 'ambiguous', 1)], fs), fs)).toBeNull();
    expect(timeWeightedBrier(stateFrom('P', [resolution(1, 'no', 1)], []), [])).toBeNull();
  });

  it('scores the latest forecast alone when all were made at the resolution instant', () => {
    const fs = [forecast('dan', 0.1, 0, 5), forecast('dan', 0.7, 0, 5)];
    expect(timeWeightedBrier(stateFrom('P', [resolution(1, 'no', 5)], fs), fs)).toBeCloseTo(0.49, 12);
  });

  it('enters the scoreboard per forecaster; the author’s equals the plain Brier score', () => {
    const fs = [forecast('alice', 0.8, 0, 0), forecast('alice', 0.4, 0, 3)];
    const board = scoreboard([
      { prediction: { id: 'P', credence: 0.7 }, state: stateFrom('P', [resolution(1, 'yes', 4)], fs) },
    ]);
    const alice = board.forecasters.find((f) => f.forecaster === 'alice')!;
    const author = board.forecasters.find((f) => f.forecaster === 'author')!;
    expect(alice.brier).toBeCloseTo(0.36, 12); // the latest forecast
    expect(alice.twBrier).toBeCloseTo(0.12, 12);
    expect(author.twBrier).toBeCloseTo(0.09, 12); // (0.7 − 1)²
    expect(author.brier).toBeCloseTo(0.09, 12);
  });
});
