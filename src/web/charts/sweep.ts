// `sweep`: the output mean as each input moves across its own percentiles (5th to 95th) with
// the others sampled. Up to six inputs share one chart with a legend (colour and dash per line);
// more are drawn as small multiples on a shared y axis, one panel per input.
//
// Data: `SweepResult` from `sweep(prepared, opts)` in src/analysis/sweep.ts (the API's
// `/api/models/:id/sensitivity?method=sweep` body).
//
// Classes: `.line` one path per input (with `data-input`) · `.point` one circle per computed
// point · `.baseline` the baseline mean (one per panel) · `.panel` one group per input in small
// multiples · `.panel-title` · `.x-axis`, `.y-axis`, `.axis-label` · `.legend-item`.

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import type { SweepResult, SweepSeries } from '../../analysis/sweep.ts';
import {
  frame,
  emptyNote,
  legend,
  xyLayout,
  xAxis,
  yAxis,
  styleAxis,
  tickCount,
  tip,
  px,
  extent,
  padDomain,
  metaLine,
  fitLabel,
  multiline,
  wrapLines,
  axisLabel,
  CATEGORICAL,
  INK,
  MUTED,
  GRID,
  type LegendItem,
  type Sel,
  type Frame,
} from './common.ts';
import { formatPercent, formatPercentile, formatValue, formatDelta, tickFormat, tickFormatter } from './format.ts';
import { outputName, outputUnit, type Units } from './tornado.ts';

export type { SweepResult };
export type SweepData = SweepResult & Units;

/** Up to this many inputs share one chart; more become small multiples. */
export const MAX_LINES = 6;
const DASHES = [null, '7 3', '2 3', '9 3 2 3', '4 4', '1 2'];

const ordinal = formatPercentile;

function yDomain(d: SweepData): [number, number] {
  return padDomain(extent([...d.series.flatMap((s) => s.points.map((p) => p.mean)), d.baseline.mean]), 0.06);
}

function xDomain(d: SweepData): [number, number] {
  return extent(
    d.series.flatMap((s) => s.points.map((p) => p.percentile)),
    [0.05, 0.95],
  );
}

function single(fr: Frame, d: SweepData, top: number): void {
  const f = fr.fonts;
  const unit = outputUnit(d);
  const items: LegendItem[] = d.series.map((s, i) => ({
    label: s.label || s.input,
    color: CATEGORICAL[i % CATEGORICAL.length]!,
    symbol: i === 0 ? 'line' : 'dashed',
  }));
  items.push({ label: 'Baseline mean', color: MUTED, symbol: 'dashed' });
  const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(top)})`) as Sel;
  const lh = legend(lg, items, fr.width - 2 * fr.pad, f);
  const y = d3.scaleLinear().domain(yDomain(d));
  const yLabel = `Mean of ${outputName(d)}`;
  const box = xyLayout(fr, {
    top: top + lh + 10,
    xLabel: 'Percentile of the swept input (its own distribution)',
    yLabel,
    yTickLabels: (h) => {
      const s = y.copy().range([h, 0]).nice(tickCount(h, 45));
      const t = s.ticks(tickCount(h, 45));
      return t.map(tickFormatter(s, t, unit));
    },
  });
  y.range([box.height, 0]).nice(tickCount(box.height, 45));
  const x = d3.scaleLinear().domain(xDomain(d)).range([0, box.width]);
  const plot = fr.svg
    .append('g')
    .attr('class', 'plot')
    .attr('transform', `translate(${px(box.left)},${px(box.top)})`);
  const xt = x.ticks(tickCount(box.width));
  xAxis(fr, box, x, xt, tickFormat(xt, 'probability'), 'Percentile of the swept input (its own distribution)');
  const yt = y.ticks(tickCount(box.height, 45));
  yAxis(
    fr,
    box,
    y,
    yt,
    tickFormatter(y, yt, unit),
    fitLabel(
      [
        unit ? `${yLabel} (${unit})` : yLabel,
        yLabel,
        `Mean of ${d.output}${unit ? ` (${unit})` : ''}`,
        `Mean of ${d.output}`,
      ],
      box.height,
      f.label,
    ),
  );
  drawSeries(plot as unknown as Sel, d, x, y, box.width, unit);
}

function drawSeries(
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

function multiples(fr: Frame, d: SweepData, top: number): void {
  const f = fr.fonts;
  const unit = outputUnit(d);
  const inner = fr.width - 2 * fr.pad;
  const n = d.series.length;
  const yAxisW = f.label * 1.2 + 6 + 44;
  const maxCols = Math.max(1, Math.min(n, Math.floor((inner - yAxisW + 14) / (130 + 14))));
  const rowsN = Math.ceil(n / maxCols);
  const cols = Math.ceil(n / rowsN);
  const xLabel = 'Percentile of the swept input';
  const bottom = 6 + 3 + f.tick + 10 + f.label * 1.2 + fr.pad;
  const gapX = 14;
  const axisH = f.tick + 12;
  const panelW = (inner - yAxisW - gapX * (cols - 1)) / cols;
  // Panel titles wrap within their panel; every panel keeps room for the longest one.
  const titleLines = d.series.map((s) => wrapLines(s.label || s.input, panelW, f.small, true));
  const titleH = f.small + (Math.max(1, ...titleLines.map((l) => l.length)) - 1) * f.small * 1.2 + 6;
  const panelH = Math.max(60, (fr.height - top - bottom) / rowsN);
  const plotH = panelH - titleH - axisH;
  const y = d3.scaleLinear().domain(yDomain(d)).range([plotH, 0]).nice(3);
  const x = d3.scaleLinear().domain(xDomain(d)).range([0, panelW]);
  const yt = y.ticks(3);
  const yFmt = tickFormatter(y, yt, unit);
  const left = fr.pad + yAxisW;
  d.series.forEach((s, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    const ox = left + c * (panelW + gapX);
    const oy = top + r * panelH;
    const panel = fr.svg
      .append('g')
      .attr('class', 'panel')
      .attr('data-input', s.input)
      .attr('transform', `translate(${px(ox)},${px(oy)})`) as Sel;
    const name = s.label || s.input;
    const t = panel
      .append('text')
      .attr('class', 'panel-title')
      .attr('x', 0)
      .attr('y', f.small)
      .attr('font-size', f.small)
      .attr('font-weight', 600)
      .attr('fill', INK)
      .call((t) => multiline(t, titleLines[i] ?? [name], f.small * 1.2));
    tip(t, name);
    const body = panel.append('g').attr('transform', `translate(0,${px(titleH)})`) as Sel;
    body.append('rect').attr('width', px(panelW)).attr('height', px(plotH)).attr('fill', 'none').attr('stroke', GRID);
    for (const v of yt)
      body
        .append('line')
        .attr('class', 'grid')
        .attr('x1', 0)
        .attr('x2', px(panelW))
        .attr('y1', px(y(v)))
        .attr('y2', px(y(v)))
        .attr('stroke', GRID);
    drawSeries(body, d, x, y, panelW, unit, i);
    const xa = body
      .append('g')
      .attr('class', 'x-axis')
      .attr('transform', `translate(0,${px(plotH)})`) as Sel;
    xa.call(
      d3
        .axisBottom(x)
        .tickValues(x.domain())
        .tickFormat((v) => formatPercent(v as number))
        .tickSizeOuter(0)
        .tickSize(4)
        .offset(0),
    );
    styleAxis(xa, f);
    xa.selectAll('.tick:first-of-type text').attr('text-anchor', 'start');
    xa.selectAll('.tick:last-of-type text').attr('text-anchor', 'end');
    if (c === 0) {
      const ya = body.append('g').attr('class', 'y-axis') as Sel;
      ya.call(
        d3
          .axisLeft(y)
          .tickValues(yt)
          .tickFormat((v) => yFmt(v as number))
          .tickSizeOuter(0)
          .tickSize(4)
          .offset(0),
      );
      styleAxis(ya, f);
    }
  });
  const g = fr.svg.append('g') as Sel;
  axisLabel(g, xLabel, fr.width / 2, top + rowsN * panelH + 6 + f.label, f, {
    maxWidth: inner,
    className: 'axis-label x-label',
  });
  const yLabel = fitLabel(
    [
      `Mean of ${outputName(d)}${unit ? ` (${unit})` : ''}`,
      `Mean of ${outputName(d)}`,
      `Mean of ${d.output}${unit ? ` (${unit})` : ''}`,
    ],
    rowsN * panelH,
    f.label,
  );
  const yl = axisLabel(g, yLabel, fr.pad + f.label * 0.9, top + (rowsN * panelH) / 2, f, {
    rotate: true,
    className: 'axis-label y-label',
  });
  yl.attr('transform', `translate(${px(fr.pad + f.label * 0.9)},${px(top + (rowsN * panelH) / 2)}) rotate(-90)`);
}

export const sweep: Chart<SweepData> = {
  title(d) {
    return `${outputName(d)} as each input moves across its range`;
  },

  render(svgEl, d, size: ChartSize) {
    const unit = outputUnit(d);
    const fr = frame(
      svgEl,
      size,
      this.title(d),
      `${metaLine(d)} · baseline mean ${formatValue(d.baseline.mean, unit)}`,
    );
    if (d.series.length <= MAX_LINES) single(fr, d, fr.top);
    else multiples(fr, d, fr.top);
    if (d.series.length === 0)
      emptyNote(fr, fr.top, fr.height - fr.pad, 'No input varies, so there is nothing to sweep.');
  },

  table(d): ChartTable {
    const unit = outputUnit(d);
    const ps = d.percentiles;
    const top = d.series[0];
    return {
      caption: `Mean of ${outputName(d)} with each input pinned at percentiles of its own distribution, the others sampled; baseline ${formatValue(d.baseline.mean, unit)}.${top ? ` The widest range is ${top.label || top.input} (${formatDelta(top.range, unit).replace('+', '')}).` : ''} ${metaLine(d)}.`,
      columns: ['Input', ...ps.map((p) => `At ${ordinal(p)}`)],
      rows: d.series.map((s: SweepSeries) => [
        s.label || s.input,
        ...ps.map((p) => formatValue(s.points.find((q) => Math.abs(q.percentile - p) < 1e-9)?.mean ?? NaN, unit)),
      ]),
    };
  },
};

export function sweepHeight(d: SweepData, width: number): number {
  if (d.series.length <= MAX_LINES) return Math.round(width < 560 ? width * 1.05 + 60 : width * 0.5 + 90);
  const inner = width - (width < 560 ? 16 : 28);
  const maxCols = Math.max(1, Math.min(d.series.length, Math.floor((inner - 64 + 14) / (130 + 14))));
  return (width < 560 ? 110 : 80) + Math.ceil(d.series.length / maxCols) * (width < 560 ? 130 : 150) + 50;
}
