// `threshold`: which inputs, on their own, can carry the output mean across a threshold (e.g.
// P(scheming) = 10%). One row per input: the span of the output mean as the input moves over
// its 1st–99th percentiles (the others sampled), the threshold as a vertical line, and a dot
// where the span crosses it, labelled with the input value and its percentile. Rows that
// cannot reach the threshold are grey.
//
// Data: `ThresholdResult` from `threshold(prepared, opts)` in src/analysis/threshold.ts (the
// API's `/api/models/:id/sensitivity?method=threshold&threshold=…` body), optionally with
// `units` by input name.
//
// Classes: `.range` one rect per input (with `data-input`), also `.range-crosses` for inputs
// that reach the threshold · `.crossing` one circle per crossing (`data-value`) · `.threshold`
// the threshold line (`data-value`) · `.baseline` the baseline mean · `.crossing-label` ·
// `.row-label` · `.x-axis`, `.axis-label` · `.legend-item`.

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import type { ThresholdResult, ThresholdRow } from '../../analysis/threshold.ts';
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
  wrapLines,
  centredLines,
  px,
  metaLine,
  extent,
  padDomain,
  isNarrow,
  OKABE_ITO,
  INK,
  MUTED,
  type FontSizes,
  type LegendItem,
  type RowLayout,
  type Sel,
} from './common.ts';
import { formatPercent, formatPercentile, formatValue, tickFormatter } from './format.ts';
import { outputName, outputUnit, rowsHeight, type Units } from './tornado.ts';

export type { ThresholdResult };
export type ThresholdData = ThresholdResult & Units;

const CROSS = OKABE_ITO.vermillion;
const NONE = '#bdbdbd';

function ordinal(p: number): string {
  return `${formatPercentile(p)} pct`;
}

/** What the rows of one drawing share. */
interface Spans {
  d: ThresholdData;
  plot: Sel;
  layout: RowLayout;
  x: d3.ScaleLinear<number, number>;
  f: FontSizes;
  /** Width right of the plot for each row's crossing note, or null (narrow: no notes). */
  noteRoom: number | null;
}

/** One input's row at `y`: the span of the mean, a dot per crossing and (wide) the first crossing's note. */
function drawSpan(c: Spans, r: ThresholdRow, label: string, y: number): void {
  const { d, plot, x, layout } = c;
  const crosses = r.crossings.length > 0;
  const [lo, hi] = r.meanSpan;
  const h = Math.min(layout.barHeight, 12);
  const yy = y + (layout.barHeight - h) / 2;
  const rect = plot
    .append('rect')
    .attr('class', `range${crosses ? ' range-crosses' : ''}`)
    .attr('data-input', r.input)
    .attr('x', px(x(lo)))
    .attr('y', px(yy))
    .attr('width', px(Math.max(1, x(hi) - x(lo))))
    .attr('height', px(h))
    .attr('rx', 3)
    .attr('fill', crosses ? CROSS : NONE)
    .attr('fill-opacity', crosses ? 0.35 : 0.6);
  tip(rect, `${label}: ${r.statement}`);
  for (const cr of r.crossings) {
    const dot = plot
      .append('circle')
      .attr('class', 'crossing')
      .attr('data-value', String(cr.value))
      .attr('cx', px(x(d.threshold)))
      .attr('cy', px(yy + h / 2))
      .attr('r', 5)
      .attr('fill', CROSS)
      .attr('stroke', '#ffffff')
      .attr('stroke-width', 1.5);
    tip(dot, `${label} at ${formatValue(cr.value, d.units?.[r.input])} (${ordinal(cr.percentile)}), ${cr.direction}`);
  }
  if (c.noteRoom !== null) crossingNote(c, c.noteRoom, r, yy + h / 2);
}

/** Beside the plot at height `cy`: where the input first crosses (and how many more times), or that it does not. */
function crossingNote(c: Spans, noteRoom: number, r: ThresholdRow, cy: number): void {
  const { f } = c;
  const first = r.crossings[0];
  const note = first
    ? `at ${formatValue(first.value, c.d.units?.[r.input])} (${ordinal(first.percentile)})${r.crossings.length > 1 ? ` +${r.crossings.length - 1}` : ''}`
    : 'does not cross';
  c.plot
    .append('text')
    .attr('class', 'crossing-label')
    .attr('x', px(c.layout.plotWidth + 10))
    .attr('y', px(cy + f.small * 0.35))
    .attr('font-size', f.small)
    .attr('fill', first ? INK : MUTED)
    .call((t) => centredLines(t, wrapLines(note, noteRoom - 12, f.small), f.small * 1.2));
}

/** A vertical line across the rows at `value` (the threshold or the baseline mean). */
function verticalLine(
  plot: Sel,
  cls: string,
  value: number,
  x: d3.ScaleLinear<number, number>,
  [y1, y2]: readonly [number, number],
  style: { stroke: string; width: number; dash?: string },
): void {
  const line = plot
    .append('line')
    .attr('class', cls)
    .attr('data-value', String(value))
    .attr('x1', px(x(value)))
    .attr('x2', px(x(value)))
    .attr('y1', px(y1))
    .attr('y2', px(y2))
    .attr('stroke', style.stroke)
    .attr('stroke-width', style.width);
  if (style.dash) line.attr('stroke-dasharray', style.dash);
}

export const threshold: Chart<ThresholdData> = {
  title(d) {
    return `What it would take for ${outputName(d)} to cross ${formatValue(d.threshold, outputUnit(d))}`;
  },

  render(svgEl, d, size: ChartSize) {
    const unit = outputUnit(d);
    const fr = frame(
      svgEl,
      size,
      this.title(d),
      `${metaLine(d)} · baseline mean ${formatValue(d.baseline.mean, unit)} · each input moved over its 1st–99th percentiles, the others uncertain`,
    );
    const narrow = isNarrow(fr.width);
    const items: LegendItem[] = [
      { label: 'Can cross the threshold alone', color: CROSS },
      { label: 'Cannot, within its range', color: NONE },
      { label: 'Threshold', color: INK, symbol: 'line' },
      { label: 'Baseline mean', color: MUTED, symbol: 'dashed' },
    ];
    const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(fr.top)})`) as Sel;
    const top = fr.top + legend(lg, items, fr.width - 2 * fr.pad, fr.fonts) + 8;
    const xLabel = `Mean of ${outputName(d)}${unit ? ` (${unit})` : ''}`;
    const labels = d.rows.map((r) => r.label || r.input);
    const noteRoom = narrow ? 0 : Math.min(200, fr.width * 0.22);
    const layout = rowLayout(fr, top, axisReserve(fr, xLabel), labels, { valueRoom: noteRoom });
    const dom = padDomain(extent([...d.rows.flatMap((r) => r.meanSpan), d.threshold, d.baseline.mean]), 0.05);
    const x = rowScale(layout, dom);
    const plot = rowPlot(fr, layout, top, x, (ticks) => tickFormatter(x, ticks, unit), xLabel);
    const c: Spans = { d, plot, layout, x, f: fr.fonts, noteRoom: narrow ? null : noteRoom };
    d.rows.forEach((r, i) => drawSpan(c, r, labels[i]!, layout.barY(i)));
    const span = [top - 4, layout.bottom] as const;
    verticalLine(plot, 'threshold', d.threshold, x, span, { stroke: INK, width: 1.6 });
    verticalLine(plot, 'baseline', d.baseline.mean, x, span, { stroke: MUTED, width: 1.2, dash: '4 3' });
    if (d.rows.length === 0) emptyNote(fr, top, layout.bottom, 'No input varies, so none can cross the threshold.');
    rowLabels(fr, layout, labels);
  },

  table(d): ChartTable {
    const unit = outputUnit(d);
    const n = d.rows.filter((r) => r.crossings.length > 0).length;
    return {
      caption: `Inputs that would carry the mean of ${outputName(d)} across ${formatValue(d.threshold, unit)} on their own (baseline ${formatValue(d.baseline.mean, unit)}): ${n} of ${d.rows.length}. ${metaLine(d)}.`,
      columns: ['Input', 'Mean at 1st pct', 'Mean at 99th pct', 'Crossing value', 'Crossing percentile', 'In words'],
      rows: d.rows.map((r) => [
        r.label || r.input,
        formatValue(r.meanAtRange[0], unit),
        formatValue(r.meanAtRange[1], unit),
        r.crossings.map((c) => formatValue(c.value, d.units?.[r.input])).join(', ') || '–',
        r.crossings.map((c) => formatPercent(c.percentile)).join(', ') || '–',
        r.statement,
      ]),
    };
  },
};

export function thresholdHeight(d: ThresholdData, width: number): number {
  return rowsHeight(
    d.rows.map((r) => r.label || r.input),
    width,
    { header: 100 },
  );
}
