// `distribution`: histogram of one node's samples — the prior as filled bins and, when evidence
// is applied, the posterior as an outline over the same bins — with vertical markers at the 5th,
// 50th and 95th percentiles and the mean of the posterior (or of the prior without evidence).
//
// Data: `NodeDistribution` from `nodeDistribution(result, node, meta)` in
// src/analysis/distribution.ts (the same function the API's distribution endpoint returns).
//
// Classes: `.bin` one rect per prior bin · `.posterior-outline` the posterior's step outline (only
// with evidence) · `.marker` one line per marker, also `.marker-p5`, `.marker-p50`, `.marker-p95`,
// `.marker-mean`, each with `data-value` · `.marker-label` · `.clipped-label` the height of a spike
// the density axis cuts off · `.x-axis`, `.y-axis`, `.axis-label`
// · `.legend-item` · `.stats-line` the summary in words · `.note` samples beyond the axis.

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import type { AxisScale, Bin } from '../../stats/histogram.ts';
import type { NodeDistribution, SeriesDistribution } from '../../analysis/distribution.ts';
import type { Stats } from '../../analysis/report.ts';
import {
  frame,
  emptyNote,
  xyLayout,
  xAxis,
  yAxis,
  legend,
  legendHeight,
  tickCount,
  textWidth,
  tip,
  px,
  padDomain,
  valueScale,
  scaleTicks,
  wrapLines,
  multiline,
  densityCap,
  PRIOR,
  PRIOR_DARK,
  POSTERIOR,
  INK,
  MUTED,
  type Frame,
  type LegendItem,
  type PlotBox,
  type Sel,
  textShade,
} from './common.ts';
import { axisTitle, formatCount, formatNumber, formatValue, isProbabilityUnit, tickFormatter } from './format.ts';

export type { NodeDistribution, SeriesDistribution };

export function nodeName(d: { label: string | null; node: string }): string {
  return d.label || d.node;
}

/** "100,000 samples · seed 1 · scenario critic · evidence applied (ESS 12,345)". */
export function runLine(d: NodeDistribution): string {
  const parts = [`${formatCount(d.samples)} samples`, `seed ${d.seed}`];
  if (d.scenario) parts.push(`scenario ${d.scenario}`);
  if (d.posterior && d.ess !== null) parts.push(`evidence applied (effective sample size ${formatCount(d.ess)})`);
  return parts.join(' · ');
}

export function statsSentence(s: Stats, unit: string | null): string {
  const f = (x: number) => formatValue(x, unit);
  return `mean ${f(s.mean)}, median ${f(s.p50)}, 90% interval ${f(s.p5)} to ${f(s.p95)}`;
}

export interface MarkerSpec {
  key: 'p5' | 'p50' | 'p95' | 'mean';
  name: string;
  value: number;
  dashed: boolean;
}

export function markerSpecs(s: Stats): MarkerSpec[] {
  return [
    { key: 'p5', name: 'p5', value: s.p5, dashed: false },
    { key: 'p50', name: 'median', value: s.p50, dashed: false },
    { key: 'mean', name: 'mean', value: s.mean, dashed: true },
    { key: 'p95', name: 'p95', value: s.p95, dashed: false },
  ];
}

/** Label rows so that marker labels never overlap: returns each marker's row and the row count. */
export function labelRows(xs: { x: number; w: number }[], gap = 4): { rows: number[]; count: number } {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a]!.x - xs[b]!.x);
  const ends: number[] = [];
  const rows = new Array<number>(xs.length).fill(0);
  for (const i of order) {
    const { x, w } = xs[i]!;
    let r = ends.findIndex((e) => e + gap <= x - w / 2);
    if (r < 0) {
      r = ends.length;
      ends.push(-Infinity);
    }
    ends[r] = x + w / 2;
    rows[i] = r;
  }
  return { rows, count: Math.max(1, ends.length) };
}

/** Draw vertical markers with labels in rows above the plot. */
export function drawMarkers(
  fr: Frame,
  box: PlotBox,
  x: (v: number) => number,
  specs: MarkerSpec[],
  color: string,
  unit: string | null,
  labelTop: number,
): void {
  const f = fr.fonts;
  const g = fr.svg
    .append('g')
    .attr('class', 'markers')
    .attr('transform', `translate(${px(box.left)},${px(box.top)})`);
  const placed = specs
    .filter((s) => Number.isFinite(s.value))
    .map((s) => ({ s, x: x(s.value), w: textWidth(s.name, f.small) }));
  const { rows } = labelRows(placed.map((p) => ({ x: p.x, w: p.w })));
  const rowH = f.small + 3;
  placed.forEach((p, i) => {
    const ly = labelTop - box.top + rows[i]! * rowH + f.small;
    const line = g
      .append('line')
      .attr('class', `marker marker-${p.s.key}`)
      .attr('data-value', String(p.s.value))
      .attr('x1', px(p.x))
      .attr('x2', px(p.x))
      .attr('y1', px(ly + 3))
      .attr('y2', px(box.height))
      .attr('stroke', color)
      .attr('stroke-width', 1.5);
    if (p.s.dashed) line.attr('stroke-dasharray', '5 3');
    tip(line, `${p.s.name}: ${formatValue(p.s.value, unit)}`);
    const anchor =
      p.x - p.w / 2 < -box.left + fr.pad ? 'start' : p.x + p.w / 2 > fr.width - box.left - fr.pad ? 'end' : 'middle';
    g.append('text')
      .attr('class', 'marker-label')
      .attr('x', px(p.x))
      .attr('y', px(ly))
      .attr('text-anchor', anchor)
      .attr('font-size', f.small)
      .attr('fill', textShade(color))
      .text(p.s.name);
  });
}

export function markerRowCount(
  fr: Frame,
  width: number,
  domain: [number, number],
  scale: AxisScale,
  specs: MarkerSpec[],
): number {
  const x = valueScale(domain, scale, [0, width]);
  return labelRows(
    specs.filter((s) => Number.isFinite(s.value)).map((s) => ({ x: x(s.value), w: textWidth(s.name, fr.fonts.small) })),
  ).count;
}

function primary(d: NodeDistribution): SeriesDistribution {
  return d.posterior ?? d.prior;
}

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

export const distribution: Chart<NodeDistribution> = {
  title(d) {
    return `${nodeName(d)}: ${d.posterior ? 'prior and posterior distribution' : 'distribution'}`;
  },

  render(svgEl, d, size: ChartSize) {
    const fr = frame(svgEl, size, this.title(d), runLine(d));
    const f = fr.fonts;
    const main = primary(d);
    const domain = d.scale === 'log' ? d.domain : padDomain(d.domain);
    const items: LegendItem[] = [
      { label: d.posterior ? 'Prior' : 'Samples', color: PRIOR, symbol: 'swatch', opacity: d.posterior ? 0.45 : 0.7 },
    ];
    if (d.posterior) items.push({ label: 'Posterior (evidence applied)', color: POSTERIOR, symbol: 'outline' });
    const markColor = d.posterior ? POSTERIOR : PRIOR_DARK;
    items.push({
      label: `${d.posterior ? 'Posterior ' : ''}mean (dashed), median, p5, p95`,
      color: markColor,
      symbol: 'line',
    });
    const innerW = fr.width - 2 * fr.pad;
    const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(fr.top)})`) as Sel;
    const lh = legend(lg, items, innerW, f);
    const statsY = fr.top + lh + f.small;
    const statsLines = wrapLines(
      `${d.posterior ? 'Posterior' : 'Summary'}: ${statsSentence(main.stats, d.unit)}`,
      innerW,
      f.small,
    );
    multiline(
      fr.svg
        .append('text')
        .attr('class', 'stats-line')
        .attr('x', fr.pad)
        .attr('y', px(statsY))
        .attr('font-size', f.small)
        .attr('fill', INK),
      statsLines,
      f.small * 1.3,
    );
    const specs = markerSpecs(main.stats);
    const labelTop = statsY + (statsLines.length - 1) * f.small * 1.3 + 8;
    const outside = main.below + main.above;
    const plotW0 = fr.width - 2 * fr.pad - 60;
    const rows = markerRowCount(fr, plotW0, domain, d.scale, specs);
    const height = (b: Bin) => barHeight(b, d.scale);
    const { cap, clipped } = densityCap([d.prior.bins.map(height), d.posterior?.bins.map(height) ?? []]);
    const y = d3
      .scaleLinear()
      .domain([0, cap * 1.05])
      .clamp(true);
    const yFmt = (v: number) => formatNumber(v);
    const box = xyLayout(fr, {
      top: labelTop + rows * (f.small + 3) + 4,
      xLabel: axisTitle(d.label, d.unit, d.node),
      yLabel: 'Density',
      yTickLabels: (h) => y.copy().range([h, 0]).ticks(tickCount(h, 50)).map(yFmt),
      bottomExtra: outside > 0 ? f.small + 6 : 0,
    });
    y.range([box.height, 0]);
    const x = valueScale(domain, d.scale, [0, box.width]);
    const xTicks = scaleTicks(x, tickCount(box.width));
    const plot = fr.svg
      .append('g')
      .attr('class', 'plot')
      .attr('transform', `translate(${px(box.left)},${px(box.top)})`);
    xAxis(
      fr,
      box,
      x,
      xTicks,
      tickFormatter(x, xTicks, d.unit),
      axisTitle(d.label, d.unit, d.node) + (d.scale === 'log' ? ', log scale' : ''),
    );
    yAxis(fr, box, y, y.ticks(tickCount(box.height, 50)), yFmt, densityLabel(d.unit, d.scale));

    const bins = plot.append('g').attr('class', 'bins');
    for (const b of d.prior.bins) {
      const x0 = x(b.x0);
      const x1 = x(b.x1);
      const r = bins
        .append('rect')
        .attr('class', 'bin')
        .attr('x', px(x0))
        .attr('width', px(Math.max(0.5, x1 - x0 - (x1 - x0 > 3 ? 0.5 : 0))))
        .attr('y', px(y(height(b))))
        .attr('height', px(Math.max(0, y(0) - y(height(b)))))
        .attr('fill', PRIOR)
        .attr('fill-opacity', d.posterior ? 0.45 : 0.7);
      tip(r, `${formatValue(b.x0, d.unit)} to ${formatValue(b.x1, d.unit)}: ${formatCount(b.count)} samples`);
    }
    if (d.posterior) {
      plot
        .append('path')
        .attr('class', 'posterior-outline')
        .attr('d', stepPath(d.posterior.bins, x, y, d.scale))
        .attr('fill', 'none')
        .attr('stroke', POSTERIOR)
        .attr('stroke-width', 2)
        .attr('stroke-linejoin', 'round');
    }
    if (clipped)
      clippedLabels(
        plot as unknown as Sel,
        [
          { bins: d.posterior?.bins ?? [], color: POSTERIOR },
          { bins: d.prior.bins, color: PRIOR_DARK },
        ],
        x,
        y,
        d.scale,
        f.small,
      );
    drawMarkers(fr, box, (v) => x(v), specs, markColor, d.unit, labelTop);
    if (outside > 0) {
      const share = outside / Math.max(1, d.samples);
      fr.svg
        .append('text')
        .attr('class', 'note')
        .attr('x', fr.pad)
        .attr('y', px(fr.height - fr.pad))
        .attr('font-size', f.small)
        .attr('fill', MUTED)
        .text(`${formatValue(share, 'probability')} of samples lie beyond the axis (extreme tails).`);
    }
    if (d.prior.bins.every((b) => b.count === 0))
      emptyNote(fr, fr.top + 40, fr.height - 60, 'No finite samples to draw.');
  },

  table(d): ChartTable {
    const columns = ['Statistic', d.posterior ? 'Prior' : 'Value'];
    if (d.posterior) columns.push('Posterior');
    const keys: [keyof Stats, string][] = [
      ['mean', 'Mean'],
      ['sd', 'Standard deviation'],
      ['p5', '5th percentile'],
      ['p25', '25th percentile'],
      ['p50', 'Median'],
      ['p75', '75th percentile'],
      ['p95', '95th percentile'],
      ['mcse', 'Monte Carlo standard error of the mean'],
    ];
    const rows = keys.map(([k, name]) => {
      const fmt = (s: Stats) => (k === 'sd' || k === 'mcse' ? formatNumber(s[k]) : formatValue(s[k], d.unit));
      const row: (string | number)[] = [name, fmt(d.prior.stats)];
      if (d.posterior) row.push(fmt(d.posterior.stats));
      return row;
    });
    const main = primary(d);
    return {
      caption: `${nodeName(d)}${d.posterior ? ' (posterior)' : ''}: ${statsSentence(main.stats, d.unit)}. ${runLine(d)}.`,
      columns,
      rows,
    };
  },
};

export function distributionHeight(d: NodeDistribution, width: number): number {
  return Math.round(width < 560 ? width * 1.05 + 40 : width * 0.5 + 80);
}

export { legendHeight };
