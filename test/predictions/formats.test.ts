// Other tools' track-record layouts: files laid out as Fatebook's and Metaculus's exports (written
// by hand from their exporters' column lists and value formats) read into questions with the
// values a person reads off the rows, and a record written in a layout reads back the same.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFatebook, writeFatebook } from '../../src/predictions/formats/fatebook.ts';
import { readMetaculus, writeMetaculus, pythonTime } from '../../src/predictions/formats/metaculus.ts';
import { isoTime, outcomeOf, type ExternalQuestion } from '../../src/predictions/formats/questions.ts';
import { parseCsv } from '../../src/predictions/csv.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const fixture = (...path: string[]) => readFileSync(join(FIXTURES, ...path), 'utf8');

describe('reading a Fatebook export', () => {
  it('groups one row per forecast into questions, with Fatebook’s zone-less times as UTC', () => {
    const read = readFatebook(fixture('fatebook-export.csv'), 'fatebook.csv');
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value).toEqual([
      {
        credenceId: null,
        sourceId: null,
        title: 'Will the lab publish a scheming evaluation by June?',
        createdBy: 'Ada',
        createdAt: '2026-01-05T09:03:51.000Z',
        resolveBy: '2026-06-30T12:00:00.000Z',
        resolution: 'yes',
        resolvedAt: '2026-03-02T17:20:05.000Z',
        forecasts: [
          { forecaster: 'Ada', credence: 0.3, at: '2026-01-05T09:04:07.000Z' },
          { forecaster: 'Ada', credence: 0.55, at: '2026-02-10T08:00:12.000Z' },
          { forecaster: 'Ben', credence: 0.2, at: '2026-01-06T10:15:00.000Z' },
        ],
        from: { file: 'fatebook.csv', line: 2 },
      },
      {
        credenceId: null,
        sourceId: null,
        title: 'Will a model be caught "sandbagging" in a public report?',
        createdBy: 'Ada',
        createdAt: '2026-01-20T14:30:40.000Z',
        resolveBy: '2027-01-01T12:00:00.000Z',
        resolution: null,
        resolvedAt: null,
        forecasts: [
          { forecaster: 'Ada', credence: 0.12, at: '2026-01-20T14:30:45.000Z' },
          { forecaster: 'Ben', credence: 0.3, at: '2026-01-21T08:00:00.000Z' },
        ],
        from: { file: 'fatebook.csv', line: 5 },
      },
    ]);
  });

  it('names the line of every row it cannot read, and reads nothing then', () => {
    const header = fixture('fatebook-export.csv').split('\n')[0];
    const text = [
      header,
      '"Q",,"Ada",1.2,2026-01-05 09:04:7,"Ada",2026-01-05 09:03:51,,,,,,,,false,',
      '"Q",,"Ada",0.5,2026-01-05 09:04:7,"Ada",2026-01-05 09:03:51,,"MAYBE",,,,,,false,',
      '"Q",Red,"Ada",0.5,2026-01-05 09:04:7,"Ada",2026-01-05 09:03:51,,,,,,,,false,',
    ].join('\r\n');
    expect(readFatebook(`\uFEFF${text}`, 'f.csv')).toEqual({
      ok: false,
      errors: [
        {
          file: 'f.csv',
          line: 2,
          code: 'out-of-range',
          message: "the forecast must be a probability from 0 to 1, not '1.2'",
        },
        { file: 'f.csv', line: 3, code: 'invalid-value', message: "unknown resolution 'MAYBE'" },
        {
          file: 'f.csv',
          line: 4,
          code: 'unsupported',
          message: 'a multiple-choice forecast: Credence takes yes/no questions only',
        },
      ],
    });
    expect(readFatebook('Title,Forecast\nx,0.5\n', 'other.csv')).toEqual({
      ok: false,
      errors: [
        {
          file: 'other.csv',
          line: 1,
          code: 'missing-field',
          message: "not a Fatebook export: no 'Question title' or 'Forecast (scale = 0-1)' column",
        },
      ],
    });
  });
});

describe('reading a Metaculus export', () => {
  it('takes binary questions and people’s forecasts; numeric questions and aggregates are skipped and said', () => {
    const read = readMetaculus(fixture('metaculus', 'question_data.csv'), fixture('metaculus', 'forecast_data.csv'));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value).toEqual([
      {
        credenceId: null,
        sourceId: '31001',
        title: 'Will a frontier lab report a model sabotaging its own evaluation before 2027?',
        createdBy: null,
        createdAt: '2025-11-03T15:00:00.000Z',
        resolveBy: '2026-12-31T23:00:00.000Z',
        resolution: 'yes',
        resolvedAt: '2026-02-14T09:30:00.000Z',
        forecasts: [
          { forecaster: 'ada_l', credence: 0.25, at: '2025-11-04T08:12:33.412Z' },
          { forecaster: 'ada_l', credence: 0.4, at: '2026-01-10T10:00:00.000Z' },
          { forecaster: 'ben_k', credence: 0.18, at: '2025-12-01T19:45:02.000Z' },
        ],
        from: { file: 'question_data.csv', line: 2 },
      },
      {
        credenceId: null,
        sourceId: '31003',
        title: 'Will deceptive alignment be demonstrated in a model trained without a backdoor, by 2028?',
        createdBy: null,
        createdAt: '2025-12-01T12:00:00.000Z',
        resolveBy: '2027-12-31T23:00:00.000Z',
        resolution: null,
        resolvedAt: null,
        forecasts: [{ forecaster: 'ben_k', credence: 0.06, at: '2025-12-02T07:30:00.250Z' }],
        from: { file: 'question_data.csv', line: 4 },
      },
    ]);
    expect(read.skipped).toEqual([
      'question_data.csv:3: a numeric question (Credence takes yes/no questions)',
      '2 aggregate forecasts (rows without a Forecaster ID)',
    ]);
  });

  it('refuses files without Metaculus’s columns, naming the file', () => {
    const r = readMetaculus('Question ID,Title\n1,x\n', fixture('metaculus', 'forecast_data.csv'));
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          file: 'question_data.csv',
          line: 1,
          code: 'missing-field',
          message: "not a Metaculus question_data.csv: no 'Question Title', 'Resolution' column",
        },
      ],
    });
  });
});

const RECORD: ExternalQuestion[] = [
  {
    credenceId: '3',
    sourceId: null,
    title: 'A statement, with "quotes" and a comma',
    createdBy: 'author',
    createdAt: '2025-03-01T00:00:00.000Z',
    resolveBy: null,
    resolution: 'no',
    resolvedAt: '2026-02-01T10:20:30.456Z',
    forecasts: [
      { forecaster: 'author', credence: 0.15, at: '2025-03-01T00:00:00.000Z' },
      { forecaster: 'fred', credence: 0.4, at: '2026-01-02T03:04:05.000Z' },
    ],
    from: null,
  },
  {
    credenceId: '4',
    sourceId: null,
    title: 'Still open',
    createdBy: 'author',
    createdAt: '2025-03-01T00:00:00.000Z',
    resolveBy: null,
    resolution: null,
    resolvedAt: null,
    forecasts: [{ forecaster: 'author', credence: 0.6, at: '2025-03-01T00:00:00.000Z' }],
    from: null,
  },
];

const withoutPlace = (qs: ExternalQuestion[]) => qs.map((q) => ({ ...q, from: null }));

describe('a record written in a layout reads back the same', () => {
  it('Fatebook', () => {
    const text = writeFatebook(RECORD);
    const table = parseCsv(text);
    expect(table.ok && table.value.rows).toHaveLength(3);
    const read = readFatebook(text, 'x.csv');
    expect(read.ok && withoutPlace(read.value)).toEqual(RECORD);
  });

  it('Metaculus (the question id is the Credence id; times as Python prints them)', () => {
    const files = writeMetaculus(RECORD);
    expect(files.forecasts.split('\n')[2]).toBe('3,fred,fred,False,2026-01-02 03:04:05+00:00,,,0.4,,,,,,,,,,0.6,');
    const read = readMetaculus(files.questions, files.forecasts);
    expect(read.ok && withoutPlace(read.value)).toEqual(
      RECORD.map((q) => ({ ...q, sourceId: q.credenceId, createdBy: null })),
    );
  });
});

describe('times and outcomes as other tools write them', () => {
  it.each([
    ['2026-01-19 16:45:56.319217+00:00', '2026-01-19T16:45:56.319Z'],
    ['2026-01-19 16:45:56+02:00', '2026-01-19T14:45:56.000Z'],
    ['2026-01-05 9:04:7', '2026-01-05T09:04:07.000Z'],
    ['2026-01-05T09:04:07Z', '2026-01-05T09:04:07.000Z'],
    ['2026-01-05', '2026-01-05T00:00:00.000Z'],
    ['', null],
    ['yesterday', null],
    ['2026-02-30 10:00:00', null],
  ])('%j is %j', (text, iso) => expect(isoTime(text)).toBe(iso));

  it('pythonTime writes microseconds only when there are any', () => {
    expect(pythonTime('2026-01-02T03:04:05.000Z')).toBe('2026-01-02 03:04:05+00:00');
    expect(pythonTime('2026-01-02T03:04:05.250Z')).toBe('2026-01-02 03:04:05.250000+00:00');
  });

  it.each([
    ['YES', 'yes'],
    ['no', 'no'],
    ['Ambiguous', 'ambiguous'],
    ['annulled', 'annulled'],
    ['N/A', 'annulled'],
    ['', null],
    ['maybe', 'unknown'],
  ])('%j is %j', (text, outcome) => expect(outcomeOf(text)).toBe(outcome));
});
