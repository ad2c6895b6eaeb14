// Number formatting in the charts: the shared rules of src/analysis/format.ts (the pages and the
// command line use the same), plus what only an axis needs.

import type * as d3 from 'd3';
import { formatNumber, formatPercent, isProbabilityUnit, tickFormat } from '../../analysis/format.ts';

export {
  formatCount,
  formatDelta,
  formatIndex,
  formatInterval,
  formatNumber,
  formatPercent,
  formatPercentile,
  formatPoints,
  formatValue,
  isProbabilityUnit,
  tickFormat,
} from '../../analysis/format.ts';

/** Labels for an axis's ticks: the step's precision on a linear scale, percent for probabilities. */
export function tickFormatter(
  scale: d3.ScaleLinear<number, number> | d3.ScaleLogarithmic<number, number>,
  ticks: readonly number[],
  unit: string | null | undefined,
): (x: number) => string {
  // Log ticks span decades: each is written by the general rule.
  if ('base' in scale) return isProbabilityUnit(unit) ? formatPercent : formatNumber;
  return tickFormat(ticks, unit);
}

/** "Label (unit)" for an axis; probability units read "(probability)" with % on the ticks. */
export function axisTitle(label: string | null | undefined, unit: string | null | undefined, fallback: string): string {
  const l = label || fallback;
  return unit ? `${l} (${unit})` : l;
}
