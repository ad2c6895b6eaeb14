// `heatmap`: the output mean over a grid of two inputs, each at percentiles of its own
// distribution (the others sampled), coloured on the viridis scale (sequential, perceptually
// uniform, readable with colour-blindness and in greyscale), with a colour legend.
//
// Data: `GridResult` from `grid(prepared, opts)` in src/analysis/grid.ts (the API's
// `/api/models/:id/sensitivity?method=grid` body), optionally with `units` by input name.
//
// Classes: `.cell` one rect per grid point (rows × columns, with `data-i`, `data-j`,
// `data-value`) · `.color-legend` with `.legend-step` rects and its axis · `.x-axis`, `.y-axis`,
// `.axis-label`.

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import type { GridResult } from '../../analysis/grid.ts';
import {
  frame,
  emptyNote,
  xyLayout,
  xAxis,
  yAxis,
  styleAxis,
  tickCount,
  tip,
  px,
  extent,
  metaLine,
  axisLabel,
  isNarrow,
  textWidth,
  INK,
  type Frame,
  type PlotBox,
  type Sel,
} from './common.ts';
import { formatPercent, formatValue, tickFormatter } from './format.ts';
import { outputName, outputUnit, type Units } from './tornado.ts';

export type { GridResult };
export type HeatmapData = GridResult & Units;

export const COLOR_SCHEME = d3.interpolateViridis;
const LEGEND_STEPS = 32;

function axisName(a: GridResult['x'], units: Record<string, string | null> | undefined): string {
  const u = units?.[a.input];
  return `${a.label || a.input}${u ? ` (${u})` : ''}`;
}

/** Indices of about `count` grid points to label, always including the ends. */
function tickIndices(n: number, count: number): number[] {
  if (n <= 1) return [0];
  const k = Math.max(2, Math.min(n, count));
  const step = Math.max(1, Math.ceil((n - 1) / (k - 1)));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  // The last grid point, unless it would crowd the previous tick.
  if (out[out.length - 1] !== n - 1) {
    if (n - 1 - out[out.length - 1]! < step / 2) out.pop();
    out.push(n - 1);
  }
  return out;
}

type Color = d3.ScaleSequential<string>;

interface ColorLegend {
  lg: Sel;
  color: Color;
  lo: number;
  hi: number;
  title: string;
  unit: string | null;
}

/** The plot area and its two axes: grid indices on both, labelled with the inputs' values. */
function gridPlot(fr: Frame, d: HeatmapData, narrow: boolean, legendW: number): { box: PlotBox; plot: Sel } {
  const f = fr.fonts;
  const nx = d.x.values.length;
  const ny = d.y.values.length;
  const xName = axisName(d.x, d.units);
  const yName = axisName(d.y, d.units);
  const legendH = narrow ? 16 + 6 + f.tick + 10 + f.small + 6 : 0;
  const xi = d3.scaleLinear().domain([-0.5, nx - 0.5]);
  const yi = d3.scaleLinear().domain([-0.5, ny - 0.5]);
  const xFmt = (i: number) => formatValue(d.x.values[Math.round(i)] ?? NaN, d.units?.[d.x.input]);
  const yFmt = (j: number) => formatValue(d.y.values[Math.round(j)] ?? NaN, d.units?.[d.y.input]);
  const xTitle = `${xName}, at its ${formatPercent(d.x.percentiles[0] ?? 0.05)}…${formatPercent(d.x.percentiles[nx - 1] ?? 0.95)} percentiles`;
  const box = xyLayout(fr, {
    top: fr.top + legendH + 4,
    xLabel: xTitle,
    yLabel: yName,
    yTickLabels: (h) => tickIndices(ny, tickCount(h, 45)).map(yFmt),
    right: fr.pad + legendW,
  });
  xi.range([0, box.width]);
  yi.range([box.height, 0]);
  const plot = fr.svg
    .append('g')
    .attr('class', 'plot')
    .attr('transform', `translate(${px(box.left)},${px(box.top)})`);
  const xt = tickIndices(nx, tickCount(box.width, 70));
  const yt = tickIndices(ny, tickCount(box.height, 45));
  xAxis(fr, box, xi, xt, xFmt, xTitle, false);
  yAxis(fr, box, yi, yt, yFmt, yName, false);
  return { box, plot };
}

/** One rect per grid point, row j from the bottom, with the point's inputs and mean as its tooltip. */
function drawCells(plot: Sel, box: PlotBox, d: HeatmapData, color: Color): void {
  const unit = outputUnit(d);
  const nx = d.x.values.length;
  const ny = d.y.values.length;
  const cw = box.width / nx;
  const ch = box.height / ny;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v = d.means[j]?.[i] ?? NaN;
      const rect = plot
        .append('rect')
        .attr('class', 'cell')
        .attr('data-i', i)
        .attr('data-j', j)
        .attr('data-value', String(v))
        .attr('x', px(i * cw))
        .attr('y', px(box.height - (j + 1) * ch))
        .attr('width', px(cw + 0.3))
        .attr('height', px(ch + 0.3))
        .attr('fill', Number.isFinite(v) ? color(v) : '#cccccc');
      tip(
        rect,
        `${d.x.label || d.x.input} ${formatValue(d.x.values[i]!, d.units?.[d.x.input])} (${formatPercent(d.x.percentiles[i]!)} percentile), ${d.y.label || d.y.input} ${formatValue(d.y.values[j]!, d.units?.[d.y.input])} (${formatPercent(d.y.percentiles[j]!)}): ${formatValue(v, unit)}`,
      );
    }
  }
}

/** The colour legend as a horizontal bar under the title (narrow charts). */
function topLegend(fr: Frame, { lg, color, lo, hi, title, unit }: ColorLegend): void {
  const f = fr.fonts;
  const w = fr.width - 2 * fr.pad - 20;
  const y0 = fr.top + f.small + 4;
  lg.append('text')
    .attr('x', fr.pad)
    .attr('y', px(fr.top + f.small))
    .attr('font-size', f.small)
    .attr('fill', INK)
    .text(title);
  const s = d3.scaleLinear().domain(color.domain()).range([0, w]);
  for (let k = 0; k < LEGEND_STEPS; k++) {
    lg.append('rect')
      .attr('class', 'legend-step')
      .attr('x', px(fr.pad + 10 + (k * w) / LEGEND_STEPS))
      .attr('y', px(y0))
      .attr('width', px(w / LEGEND_STEPS + 0.3))
      .attr('height', 12)
      .attr('fill', color(lo + ((k + 0.5) / LEGEND_STEPS) * (hi - lo)));
  }
  const ticks = s.ticks(4);
  const a = lg.append('g').attr('transform', `translate(${px(fr.pad + 10)},${px(y0 + 12)})`) as Sel;
  a.call(
    d3
      .axisBottom(s)
      .tickValues(ticks)
      .tickFormat((v) => tickFormatter(s, ticks, unit)(v as number))
      .tickSize(4)
      .offset(0),
  );
  styleAxis(a, f);
  a.select('.domain').remove();
}

/** The colour legend as a vertical bar right of the plot, with its rotated title. */
function sideLegend(fr: Frame, box: PlotBox, { lg, color, lo, hi, title, unit }: ColorLegend, legendW: number): void {
  const f = fr.fonts;
  const h = Math.min(box.height, 260);
  const x0 = fr.width - fr.pad - legendW + 20;
  const y0 = box.top + (box.height - h) / 2;
  const s = d3.scaleLinear().domain(color.domain()).range([h, 0]);
  for (let k = 0; k < LEGEND_STEPS; k++) {
    lg.append('rect')
      .attr('class', 'legend-step')
      .attr('x', px(x0))
      .attr('y', px(y0 + h - ((k + 1) * h) / LEGEND_STEPS))
      .attr('width', 14)
      .attr('height', px(h / LEGEND_STEPS + 0.3))
      .attr('fill', color(lo + ((k + 0.5) / LEGEND_STEPS) * (hi - lo)));
  }
  const ticks = s.ticks(5);
  const a = lg.append('g').attr('transform', `translate(${px(x0 + 14)},${px(y0)})`) as Sel;
  a.call(
    d3
      .axisRight(s)
      .tickValues(ticks)
      .tickFormat((v) => tickFormatter(s, ticks, unit)(v as number))
      .tickSize(4)
      .offset(0),
  );
  styleAxis(a, f);
  a.select('.domain').remove();
  const t = axisLabel(lg, title, 0, 0, f, { rotate: true, className: 'legend-title' });
  t.attr('transform', `translate(${px(x0 - 6)},${px(y0 + h / 2)}) rotate(-90)`);
  if (textWidth(title, f.label) > h) t.selectAll('tspan').text(title.length > 0 ? 'Output mean' : '');
}

export const heatmap: Chart<HeatmapData> = {
  title(d) {
    return `${outputName(d)} over ${d.x.label || d.x.input} and ${d.y.label || d.y.input}`;
  },

  render(svgEl, d, size: ChartSize) {
    const fr = frame(svgEl, size, this.title(d), metaLine(d));
    const narrow = isNarrow(fr.width);
    const [lo, hi] = extent(d.means.flat());
    const color = d3.scaleSequential(COLOR_SCHEME).domain(hi > lo ? [lo, hi] : [lo - 1e-9, hi + 1e-9]);
    const legendW = narrow ? 0 : 20 + 10 + 60;
    const { box, plot } = gridPlot(fr, d, narrow, legendW);
    drawCells(plot, box, d, color);
    const lg = fr.svg.append('g').attr('class', 'color-legend') as Sel;
    const legend = { lg, color, lo, hi, title: `Mean of ${outputName(d)}`, unit: outputUnit(d) };
    // Colour legend: vertical at the right, or horizontal above the plot when narrow.
    if (narrow) topLegend(fr, legend);
    else sideLegend(fr, box, legend, legendW);
    if (d.x.values.length === 0 || d.y.values.length === 0)
      emptyNote(fr, fr.top + 40, fr.height - 60, 'The grid is empty.');
  },

  table(d): ChartTable {
    const unit = outputUnit(d);
    const xu = d.units?.[d.x.input];
    const yu = d.units?.[d.y.input];
    return {
      caption: `Mean of ${outputName(d)} with ${d.x.label || d.x.input} (columns) and ${d.y.label || d.y.input} (rows) pinned at percentiles of their distributions, the others sampled; from ${formatValue(d.range[0], unit)} to ${formatValue(d.range[1], unit)}. ${metaLine(d)}.`,
      columns: [`${d.y.label || d.y.input} \\ ${d.x.label || d.x.input}`, ...d.x.values.map((v) => formatValue(v, xu))],
      rows: d.y.values.map((v, j) => [
        formatValue(v, yu),
        ...d.x.values.map((_, i) => formatValue(d.means[j]?.[i] ?? NaN, unit)),
      ]),
    };
  },
};

export function heatmapHeight(_d: HeatmapData, width: number): number {
  return Math.round(width < 560 ? width * 1.1 + 90 : Math.min(width * 0.62, 760) + 80);
}
