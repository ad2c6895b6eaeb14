// The one CSV reader and writer of Credence (RFC 4180 through d3-dsv): the track-record export
// (export.ts) and the other tools' layouts (formats/) go through it. Reading takes a byte-order
// mark and CRLF line ends (spreadsheets write both) and knows the line of every row, so an
// error names it; writing quotes what needs quoting and ends with a newline.

import { csvFormat, csvFormatRows, csvParseRows } from 'd3';

export type CsvRow = Record<string, string>;

export interface CsvTable {
  columns: string[];
  /** Data rows, keyed by column; a missing cell is ''. */
  rows: CsvRow[];
  /** The file line each row starts on (1 is the header). */
  lines: number[];
}

/** Rows under `columns`, in that order; values absent from a row are written empty. */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const cells = rows.map((r) => Object.fromEntries(columns.map((c) => [c, cell(r[c])])));
  return `${csvFormat(cells, [...columns])}\n`;
}

/** Plain rows of cells (the first being the header). */
export function rowsToCsv(rows: readonly (readonly unknown[])[]): string {
  return `${csvFormatRows(rows.map((r) => r.map(cell)))}\n`;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v);
}

/** A CSV text as a table, or a sentence saying why it is not one. */
export function parseCsv(text: string): { ok: true; value: CsvTable } | { ok: false; message: string } {
  const body = text.replace(/^\uFEFF/, '');
  const raw = csvParseRows(body);
  if (raw.length === 0 || raw[0]!.every((c) => c.trim() === ''))
    return { ok: false, message: 'the file is empty: a CSV file starts with a header row' };
  const columns = raw[0]!.map((c) => c.trim());
  // Line numbers: a quoted cell may span lines, so count the line breaks each row took.
  const lines: number[] = [];
  let line = 1 + lineBreaks(raw[0]!) + 1;
  const rows: CsvRow[] = [];
  for (const r of raw.slice(1)) {
    const start = line;
    line += lineBreaks(r) + 1;
    if (r.length === 1 && r[0] === '') continue;
    rows.push(Object.fromEntries(columns.map((c, i) => [c, (r[i] ?? '').trim()])));
    lines.push(start);
  }
  return { ok: true, value: { columns, rows, lines } };
}

const lineBreaks = (cells: string[]) => cells.reduce((n, c) => n + (c.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
