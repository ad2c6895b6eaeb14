// `sobol`: first-order and total Sobol indices per input, as two bars per row with whiskers
// for their bootstrap intervals (95% by default), sorted by total index. The first-order index
// is the share of the output's variance the input explains alone; the total adds its
// interactions with the others.
//
// Data: `SobolResult` from `sobol(prepared, opts)` in src/analysis/sobol.ts (the API's
// `/api/models/:id/sensitivity?method=sobol` body).
//
// Classes: `.sobol-row` one group per input (with `data-input`) holding `.sobol-first` and
// `.sobol-total` rects, each with a `.whisker` (its interval; `data-lo`, `data-hi`) · `.row-label`
// · `.x-axis`, `.axis-label` · `.legend-item`.

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import type { SobolResult, SobolRow } from '../../analysis/sobol.ts';
import {
  frame,
  legend,
  emptyNote,
  rowLayout,
  rowLabels,
  rowScale,
  rowPlot,
  axisReserve,
  tip,
  px,
  extent,
  metaLine,
  OKABE_ITO,
  INK,
  type LegendItem,
  type Sel,
} from './common.ts';
import { formatCount, formatIndex, formatPercent, tickFormat } from './format.ts';
import { outputName, rowsHeight } from './tornado.ts';

export type { SobolResult };

export const FIRST_COLOR = OKABE_ITO.blue;
export const TOTAL_COLOR = OKABE_ITO.orange;

const idx = formatIndex;

/** What the bars of one drawing share. */
interface Bars {
  plot: Sel;
  x: d3.ScaleLinear<number, number>;
  /** x of index 0, where bars start. */
  zero: number;
  /** Height of each of a row's two bars. */
  half: number;
  /** The intervals' confidence, formatted. */
  conf: string;
}

/** One bar: an index, its interval and where its bar sits. */
interface Index {
  cls: string;
  v: number;
  ci: [number, number];
  color: string;
  y: number;
  name: string;
}

/** One input's row at `y`: its first-order bar above its total bar. */
function drawRow(c: Bars, r: SobolRow, label: string, y: number): void {
  const g = c.plot.append('g').attr('class', 'sobol-row').attr('data-input', r.input);
  const parts: Index[] = [
    { cls: 'sobol-first', v: r.first, ci: r.firstCI, color: FIRST_COLOR, y: y, name: 'first-order' },
    { cls: 'sobol-total', v: r.total, ci: r.totalCI, color: TOTAL_COLOR, y: y + c.half, name: 'total' },
  ];
  for (const p of parts) drawIndex(c, g, p, label);
}

/** One index as a bar from zero with its interval's whisker. */
function drawIndex(c: Bars, g: Sel, p: Index, label: string): void {
  const { x, zero, half, conf } = c;
  const xv = Number.isFinite(p.v) ? x(p.v) : zero;
  const rect = g
    .append('rect')
    .attr('class', p.cls)
    .attr('data-value', String(p.v))
    .attr('x', px(Math.min(zero, xv)))
    .attr('y', px(p.y + 0.5))
    .attr('width', px(Math.max(1, Math.abs(xv - zero))))
    .attr('height', px(Math.max(1, half - 1)))
    .attr('fill', p.color);
  tip(rect, `${label}, ${p.name} index ${idx(p.v)} (${conf} interval ${idx(p.ci[0])} to ${idx(p.ci[1])})`);
  if (Number.isFinite(p.ci[0]) && Number.isFinite(p.ci[1])) {
    const cy = px(p.y + half / 2);
    const x0 = px(x(p.ci[0]));
    const x1 = px(x(p.ci[1]));
    const cap = Math.min(4, half / 2 - 0.5);
    g.append('path')
      .attr('class', 'whisker')
      .attr('data-lo', String(p.ci[0]))
      .attr('data-hi', String(p.ci[1]))
      .attr('d', `M${x0},${px(cy - cap)}V${px(cy + cap)}M${x0},${cy}H${x1}M${x1},${px(cy - cap)}V${px(cy + cap)}`)
      .attr('fill', 'none')
      .attr('stroke', INK)
      .attr('stroke-width', 1.2);
  }
}

export const sobol: Chart<SobolResult> = {
  title(d) {
    return `Share of the variance of ${outputName(d)} due to each input`;
  },

  render(svgEl, d, size: ChartSize) {
    const conf = formatPercent(d.confidence);
    const fr = frame(
      svgEl,
      size,
      this.title(d),
      `Sobol indices, ${formatCount(d.baseRows)} base rows (${formatCount(d.evaluations)} model runs) · seed ${d.seed} · ${conf} bootstrap intervals${d.scenario ? ` · scenario ${d.scenario}` : ''}`,
    );
    const f = fr.fonts;
    const items: LegendItem[] = [
      { label: 'First-order (alone)', color: FIRST_COLOR },
      { label: 'Total (with interactions)', color: TOTAL_COLOR },
      { label: `${conf} interval`, color: INK, symbol: 'line' },
    ];
    const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(fr.top)})`) as Sel;
    const lh = legend(lg, items, fr.width - 2 * fr.pad, f);
    const top = fr.top + lh + 8;
    const xLabel = 'Sobol index (share of output variance, 0 to 1)';
    const labels = d.rows.map((r) => r.label || r.input);
    const layout = rowLayout(fr, top, axisReserve(fr, xLabel), labels, { barHeight: 24 });
    const [a, b] = extent(
      d.rows.flatMap((r) => [r.firstCI[0], r.firstCI[1], r.totalCI[0], r.totalCI[1], r.first, r.total]),
      [0, 1],
    );
    const x = rowScale(layout, [Math.min(0, a), Math.max(b, 0.05)]);
    const plot = rowPlot(fr, layout, top, x, (ticks) => tickFormat(ticks, null), xLabel);
    const c: Bars = { plot, x, zero: x(0), half: layout.barHeight / 2, conf };
    d.rows.forEach((r, i) => drawRow(c, r, labels[i]!, layout.barY(i)));
    if (d.rows.length === 0) emptyNote(fr, top, layout.bottom, 'No input varies, so there is no variance to share.');
    rowLabels(fr, layout, labels);
  },

  table(d): ChartTable {
    const conf = formatPercent(d.confidence);
    const top = d.rows[0];
    return {
      caption: `Sobol indices of ${outputName(d)}: the share of its variance each input explains alone (first-order) and with its interactions (total), with ${conf} bootstrap intervals.${top ? ` The largest total index is ${top.label || top.input} (${idx(top.total)}).` : ''} Sum of first-order indices ${idx(d.sumFirst)}. ${metaLine({ samples: d.baseRows, seed: d.seed, scenario: d.scenario, overrides: d.overrides, evidence: d.evidence }, 'base rows')}.`,
      columns: ['Input', 'First-order', `First-order ${conf} interval`, 'Total', `Total ${conf} interval`],
      rows: d.rows.map((r) => [
        r.label || r.input,
        idx(r.first),
        `${idx(r.firstCI[0])} to ${idx(r.firstCI[1])}`,
        idx(r.total),
        `${idx(r.totalCI[0])} to ${idx(r.totalCI[1])}`,
      ]),
    };
  },
};

export function sobolHeight(d: SobolResult, width: number): number {
  return rowsHeight(
    d.rows.map((r) => r.label || r.input),
    width,
    { barHeight: 24 },
  );
}
