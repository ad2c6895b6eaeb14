// Rows of horizontal bars (tornado, Sobol, importance, threshold, crux, value of information):
// labels in a column at the left when the chart is wide, above each bar when it is narrow, each
// label wrapped onto as many lines as it needs and its row as tall as its label.

import * as d3 from 'd3';
import { px, type Sel } from './dom.ts';
import { BACKGROUND, INK } from './palette.ts';
import { fonts, isNarrow, multiline, textWidth, wrapLines } from './text.ts';
import { labelLines, tickCount, xAxis, type PlotBox } from './axes.ts';
import type { Frame } from './frame.ts';

export interface RowLayout {
  narrow: boolean;
  /** x where bars may start and their available width. */
  plotLeft: number;
  plotWidth: number;
  /** Width of the label column (wide layout) or of the whole row (narrow). */
  labelWidth: number;
  barHeight: number;
  /** Top of row i's bar. */
  barY(i: number): number;
  /** Baseline of row i's first label line and where it is anchored. */
  label(i: number): { x: number; y: number; anchor: 'start' | 'end' };
  /** Row i's label, wrapped to the label column. */
  lines(i: number): string[];
  /** Distance between label lines. */
  lineHeight: number;
  /** y below the last row. */
  bottom: number;
}

export interface RowOptions {
  /** Bar height when there is room (default 18 wide, 16 narrow). */
  barHeight?: number;
  /** Room kept right of the bars (values, notes). */
  valueRoom?: number;
  /** Widest share of the chart the label column may take (default 0.36). */
  maxLabelShare?: number;
  /** Labels to size the column by (default: these rows'), so charts in blocks line up. */
  measure?: string[];
}

/** Side padding of a chart `width` wide (as frame() sets it). */
const padOf = (width: number) => (isNarrow(width) ? 8 : 14);

/** The label column and each label wrapped into it; rows' natural heights follow from it. */
function rowGeometry(width: number, labels: string[], o: RowOptions) {
  const f = fonts(width);
  const narrow = isNarrow(width);
  const inner = width - 2 * padOf(width);
  const longest = Math.max(0, ...(o.measure ?? labels).map((l) => textWidth(l, f.label)));
  const labelWidth = narrow ? inner : Math.max(60, Math.min(longest + 4, inner * (o.maxLabelShare ?? 0.36)));
  const lines = labels.map((l) => wrapLines(l, labelWidth, f.label));
  const lineHeight = Math.round(f.label * 1.2);
  const bar = o.barHeight ?? (narrow ? 16 : 18);
  const natural = lines.map((ls) =>
    narrow ? f.label + (ls.length - 1) * lineHeight + 4 + bar + 12 : Math.max(bar + 14, ls.length * lineHeight + 8),
  );
  return { f, narrow, inner, labelWidth, lines, lineHeight, bar, natural };
}

/** The height rows of these labels take at `width` (their labels wrapped), without header or axis. */
export function rowsNaturalHeight(labels: string[], width: number, o: RowOptions = {}): number {
  return rowGeometry(width, labels, o).natural.reduce((a, h) => a + h, 0);
}

/**
 * A chart of rows of bars: its header (title, subtitle, legend), the rows with their labels
 * wrapped, and the axis below. The layout squeezes rows only when given less height than this.
 */
export function rowsHeight(labels: string[], width: number, o: RowOptions & { header?: number } = {}): number {
  const narrow = isNarrow(width);
  return (o.header ?? 84) + (narrow ? 56 : 0) + Math.max(24, rowsNaturalHeight(labels, width, o)) + 66;
}

/**
 * Rows of horizontal bars: labels in a column at the left when the chart is wide, above each bar
 * when it is narrow, each wrapped onto as many lines as it needs. Rows take their natural height
 * (the label's lines or the bar, whichever is taller), squeezed together only when the chart is
 * given less height than they need.
 */
export function rowLayout(
  fr: Frame,
  top: number,
  bottomReserve: number,
  labels: string[],
  o: RowOptions = {},
): RowLayout {
  const g = rowGeometry(fr.width, labels, o);
  const { f, narrow, lineHeight: lh } = g;
  const total = g.natural.reduce((a, h) => a + h, 0);
  const avail = fr.height - top - bottomReserve;
  const k = total > avail && total > 0 ? Math.max(0.25, avail / total) : 1;
  const heights = g.natural.map((h) => h * k);
  const tops: number[] = [];
  let y = top;
  for (const h of heights) {
    tops.push(y);
    y += h;
  }
  const bar = k < 1 ? Math.max(4, Math.min(g.bar, g.bar * k)) : g.bar;
  const valueRoom = o.valueRoom ?? 0;
  const n = (i: number) => g.lines[i]?.length ?? 1;
  if (narrow) {
    return {
      narrow,
      plotLeft: fr.pad + 4,
      plotWidth: Math.max(40, g.inner - 8 - valueRoom),
      labelWidth: g.labelWidth,
      barHeight: bar,
      barY: (i) => (tops[i] ?? top) + f.label + (n(i) - 1) * lh * k + 4 * k,
      label: (i) => ({ x: fr.pad, y: (tops[i] ?? top) + f.label, anchor: 'start' }),
      lines: (i) => g.lines[i] ?? [],
      lineHeight: lh * Math.min(1, Math.max(k, 0.8)),
      bottom: y,
    };
  }
  const plotLeft = fr.pad + g.labelWidth + 12;
  return {
    narrow,
    plotLeft,
    plotWidth: Math.max(60, fr.width - fr.pad - plotLeft - valueRoom),
    labelWidth: g.labelWidth,
    barHeight: bar,
    barY: (i) => (tops[i] ?? top) + ((heights[i] ?? 0) - bar) / 2,
    label: (i) => ({
      x: fr.pad + g.labelWidth,
      y: (tops[i] ?? top) + (heights[i] ?? 0) / 2 - ((n(i) - 1) * lh) / 2 + f.label * 0.35,
      anchor: 'end',
    }),
    lines: (i) => g.lines[i] ?? [],
    lineHeight: lh,
    bottom: y,
  };
}

/** Draw the rows' labels, each on as many lines as it was wrapped to. */
export function rowLabels(fr: Frame, layout: RowLayout, labels: string[], cls = 'row-label'): void {
  const f = fr.fonts;
  const g = fr.svg.append('g').attr('class', 'row-labels');
  labels.forEach((_, i) => {
    const at = layout.label(i);
    const t = g
      .append('text')
      .attr('class', cls)
      .attr('x', px(at.x))
      .attr('y', px(at.y))
      .attr('text-anchor', at.anchor)
      .attr('font-size', f.label)
      .attr('fill', INK);
    multiline(t, layout.lines(i), px(layout.lineHeight));
    // Above the bars (narrow layout) labels cross grid and baseline lines: a white halo keeps them legible.
    if (layout.narrow)
      t.attr('stroke', BACKGROUND)
        .attr('stroke-width', 3)
        .attr('stroke-linejoin', 'round')
        .attr('paint-order', 'stroke');
  });
}

/** Space an x axis with ticks and its wrapped title needs below the rows. */
export function axisReserve(fr: Frame, label: string): number {
  const f = fr.fonts;
  return 6 + 3 + f.tick + 10 + labelLines(label, fr.width - 2 * fr.pad, f) * f.label * 1.2 + fr.pad;
}

/** A bottom axis under rows of bars, with grid lines up through the rows. */
export function rowAxis(
  fr: Frame,
  layout: RowLayout,
  top: number,
  scale: d3.AxisScale<number>,
  ticks: number[],
  format: (x: number) => string,
  label: string,
): Sel {
  const box: PlotBox = { left: layout.plotLeft, top, width: layout.plotWidth, height: layout.bottom - top };
  return xAxis(fr, box, scale, ticks, format, label);
}

/** A row chart's value scale: `domain` across the plot's width, niced to the ticks that fit there. */
export function rowScale(layout: RowLayout, domain: [number, number]): d3.ScaleLinear<number, number> {
  return d3.scaleLinear().domain(domain).range([0, layout.plotWidth]).nice(tickCount(layout.plotWidth));
}

/**
 * A row chart's plot (the group its bars are drawn in, right of a wide layout's labels) and its
 * bottom axis: the ticks that fit the plot's width, written by `format(ticks)`.
 */
export function rowPlot(
  fr: Frame,
  layout: RowLayout,
  top: number,
  x: d3.ScaleLinear<number, number>,
  format: (ticks: number[]) => (x: number) => string,
  label: string,
) {
  const plot = fr.svg
    .append('g')
    .attr('class', 'plot')
    .attr('transform', `translate(${px(layout.plotLeft)},0)`);
  const ticks = x.ticks(tickCount(layout.plotWidth));
  rowAxis(fr, layout, top, x, ticks, format(ticks), label);
  return plot;
}
