// `cdf`: the empirical cumulative distribution of one node — the prior, and the posterior when
// evidence is applied — as step lines, with the 5th, 50th and 95th percentiles of the posterior
// (or of the prior without evidence) marked where the curve crosses 5%, 50% and 95%, and the mean.
//
// Data: `NodeDistribution` from `nodeDistribution(result, node, meta)` in
// src/analysis/distribution.ts — the same object the `distribution` chart draws.
//
// Classes: `.line` one path per series, also `.line-prior` / `.line-posterior` · `.marker` one
// vertical line per marker, also `.marker-p5`, `.marker-p50`, `.marker-p95`, `.marker-mean`, each
// with `data-value` · `.guide` the horizontal dotted guide of each percentile · `.marker-dot` ·
// `.marker-label` · `.x-axis`, `.y-axis`, `.axis-label` · `.legend-item`.

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import type { CdfPoint } from '../../stats/histogram.ts';
import type { NodeDistribution } from '../../analysis/distribution.ts';
import {
  frame,
  emptyNote,
  xyLayout,
  xAxis,
  yAxis,
  legend,
  tickCount,
  tip,
  px,
  padDomain,
  valueScale,
  scaleTicks,
  textWidth,
  fitLabel,
  PRIOR_DARK,
  POSTERIOR,
  type LegendItem,
  type Sel,
  type Frame,
  type ValueScale,
  textShade,
} from './common.ts';
import { axisTitle, formatPercent, formatValue, tickFormat, tickFormatter } from './format.ts';
import { nodeName, runLine, statsSentence } from './distribution.ts';

function cdfPath(
  points: CdfPoint[],
  domain: [number, number],
  x: (v: number) => number,
  y: (v: number) => number,
): string {
  if (points.length === 0) return '';
  const pts: [number, number][] = [
    [Math.min(domain[0], points[0]!.x), 0],
    ...points.map((p) => [p.x, p.p] as [number, number]),
    [Math.max(domain[1], points[points.length - 1]!.x), 1],
  ];
  const line = d3
    .line<[number, number]>()
    .x((p) => px(x(p[0])))
    .y((p) => px(y(p[1])))
    .curve(d3.curveStepAfter);
  return line(pts) ?? '';
}

export const cdf: Chart<NodeDistribution> = {
  title(d) {
    return `${nodeName(d)}: cumulative distribution`;
  },

  render(svgEl, d, size: ChartSize) {
    const fr = frame(svgEl, size, this.title(d), runLine(d));
    const f = fr.fonts;
    const color = d.posterior ? POSTERIOR : PRIOR_DARK;
    const lh = cdfLegend(fr, d, color);
    const domain = d.scale === 'log' ? d.domain : padDomain(d.domain);
    const y = d3.scaleLinear().domain([0, 1]);
    const box = xyLayout(fr, {
      top: fr.top + lh + 10,
      xLabel: axisTitle(d.label, d.unit, d.node),
      yLabel: 'Cumulative probability',
      yTickLabels: () => ['100%'],
    });
    y.range([box.height, 0]);
    const x = valueScale(domain, d.scale, [0, box.width]).clamp(true);
    const xTicks = scaleTicks(x, tickCount(box.width));
    const plot = fr.svg
      .append('g')
      .attr('class', 'plot')
      .attr('transform', `translate(${px(box.left)},${px(box.top)})`) as unknown as Sel;
    xAxis(
      fr,
      box,
      x,
      xTicks,
      tickFormatter(x, xTicks, d.unit),
      axisTitle(d.label, d.unit, d.node) + (d.scale === 'log' ? ', log scale' : ''),
    );
    const yTicks = y.ticks(tickCount(box.height, 50));
    yAxis(
      fr,
      box,
      y,
      yTicks,
      tickFormat(yTicks, 'probability'),
      fitLabel(['Cumulative probability P(X ≤ x)', 'Cumulative probability', 'P(X ≤ x)'], box.height, f.label),
    );
    const curve = (pts: CdfPoint[], cls: string, c: string, dashed: boolean) =>
      drawCurve(plot, cdfPath(pts, domain, x, y), cls, c, dashed);
    curve(d.prior.cdf, 'line-prior', PRIOR_DARK, !!d.posterior);
    if (d.posterior) curve(d.posterior.cdf, 'line-posterior', POSTERIOR, false);
    const marks = plot.append('g').attr('class', 'markers') as Sel;
    const at: MarkAt = { x, y, height: box.height, color, small: f.small, unit: d.unit };
    const s = (d.posterior ?? d.prior).stats;
    for (const [key, p, v] of [
      ['p5', 0.05, s.p5],
      ['p50', 0.5, s.p50],
      ['p95', 0.95, s.p95],
    ] as const)
      if (Number.isFinite(v)) quantileMarker(marks, at, key, p, v);
    if (Number.isFinite(s.mean)) meanMarker(marks, at, s.mean);
    if (d.prior.cdf.length === 0) emptyNote(fr, fr.top + 40, fr.height - 60, 'No finite samples to draw.');
  },

  table(d): ChartTable {
    const main = d.posterior ?? d.prior;
    const ps = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];
    const at = (pts: CdfPoint[], p: number) => {
      const hit = pts.find((q) => q.p >= p);
      return hit ? formatValue(hit.x, d.unit) : '–';
    };
    const columns = ['Cumulative probability', d.posterior ? 'Prior value' : 'Value'];
    if (d.posterior) columns.push('Posterior value');
    const rows = ps.map((p) => {
      const row: (string | number)[] = [formatPercent(p), at(d.prior.cdf, p)];
      if (d.posterior) row.push(at(d.posterior.cdf, p));
      return row;
    });
    return {
      caption: `${nodeName(d)}, cumulative distribution${d.posterior ? ' (posterior)' : ''}: ${statsSentence(main.stats, d.unit)}. ${runLine(d)}.`,
      columns,
      rows,
    };
  },
};

/** The legend: the prior (or the samples), the posterior when evidence is applied, the mean. Its height. */
function cdfLegend(fr: Frame, d: NodeDistribution, color: string): number {
  const items: LegendItem[] = [
    { label: d.posterior ? 'Prior' : 'Samples', color: PRIOR_DARK, symbol: d.posterior ? 'dashed' : 'line' },
  ];
  if (d.posterior) items.push({ label: 'Posterior (evidence applied)', color: POSTERIOR, symbol: 'line' });
  items.push({ label: 'mean (dashed)', color, symbol: 'dashed' });
  const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(fr.top)})`) as Sel;
  return legend(lg, items, fr.width - 2 * fr.pad, fr.fonts);
}

function drawCurve(plot: Sel, path: string, cls: string, c: string, dashed: boolean): void {
  const p = plot
    .append('path')
    .attr('class', `line ${cls}`)
    .attr('d', path)
    .attr('fill', 'none')
    .attr('stroke', c)
    .attr('stroke-width', 2);
  if (dashed) p.attr('stroke-dasharray', '5 3');
}

/** What the markers are drawn against: the scales, the plot's height, their colour and the value's unit. */
interface MarkAt {
  x: ValueScale;
  y: d3.ScaleLinear<number, number>;
  height: number;
  color: string;
  small: number;
  unit: string | null;
}

/** A quantile on the curve: a guide from the y axis, a line down to the x axis, a dot and its label. */
function quantileMarker(marks: Sel, at: MarkAt, key: 'p5' | 'p50' | 'p95', p: number, v: number): void {
  const { color, small } = at;
  const mx = at.x(v);
  const my = at.y(p);
  marks
    .append('line')
    .attr('class', 'guide')
    .attr('x1', 0)
    .attr('x2', px(mx))
    .attr('y1', px(my))
    .attr('y2', px(my))
    .attr('stroke', color)
    .attr('stroke-width', 1)
    .attr('stroke-dasharray', '2 3');
  const line = marks
    .append('line')
    .attr('class', `marker marker-${key}`)
    .attr('data-value', String(v))
    .attr('x1', px(mx))
    .attr('x2', px(mx))
    .attr('y1', px(my))
    .attr('y2', px(at.height))
    .attr('stroke', color)
    .attr('stroke-width', 1.5);
  tip(line, `${key === 'p50' ? 'median' : key}: ${formatValue(v, at.unit)}`);
  marks
    .append('circle')
    .attr('class', 'marker-dot')
    .attr('cx', px(mx))
    .attr('cy', px(my))
    .attr('r', 3.5)
    .attr('fill', color);
  const text = `${key === 'p50' ? 'median' : key} ${formatValue(v, at.unit)}`;
  // Above and left of the point the rising curve is lower, so that corner is free; near
  // the left edge, below and right is free instead.
  const left = mx - 6 - textWidth(text, small) >= 0;
  marks
    .append('text')
    .attr('class', 'marker-label')
    .attr('x', px(left ? mx - 6 : mx + 6))
    .attr('y', px(left ? my - 5 : my + small + 3))
    .attr('text-anchor', left ? 'end' : 'start')
    .attr('font-size', small)
    .attr('fill', textShade(color))
    .attr('stroke', '#ffffff')
    .attr('stroke-width', 3)
    .attr('paint-order', 'stroke')
    .text(text);
}

function meanMarker(marks: Sel, at: MarkAt, mean: number): void {
  const mx = at.x(mean);
  const line = marks
    .append('line')
    .attr('class', 'marker marker-mean')
    .attr('data-value', String(mean))
    .attr('x1', px(mx))
    .attr('x2', px(mx))
    .attr('y1', 0)
    .attr('y2', px(at.height))
    .attr('stroke', at.color)
    .attr('stroke-width', 1.5)
    .attr('stroke-dasharray', '5 3');
  tip(line, `mean: ${formatValue(mean, at.unit)}`);
}

export function cdfHeight(_d: NodeDistribution, width: number): number {
  return Math.round(width < 560 ? width * 0.95 + 40 : width * 0.5 + 60);
}
