// `importance`: the Spearman rank correlation of each input with the output (from one ordinary
// run), as bars from zero — right for inputs that raise the output, left for those that lower
// it — with 95% interval whiskers, sorted by strength. Rank correlation sees monotone effects
// only; the Sobol chart catches interactions.
//
// Data: `ImportanceResult` from `importance(prepared, opts)` in src/analysis/importance.ts (the
// API's `/api/models/:id/sensitivity?method=importance` body).
//
// Classes: `.bar` one rect per input (with `data-input`, `data-value`), also `.bar-up` /
// `.bar-down` · `.whisker` its interval (`data-lo`, `data-hi`) · `.zero` the zero line ·
// `.bar-value` · `.row-label` · `.x-axis`, `.axis-label` · `.legend-item`.

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import type { ImportanceResult, ImportanceRow } from '../../analysis/importance.ts';
import {
  frame,
  emptyNote,
  legend,
  rowLayout,
  rowLabels,
  rowScale,
  rowPlot,
  axisReserve,
  tip,
  px,
  metaLine,
  textWidth,
  OKABE_ITO,
  INK,
  MUTED,
  type FontSizes,
  type LegendItem,
  type RowLayout,
  type Sel,
} from './common.ts';
import { formatCount, formatIndex, tickFormat } from './format.ts';
import { outputName, rowsHeight } from './tornado.ts';

export type { ImportanceResult };

const UP = OKABE_ITO.vermillion;
const DOWN = OKABE_ITO.blue;

const rho = formatIndex;

/** What the bars of one drawing share. */
interface Bars {
  plot: Sel;
  layout: RowLayout;
  x: d3.ScaleLinear<number, number>;
  /** x of zero correlation, where bars start. */
  zero: number;
  f: FontSizes;
}

/** One input's bar at `y` from zero to its correlation, its interval's whisker and, where it fits, its value. */
function drawBar(c: Bars, r: ImportanceRow, label: string, y: number): void {
  const { plot, x, zero, layout } = c;
  const v = Number.isFinite(r.spearman) ? r.spearman : 0;
  const xv = x(v);
  const rect = plot
    .append('rect')
    .attr('class', `bar ${v >= 0 ? 'bar-up' : 'bar-down'}`)
    .attr('data-input', r.input)
    .attr('data-value', String(r.spearman))
    .attr('x', px(Math.min(zero, xv)))
    .attr('y', px(y))
    .attr('width', px(Math.max(1, Math.abs(xv - zero))))
    .attr('height', px(layout.barHeight))
    .attr('fill', v >= 0 ? UP : DOWN);
  tip(rect, `${label}: ${rho(r.spearman)} (95% interval ${rho(r.ci[0])} to ${rho(r.ci[1])})`);
  const cy = y + layout.barHeight / 2;
  if (Number.isFinite(r.ci[0]) && Number.isFinite(r.ci[1])) {
    const a = px(x(r.ci[0]));
    const b = px(x(r.ci[1]));
    plot
      .append('path')
      .attr('class', 'whisker')
      .attr('data-lo', String(r.ci[0]))
      .attr('data-hi', String(r.ci[1]))
      .attr('d', `M${a},${px(cy - 4)}V${px(cy + 4)}M${a},${px(cy)}H${b}M${b},${px(cy - 4)}V${px(cy + 4)}`)
      .attr('fill', 'none')
      .attr('stroke', INK)
      .attr('stroke-width', 1.2);
  }
  barValue(c, r, v, cy);
}

/** The correlation past the bar's or the whisker's end, on the bar's side, when it fits in the plot. */
function barValue(c: Bars, r: ImportanceRow, v: number, cy: number): void {
  const { x, f } = c;
  const xv = x(v);
  const text = rho(r.spearman);
  const end = v >= 0 ? Math.max(xv, x(r.ci[1] || 0)) + 5 : Math.min(xv, x(r.ci[0] || 0)) - 5;
  if (v >= 0 ? end + textWidth(text, f.small) <= c.layout.plotWidth : end - textWidth(text, f.small) >= 0) {
    c.plot
      .append('text')
      .attr('class', 'bar-value')
      .attr('x', px(end))
      .attr('y', px(cy + f.small * 0.35))
      .attr('text-anchor', v >= 0 ? 'start' : 'end')
      .attr('font-size', f.small)
      .attr('fill', MUTED)
      .text(text);
  }
}

export const importance: Chart<ImportanceResult> = {
  title(d) {
    return `Which inputs go with ${outputName(d)}: rank correlation`;
  },

  render(svgEl, d, size: ChartSize) {
    const fr = frame(
      svgEl,
      size,
      this.title(d),
      `Spearman correlation over ${formatCount(d.rowsUsed)} samples · seed ${d.seed} · whiskers: 95% intervals${d.scenario ? ` · scenario ${d.scenario}` : ''}`,
    );
    const f = fr.fonts;
    const items: LegendItem[] = [
      { label: 'Higher input, higher output', color: UP },
      { label: 'Higher input, lower output', color: DOWN },
    ];
    const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(fr.top)})`) as Sel;
    const top = fr.top + legend(lg, items, fr.width - 2 * fr.pad, f) + 8;
    const xLabel = `Spearman rank correlation with ${d.output} (−1 to 1)`;
    const labels = d.rows.map((r) => r.label || r.input);
    const layout = rowLayout(fr, top, axisReserve(fr, xLabel), labels);
    const lim = Math.max(
      0.1,
      ...d.rows.flatMap((r) => [Math.abs(r.ci[0]), Math.abs(r.ci[1]), Math.abs(r.spearman)]).filter(Number.isFinite),
    );
    const x = rowScale(layout, [-Math.min(1, lim * 1.1), Math.min(1, lim * 1.1)]);
    const plot = rowPlot(fr, layout, top, x, (ticks) => tickFormat(ticks, null), xLabel);
    const zero = x(0);
    const c: Bars = { plot, layout, x, zero, f };
    d.rows.forEach((r, i) => drawBar(c, r, labels[i]!, layout.barY(i)));
    plot
      .append('line')
      .attr('class', 'zero')
      .attr('x1', px(zero))
      .attr('x2', px(zero))
      .attr('y1', px(top - 4))
      .attr('y2', px(layout.bottom))
      .attr('stroke', INK)
      .attr('stroke-width', 1.2);
    if (d.rows.length === 0) emptyNote(fr, top, layout.bottom, 'No input varies, so there is nothing to correlate.');
    rowLabels(fr, layout, labels);
  },

  table(d): ChartTable {
    const top = d.rows[0];
    return {
      caption: `Spearman rank correlation of each input with ${outputName(d)}, with 95% intervals.${top ? ` The strongest is ${top.label || top.input} (${rho(top.spearman)}).` : ''} ${metaLine(d)}.`,
      columns: ['Input', 'Rank correlation', '95% interval'],
      rows: d.rows.map((r) => [r.label || r.input, rho(r.spearman), `${rho(r.ci[0])} to ${rho(r.ci[1])}`]),
    };
  },
};

export function importanceHeight(d: ImportanceResult, width: number): number {
  return rowsHeight(
    d.rows.map((r) => r.label || r.input),
    width,
  );
}
