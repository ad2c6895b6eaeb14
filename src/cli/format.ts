// Plain-text tables and numbers for terminal output. Small probabilities keep their digits
// (1.2e-9, not 0.0000).

export function num(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e7) return x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  const s = x.toPrecision(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export function pct(x: number): string {
  return Number.isFinite(x) ? `${num(x * 100, 3)}%` : 'NaN';
}

/** Align rows of cells into columns; the first row is the header. Numbers align right. */
export function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  const numeric = (c: string) => /^[-+]?(\d|NaN|Inf)/.test(c);
  return rows.map((r, ri) =>
    r
      .map((c, i) => (ri > 0 && i > 0 && numeric(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
