// Fatebook's CSV export (https://fatebook.io, "Export all your forecasts"): one row per forecast
// with its question beside it. The columns are those of Fatebook's own exporter,
// lib/web/export.ts `questionsToCsv` in github.com/Sage-Future/fatebook (read at 3eb5379,
// 2025-12-16); an older version of it named the resolution columns 'Question resolution' and
// 'Question resolved at', which reading also takes. Fatebook writes resolutions YES, NO or
// AMBIGUOUS (an annulled Credence prediction is written AMBIGUOUS) and times as
// 'YYYY-MM-DD H:M:S' without a zone; Credence writes ISO 8601 UTC, and reads a time without a
// zone as UTC. 'Credence id' is Credence's own column (tools ignore a column they do not know);
// Fatebook's scores, notes, sharing, comments and tags are left empty.

import { parseCsv, toCsv, type CsvRow } from '../csv.ts';
import { isoTime, outcomeOf, type ExternalQuestion } from './questions.ts';
import type { ErrorCode } from '../../model/errors.ts';
import type { LayoutRead, RowError } from './layout.ts';

export const FATEBOOK_COLUMNS = [
  'Question title',
  'Multiple choice option',
  'Forecast created by',
  'Forecast (scale = 0-1)',
  'Forecast created at',
  'Question created by',
  'Question created at',
  'Question resolve by',
  'Resolution',
  'Resolved at',
  'Your Brier score for this question',
  'Your relative Brier score for this question',
  'Question notes',
  'Question shared with',
  'Question shared publicly',
  'Question comments',
  'Question tags',
  'Credence id',
] as const;

const RESOLUTION = { yes: 'YES', no: 'NO', ambiguous: 'AMBIGUOUS', annulled: 'AMBIGUOUS' } as const;

/** One row per forecast, in the order of the questions. */
export function writeFatebook(questions: readonly ExternalQuestion[]): string {
  const rows = questions.flatMap((q) =>
    q.forecasts.map((f) => ({
      'Question title': q.title,
      'Forecast created by': f.forecaster,
      'Forecast (scale = 0-1)': f.credence,
      'Forecast created at': f.at,
      'Question created by': q.createdBy,
      'Question created at': q.createdAt,
      'Question resolve by': q.resolveBy,
      Resolution: q.resolution ? RESOLUTION[q.resolution] : '',
      'Resolved at': q.resolvedAt,
      'Credence id': q.credenceId,
    })),
  );
  return toCsv(rows, FATEBOOK_COLUMNS);
}

/** The first of `names` the row has a column for ('' if none). */
const pick = (row: CsvRow, ...names: string[]) => names.map((n) => row[n]).find((v) => v !== undefined) ?? '';

/** Questions from Fatebook's CSV (rows of one question grouped by its id, or title and creation time). */
export function readFatebook(text: string, file: string): LayoutRead {
  const table = parseCsv(text);
  if (!table.ok) return { ok: false, errors: [{ file, line: 1, code: 'unsupported', message: table.message }] };
  const { columns, rows, lines } = table.value;
  const missing = ['Question title', 'Forecast (scale = 0-1)'].filter((c) => !columns.includes(c));
  if (missing.length)
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          code: 'missing-field',
          message: `not a Fatebook export: no ${missing.map((c) => `'${c}'`).join(' or ')} column`,
        },
      ],
    };
  const byKey = new Map<string, ExternalQuestion>();
  const errors: RowError[] = [];
  rows.forEach((row, i) => {
    const line = lines[i]!;
    const fail = (code: ErrorCode, message: string) => errors.push({ file, line, code, message });
    const title = row['Question title']!;
    if (title === '') return fail('missing-field', 'the question title is empty');
    if (pick(row, 'Multiple choice option') !== '')
      return fail('unsupported', 'a multiple-choice forecast: Credence takes yes/no questions only');
    const credence = Number(row['Forecast (scale = 0-1)']);
    if (row['Forecast (scale = 0-1)'] === '' || !(credence >= 0 && credence <= 1))
      return fail(
        'out-of-range',
        `the forecast must be a probability from 0 to 1, not '${row['Forecast (scale = 0-1)']}'`,
      );
    const outcome = outcomeOf(pick(row, 'Resolution', 'Question resolution'));
    if (outcome === 'unknown')
      return fail('invalid-value', `unknown resolution '${pick(row, 'Resolution', 'Question resolution')}'`);
    const createdAt = isoTime(pick(row, 'Question created at'));
    const at = isoTime(pick(row, 'Forecast created at')) ?? createdAt;
    if (!at) return fail('missing-field', 'the forecast has no time (Forecast created at, or Question created at)');
    const credenceId = pick(row, 'Credence id') || null;
    const key = credenceId ?? `${title}\u0000${createdAt ?? ''}`;
    let q = byKey.get(key);
    if (!q) {
      q = {
        credenceId,
        sourceId: null,
        title,
        createdBy: pick(row, 'Question created by') || null,
        createdAt,
        resolveBy: isoTime(pick(row, 'Question resolve by')),
        resolution: outcome,
        resolvedAt: isoTime(pick(row, 'Resolved at', 'Question resolved at')),
        forecasts: [],
        from: { file, line },
      };
      byKey.set(key, q);
    }
    q.forecasts.push({ forecaster: pick(row, 'Forecast created by') || 'fatebook', credence, at });
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: [...byKey.values()] };
}
