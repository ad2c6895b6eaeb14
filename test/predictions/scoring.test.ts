import { describe, expect, it } from 'vitest';
import {
  brierScore,
  logScore,
  scoreboard,
  countedForecasts,
  calibrationPoints,
  AUTHOR,
  type TrackedPrediction,
} from '../../src/predictions/scoring.ts';
import { stateFrom, type ForecastEvent, type ResolutionEvent } from '../../src/predictions/history.ts';
import type { ResolutionOutcome } from '../../src/predictions/requests.ts';

let nextId = 1;
function res(predictionId: string, outcomes: ResolutionOutcome[]): ResolutionEvent[] {
  return outcomes.map((outcome, i) => ({
    id: nextId++,
    predictionId,
    version: i + 1,
    outcome,
    note: 'n',
    evidenceUrl: null,
    actor: 'r',
    via: 'api',
    at: '2026-01-01T00:00:00.000Z',
  }));
}
function fc(predictionId: string, forecaster: string, credence: number, predictionVersion: number): ForecastEvent {
  return {
    id: nextId++,
    predictionId,
    forecaster,
    credence,
    note: null,
    predictionVersion,
    via: 'api',
    at: '2026-01-01T00:00:00.000Z',
  };
}
function tracked(
  id: string,
  credence: number,
  outcomes: ResolutionOutcome[],
  forecasts: ForecastEvent[],
): TrackedPrediction {
  return { prediction: { id, credence }, state: stateFrom(id, res(id, outcomes), forecasts) };
}

describe('single scores', () => {
  it('Brier is (p − o)², log is ln of the probability given to what happened', () => {
    expect(brierScore(0.8, true)).toBeCloseTo(0.04, 12); // (0.8 − 1)² = 0.04
    expect(brierScore(0.7, false)).toBeCloseTo(0.49, 12); // (0.7 − 0)² = 0.49
    expect(brierScore(0.5, true)).toBe(0.25);
    expect(logScore(0.8, true)).toBeCloseTo(-0.22314355131, 10); // ln 0.8
    expect(logScore(0.7, false)).toBeCloseTo(-1.20397280433, 10); // ln 0.3
    expect(logScore(0.5, false)).toBeCloseTo(-0.69314718056, 10); // ln 0.5
  });
});

describe('scoreboard over a small hand-computed set', () => {
  // A: author 0.8, resolved yes. alice said 0.6 then 0.9 before it resolved → 0.9 counts.
  // B: author 0.7, resolved no. alice said 0.2.
  // C: author 0.6; resolved no (v1), reopened (v2), resolved yes (v3). bob said 0.3 at v0 and
  //    0.4 at v2 → 0.4 counts; a 0.99 recorded at v3 (after the resolution) must not.
  // D: author 0.9, ambiguous → not scored. E: author 0.5, open → not scored.
  //
  // author: A (0.8−1)² = 0.04, ln 0.8 = −0.2231435513
  //         B (0.7−0)² = 0.49, ln 0.3 = −1.2039728043
  //         C (0.6−1)² = 0.16, ln 0.6 = −0.5108256238
  //         mean Brier 0.69 / 3 = 0.23; mean log −1.9379419794 / 3 = −0.6459806598
  // alice:  A (0.9−1)² = 0.01, ln 0.9 = −0.1053605157;  B (0.2−0)² = 0.04, ln 0.8 = −0.2231435513
  //         mean Brier 0.05 / 2 = 0.025; mean log −0.3285040670 / 2 = −0.1642520335
  //         author on A, B: Brier 0.53 / 2 = 0.265; log −1.4271163556 / 2 = −0.7135581778
  // bob:    C (0.4−1)² = 0.36, ln 0.4 = −0.9162907319; author on C: 0.16, −0.5108256238
  const items = [
    tracked('A', 0.8, ['yes'], [fc('A', 'alice', 0.6, 0), fc('A', 'alice', 0.9, 0)]),
    tracked('B', 0.7, ['no'], [fc('B', 'alice', 0.2, 0)]),
    tracked(
      'C',
      0.6,
      ['no', 'unresolved', 'yes'],
      [fc('C', 'bob', 0.3, 0), fc('C', 'bob', 0.4, 2), fc('C', 'bob', 0.99, 3)],
    ),
    tracked('D', 0.9, ['ambiguous'], [fc('D', 'alice', 0.5, 0)]),
    tracked('E', 0.5, [], [fc('E', 'alice', 0.5, 0)]),
  ];
  const board = scoreboard(items);

  it('counts resolved, unscored and open predictions', () => {
    expect(board.counts).toEqual({ total: 5, open: 1, scored: 3, unscored: 1 });
    expect(board.predictions.map((p) => [p.id, p.outcome])).toEqual([
      ['A', 'yes'],
      ['B', 'no'],
      ['C', 'yes'],
    ]);
  });

  it('scores the author', () => {
    const author = board.forecasters[0]!;
    expect(author.forecaster).toBe(AUTHOR);
    expect(author.n).toBe(3);
    expect(author.brier).toBeCloseTo(0.23, 10);
    expect(author.log).toBeCloseTo(-0.6459806598, 9);
    expect(author.authorOnSame).toBe(null);
  });

  it('scores each forecaster on their latest forecast before the resolution, beside the author on the same predictions', () => {
    const [, alice, bob] = board.forecasters;
    expect(alice!.forecaster).toBe('alice');
    expect(alice!.predictions).toEqual(['A', 'B']);
    expect(alice!.brier).toBeCloseTo(0.025, 10);
    expect(alice!.log).toBeCloseTo(-0.1642520335, 9);
    expect(alice!.authorOnSame!.brier).toBeCloseTo(0.265, 10);
    expect(alice!.authorOnSame!.log).toBeCloseTo(-0.7135581778, 9);
    expect(bob!.forecaster).toBe('bob');
    expect(bob!.n).toBe(1);
    expect(bob!.brier).toBeCloseTo(0.36, 10);
    expect(bob!.log).toBeCloseTo(-0.9162907319, 9);
    expect(bob!.authorOnSame!.brier).toBeCloseTo(0.16, 10);
  });

  it('per prediction: the author first, then the counted forecasts', () => {
    const c = board.predictions.find((p) => p.id === 'C')!;
    expect(c.forecasts.map((f) => [f.forecaster, f.credence])).toEqual([
      ['author', 0.6],
      ['bob', 0.4],
    ]);
    expect(countedForecasts(items[2]!.state).map((f) => f.credence)).toEqual([0.4]);
    expect(countedForecasts(items[4]!.state)).toEqual([]);
  });

  it('gives the calibration points of a forecaster', () => {
    expect(calibrationPoints(board)).toEqual([
      { credence: 0.8, yes: true },
      { credence: 0.7, yes: false },
      { credence: 0.6, yes: true },
    ]);
    expect(calibrationPoints(board, 'alice')).toEqual([
      { credence: 0.9, yes: true },
      { credence: 0.2, yes: false },
    ]);
  });

  it('an empty record scores nothing', () => {
    const empty = scoreboard([]);
    expect(empty.counts).toEqual({ total: 0, open: 0, scored: 0, unscored: 0 });
    expect(empty.forecasters).toEqual([]);
  });
});
