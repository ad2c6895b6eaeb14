// Numbers as Credence writes them for people, on pages, in charts (drawn in the page and as
// standalone SVG) and on the command line: one set of rules on one d3-format locale, so a value
// reads the same wherever it appears. Probabilities in percent with two significant digits of
// their distance to 0 or 1 (25%, 5.3%, 0.012%, 99.97%: a small probability never shows as 0%),
// other numbers with three significant digits, counts whole with separators, and one minus sign
// (U+2212) everywhere, exponents included. Machine output (JSON, CSV) keeps full numbers.

import { formatLocale } from 'd3-format';
import { isProbabilityUnit } from '../model/units.ts';

/** Units whose values are probabilities or shares in [0, 1], shown in percent (the loader's rule). */
export { isProbabilityUnit };

/** The one minus sign: U+2212, as typeset mathematics writes it. */
export const MINUS = '\u2212';

const locale = formatLocale({ decimal: '.', thousands: ',', grouping: [3], currency: ['', ''], minus: MINUS });

/** d3-format writes exponents with toExponential's hyphen: give them the same minus as the sign. */
const oneMinus = (s: string) => s.replace(/-/g, MINUS);

/** A d3-format specifier on the shared locale, every minus sign the same. */
export function numberFormat(specifier: string): (x: number) => string {
  const f = locale.format(specifier);
  return (x) => oneMinus(f(x));
}

/** What a number that is not finite reads as. */
function notFinite(x: number): string {
  return Number.isNaN(x) ? '–' : x > 0 ? '∞' : `${MINUS}∞`;
}

/** Decimals for two significant digits of `q` (> 0), at most 8. */
const decimalsFor = (q: number) => Math.max(0, Math.min(8, 1 - Math.floor(Math.log10(q))));

const fixedCache = new Map<number, (x: number) => string>();
/** `decimals` places, trailing zeros dropped. */
function trimmed(decimals: number): (x: number) => string {
  let f = fixedCache.get(decimals);
  if (!f) fixedCache.set(decimals, (f = numberFormat(`.${decimals}~f`)));
  return f;
}

/** Percent with two significant digits of the distance to 0 or to 1: 25%, 5.3%, 0.012%, 99.97%. */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return notFinite(p);
  if (p === 0) return '0%';
  if (p === 1) return '100%';
  const q = Math.min(Math.abs(p), Math.abs(1 - p)) * 100;
  return `${trimmed(decimalsFor(q))(p * 100)}%`;
}

/**
 * The two ends of an interval as read together ("90% interval 0.4% to 93%"). Each end is its
 * value's own form, except that an end of a probability closer to 0 (or 1) than the interval's
 * resolution (a thousandth of its width, down to a power of ten) reads "< r" (or "> 1 − r"):
 * "< 0.01% to 93%", not "0.00032% to 93%", whose last digits say nothing at that width. An
 * interval that is tiny throughout keeps its digits (0.00032% to 0.0041%).
 */
export function formatInterval(lo: number, hi: number, unit: string | null | undefined): [string, string] {
  if (!isProbabilityUnit(unit) || !Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo)
    return [formatValue(lo, unit), formatValue(hi, unit)];
  const k = Math.floor(Math.log10((hi - lo) / 1000));
  const r = 10 ** k;
  const inPercent = trimmed(Math.max(0, -k - 2));
  const end = (p: number) =>
    p > 0 && p < r
      ? `< ${inPercent(r * 100)}%`
      : p < 1 && 1 - p < r
        ? `> ${inPercent(100 - r * 100)}%`
        : formatPercent(p);
  return [end(lo), end(hi)];
}

/** A signed change in percentage points, two significant digits: +3.2 pp, −0.014 pp. */
export function formatPoints(d: number): string {
  if (!Number.isFinite(d)) return notFinite(d);
  if (d === 0) return '0 pp';
  const v = Math.abs(d) * 100;
  return `${d < 0 ? MINUS : '+'}${trimmed(decimalsFor(v))(v)} pp`;
}

const general = numberFormat(',.3~r');
const scientific = numberFormat('.2~e');

/** Three significant digits, with separators from a thousand; scientific beyond 1e6 or below 1e-4. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return notFinite(x);
  const a = Math.abs(x);
  if (a === 0) return '0';
  return a >= 1e6 || a < 1e-4 ? scientific(x) : general(x);
}

/** A value in its unit's natural form. */
export function formatValue(x: number, unit: string | null | undefined): string {
  return isProbabilityUnit(unit) ? formatPercent(x) : formatNumber(x);
}

/** A difference in the unit's natural form: percentage points for probabilities, else signed. */
export function formatDelta(d: number, unit: string | null | undefined): string {
  if (isProbabilityUnit(unit)) return formatPoints(d);
  if (!Number.isFinite(d)) return notFinite(d);
  return (d > 0 ? '+' : '') + formatNumber(d);
}

const count = numberFormat(',.0f');
/** Whole numbers with separators: 100,000. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? count(n) : notFinite(n);
}

/**
 * Indices and correlations (between −1 and 1): always two decimals, so a column of them lines
 * up; a value too small to show is "<0.01" rather than a misleading 0.00.
 */
export function formatIndex(v: number): string {
  if (!Number.isFinite(v)) return notFinite(v);
  if (v !== 0 && Math.abs(v) < 0.005) return v > 0 ? '<0.01' : `>${MINUS}0.01`;
  return fixed2(v);
}
const fixed2 = numberFormat('.2f');

/** A percentile as an ordinal: 5th, 50th, 99.5th. */
export function formatPercentile(p: number): string {
  return `${formatPercent(p).replace('%', '')}th`;
}

/** The fewest decimals (up to 8) that write every one of `values` exactly. */
function decimalsOf(values: readonly number[]): number {
  for (let d = 0; d < 8; d++) {
    const k = 10 ** d;
    if (values.every((v) => Math.abs(v * k - Math.round(v * k)) <= 1e-6 * Math.max(1, Math.abs(v * k)))) return d;
  }
  return 8;
}

/**
 * Tick labels for evenly spaced ticks: the decimals their step needs and no more, in percent for
 * probabilities (0%, 2.5%, 5%…), so every tick of an axis has the same precision.
 */
export function tickFormat(ticks: readonly number[], unit: string | null | undefined): (x: number) => string {
  const percent = isProbabilityUnit(unit);
  const scaled = ticks.filter(Number.isFinite).map((t) => (percent ? t * 100 : t));
  const max = Math.max(0, ...scaled.map(Math.abs));
  if (scaled.length < 2) return percent ? formatPercent : formatNumber;
  // Beyond the range where fixed decimals read well, fall back to the general rule.
  if (!percent && (max >= 1e6 || (max > 0 && max < 1e-4))) return formatNumber;
  const f = numberFormat(`,.${decimalsOf(scaled)}f`);
  return percent ? (x) => `${f(x * 100)}%` : f;
}
