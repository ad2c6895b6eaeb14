// Metaculus's data export (a question's or a user's "Download data"): a zip of question_data.csv
// (one row per question) and forecast_data.csv (one row per forecast, users' and aggregates').
// The columns are those Metaculus writes in utils/csv_utils.py `generate_data`,
// github.com/Metaculus/metaculus (read at 969629d), matching a 2026 export's README. Credence
// reads and writes binary questions only: 'Probability Yes' is the forecast, 'Start Time' its
// time, 'Resolution' yes/no/ambiguous/annulled. Rows without a 'Forecaster ID' are Metaculus's
// aggregates (e.g. recency_weighted), not anyone's forecast, and are not imported. Times are
// written as Python prints them ('2026-01-19 16:45:56.319000+00:00'). 'Credence ID' is
// Credence's own column at the end of question_data.csv.

import { parseCsv, toCsv, type CsvTable } from '../csv.ts';
import { isoTime, outcomeOf, type ExternalQuestion } from './questions.ts';
import type { LayoutRead, RowError } from './layout.ts';

export const METACULUS_QUESTION_COLUMNS = [
  'Question ID',
  'Question URL',
  'Question Title',
  'Post ID',
  'Post Curation Status',
  'Post Published Time',
  'Default Project',
  'Default Project ID',
  'Categories',
  'Leaderboard Tags',
  'Label',
  'Question Type',
  'MC Options (Current)',
  'MC Options (All)',
  'MC Options History',
  'Lower Bound',
  'Open Lower Bound',
  'Upper Bound',
  'Open Upper Bound',
  'Continuous Range',
  'Open Time',
  'CP Reveal Time',
  'Scheduled Close Time',
  'Actual Close Time',
  'Resolution',
  'Resolution Known Time',
  'Include Bots in Aggregates',
  'Question Weight',
  'Credence ID',
] as const;

export const METACULUS_FORECAST_COLUMNS = [
  'Question ID',
  'Forecaster ID',
  'Forecaster Username',
  'Is Bot',
  'Start Time',
  'End Time',
  'Forecaster Count',
  'Probability Yes',
  'Probability Yes Per Category',
  'Continuous CDF',
  'Probability Below Lower Bound',
  'Probability Above Upper Bound',
  '5th Percentile',
  '25th Percentile',
  'Median',
  '75th Percentile',
  '95th Percentile',
  'Probability of Resolution',
  'PDF at Resolution',
] as const;

export const METACULUS_FILES = { questions: 'question_data.csv', forecasts: 'forecast_data.csv' } as const;

/** An ISO time as Python's str(datetime) writes it (microseconds only when not zero). */
export function pythonTime(iso: string | null): string {
  if (!iso) return '';
  const [date, rest = ''] = iso.split('T');
  const [hms = '00:00:00', frac = '000'] = rest.replace(/Z$/, '').split('.');
  return `${date} ${hms}${/^0+$/.test(frac) ? '' : `.${frac.padEnd(6, '0')}`}+00:00`;
}

/** The two files of the export. A question's id is its Credence id. */
export function writeMetaculus(questions: readonly ExternalQuestion[]): { questions: string; forecasts: string } {
  const qs = questions.map((q, i) => {
    const id = q.credenceId ?? q.sourceId ?? String(i + 1);
    return {
      'Question ID': id,
      'Question Title': q.title,
      'Question Type': 'binary',
      'Open Time': pythonTime(q.createdAt),
      'Scheduled Close Time': pythonTime(q.resolveBy),
      'Actual Close Time': pythonTime(q.resolvedAt),
      Resolution: q.resolution ?? '',
      'Resolution Known Time': pythonTime(q.resolvedAt),
      'Credence ID': q.credenceId,
    };
  });
  const fs = questions.flatMap((q, i) =>
    q.forecasts.map((f) => ({
      'Question ID': qs[i]!['Question ID'],
      'Forecaster ID': f.forecaster,
      'Forecaster Username': f.forecaster,
      'Is Bot': 'False',
      'Start Time': pythonTime(f.at),
      'Probability Yes': f.credence,
      'Probability of Resolution': q.resolution === 'yes' ? f.credence : q.resolution === 'no' ? 1 - f.credence : '',
    })),
  );
  return { questions: toCsv(qs, METACULUS_QUESTION_COLUMNS), forecasts: toCsv(fs, METACULUS_FORECAST_COLUMNS) };
}

type Files = { questions: string; forecasts: string };

/** Questions from the two files of a Metaculus export (binary questions; aggregates skipped). */
export function readMetaculus(
  questionsText: string,
  forecastsText: string,
  files: Files = METACULUS_FILES,
): LayoutRead & { skipped?: string[] } {
  const skipped: string[] = [];
  const qt = parseCsv(questionsText);
  const ft = parseCsv(forecastsText);
  if (!qt.ok)
    return { ok: false, errors: [{ file: files.questions, line: 1, code: 'unsupported', message: qt.message }] };
  if (!ft.ok)
    return { ok: false, errors: [{ file: files.forecasts, line: 1, code: 'unsupported', message: ft.message }] };
  const errors = missingColumns(qt.value, ft.value, files);
  if (errors.length) return { ok: false, errors };
  const byId = readQuestions(qt.value, files.questions, errors, skipped);
  const aggregates = addForecasts(byId, ft.value, files.forecasts, errors);
  if (aggregates)
    skipped.push(`${aggregates} aggregate forecast${aggregates === 1 ? '' : 's'} (rows without a Forecaster ID)`);
  return errors.length ? { ok: false, errors } : { ok: true, value: [...byId.values()], skipped };
}

/** A missing-field error for each file that lacks a column Credence reads. */
function missingColumns(qt: CsvTable, ft: CsvTable, files: Files): RowError[] {
  const errors: RowError[] = [];
  for (const [t, file, need] of [
    [qt, files.questions, ['Question ID', 'Question Title', 'Resolution']],
    [ft, files.forecasts, ['Question ID', 'Forecaster ID', 'Start Time', 'Probability Yes']],
  ] as const) {
    const missing = need.filter((c) => !t.columns.includes(c));
    if (missing.length)
      errors.push({
        file,
        line: 1,
        code: 'missing-field',
        message: `not a Metaculus ${file}: no ${missing.map((c) => `'${c}'`).join(', ')} column`,
      });
  }
  return errors;
}

/** The binary questions of question_data.csv by their Metaculus id, with no forecasts yet. */
function readQuestions(
  qt: CsvTable,
  file: string,
  errors: RowError[],
  skipped: string[],
): Map<string, ExternalQuestion> {
  const byId = new Map<string, ExternalQuestion>();
  qt.rows.forEach((row, i) => {
    const line = qt.lines[i]!;
    const type = (row['Question Type'] ?? 'binary').toLowerCase();
    if (type !== 'binary') return skipped.push(`${file}:${line}: a ${type} question (Credence takes yes/no questions)`);
    const outcome = outcomeOf(row.Resolution!);
    if (outcome === 'unknown')
      return errors.push({ file, line, code: 'invalid-value', message: `unknown resolution '${row.Resolution}'` });
    byId.set(row['Question ID']!, {
      credenceId: row['Credence ID'] || null,
      sourceId: row['Question ID']!,
      title: row['Question Title']!,
      createdBy: null,
      createdAt: isoTime(row['Open Time'] ?? ''),
      resolveBy: isoTime(row['Scheduled Close Time'] ?? ''),
      resolution: outcome,
      resolvedAt:
        outcome === null
          ? null
          : (isoTime(row['Resolution Known Time'] ?? '') ?? isoTime(row['Actual Close Time'] ?? '')),
      forecasts: [],
      from: { file, line },
    });
  });
  return byId;
}

/** forecast_data.csv's forecasts onto their questions; returns how many aggregate rows it skipped. */
function addForecasts(byId: Map<string, ExternalQuestion>, ft: CsvTable, file: string, errors: RowError[]): number {
  let aggregates = 0;
  ft.rows.forEach((row, i) => {
    const line = ft.lines[i]!;
    const q = byId.get(row['Question ID']!);
    if (!q) return;
    if (row['Forecaster ID'] === '') return void aggregates++;
    const p = Number(row['Probability Yes']);
    if (row['Probability Yes'] === '' || !(p >= 0 && p <= 1))
      return errors.push({
        file,
        line,
        code: 'out-of-range',
        message: `Probability Yes must be from 0 to 1, not '${row['Probability Yes']}'`,
      });
    const at = isoTime(row['Start Time']!);
    if (!at)
      return errors.push({
        file,
        line,
        code: 'invalid-value',
        message: `cannot read the Start Time '${row['Start Time']}'`,
      });
    q.forecasts.push({ forecaster: row['Forecaster Username'] || row['Forecaster ID']!, credence: p, at });
  });
  return aggregates;
}
