// The track-record export: the same record as nested JSON and as one CSV (a row per prediction,
// resolution, forecast and score), with the forecasters' median and the scores of the record.

import { describe, expect, it } from 'vitest';
import { csvParse } from 'd3';
import { trackRecordExport, trackRecordExportCsv, aggregateOf, EXPORT_COLUMNS } from '../../src/predictions/export.ts';
import { scoreboard } from '../../src/predictions/scoring.ts';
import { stateFrom, type ForecastEvent, type ResolutionEvent } from '../../src/predictions/history.ts';
import type { Prediction } from '../../src/predictions/catalog.ts';

let id = 1;
const res = (predictionId: string, version: number, outcome: ResolutionEvent['outcome']): ResolutionEvent => ({
  id: id++,
  predictionId,
  version,
  outcome,
  note: 'per the criteria, "clearly"',
  evidenceUrl: 'https://example.org/a,b',
  actor: 'rita',
  via: 'web',
  at: `2026-02-0${version}T00:00:00.000Z`,
});
const fc = (predictionId: string, forecaster: string, credence: number): ForecastEvent => ({
  id: id++,
  predictionId,
  forecaster,
  credence,
  note: null,
  predictionVersion: 0,
  via: 'api',
  at: '2026-01-15T00:00:00.000Z',
});
const prediction = (pid: string, credence: number): Prediction =>
  ({
    id: pid,
    statement: `Statement ${pid}, with a comma`,
    credence,
    stated: '2025-11-20',
    criteria: 'c',
    model: 'm',
    pYes: 'p',
    note: null,
  }) as unknown as Prediction;

describe('aggregate', () => {
  it("is the median of each forecaster's latest forecast", () => {
    expect(aggregateOf([])).toBeNull();
    // alice 0.2 then 0.6 (0.6 counts), bob 0.3, carol 0.9 → median of 0.3, 0.6, 0.9 = 0.6
    expect(
      aggregateOf([fc('A', 'alice', 0.2), fc('A', 'bob', 0.3), fc('A', 'alice', 0.6), fc('A', 'carol', 0.9)]),
    ).toBe(0.6);
    // two forecasters: the mean of the middle two
    expect(aggregateOf([fc('A', 'a', 0.2), fc('A', 'b', 0.5)])).toBeCloseTo(0.35, 12);
  });
});

describe('track-record export', () => {
  const aF = [fc('A', 'alice', 0.9), fc('A', 'bob', 0.6)];
  const records = [
    { prediction: prediction('A', 0.8), state: stateFrom('A', [res('A', 1, 'yes')], aF) },
    { prediction: prediction('B', 0.5), state: stateFrom('B', [], []) },
  ];
  const x = trackRecordExport(records, scoreboard(records), {
    samples: 1000,
    seed: 7,
    predictions: [{ id: 'A', implied: 0.7 }],
  });

  it('holds each prediction with its history, implied credence, aggregate and the scores', () => {
    expect(x.asof).toBe(1);
    expect(x.impliedRun).toEqual({ samples: 1000, seed: 7 });
    expect(x.predictions.map((p) => [p.id, p.status, p.implied, p.aggregate])).toEqual([
      ['A', 'yes', 0.7, 0.75],
      ['B', 'open', null, null],
    ]);
    expect(x.predictions[0]!.resolutions).toHaveLength(1);
    expect(x.scores.forecasters.map((f) => [f.forecaster, f.brier])).toEqual([
      ['author', expect.closeTo(0.04, 12)],
      ['alice', expect.closeTo(0.01, 12)],
      ['bob', expect.closeTo(0.16, 12)],
    ]);
  });

  it('writes one CSV row per prediction, resolution, forecast and score, readable back', () => {
    const rows = csvParse(trackRecordExportCsv(x));
    expect(rows.columns).toEqual([...EXPORT_COLUMNS]);
    expect(rows.map((r) => `${r.kind}:${r.prediction}`)).toEqual([
      'prediction:A',
      'resolution:A',
      'forecast:A',
      'forecast:A',
      'score:A',
      'score:A',
      'score:A',
      'prediction:B',
    ]);
    expect(rows[0]).toMatchObject({
      statement: 'Statement A, with a comma',
      credence: '0.8',
      implied: '0.7',
      aggregate: '0.75',
    });
    expect(rows[1]).toMatchObject({
      outcome: 'yes',
      note: 'per the criteria, "clearly"',
      evidence_url: 'https://example.org/a,b',
    });
    expect(rows.filter((r) => r.kind === 'score').map((r) => [r.forecaster, Number(r.brier)])).toEqual([
      ['author', expect.closeTo(0.04, 12)],
      ['alice', expect.closeTo(0.01, 12)],
      ['bob', expect.closeTo(0.16, 12)],
    ]);
  });
});
