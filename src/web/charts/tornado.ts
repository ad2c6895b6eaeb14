// `tornado`: one bar per input, from the output mean with the input pinned at its low
// percentile (10th by default) to the mean with it pinned at its high percentile (90th), drawn
// about the baseline mean; sorted by swing, largest first.
//
// Data: `TornadoResult` from `tornado(prepared, opts)` in src/analysis/tornado.ts (the API's
// `/api/models/:id/sensitivity?method=tornado` body), optionally with `units` by input name.
//
// Classes: `.bar` one group per input (with `data-input`), holding `.bar-low` and `.bar-high`
// rects (the half from the baseline to each pin's mean) · `.baseline` the baseline line ·
// `.bar-value` the means at the bar ends (wide layout) · `.row-label` · `.x-axis`, `.axis-label`
// · `.legend-item`.

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import type { TornadoResult, TornadoRow } from '../../analysis/tornado.ts';
import {
  frame,
  legend,
  rowLayout,
  rowLabels,
  rowScale,
  rowPlot,
  axisReserve,
  tip,
  px,
  padDomain,
  extent,
  metaLine,
  textWidth,
  legendHeight,
  emptyNote,
  OKABE_ITO,
  INK,
  MUTED,
  type Frame,
  type LegendItem,
  type RowLayout,
  type Sel,
} from './common.ts';
import { rowsHeight as labelRowsHeight, type RowOptions } from './rows.ts';
import { formatPercent, formatValue, formatDelta, tickFormatter } from './format.ts';

export type { TornadoResult };

/** Optional display extras the server may attach to an analysis result. */
export interface Units {
  /** Unit of each input (and of the output) by qualified name. */
  units?: Record<string, string | null>;
}

export type TornadoData = TornadoResult & Units;

export const LOW_COLOR = OKABE_ITO.blue;
export const HIGH_COLOR = OKABE_ITO.orange;

/** The unit to format the output with: 'probability' for probability outputs. */
export function outputUnit(d: { outputScale: 'probability' | 'number'; output: string } & Units): string | null {
  return d.outputScale === 'probability' ? 'probability' : (d.units?.[d.output] ?? null);
}

export function outputName(d: { outputLabel: string | null; output: string }): string {
  return d.outputLabel || d.output;
}

function pct(p: number): string {
  return formatPercent(p).replace('%', '');
}

/** What the bars of one drawing share. */
interface Bars {
  d: TornadoData;
  fr: Frame;
  plot: Sel;
  layout: RowLayout;
  x: d3.ScaleLinear<number, number>;
  /** x of the baseline mean, where both halves of a bar start. */
  base: number;
  unit: string | null;
  narrow: boolean;
}

/** One input's bar at `y`: a half from the baseline to each pin's mean, and (wide) the means at its ends. */
function drawBar(c: Bars, r: TornadoRow, label: string, y: number): void {
  const { d, x, base, unit } = c;
  const g = c.plot.append('g').attr('class', 'bar').attr('data-input', r.input);
  tip(
    g,
    `${label}: ${formatValue(r.low.mean, unit)} at its ${pct(r.low.percentile)}th percentile (${formatValue(r.low.value, d.units?.[r.input])}), ${formatValue(r.high.mean, unit)} at its ${pct(r.high.percentile)}th (${formatValue(r.high.value, d.units?.[r.input])}); swing ${formatDelta(r.swing, unit)}`,
  );
  // The longer half first so that a shorter one on the same side stays visible.
  const halves = [
    { cls: 'bar-low', mean: r.low.mean, color: LOW_COLOR },
    { cls: 'bar-high', mean: r.high.mean, color: HIGH_COLOR },
  ]
    .filter((h) => Number.isFinite(h.mean))
    .sort((p, q) => Math.abs(q.mean - d.baseline.mean) - Math.abs(p.mean - d.baseline.mean));
  for (const h of halves) {
    const xm = x(h.mean);
    g.append('rect')
      .attr('class', h.cls)
      .attr('x', px(Math.min(base, xm)))
      .attr('y', px(y))
      .attr('width', px(Math.max(1, Math.abs(xm - base))))
      .attr('height', px(c.layout.barHeight))
      .attr('fill', h.color);
  }
  if (!c.narrow && Number.isFinite(r.low.mean) && Number.isFinite(r.high.mean)) barValues(c, g, r, y);
}

/** The two means at a bar's ends: the lower left of it, the higher right of it when that fits. */
function barValues(c: Bars, g: Sel, r: TornadoRow, y: number): void {
  const { x, base, unit, layout } = c;
  const f = c.fr.fonts;
  const ends = [r.low.mean, r.high.mean].sort((p, q) => p - q) as [number, number];
  const yt = y + layout.barHeight / 2 + f.small * 0.35;
  const left = formatValue(ends[0], unit);
  const right = formatValue(ends[1], unit);
  g.append('text')
    .attr('class', 'bar-value')
    .attr('x', px(Math.min(base, x(ends[0])) - 4))
    .attr('y', px(yt))
    .attr('text-anchor', 'end')
    .attr('font-size', f.small)
    .attr('fill', MUTED)
    .text(left);
  if (x(ends[1]) + 4 + textWidth(right, f.small) <= layout.plotWidth + c.fr.pad) {
    g.append('text')
      .attr('class', 'bar-value')
      .attr('x', px(Math.max(base, x(ends[1])) + 4))
      .attr('y', px(yt))
      .attr('text-anchor', 'start')
      .attr('font-size', f.small)
      .attr('fill', MUTED)
      .text(right);
  }
}

export const tornado: Chart<TornadoData> = {
  title(d) {
    return `What moves ${outputName(d)}: one input at a time`;
  },

  render(svgEl, d, size: ChartSize) {
    const unit = outputUnit(d);
    const [lo, hi] = d.percentiles;
    const fr = frame(
      svgEl,
      size,
      this.title(d),
      `${metaLine(d)} · baseline mean ${formatValue(d.baseline.mean, unit)}`,
    );
    const items: LegendItem[] = [
      { label: `Input at its ${pct(lo)}th percentile`, color: LOW_COLOR },
      { label: `Input at its ${pct(hi)}th percentile`, color: HIGH_COLOR },
      { label: 'Baseline mean', color: INK, symbol: 'line' },
    ];
    const inner = fr.width - 2 * fr.pad;
    const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(fr.top)})`) as Sel;
    const lh = legend(lg, items, inner, fr.fonts);
    const top = fr.top + lh + 8;
    const xLabel = `Mean of ${outputName(d)}${unit ? ` (${unit})` : ''}`;
    const rows = d.rows;
    const labels = rows.map((r) => r.label || r.input);
    const narrow = fr.width < 560;
    const valueRoom = narrow ? 0 : 8;
    const layout = rowLayout(fr, top, axisReserve(fr, xLabel), labels, { valueRoom });
    const means = rows.flatMap((r) => [r.low.mean, r.high.mean]);
    const [a, b] = extent([...means, d.baseline.mean]);
    // Room at both ends for the value labels in the wide layout.
    const x = rowScale(layout, padDomain([a, b], narrow ? 0.04 : 0.18));
    const plot = rowPlot(fr, layout, top, x, (ticks) => tickFormatter(x, ticks, unit), xLabel);
    const base = Number.isFinite(d.baseline.mean) ? x(d.baseline.mean) : 0;
    const c: Bars = { d, fr, plot, layout, x, base, unit, narrow };
    rows.forEach((r, i) => drawBar(c, r, labels[i]!, layout.barY(i)));
    if (rows.length === 0) emptyNote(fr, top, layout.bottom, 'No input varies, so there is nothing to pin.');
    plot
      .append('line')
      .attr('class', 'baseline')
      .attr('data-value', String(d.baseline.mean))
      .attr('x1', px(base))
      .attr('x2', px(base))
      .attr('y1', px(top - 4))
      .attr('y2', px(layout.bottom))
      .attr('stroke', INK)
      .attr('stroke-width', 1.5);
    rowLabels(fr, layout, labels);
  },

  table(d): ChartTable {
    const unit = outputUnit(d);
    const [lo, hi] = d.percentiles;
    const top = d.rows[0];
    return {
      caption: `Mean of ${outputName(d)} with each input pinned at its ${pct(lo)}th and ${pct(hi)}th percentiles, the others sampled; baseline ${formatValue(d.baseline.mean, unit)}.${top ? ` The largest swing is ${top.label || top.input} (${formatDelta(top.swing, unit)}).` : ''} ${metaLine(d)}.`,
      columns: [
        'Input',
        `Value at ${pct(lo)}th`,
        `Mean at ${pct(lo)}th`,
        `Value at ${pct(hi)}th`,
        `Mean at ${pct(hi)}th`,
        'Swing',
      ],
      rows: d.rows.map((r) => [
        r.label || r.input,
        formatValue(r.low.value, d.units?.[r.input]),
        formatValue(r.low.mean, unit),
        formatValue(r.high.value, d.units?.[r.input]),
        formatValue(r.high.mean, unit),
        formatDelta(r.swing, unit),
      ]),
    };
  },
};

/**
 * Rows of bars: a header (title, subtitle, legend; more when narrow and they wrap), each row as
 * tall as its wrapped label needs, and the axis. Rows are only squeezed when a page gives less.
 */
export function rowsHeight(labels: string[], width: number, o: RowOptions & { header?: number } = {}): number {
  return labelRowsHeight(labels, width, o);
}

export function tornadoHeight(d: TornadoData, width: number): number {
  return rowsHeight(
    d.rows.map((r) => r.label || r.input),
    width,
  );
}

export { legendHeight };
