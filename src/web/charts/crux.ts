// `crux`: why two views disagree — a waterfall from the output mean under view A (a scenario,
// or the model as written) to the mean under view B, one step per overridden input: its Shapley
// share of the difference (the steps sum to the difference). Increases in vermillion, decreases
// in blue, the two views' means as grey totals. Beyond 14 inputs the smallest are folded into one
// "other inputs" step.
//
// Data: `CruxResult` from `crux(...)` in src/analysis/crux.ts (the API's
// `/api/models/:id/crux?from=…&to=…` body), optionally with `labels` for the two views.
//
// Classes: `.total` the two view bars (`.total-from`, `.total-to`) · `.step` one rect per part
// (with `data-input`, `data-value`), also `.step-up` / `.step-down` · `.connector` the dotted
// lines joining consecutive steps · `.step-value` · `.row-label` · `.x-axis`, `.axis-label` ·
// `.legend-item`.

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import type { CruxResult } from '../../analysis/crux.ts';
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
  extent,
  padDomain,
  metaLine,
  textWidth,
  OKABE_ITO,
  MUTED,
  INK,
  type FontSizes,
  type LegendItem,
  type RowLayout,
  type Sel,
} from './common.ts';
import { formatDelta, formatValue, formatPercent, tickFormatter } from './format.ts';
import { rowsHeight } from './tornado.ts';

export type { CruxResult };

export interface CruxData extends CruxResult {
  /** Display names of the two views (e.g. the scenarios' labels); default their scenario names. */
  labels?: { from?: string; to?: string };
}

export const MAX_STEPS = 14;
const UP = OKABE_ITO.vermillion;
const DOWN = OKABE_ITO.blue;
const TOTAL = '#8c8c8c';

function viewName(d: CruxData, side: 'from' | 'to'): string {
  const l = d.labels?.[side] ?? d[side].label;
  if (l) return l;
  const v = d[side];
  const k = Object.keys(v.overrides).length;
  if (v.scenario) return v.scenario;
  return k > 0 && side === 'to' ? 'with the changes' : 'model as written';
}

interface Step {
  input: string | null;
  label: string;
  value: number;
  tipText: string;
}

function steps(d: CruxData): Step[] {
  const unit = d.outputScale === 'probability' ? 'probability' : null;
  const all: Step[] = d.parts.map((p) => ({
    input: p.input,
    label: p.label || p.input,
    value: p.shapley,
    tipText: `${p.label || p.input}: ${p.from} → ${p.to}; ${formatDelta(p.shapley, unit)} (${formatPercent(p.share)} of the difference)`,
  }));
  if (all.length <= MAX_STEPS) return all;
  const kept = all.slice(0, MAX_STEPS - 1);
  const rest = all.slice(MAX_STEPS - 1);
  const sum = rest.reduce((s, p) => s + p.value, 0);
  kept.push({
    input: null,
    label: `${rest.length} other inputs`,
    value: sum,
    tipText: `${rest.length} other inputs together: ${formatDelta(sum, unit)}`,
  });
  return kept;
}

/** What the bars of one waterfall share. */
interface Waterfall {
  plot: Sel;
  layout: RowLayout;
  x: d3.ScaleLinear<number, number>;
  /** x of the scale's start, where the totals' bars begin. */
  x0: number;
  f: FontSizes;
  unit: string | null;
}

/** The mean axis: every running total and both views' means, from zero for probabilities near it. */
function meanScale(d: CruxData, running: number[], layout: RowLayout, unit: string | null) {
  const [a, b] = extent([...running, d.to.mean, d.from.mean]);
  let domain = padDomain([a, b], 0.12);
  if (unit && a >= 0 && a < (b - a) * 2) domain = [0, domain[1]];
  return rowScale(layout, domain);
}

/** A bar's value beside it: right of its end when that fits, else left of its start. */
function stepValue(w: Waterfall, g: Sel, text: string, xa: number, xb: number, y: number): void {
  const { f } = w;
  const right = xb + 4 + textWidth(text, f.small) <= w.layout.plotWidth;
  g.append('text')
    .attr('class', 'step-value')
    .attr('x', px(right ? xb + 4 : xa - 4))
    .attr('y', px(y + w.layout.barHeight / 2 + f.small * 0.35))
    .attr('text-anchor', right ? 'start' : 'end')
    .attr('font-size', f.small)
    .attr('fill', MUTED)
    .text(text);
}

/** Row i: a view's mean as a grey bar from the axis' start. */
function drawTotal(w: Waterfall, i: number, mean: number, cls: string, name: string): void {
  const { plot, x, x0, unit } = w;
  const y = w.layout.barY(i);
  const r = plot
    .append('rect')
    .attr('class', `total ${cls}`)
    .attr('data-value', String(mean))
    .attr('x', px(x0))
    .attr('y', px(y))
    .attr('width', px(Math.max(1, x(mean) - x0)))
    .attr('height', px(w.layout.barHeight))
    .attr('fill', TOTAL);
  tip(r, `${name}: ${formatValue(mean, unit)}`);
  stepValue(w, plot, formatValue(mean, unit), x0, x(mean), y);
}

/** Row i: one input's step from the running total `start` to `end`, joined to the row above. */
function drawStep(w: Waterfall, s: Step, i: number, start: number, end: number): void {
  const { plot, x, layout } = w;
  const y = layout.barY(i);
  const xa = x(Math.min(start, end));
  const xb = x(Math.max(start, end));
  const g = plot.append('g') as unknown as Sel;
  const r = g
    .append('rect')
    .attr('class', `step ${s.value >= 0 ? 'step-up' : 'step-down'}`)
    .attr('data-input', s.input ?? '')
    .attr('data-value', String(s.value))
    .attr('x', px(xa))
    .attr('y', px(y))
    .attr('width', px(Math.max(1, xb - xa)))
    .attr('height', px(layout.barHeight))
    .attr('fill', s.value >= 0 ? UP : DOWN);
  tip(r, s.tipText);
  stepValue(w, g, formatDelta(s.value, w.unit), xa, xb, y);
  // Connector from the previous row's end to this row's start.
  connector(w, start, layout.barY(i - 1) + layout.barHeight, y);
}

/** A dotted vertical line at the running total `v`, between two rows. */
function connector(w: Waterfall, v: number, y1: number, y2: number): void {
  w.plot
    .append('line')
    .attr('class', 'connector')
    .attr('x1', px(w.x(v)))
    .attr('x2', px(w.x(v)))
    .attr('y1', px(y1))
    .attr('y2', px(y2))
    .attr('stroke', INK)
    .attr('stroke-width', 1)
    .attr('stroke-dasharray', '2 2');
}

export const crux: Chart<CruxData> = {
  title(d) {
    return `From ${viewName(d, 'from')} to ${viewName(d, 'to')}: what makes ${d.outputLabel || d.output} differ`;
  },

  render(svgEl, d, size: ChartSize) {
    const unit = d.outputScale === 'probability' ? 'probability' : null;
    const method =
      d.method === 'exact' ? 'exact Shapley values' : `Shapley values from ${d.permutations} sampled permutations`;
    const fr = frame(
      svgEl,
      size,
      this.title(d),
      `${metaLine(d)} · ${method} · difference ${formatDelta(d.difference, unit)}`,
    );
    const items: LegendItem[] = [
      { label: 'Raises the mean', color: UP },
      { label: 'Lowers the mean', color: DOWN },
      { label: 'Mean under each view', color: TOTAL },
    ];
    const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(fr.top)})`) as Sel;
    const lh = legend(lg, items, fr.width - 2 * fr.pad, fr.fonts);
    const top = fr.top + lh + 8;
    const st = steps(d);
    const labels = [viewName(d, 'from'), ...st.map((s) => s.label), viewName(d, 'to')];
    const xLabel = `Mean of ${d.outputLabel || d.output}${unit ? ` (${unit})` : ''}`;
    const layout = rowLayout(fr, top, axisReserve(fr, xLabel), labels, { valueRoom: 0 });
    const running: number[] = [d.from.mean];
    for (const s of st) running.push(running[running.length - 1]! + s.value);
    const x = meanScale(d, running, layout, unit);
    const plot = rowPlot(fr, layout, top, x, (ticks) => tickFormatter(x, ticks, unit), xLabel);
    const w: Waterfall = { plot, layout, x, x0: x(x.domain()[0]!), f: fr.fonts, unit };
    drawTotal(w, 0, d.from.mean, 'total-from', labels[0]!);
    st.forEach((s, k) => drawStep(w, s, k + 1, running[k]!, running[k + 1]!));
    const last = st.length + 1;
    connector(w, running[running.length - 1]!, layout.barY(last - 1) + layout.barHeight, layout.barY(last));
    drawTotal(w, last, d.to.mean, 'total-to', labels[last]!);
    rowLabels(fr, layout, labels);
  },

  table(d): ChartTable {
    const unit = d.outputScale === 'probability' ? 'probability' : null;
    const from = viewName(d, 'from');
    const to = viewName(d, 'to');
    return {
      caption: `Mean of ${d.outputLabel || d.output} from ${from} (${formatValue(d.from.mean, unit)}) to ${to} (${formatValue(d.to.mean, unit)}), a difference of ${formatDelta(d.difference, unit)}, split among the inputs the views set differently by Shapley values (${d.method === 'exact' ? 'exact' : `${d.permutations} sampled permutations`}). ${metaLine(d)}.`,
      columns: ['Input', `In ${from}`, `In ${to}`, 'Share of the difference', 'Contribution'],
      rows: [
        ...d.parts.map((p) => [p.label || p.input, p.from, p.to, formatPercent(p.share), formatDelta(p.shapley, unit)]),
        ['Total', '', '', formatPercent(1), formatDelta(d.difference, unit)],
      ],
    };
  },
};

export function cruxHeight(d: CruxData, width: number): number {
  return rowsHeight([viewName(d, 'from'), ...steps(d).map((s) => s.label), viewName(d, 'to')], width);
}
