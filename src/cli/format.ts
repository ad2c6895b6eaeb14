// Plain-text tables and numbers for terminal output, on the shared number format
// (src/analysis/format.ts: one d3-format locale, one minus sign): four significant digits with
// thousands separators in tables (67,680), scientific only for the very small or very large, so a
// small probability keeps its digits (1.683e−9, not 0.0000); counts compact (8.23M of 10M).

import { MINUS, formatCount, formatPercent, numberFormat } from '../analysis/format.ts';

const formats = new Map<string, (x: number) => string>();
function format(specifier: string): (x: number) => string {
  let f = formats.get(specifier);
  if (!f) formats.set(specifier, (f = numberFormat(specifier)));
  return f;
}

/** `digits` significant digits; scientific below 0.001 and from a billion. */
export function num(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e9) return format(`.${digits - 1}~e`)(x);
  return format(`,.${digits}~r`)(x);
}

/** A probability in percent (two significant digits of its distance to 0 or 1). */
export function pct(x: number): string {
  return Number.isFinite(x) ? formatPercent(x) : 'NaN';
}

/** A count: whole below ten thousand (9,999), else three significant digits and an SI suffix (8.23M, 1.5B). */
export function compact(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) < 1e4) return formatCount(n);
  return format('.3~s')(n).replace(/G$/, 'B');
}

/** A sampler's name as a person reads it. */
export function samplerName(sampler: string): string {
  return sampler === 'lhs' ? 'Latin hypercube' : sampler === 'sobol' ? "scrambled Sobol'" : 'Monte Carlo';
}

/** Align rows of cells into columns; the first row is the header. Numbers align right. */
export function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  const numeric = (c: string) => new RegExp(`^[-+±${MINUS}]?(\\d|NaN|∞|<)`).test(c);
  return rows.map((r, ri) =>
    r
      .map((c, i) => (ri > 0 && i > 0 && numeric(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
