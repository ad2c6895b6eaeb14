// The sweep chart's small multiples, for more inputs than share one chart: one panel per input
// on a shared y axis, in as many columns as fit, with the axes' titles shared by all panels.

import * as d3 from 'd3';
import {
  styleAxis,
  tip,
  px,
  fitLabel,
  multiline,
  wrapLines,
  axisLabel,
  INK,
  GRID,
  type Sel,
  type Frame,
} from './common.ts';
import { formatPercent, tickFormatter } from './format.ts';
import { outputName, outputUnit } from './tornado.ts';
import { drawSeries, xDomain, yDomain } from './sweep-series.ts';
import type { SweepData } from './sweep.ts';

/** The grid of panels: columns, rows, each panel's size and parts, and the shared scales. */
interface Grid {
  cols: number;
  rowsN: number;
  left: number;
  top: number;
  inner: number;
  gapX: number;
  panelW: number;
  panelH: number;
  plotH: number;
  titleH: number;
  titleLines: string[][];
  x: d3.ScaleLinear<number, number>;
  y: d3.ScaleLinear<number, number>;
  yt: number[];
  unit: string | null;
}

export function multiples(fr: Frame, d: SweepData, top: number): void {
  const grid = gridOf(fr, d, top);
  d.series.forEach((s, i) => drawPanel(fr, grid, d, s, i));
  sharedLabels(fr, grid, d);
}

function gridOf(fr: Frame, d: SweepData, top: number): Grid {
  const f = fr.fonts;
  const unit = outputUnit(d);
  const inner = fr.width - 2 * fr.pad;
  const n = d.series.length;
  const yAxisW = f.label * 1.2 + 6 + 44;
  const maxCols = Math.max(1, Math.min(n, Math.floor((inner - yAxisW + 14) / (130 + 14))));
  const rowsN = Math.ceil(n / maxCols);
  const cols = Math.ceil(n / rowsN);
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
  const left = fr.pad + yAxisW;
  return { cols, rowsN, left, top, inner, gapX, panelW, panelH, plotH, titleH, titleLines, x, y, yt, unit };
}

/** One input's panel: its title, frame and grid lines, its line, and its axes (y only in the first column). */
function drawPanel(fr: Frame, g: Grid, d: SweepData, s: SweepData['series'][number], i: number): void {
  const f = fr.fonts;
  const { x, y, yt, panelW, plotH } = g;
  const c = i % g.cols;
  const r = Math.floor(i / g.cols);
  const ox = g.left + c * (panelW + g.gapX);
  const oy = g.top + r * g.panelH;
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
    .call((t) => multiline(t, g.titleLines[i] ?? [name], f.small * 1.2));
  tip(t, name);
  const body = panel.append('g').attr('transform', `translate(0,${px(g.titleH)})`) as Sel;
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
  drawSeries(body, d, x, y, panelW, g.unit, i);
  panelAxes(fr, g, body, c === 0);
}

function panelAxes(fr: Frame, g: Grid, body: Sel, withY: boolean): void {
  const f = fr.fonts;
  const { x, y, yt } = g;
  const yFmt = tickFormatter(y, yt, g.unit);
  const xa = body
    .append('g')
    .attr('class', 'x-axis')
    .attr('transform', `translate(0,${px(g.plotH)})`) as Sel;
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
  if (withY) {
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
}

/** The x axis's title under the grid and the y axis's title beside it, shared by every panel. */
function sharedLabels(fr: Frame, grid: Grid, d: SweepData): void {
  const f = fr.fonts;
  const { top, rowsN, panelH, unit } = grid;
  const g = fr.svg.append('g') as Sel;
  axisLabel(g, 'Percentile of the swept input', fr.width / 2, top + rowsN * panelH + 6 + f.label, f, {
    maxWidth: grid.inner,
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
