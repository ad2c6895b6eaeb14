// What every sweep chart draws: its scales' domains and, on a plot, the baseline mean with each
// input's line and points (or only one input's, for a panel of the small multiples).

import * as d3 from 'd3';
import { tip, px, extent, padDomain, CATEGORICAL, MUTED, type Sel } from './common.ts';
import { formatPercentile, formatValue, formatDelta } from './format.ts';
import type { SweepData } from './sweep.ts';

const DASHES = [null, '7 3', '2 3', '9 3 2 3', '4 4', '1 2'];

const ordinal = formatPercentile;

export function yDomain(d: SweepData): [number, number] {
  return padDomain(extent([...d.series.flatMap((s) => s.points.map((p) => p.mean)), d.baseline.mean]), 0.06);
}

export function xDomain(d: SweepData): [number, number] {
  return extent(
    d.series.flatMap((s) => s.points.map((p) => p.percentile)),
    [0.05, 0.95],
  );
}
export function drawSeries(
  plot: Sel,
  d: SweepData,
  x: d3.ScaleLinear<number, number>,
  y: d3.ScaleLinear<number, number>,
  width: number,
  unit: string | null,
  only?: number,
): void {
  const by = y(d.baseline.mean);
  plot
    .append('line')
    .attr('class', 'baseline')
    .attr('data-value', String(d.baseline.mean))
    .attr('x1', 0)
    .attr('x2', px(width))
    .attr('y1', px(by))
    .attr('y2', px(by))
    .attr('stroke', MUTED)
    .attr('stroke-width', 1)
    .attr('stroke-dasharray', '4 3');
  d.series.forEach((s, i) => {
    if (only !== undefined && i !== only) return;
    const color = only !== undefined ? CATEGORICAL[0]! : CATEGORICAL[i % CATEGORICAL.length]!;
    const line = d3
      .line<{ percentile: number; mean: number }>()
      .defined((p) => Number.isFinite(p.mean))
      .x((p) => px(x(p.percentile)))
      .y((p) => px(y(p.mean)));
    const path = plot
      .append('path')
      .attr('class', 'line')
      .attr('data-input', s.input)
      .attr('d', line(s.points) ?? '')
      .attr('fill', 'none')
      .attr('stroke', color)
      .attr('stroke-width', 2.2)
      .attr('stroke-linejoin', 'round');
    const dash = only !== undefined ? null : DASHES[i % DASHES.length];
    if (dash) path.attr('stroke-dasharray', dash);
    tip(
      path,
      `${s.label || s.input}: ${formatValue(s.points[0]?.mean ?? NaN, unit)} to ${formatValue(s.points[s.points.length - 1]?.mean ?? NaN, unit)} (range ${formatDelta(s.range, unit).replace('+', '')})`,
    );
    for (const p of s.points) {
      if (!Number.isFinite(p.mean)) continue;
      const c = plot
        .append('circle')
        .attr('class', 'point')
        .attr('cx', px(x(p.percentile)))
        .attr('cy', px(y(p.mean)))
        .attr('r', 2.6)
        .attr('fill', color);
      tip(
        c,
        `${s.label || s.input} at its ${ordinal(p.percentile)} percentile (${formatValue(p.value, d.units?.[s.input])}): ${formatValue(p.mean, unit)}`,
      );
    }
  });
}
