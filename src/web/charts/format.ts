// Number formatting shared by the charts and their tables: probabilities in percent with enough
// digits that a small probability never shows as 0% (and one near 1 never as 100%), other
// numbers with three significant digits and thousands separators.

import * as d3 from 'd3';

/** Units whose values are probabilities or shares in [0, 1], shown in percent. */
export function isProbabilityUnit(unit: string | null | undefined): boolean {
  if (!unit) return false;
  const u = unit.trim().toLowerCase();
  return (
    u === 'probability' ||
    u === 'share' ||
    u === 'fraction' ||
    u.startsWith('probability ') ||
    u.startsWith('probability,') ||
    u.startsWith('share ')
  );
}

/** Percent with two significant digits of the distance to 0 or to 1: 25%, 5.3%, 0.012%, 99.97%. */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return '–';
  if (p === 0) return '0%';
  if (p === 1) return '100%';
  const q = Math.min(Math.abs(p), Math.abs(1 - p)) * 100;
  const magnitude = Math.floor(Math.log10(q));
  const decimals = Math.max(0, Math.min(8, 1 - magnitude));
  const s = (p * 100).toFixed(decimals);
  return `${decimals > 0 ? s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') : s}%`;
}

/** A signed change in percentage points: +3.2 pp, −0.014 pp. */
export function formatPoints(d: number): string {
  if (!Number.isFinite(d)) return '–';
  if (d === 0) return '0 pp';
  const v = Math.abs(d) * 100;
  const decimals = Math.max(0, Math.min(8, 1 - Math.floor(Math.log10(v))));
  const s = v
    .toFixed(decimals)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  return `${d < 0 ? '−' : '+'}${s} pp`;
}

const fmtGeneral = d3.format('.3~g');
const fmtThousands = d3.format(',.0f');
const fmtExp = d3.format('.2~e');

/** Three significant digits; thousands separators up to a million, then scientific notation. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '–' : x > 0 ? '∞' : '−∞';
  const a = Math.abs(x);
  let s: string;
  if (a === 0) s = '0';
  else if (a >= 1e6 || a < 1e-4) s = fmtExp(x);
  else if (a >= 1000) s = fmtThousands(x);
  else s = fmtGeneral(x);
  return s.replace('-', '−');
}

/** A value in its unit's natural form. */
export function formatValue(x: number, unit: string | null | undefined): string {
  return isProbabilityUnit(unit) ? formatPercent(x) : formatNumber(x);
}

/** A difference in the unit's natural form: percentage points for probabilities. */
export function formatDelta(d: number, unit: string | null | undefined): string {
  if (isProbabilityUnit(unit)) return formatPoints(d);
  if (!Number.isFinite(d)) return '–';
  return (d > 0 ? '+' : '') + formatNumber(d);
}

/** Tick labels for a linear scale: percent for probabilities (precision from the tick step). */
export function tickFormatter(
  scale: d3.ScaleLinear<number, number> | d3.ScaleLogarithmic<number, number>,
  count: number,
  unit: string | null | undefined,
): (x: number) => string {
  if (!isProbabilityUnit(unit)) return formatNumber;
  if ('base' in scale) return formatPercent;
  const f = scale.tickFormat(count, '%');
  return (x: number) => f(x).replace('-', '−');
}

/** "Label (unit)" for an axis; probability units read "(probability)" with % on the ticks. */
export function axisTitle(label: string | null | undefined, unit: string | null | undefined, fallback: string): string {
  const l = label || fallback;
  return unit ? `${l} (${unit})` : l;
}

/** Whole numbers with separators: 100,000. */
export const formatCount = d3.format(',.0f');
