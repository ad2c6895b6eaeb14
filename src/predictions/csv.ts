// The track record as CSV in Fatebook's export layout (one row per forecast, with the
// question's resolution beside it), so that it can be read by the tools forecasters keep their
// records in. The catalog's own credences are rows by the forecaster 'author', dated by the
// date the author stated them. Columns:
//   Question title, Forecast created by, Forecast (scale = 0-1), Forecast created at,
//   Question created by, Question created at, Question resolution (YES, NO, AMBIGUOUS or empty),
//   Question resolve by, Question resolved at, Credence id
// 'Credence id' (the catalog id) is ours; other tools ignore a column they do not know.

import { csvFormat } from 'd3';
import type { PredictionRecord } from './store.ts';
import { AUTHOR } from './scoring.ts';

export const CSV_COLUMNS = [
  'Question title',
  'Forecast created by',
  'Forecast (scale = 0-1)',
  'Forecast created at',
  'Question created by',
  'Question created at',
  'Question resolution',
  'Question resolve by',
  'Question resolved at',
  'Credence id',
] as const;

const RESOLUTION: Record<string, string> = { yes: 'YES', no: 'NO', ambiguous: 'AMBIGUOUS', annulled: 'AMBIGUOUS' };

/** One row per forecast (the author's credence first), in catalog order. */
export function trackRecordCsv(records: PredictionRecord[]): string {
  const rows: Record<(typeof CSV_COLUMNS)[number], string>[] = [];
  for (const { prediction: p, state } of records) {
    const stated = String(p.stated);
    const question = {
      'Question title': p.statement,
      'Question created by': AUTHOR,
      'Question created at': stated,
      'Question resolution': state.resolution ? (RESOLUTION[state.resolution.outcome] ?? '') : '',
      'Question resolve by': '',
      'Question resolved at': state.resolution?.at ?? '',
      'Credence id': p.id,
    };
    rows.push({
      ...question,
      'Forecast created by': AUTHOR,
      'Forecast (scale = 0-1)': String(p.credence),
      'Forecast created at': stated,
    });
    for (const f of state.forecasts)
      rows.push({
        ...question,
        'Forecast created by': f.forecaster,
        'Forecast (scale = 0-1)': String(f.credence),
        'Forecast created at': f.at,
      });
  }
  return `${csvFormat(rows, [...CSV_COLUMNS])}\n`;
}
