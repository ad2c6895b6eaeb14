// Drawing densities as bins: a bin's drawn height (per unit of x, or per tenfold on a log axis),
// the step outline through bins, the density axis's title, and the heights of spikes the axis
// cuts off, written under its top.

import type * as d3 from 'd3';
import type { AxisScale, Bin } from '../../stats/histogram.ts';
import { px, MUTED, type Sel, textShade } from './common.ts';
import { formatNumber, isProbabilityUnit } from './format.ts';

/** Write the height of each bin the density axis clips, just under the top of the plot (one
 *  label per spike, listing each series' height in its colour). */
export function clippedLabels(
  plot: Sel,
  series: { bins: Bin[]; color: string }[],
  x: (v: number) => number,
  y: d3.ScaleLinear<number, number>,
  scale: AxisScale,
  size: number,
): void {
  const top = y.domain()[1]!;
  const spots: { cx: number; parts: { h: number; color: string }[] }[] = [];
  for (const s of series) {
    for (const b of s.bins) {
      const h = barHeight(b, scale);
      if (!(h > top)) continue;
      const cx = (x(b.x0) + x(b.x1)) / 2;
      let spot = spots.find((t) => Math.abs(t.cx - cx) < size * 3);
      if (!spot) spots.push((spot = { cx, parts: [] }));
      if (!spot.parts.some((p) => p.color === s.color)) spot.parts.push({ h, color: s.color });
    }
  }
  for (const spot of spots) {
    const t = plot
      .append('text')
      .attr('class', 'clipped-label')
      .attr('x', px(spot.cx + 4))
      .attr('y', px(size + 2))
      .attr('font-size', size)
      .attr('fill', MUTED)
      .attr('stroke', '#ffffff')
      .attr('stroke-width', 3)
      .attr('paint-order', 'stroke')
      .text('↑ ');
    spot.parts.sort((p, q) => q.h - p.h);
    spot.parts.forEach((p, i) =>
      t
        .append('tspan')
        .attr('fill', textShade(p.color))
        .text(`${i > 0 ? ', ' : ''}${formatNumber(p.h)}`),
    );
  }
}

/** The drawn height of a bin: density per unit of x, or per tenfold on a log axis. */
export function barHeight(b: Bin, scale: AxisScale): number {
  return scale === 'log' ? (b.density * (b.x1 - b.x0)) / Math.log10(b.x1 / b.x0) : b.density;
}

export function densityLabel(unit: string | null, scale: AxisScale): string {
  if (scale === 'log') return 'Density (per tenfold)';
  return unit && !isProbabilityUnit(unit) && unit.length <= 16 ? `Density (per ${unit})` : 'Density';
}

export function stepPath(
  bins: Bin[],
  x: (v: number) => number,
  y: (v: number) => number,
  scale: AxisScale = 'linear',
): string {
  if (bins.length === 0) return '';
  let p = `M${px(x(bins[0]!.x0))},${px(y(0))}`;
  for (const b of bins) p += `V${px(y(barHeight(b, scale)))}H${px(x(b.x1))}`;
  return p + `V${px(y(0))}`;
}
