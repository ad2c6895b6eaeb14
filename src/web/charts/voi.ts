// `voi`: which open prediction is most worth resolving — ranked bars of the expected absolute
// shift of the output mean from learning each prediction's outcome, with P(yes) and the means
// if it resolves yes and if no beside each bar (wide layout) and in its tooltip. Predictions
// valued on different outputs (each on its own linked model) get one block and axis per output,
// since their shifts are in different units.
//
// Data: `VoiReport` from `valueOfInformationForProject(...)` or `VoiModelResult` from
// `valueOfInformation(...)` in src/analysis/value-of-information.ts (the `credence voi --json`
// shapes); only `rows`, `samples` and `seed` are read.
//
// Classes: `.bar` one rect per prediction (with `data-id`, `data-value`) · `.bar-value` the shift
// at each bar's end · `.bar-note` P(yes) and the two means (wide layout) · `.group-title` one per
// output when there are several · `.row-label` ·
// `.x-axis`, `.axis-label`.

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import type { VoiRow } from '../../analysis/value-of-information.ts';
import {
  frame,
  emptyNote,
  rowLayout,
  rowLabels,
  rowsNaturalHeight,
  rowScale,
  rowPlot,
  axisReserve,
  tip,
  multiline,
  wrapLines,
  centredLines,
  px,
  textWidth,
  metaLine,
  isNarrow,
  OKABE_ITO,
  MUTED,
  INK,
  type Frame,
  type RowLayout,
  type Sel,
} from './common.ts';
import { formatNumber, formatPercent, formatPoints, formatValue, tickFormat } from './format.ts';

export type { VoiRow };

export interface VoiData {
  rows: VoiRow[];
  samples: number;
  seed: number;
}

const BAR = OKABE_ITO.green;

function unitOf(r: VoiRow): string | null {
  return r.outputScale === 'probability' ? 'probability' : null;
}

/** A shift, unsigned: percentage points for probability outputs. */
function shift(v: number, r: VoiRow): string {
  if (r.outputScale !== 'probability') return formatNumber(v);
  return formatPoints(v).replace(/^\+/, '');
}

interface VoiGroup {
  model: string;
  output: string;
  outputLabel: string;
  rows: VoiRow[];
}

/** Rows by the output they shift (model and output), in order of their best row. */
function groupsOf(rows: VoiRow[]): VoiGroup[] {
  const out = new Map<string, VoiGroup>();
  for (const r of rows) {
    const key = `${r.model}\u0000${r.output}`;
    let g = out.get(key);
    if (!g) out.set(key, (g = { model: r.model, output: r.output, outputLabel: r.output, rows: [] }));
    g.rows.push(r);
  }
  return [...out.values()];
}

function rowName(r: VoiRow): string {
  return r.statement ? `${r.id}: ${r.statement}` : r.id;
}

/** What every block of a drawing shares. */
interface Blocks {
  fr: Frame;
  /** The only group, when there is one (then blocks have no title). */
  one: VoiGroup | null;
  narrow: boolean;
  /** Width right of the bars for P(yes) and the two means (wide layout). */
  noteRoom: number;
  /** Height of a row when the chart is squeezed. */
  rowH: number;
  /** Every row's label, so that all blocks share one label column. */
  allLabels: string[];
}

type Heads = Pick<Blocks, 'fr' | 'one'>;

/** A block's title (model: output), wrapped to the chart's width. */
function headLines(c: Heads, g: VoiGroup): string[] {
  return c.one ? [] : wrapLines(`${g.model}: ${g.outputLabel}`, c.fr.width - 2 * c.fr.pad, c.fr.fonts.label, true);
}

function headH(c: Heads, g: VoiGroup): number {
  const f = c.fr.fonts;
  return c.one ? 0 : f.label + (headLines(c, g).length - 1) * f.label * 1.2 + 10;
}

function xLabelOf(g: VoiGroup): string {
  return `Expected shift of the mean of ${g.output}${g.rows[0]!.outputScale === 'probability' ? ' (percentage points)' : ''}`;
}

function axisHOf(c: Heads, g: VoiGroup): number {
  return axisReserve(c.fr, xLabelOf(g)) - c.fr.pad + 10;
}

/** Rows' height when every block, its title and its axis share the chart's height. */
/** Tick labels: in percentage points for probabilities. */
function axisFormat(ticks: number[], isP: boolean): (v: number) => string {
  if (!isP) return tickFormat(ticks, null);
  const points = tickFormat(
    ticks.map((t) => t * 100),
    null,
  );
  return (v: number) => points(v * 100);
}

function squeezedRowHeight(c: Heads, groups: VoiGroup[], rows: number, narrow: boolean): number {
  const { fr } = c;
  // One block of bars per output: shifts in different units do not share an axis.
  const avail = fr.height - fr.top - 4 - fr.pad - groups.reduce((a, g) => a + axisHOf(c, g) + headH(c, g), 0);
  const maxRow = narrow ? fr.fonts.label + 4 + 16 + 12 : 32;
  return Math.max(14, Math.min(maxRow, avail / Math.max(1, rows)));
}

/** One output's block from `top` down: its title, bars, labels and axis; returns the y below it. */
function drawBlock(c: Blocks, g: VoiGroup, top: number): number {
  const { fr } = c;
  const f = fr.fonts;
  if (!c.one) {
    fr.svg
      .append('text')
      .attr('class', 'group-title')
      .attr('x', fr.pad)
      .attr('y', px(top + f.label))
      .attr('font-size', f.label)
      .attr('font-weight', 600)
      .attr('fill', INK)
      .call((t) => multiline(t, headLines(c, g), f.label * 1.2));
    top += headH(c, g);
  }
  const labels = g.rows.map(rowName);
  const axisH = axisHOf(c, g);
  const rowOptions = { valueRoom: c.noteRoom, maxLabelShare: 0.34, measure: c.allLabels };
  // Rows as tall as their wrapped labels: a block squeezed to rowH draws labels over each other.
  const rowsH = Math.max(g.rows.length * c.rowH, rowsNaturalHeight(labels, fr.width, rowOptions));
  const blockFrame = { ...fr, height: top + rowsH + axisH + fr.pad };
  const layout = rowLayout(blockFrame, top, axisH + fr.pad, labels, rowOptions);
  const isP = g.rows[0]!.outputScale === 'probability';
  const max = Math.max(1e-12, ...g.rows.map((r) => (Number.isFinite(r.expectedShift) ? r.expectedShift : 0)));
  const x = rowScale(layout, [0, max * 1.12]);
  const plot = rowPlot(fr, layout, top, x, (ticks) => axisFormat(ticks, isP), xLabelOf(g));
  g.rows.forEach((r, i) => drawRow(c, plot, layout, x, r, layout.barY(i)));
  rowLabels(fr, layout, labels);
  return layout.bottom + axisH;
}

/** One prediction's bar at `y`, its shift at the bar's end and (wide) its note beside the plot. */
function drawRow(c: Blocks, plot: Sel, layout: RowLayout, x: d3.ScaleLinear<number, number>, r: VoiRow, y: number) {
  const f = c.fr.fonts;
  const v = Number.isFinite(r.expectedShift) ? r.expectedShift : 0;
  const unit = unitOf(r);
  const rect = plot
    .append('rect')
    .attr('class', 'bar')
    .attr('data-id', r.id)
    .attr('data-value', String(r.expectedShift))
    .attr('x', 0)
    .attr('y', px(y))
    .attr('width', px(Math.max(1, x(v))))
    .attr('height', px(layout.barHeight))
    .attr('fill', BAR);
  const note = `P(yes) ${formatPercent(r.pYes)} · if yes ${formatValue(r.meanIfYes, unit)} · if no ${formatValue(r.meanIfNo, unit)}`;
  tip(rect, `${rowName(r)} — expected shift ${shift(r.expectedShift, r)}; now ${formatValue(r.mean, unit)}; ${note}`);
  const text = shift(r.expectedShift, r);
  const yt = y + layout.barHeight / 2 + f.small * 0.35;
  const inside = x(v) + 4 + textWidth(text, f.small) > layout.plotWidth;
  plot
    .append('text')
    .attr('class', 'bar-value')
    .attr('x', px(inside ? x(v) - 4 : x(v) + 4))
    .attr('y', px(yt))
    .attr('text-anchor', inside ? 'end' : 'start')
    .attr('font-size', f.small)
    .attr('fill', inside ? '#ffffff' : MUTED)
    .text(text);
  if (!c.narrow) {
    plot
      .append('text')
      .attr('class', 'bar-note')
      .attr('x', px(layout.plotWidth + 10))
      .attr('y', px(yt))
      .attr('font-size', f.small)
      .attr('fill', MUTED)
      .call((t) => centredLines(t, wrapLines(note, c.noteRoom - 12, f.small), f.small * 1.2));
  }
}

export const voi: Chart<VoiData> = {
  title() {
    return 'Which open prediction is most worth resolving';
  },

  render(svgEl, d, size: ChartSize) {
    const groups = groupsOf(d.rows);
    const one = groups.length === 1 ? groups[0]! : null;
    const fr = frame(
      svgEl,
      size,
      this.title(d),
      `Expected shift of ${one ? `${one.model}: ${one.output}` : 'each linked model’s output'} from learning the outcome · ${metaLine(d)}`,
    );
    const narrow = isNarrow(fr.width);
    const c: Blocks = {
      fr,
      one,
      narrow,
      noteRoom: narrow ? 0 : Math.min(230, fr.width * 0.3),
      rowH: squeezedRowHeight({ fr, one }, groups, d.rows.length, narrow),
      allLabels: d.rows.map(rowName),
    };
    let top = fr.top + 4;
    for (const g of groups) top = drawBlock(c, g, top);
    if (d.rows.length === 0) emptyNote(fr, fr.top, fr.height - fr.pad, 'No open prediction is linked to this model.');
  },

  table(d): ChartTable {
    const top = d.rows[0];
    return {
      caption: `Open predictions ranked by the expected absolute shift of the output mean from learning their outcome.${top ? ` The most valuable is ${top.id} (${shift(top.expectedShift, top)}).` : ''} ${metaLine(d)}.`,
      columns: ['Prediction', 'Output', 'P(yes)', 'Mean now', 'Mean if yes', 'Mean if no', 'Expected shift'],
      rows: d.rows.map((r) => [
        rowName(r),
        `${r.model}: ${r.output}`,
        formatPercent(r.pYes),
        formatValue(r.mean, unitOf(r)),
        formatValue(r.meanIfYes, unitOf(r)),
        formatValue(r.meanIfNo, unitOf(r)),
        shift(r.expectedShift, r),
      ]),
    };
  },
};

export function voiHeight(d: VoiData, width: number): number {
  const blocks = groupsOf(d.rows);
  const groups = blocks.length;
  const narrow = width < 560;
  const measure = d.rows.map(rowName);
  const options = { valueRoom: narrow ? 0 : Math.min(230, width * 0.3), maxLabelShare: 0.34, measure };
  const rows = blocks.reduce(
    (a, g) => a + Math.max(g.rows.length * (narrow ? 44 : 32), rowsNaturalHeight(g.rows.map(rowName), width, options)),
    0,
  );
  return Math.round((narrow ? 110 : 70) + rows + groups * ((narrow ? 78 : 62) + (groups > 1 ? 24 : 0)) + 10);
}
