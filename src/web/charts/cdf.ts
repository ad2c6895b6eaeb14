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
    const main = d.posterior ?? d.prior;
    const color = d.posterior ? POSTERIOR : PRIOR_DARK;
    const items: LegendItem[] = [
      { label: d.posterior ? 'Prior' : 'Samples', color: PRIOR_DARK, symbol: d.posterior ? 'dashed' : 'line' },
    ];
    if (d.posterior) items.push({ label: 'Posterior (evidence applied)', color: POSTERIOR, symbol: 'line' });
    items.push({ label: 'mean (dashed)', color, symbol: 'dashed' });
    const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(fr.top)})`) as Sel;
    const lh = legend(lg, items, fr.width - 2 * fr.pad, f);
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
      .attr('transform', `translate(${px(box.left)},${px(box.top)})`);
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

    const drawLine = (pts: CdfPoint[], cls: string, c: string, dashed: boolean) => {
      const p = plot
        .append('path')
        .attr('class', `line ${cls}`)
        .attr('d', cdfPath(pts, domain, x, y))
        .attr('fill', 'none')
        .attr('stroke', c)
        .attr('stroke-width', 2);
      if (dashed) p.attr('stroke-dasharray', '5 3');
    };
    drawLine(d.prior.cdf, 'line-prior', PRIOR_DARK, !!d.posterior);
    if (d.posterior) drawLine(d.posterior.cdf, 'line-posterior', POSTERIOR, false);

    const marks = plot.append('g').attr('class', 'markers');
    const s = main.stats;
    for (const [key, p, v] of [
      ['p5', 0.05, s.p5],
      ['p50', 0.5, s.p50],
      ['p95', 0.95, s.p95],
    ] as const) {
      if (!Number.isFinite(v)) continue;
      const mx = x(v);
      const my = y(p);
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
        .attr('y2', px(box.height))
        .attr('stroke', color)
        .attr('stroke-width', 1.5);
      tip(line, `${key === 'p50' ? 'median' : key}: ${formatValue(v, d.unit)}`);
      marks
        .append('circle')
        .attr('class', 'marker-dot')
        .attr('cx', px(mx))
        .attr('cy', px(my))
        .attr('r', 3.5)
        .attr('fill', color);
      const text = `${key === 'p50' ? 'median' : key} ${formatValue(v, d.unit)}`;
      // Above and left of the point the rising curve is lower, so that corner is free; near
      // the left edge, below and right is free instead.
      const left = mx - 6 - textWidth(text, f.small) >= 0;
      marks
        .append('text')
        .attr('class', 'marker-label')
        .attr('x', px(left ? mx - 6 : mx + 6))
        .attr('y', px(left ? my - 5 : my + f.small + 3))
        .attr('text-anchor', left ? 'end' : 'start')
        .attr('font-size', f.small)
        .attr('fill', textShade(color))
        .attr('stroke', '#ffffff')
        .attr('stroke-width', 3)
        .attr('paint-order', 'stroke')
        .text(text);
    }
    if (Number.isFinite(s.mean)) {
      const mx = x(s.mean);
      const line = marks
        .append('line')
        .attr('class', 'marker marker-mean')
        .attr('data-value', String(s.mean))
        .attr('x1', px(mx))
        .attr('x2', px(mx))
        .attr('y1', 0)
        .attr('y2', px(box.height))
        .attr('stroke', color)
        .attr('stroke-width', 1.5)
        .attr('stroke-dasharray', '5 3');
      tip(line, `mean: ${formatValue(s.mean, d.unit)}`);
    }
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

export function cdfHeight(_d: NodeDistribution, width: number): number {
  return Math.round(width < 560 ? width * 0.95 + 40 : width * 0.5 + 60);
}
