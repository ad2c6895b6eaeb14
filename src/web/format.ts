// Numbers as the pages show them, with the charts' own formatters so a page's tables and its
// charts agree: probabilities in percent, other numbers with three significant digits.

import {
  formatValue,
  formatNumber,
  formatPercent,
  formatDelta,
  formatCount,
  formatInterval,
  isProbabilityUnit,
} from '../analysis/format.ts';

export function num(x: unknown): string {
  return typeof x === 'number' ? formatNumber(x) : '–';
}

export function pct(x: unknown): string {
  return typeof x === 'number' ? formatPercent(x) : '–';
}

/** A number shown as a probability when the quantity is one, else plainly. */
export function value(x: unknown, unit: string | null | undefined): string {
  return typeof x === 'number' ? formatValue(x, unit) : '–';
}

/** An interval's two ends as read together, joined by `sep` (see formatInterval). */
export function interval(lo: unknown, hi: unknown, unit: string | null | undefined, sep = ' to '): string {
  if (typeof lo !== 'number' || typeof hi !== 'number') return '–';
  return formatInterval(lo, hi, unit).join(sep);
}

export function delta(x: unknown, unit: string | null | undefined): string {
  return typeof x === 'number' ? formatDelta(x, unit) : '–';
}

/** Whole numbers with thousands separators. */
export function count(x: unknown): string {
  return typeof x === 'number' && Number.isFinite(x) ? formatCount(x) : '–';
}

/** Fractions keep 7 significant digits in page data: far below what a chart can show, a third of the bytes. */
function compact(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isInteger(v) && Number.isFinite(v) ? Number(v.toPrecision(7)) : v;
}

/**
 * JSON safe to place inside <script type="application/json">: no '<', '>', '&' or line
 * separators, fractions rounded to 7 significant digits (the API keeps full precision).
 */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v ?? null, compact)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** p5/median/p95 of each input, formatted in its unit, for the inputs table. */
export function inputStats(
  nodes: Record<string, { p5: number; p50: number; p95: number }> | undefined,
  inputs: { name: string; unit: string | null }[] | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of inputs ?? []) {
    const s = nodes?.[i.name];
    if (s) out[i.name] = [value(s.p5, i.unit), value(s.p50, i.unit), value(s.p95, i.unit)];
  }
  return out;
}

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** An ISO 8601 time as readers write it, in UTC: "20 Nov 2025, 14:03 UTC" (as given when it does not parse). */
export function readableDate(iso: unknown): string {
  if (typeof iso !== 'string') return '–';
  const t = Date.parse(iso);
  return Number.isFinite(t) ? `${DATE.format(t)} UTC` : iso;
}

/** A value with one more digit than the charts show, so small shifts read: 31.0% → 29.6%. */
export function preciseValue(x: unknown, unit: string | null | undefined): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '–';
  if (!isProbabilityUnit(unit)) return formatNumber(x);
  const p = x * 100;
  return Math.abs(p) >= 1 ? `${p.toFixed(1)}%` : `${Number(p.toPrecision(2))}%`;
}
