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
import type { Bin } from '../../stats/histogram.ts';
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
  type Sel,
  type ValueScale,
} from './common.ts';
import { axisTitle, formatCount, formatInterval, formatNumber, formatValue, tickFormatter } from './format.ts';
import { drawMarkers, markerRowCount, markerSpecs, type MarkerSpec } from './markers.ts';
import { barHeight, clippedLabels, densityLabel, stepPath } from './density.ts';

// Markers and densities were drawn here first; other charts import them from this module.
export { labelRows, drawMarkers, markerRowCount, markerSpecs, type MarkerSpec } from './markers.ts';
export { barHeight, clippedLabels, densityLabel, stepPath } from './density.ts';

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
  // The interval's ends as the headline writes them ("< 0.01%" rather than "0%").
  return `mean ${f(s.mean)}, median ${f(s.p50)}, 90% interval ${formatInterval(s.p5, s.p95, unit).join(' to ')}`;
}

function primary(d: NodeDistribution): SeriesDistribution {
  return d.posterior ?? d.prior;
}

export const distribution: Chart<NodeDistribution> = {
  title(d) {
    return `${nodeName(d)}: ${d.posterior ? 'prior and posterior distribution' : 'distribution'}`;
  },

  render(svgEl, d, size: ChartSize) {
    const fr = frame(svgEl, size, this.title(d), runLine(d));
    const main = primary(d);
    const markColor = d.posterior ? POSTERIOR : PRIOR_DARK;
    const lh = distributionLegend(fr, d, markColor);
    const labelTop = statsLine(fr, d, main, lh);
    const specs = markerSpecs(main.stats);
    const outside = main.below + main.above;
    const { box, x, y, clipped } = layout(fr, d, specs, labelTop, outside);
    const plot = fr.svg
      .append('g')
      .attr('class', 'plot')
      .attr('transform', `translate(${px(box.left)},${px(box.top)})`) as unknown as Sel;
    const xTicks = scaleTicks(x, tickCount(box.width));
    const xTitle = axisTitle(d.label, d.unit, d.node) + (d.scale === 'log' ? ', log scale' : '');
    xAxis(fr, box, x, xTicks, tickFormatter(x, xTicks, d.unit), xTitle);
    yAxis(fr, box, y, y.ticks(tickCount(box.height, 50)), yFmt, densityLabel(d.unit, d.scale));
    drawBins(plot, d, x, y);
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
        plot,
        [
          { bins: d.posterior?.bins ?? [], color: POSTERIOR },
          { bins: d.prior.bins, color: PRIOR_DARK },
        ],
        x,
        y,
        d.scale,
        fr.fonts.small,
      );
    drawMarkers(fr, box, (v) => x(v), specs, markColor, d.unit, labelTop);
    if (outside > 0) outsideNote(fr, outside / Math.max(1, d.samples));
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

const yFmt = (v: number) => formatNumber(v);

/** The legend: the prior (or the samples), the posterior when evidence is applied, the markers. Its height. */
function distributionLegend(fr: Frame, d: NodeDistribution, markColor: string): number {
  const items: LegendItem[] = [
    { label: d.posterior ? 'Prior' : 'Samples', color: PRIOR, symbol: 'swatch', opacity: d.posterior ? 0.45 : 0.7 },
  ];
  if (d.posterior) items.push({ label: 'Posterior (evidence applied)', color: POSTERIOR, symbol: 'outline' });
  items.push({
    label: `${d.posterior ? 'Posterior ' : ''}mean (dashed), median, p5, p95`,
    color: markColor,
    symbol: 'line',
  });
  const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(fr.top)})`) as Sel;
  return legend(lg, items, fr.width - 2 * fr.pad, fr.fonts);
}

/** The summary in words under the legend; where the marker labels start below it. */
function statsLine(fr: Frame, d: NodeDistribution, main: SeriesDistribution, lh: number): number {
  const f = fr.fonts;
  const statsY = fr.top + lh + f.small;
  const statsLines = wrapLines(
    `${d.posterior ? 'Posterior' : 'Summary'}: ${statsSentence(main.stats, d.unit)}`,
    fr.width - 2 * fr.pad,
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
  return statsY + (statsLines.length - 1) * f.small * 1.3 + 8;
}

/** The plot below the marker labels' rows (and above the note on samples beyond the axis), and its scales. */
function layout(fr: Frame, d: NodeDistribution, specs: MarkerSpec[], labelTop: number, outside: number) {
  const f = fr.fonts;
  const domain = d.scale === 'log' ? d.domain : padDomain(d.domain);
  const plotW0 = fr.width - 2 * fr.pad - 60;
  const rows = markerRowCount(fr, plotW0, domain, d.scale, specs);
  const height = (b: Bin) => barHeight(b, d.scale);
  const { cap, clipped } = densityCap([d.prior.bins.map(height), d.posterior?.bins.map(height) ?? []]);
  const y = d3
    .scaleLinear()
    .domain([0, cap * 1.05])
    .clamp(true);
  const box = xyLayout(fr, {
    top: labelTop + rows * (f.small + 3) + 4,
    xLabel: axisTitle(d.label, d.unit, d.node),
    yLabel: 'Density',
    yTickLabels: (h) => y.copy().range([h, 0]).ticks(tickCount(h, 50)).map(yFmt),
    bottomExtra: outside > 0 ? f.small + 6 : 0,
  });
  y.range([box.height, 0]);
  const x = valueScale(domain, d.scale, [0, box.width]);
  return { box, x, y, clipped };
}

/** The prior's bins as filled bars (fainter when the posterior is drawn over them). */
function drawBins(plot: Sel, d: NodeDistribution, x: ValueScale, y: d3.ScaleLinear<number, number>): void {
  const bins = plot.append('g').attr('class', 'bins');
  for (const b of d.prior.bins) {
    const x0 = x(b.x0);
    const x1 = x(b.x1);
    const h = barHeight(b, d.scale);
    const r = bins
      .append('rect')
      .attr('class', 'bin')
      .attr('x', px(x0))
      .attr('width', px(Math.max(0.5, x1 - x0 - (x1 - x0 > 3 ? 0.5 : 0))))
      .attr('y', px(y(h)))
      .attr('height', px(Math.max(0, y(0) - y(h))))
      .attr('fill', PRIOR)
      .attr('fill-opacity', d.posterior ? 0.45 : 0.7);
    tip(r, `${formatValue(b.x0, d.unit)} to ${formatValue(b.x1, d.unit)}: ${formatCount(b.count)} samples`);
  }
}

function outsideNote(fr: Frame, share: number): void {
  fr.svg
    .append('text')
    .attr('class', 'note')
    .attr('x', fr.pad)
    .attr('y', px(fr.height - fr.pad))
    .attr('font-size', fr.fonts.small)
    .attr('fill', MUTED)
    .text(`${formatValue(share, 'probability')} of samples lie beyond the axis (extreme tails).`);
}

export function distributionHeight(d: NodeDistribution, width: number): number {
  return Math.round(width < 560 ? width * 1.05 + 40 : width * 0.5 + 80);
}

export { legendHeight };
