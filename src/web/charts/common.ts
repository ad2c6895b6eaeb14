// Drawing helpers shared by the charts: palette, fonts, text measurement without a layout engine
// (the server has none), the title block, styled axes, legends and the wrapper that gives every
// chart its accessible name. Everything is drawn with presentation attributes (fill, stroke,
// font-size, font-family), never page CSS, so a standalone SVG looks the same as the page.
// Page CSS may still restyle the marks through their classes.

import * as d3 from 'd3';
import type { Chart, ChartSize } from './chart.ts';
import { formatCount } from '../../analysis/format.ts';

export type Sel<E extends Element = SVGGElement> = d3.Selection<E, unknown, null, undefined>;

export const SVG_NS = 'http://www.w3.org/2000/svg';

export const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif';

/** Okabe–Ito, the colour-blind-safe categorical palette. */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
} as const;

/** Series colours in order of use (yellow left out: too light on white for lines and text). */
export const CATEGORICAL: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.vermillion,
  OKABE_ITO.green,
  OKABE_ITO.orange,
  OKABE_ITO.purple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
];

export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const AXIS = '#6b6b6b';
export const GRID = '#e4e4e4';
export const BACKGROUND = '#ffffff';

/** Prior and posterior: sky blue fill, vermillion outline; markers in the darker blue. */
export const PRIOR = OKABE_ITO.skyBlue;
export const PRIOR_DARK = OKABE_ITO.blue;
export const POSTERIOR = OKABE_ITO.vermillion;

/** Width below which charts switch to their narrow layout (labels above bars, fewer ticks). */
export const NARROW = 560;

export function isNarrow(width: number): boolean {
  return width < NARROW;
}

export interface FontSizes {
  title: number;
  subtitle: number;
  label: number;
  tick: number;
  small: number;
}

/** Font sizes in viewBox pixels; the charts are drawn at their display width, so these are CSS px. */
export function fonts(width: number): FontSizes {
  return isNarrow(width)
    ? { title: 14, subtitle: 11, label: 12, tick: 11, small: 11 }
    : { title: 16, subtitle: 12, label: 13, tick: 12, small: 11.5 };
}

// Average advance widths of a sans-serif face, in ems: enough to lay out labels without a
// layout engine. Deliberately generous so estimated text rarely overflows.
const NARROW_CHARS = new Set("ijlI.,:;|!'()[] ");
const WIDE_CHARS = new Set('mwMW@%');

/** Estimated width of `text` at `size` px. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const c of text) {
    if (NARROW_CHARS.has(c)) em += 0.33;
    else if (WIDE_CHARS.has(c)) em += 0.92;
    else if (c >= 'A' && c <= 'Z') em += 0.7;
    else if (c >= '0' && c <= '9') em += 0.64;
    else em += 0.6;
  }
  return em * size * (bold ? 1.1 : 1);
}

/** `text` shortened with an ellipsis to fit `maxWidth`. */
export function truncate(text: string, maxWidth: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= maxWidth) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (textWidth(chars.slice(0, mid).join('') + '…', size, bold) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + '…';
}

/** Break `text` into lines of at most `maxWidth`, at most `maxLines` (the last one truncated). */
export function wrapLines(text: string, maxWidth: number, size: number, maxLines = 2, bold = false): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i]!;
    const next = line ? `${line} ${w}` : w;
    if (textWidth(next, size, bold) <= maxWidth || !line) {
      line = next;
      continue;
    }
    lines.push(line);
    line = w;
    if (lines.length === maxLines - 1) {
      line = words.slice(i).join(' ');
      break;
    }
  }
  if (line) lines.push(line);
  return lines.map((l, k) =>
    k === lines.length - 1 || textWidth(l, size, bold) > maxWidth ? truncate(l, maxWidth, size, bold) : l,
  );
}

/** The first of `candidates` that fits `maxWidth`, else the last one truncated. */
export function fitLabel(candidates: string[], maxWidth: number, size: number): string {
  for (const c of candidates) if (textWidth(c, size) <= maxWidth) return c;
  return truncate(candidates[candidates.length - 1] ?? '', maxWidth, size);
}

/** Number of ticks that fit in `length` px at one tick per `spacing` px. */
export function tickCount(length: number, spacing = length < 400 ? 60 : 80): number {
  return Math.max(2, Math.min(10, Math.floor(length / spacing)));
}

/** Append lines of text as <tspan>s (one per line) to a <text>. */
export function multiline(text: Sel<SVGTextElement>, lines: string[], lineHeight: number): Sel<SVGTextElement> {
  const x = text.attr('x') ?? '0';
  lines.forEach((l, i) => {
    text
      .append('tspan')
      .attr('x', x)
      .attr('dy', i === 0 ? 0 : lineHeight)
      .text(l);
  });
  return text;
}

export interface Frame {
  svg: Sel<SVGSVGElement>;
  fonts: FontSizes;
  /** y below the title block, where the chart's content may start. */
  top: number;
  width: number;
  height: number;
  /** Left and right page padding. */
  pad: number;
}

/**
 * Start a chart: white background, default font, the title (wrapped to two lines) and an
 * optional muted subtitle line (samples, seed, scenario). Returns where the content starts.
 */
export function frame(svgEl: SVGSVGElement, size: ChartSize, title: string, subtitle?: string | null): Frame {
  const svg = d3.select(svgEl) as Sel<SVGSVGElement>;
  const { width, height } = size;
  const f = fonts(width);
  const pad = isNarrow(width) ? 8 : 14;
  svg.attr('font-family', FONT).attr('font-size', f.tick).attr('fill', INK);
  svg.append('rect').attr('class', 'background').attr('width', width).attr('height', height).attr('fill', BACKGROUND);
  const lines = wrapLines(title, width - 2 * pad, f.title, isNarrow(width) ? 3 : 2, true);
  const lh = Math.round(f.title * 1.25);
  const t = svg
    .append('text')
    .attr('class', 'chart-title')
    .attr('x', pad)
    .attr('y', pad + f.title)
    .attr('font-size', f.title)
    .attr('font-weight', 600)
    .attr('fill', INK);
  multiline(t, lines, lh);
  let top = pad + f.title + (lines.length - 1) * lh;
  if (subtitle) {
    const sl = wrapLines(subtitle, width - 2 * pad, f.subtitle, 2);
    const st = svg
      .append('text')
      .attr('class', 'chart-subtitle')
      .attr('x', pad)
      .attr('y', top + 6 + f.subtitle)
      .attr('font-size', f.subtitle)
      .attr('fill', MUTED);
    multiline(st, sl, Math.round(f.subtitle * 1.3));
    top += 6 + f.subtitle + (sl.length - 1) * Math.round(f.subtitle * 1.3);
  }
  return { svg, fonts: f, top: top + 10, width, height, pad };
}

/** Style a d3 axis for standalone SVG: fonts and colours as attributes, no currentColor. */
export function styleAxis(g: Sel, f: FontSizes): Sel {
  g.attr('font-family', null).attr('font-size', f.tick);
  g.selectAll('.domain').attr('stroke', AXIS);
  g.selectAll('.tick line').attr('stroke', AXIS);
  g.selectAll('.tick text').attr('fill', MUTED);
  return g;
}

/** Light grid lines across the plot at the scale's ticks. */
export function gridLines(
  g: Sel,
  ticks: number[],
  pos: (v: number) => number,
  orient: 'vertical' | 'horizontal',
  length: number,
): void {
  const grid = g.append('g').attr('class', 'grid').attr('aria-hidden', 'true');
  for (const t of ticks) {
    const p = pos(t);
    if (!Number.isFinite(p)) continue;
    const l = grid.append('line').attr('stroke', GRID).attr('stroke-width', 1);
    if (orient === 'vertical') l.attr('x1', p).attr('x2', p).attr('y1', 0).attr('y2', length);
    else l.attr('x1', 0).attr('x2', length).attr('y1', p).attr('y2', p);
  }
}

/** An axis title: centred under a horizontal axis, or rotated beside a vertical one. */
export function axisLabel(
  g: Sel,
  text: string,
  x: number,
  y: number,
  f: FontSizes,
  opts: { rotate?: boolean; anchor?: 'start' | 'middle' | 'end'; maxWidth?: number; className?: string } = {},
): Sel<SVGTextElement> {
  const maxWidth = opts.maxWidth ?? Infinity;
  const t = g
    .append('text')
    .attr('class', opts.className ?? 'axis-label')
    .attr('font-size', f.label)
    .attr('fill', INK)
    .attr('text-anchor', opts.anchor ?? 'middle');
  if (opts.rotate) t.attr('transform', `translate(${x},${y}) rotate(-90)`);
  else t.attr('x', x).attr('y', y);
  const lines = Number.isFinite(maxWidth) ? wrapLines(text, maxWidth, f.label, 2) : [text];
  if (opts.rotate) {
    lines.forEach((l, i) =>
      t
        .append('tspan')
        .attr('x', 0)
        .attr('dy', i === 0 ? 0 : f.label * 1.2)
        .text(l),
    );
  } else multiline(t, lines, f.label * 1.2);
  return t;
}

/** Lines an axis label takes when wrapped to `maxWidth`. */
export function labelLines(text: string, maxWidth: number, f: FontSizes): number {
  return wrapLines(text, maxWidth, f.label, 2).length;
}

export type LegendSymbol = 'swatch' | 'line' | 'dashed' | 'dot' | 'outline';

export interface LegendItem {
  label: string;
  color: string;
  symbol?: LegendSymbol;
  /** Fill opacity of a swatch (default 1), to match translucent marks. */
  opacity?: number;
}

/** Legend items flowed into rows across `maxWidth`; returns the height used. */
export function legend(g: Sel, items: readonly LegendItem[], maxWidth: number, f: FontSizes): number {
  const size = f.small;
  const row = Math.round(size * 1.6);
  const gap = 14;
  let x = 0;
  let y = 0;
  const lg = g.append('g').attr('class', 'legend');
  for (const it of items) {
    const label = truncate(it.label, Math.max(40, maxWidth - 22), size);
    const w = 20 + textWidth(label, size);
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      y += row;
    }
    const item = lg.append('g').attr('class', 'legend-item').attr('transform', `translate(${x},${y})`);
    const cy = size / 2 + 1;
    const sym = it.symbol ?? 'swatch';
    if (sym === 'swatch')
      item
        .append('rect')
        .attr('y', cy - 5)
        .attr('width', 14)
        .attr('height', 10)
        .attr('fill', it.color)
        .attr('fill-opacity', it.opacity ?? 1);
    else if (sym === 'outline')
      item
        .append('rect')
        .attr('y', cy - 5)
        .attr('width', 14)
        .attr('height', 10)
        .attr('fill', 'none')
        .attr('stroke', it.color)
        .attr('stroke-width', 2);
    else if (sym === 'dot') item.append('circle').attr('cx', 7).attr('cy', cy).attr('r', 4.5).attr('fill', it.color);
    else {
      const l = item
        .append('line')
        .attr('x1', 0)
        .attr('x2', 14)
        .attr('y1', cy)
        .attr('y2', cy)
        .attr('stroke', it.color)
        .attr('stroke-width', 2.5);
      if (sym === 'dashed') l.attr('stroke-dasharray', '4 2');
    }
    item.append('text').attr('x', 19).attr('y', size).attr('font-size', size).attr('fill', INK).text(label);
    x += w + gap;
  }
  return y + row;
}

/** Height a legend of `items` takes across `maxWidth` (same flow as `legend`). */
export function legendHeight(items: readonly LegendItem[], maxWidth: number, f: FontSizes): number {
  const size = f.small;
  const row = Math.round(size * 1.6);
  let x = 0;
  let rows = 1;
  for (const it of items) {
    const w = 20 + textWidth(truncate(it.label, Math.max(40, maxWidth - 22), size), size);
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      rows++;
    }
    x += w + 14;
  }
  return rows * row;
}

/** A tooltip for a mark: an SVG <title> child (read by browsers on hover). */
export function tip<E extends Element>(sel: Sel<E>, text: string): Sel<E> {
  sel.append('title').text(text);
  return sel;
}

/** Round to 1/100 px so the SVG stays compact and deterministic. */
export function px(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Finite extent of numbers, or the fallback when there are none. */
export function extent(values: Iterable<number>, fallback: [number, number] = [0, 1]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : fallback;
}

/** A domain with some width: a single value is widened a little either side. */
export function padDomain([lo, hi]: [number, number], share = 0): [number, number] {
  if (!(hi > lo)) {
    const h = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - h, hi + h];
  }
  const d = (hi - lo) * share;
  return [lo - d, hi + d];
}

export type ValueScale = d3.ScaleLinear<number, number> | d3.ScaleLogarithmic<number, number>;

/** A linear or log10 scale over `domain` (a log domain must be positive). */
export function valueScale(domain: [number, number], kind: 'linear' | 'log', range: [number, number]): ValueScale {
  return kind === 'log' && domain[0] > 0
    ? d3.scaleLog().domain(domain).range(range)
    : d3.scaleLinear().domain(domain).range(range);
}

/** Ticks that fit: powers of ten on a log scale (with 2× and 5× when there are few decades). */
export function scaleTicks(scale: ValueScale, count: number): number[] {
  if (!('base' in scale)) return (scale as d3.ScaleLinear<number, number>).ticks(count);
  const [lo, hi] = scale.domain() as [number, number];
  const out: number[] = [];
  const decades: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) decades.push(e);
  const within = (v: number) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  const step = Math.max(1, Math.ceil(decades.length / count));
  for (const e of decades) if (e % step === 0 && within(10 ** e)) out.push(10 ** e);
  if (out.length < 3) {
    for (const e of decades) for (const m of [2, 5]) if (within(m * 10 ** e)) out.push(m * 10 ** e);
    out.sort((a, b) => a - b);
  }
  return out.length > count * 1.5 ? out.filter((v) => Number.isInteger(Math.log10(v))) : out;
}

/** The plot area of an x–y chart, in SVG coordinates. */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface XYLayout {
  /** Where the plot area starts (below title, legend, marker labels). */
  top: number;
  xLabel: string;
  yLabel: string;
  /** Tick labels of the y axis for a plot of the given height (to size the left margin). */
  yTickLabels: (plotHeight: number) => string[];
  /** Extra space under the x-axis title (notes). */
  bottomExtra?: number;
  right?: number;
}

/** Margins of an x–y chart from its labels: wrapped x title below, rotated y title at left. */
export function xyLayout(fr: Frame, o: XYLayout): PlotBox {
  const f = fr.fonts;
  const xLines = labelLines(o.xLabel, fr.width - 2 * fr.pad, f);
  const bottom = 6 + 3 + f.tick + 10 + xLines * f.label * 1.2 + (o.bottomExtra ?? 0) + fr.pad;
  const height = Math.max(40, fr.height - o.top - bottom);
  const yLabels = o.yTickLabels(height);
  const tickW = Math.max(0, ...yLabels.map((l) => textWidth(l, f.tick)));
  const left = fr.pad + f.label * 1.2 + 6 + tickW + 9;
  const right = o.right ?? fr.pad + 8;
  return { left, top: o.top, width: Math.max(40, fr.width - left - right), height };
}

/** Keep the first and last tick labels of a bottom axis inside the chart. */
export function fitEdgeTicks(g: Sel, fr: Frame, left: number, f: FontSizes): void {
  g.selectAll<SVGGElement, unknown>('.tick').each(function () {
    const tick = d3.select(this);
    const m = /translate\(([-\d.e]+)/.exec(tick.attr('transform') ?? '');
    const text = tick.select('text');
    if (!m || text.empty()) return;
    const x = left + Number(m[1]);
    const w = textWidth(text.text(), f.tick);
    if (x + w / 2 > fr.width - 2) text.attr('text-anchor', 'end').attr('dx', 3);
    else if (x - w / 2 < 2) text.attr('text-anchor', 'start').attr('dx', -3);
  });
}

/** Bottom axis with grid, styled, and its wrapped title (centred under the plot when it fits). */
export function xAxis(
  fr: Frame,
  box: PlotBox,
  scale: d3.AxisScale<number>,
  ticks: number[],
  format: (x: number) => string,
  label: string,
  grid = true,
): Sel {
  const f = fr.fonts;
  const g = fr.svg
    .append('g')
    .attr('class', 'x-axis')
    .attr('transform', `translate(${px(box.left)},${px(box.top + box.height)})`);
  if (grid)
    gridLines(
      fr.svg.insert('g', '.plot').attr('transform', `translate(${px(box.left)},${px(box.top)})`) as Sel,
      ticks,
      (v) => scale(v) ?? NaN,
      'vertical',
      box.height,
    );
  g.call(
    d3
      .axisBottom(scale)
      .tickValues(ticks)
      .tickFormat((v) => format(v as number))
      .tickSizeOuter(0)
      .offset(0),
  );
  styleAxis(g, f);
  fitEdgeTicks(g, fr, box.left, f);
  const ly = 6 + 3 + f.tick + 10 + f.label * 0.9;
  const fits = textWidth(label, f.label) <= box.width;
  const cx = fits ? box.width / 2 : fr.width / 2 - box.left;
  axisLabel(g, label, cx, ly, f, { maxWidth: fr.width - 2 * fr.pad, className: 'axis-label x-label' });
  return g;
}

/** Left axis with grid, styled, and its rotated title just left of the tick labels. */
export function yAxis(
  fr: Frame,
  box: PlotBox,
  scale: d3.AxisScale<number>,
  ticks: number[],
  format: (x: number) => string,
  label: string,
  grid = true,
): Sel {
  const f = fr.fonts;
  const g = fr.svg
    .append('g')
    .attr('class', 'y-axis')
    .attr('transform', `translate(${px(box.left)},${px(box.top)})`);
  if (grid)
    gridLines(
      fr.svg.insert('g', '.plot').attr('transform', `translate(${px(box.left)},${px(box.top)})`) as Sel,
      ticks,
      (v) => scale(v) ?? NaN,
      'horizontal',
      box.width,
    );
  g.call(
    d3
      .axisLeft(scale)
      .tickValues(ticks)
      .tickFormat((v) => format(v as number))
      .tickSizeOuter(0)
      .offset(0),
  );
  styleAxis(g, f);
  const tickW = Math.max(0, ...ticks.map((t) => textWidth(format(t), f.tick)));
  const x = -Math.min(box.left - fr.pad - f.label * 0.9, 9 + tickW + 8);
  const t = axisLabel(g, truncate(label, box.height, f.label), x, box.height / 2, f, {
    rotate: true,
    className: 'axis-label y-label',
  });
  t.attr('transform', `translate(${px(x)},${px(box.height / 2)}) rotate(-90)`);
  return g;
}

/**
 * The top of a density axis: the highest bin, unless one or two spikes dwarf the rest (a point
 * mass, a pile-up at a bound), in which case the axis stops above the rest and the spikes are
 * clipped with their height written beside them.
 */
export function densityCap(series: number[][]): { cap: number; clipped: boolean } {
  let cap = 0;
  let max = 0;
  for (const hs of series) {
    const sorted = hs.filter((h) => Number.isFinite(h) && h > 0).sort((a, b) => b - a);
    const [h1 = 0, h2 = 0, h3 = 0] = sorted;
    max = Math.max(max, h1);
    if (h2 > 0 && h1 > 2.5 * h2) cap = Math.max(cap, 1.6 * h2);
    else if (h3 > 0 && h2 > 2.5 * h3) cap = Math.max(cap, 1.6 * h3);
    else cap = Math.max(cap, h1);
  }
  cap = Math.max(cap, 1e-300);
  return { cap, clipped: max > cap * 1.0001 };
}

export interface RowLayout {
  narrow: boolean;
  /** x where bars may start and their available width. */
  plotLeft: number;
  plotWidth: number;
  /** Width of the label column (wide layout) or of the whole row (narrow). */
  labelWidth: number;
  rowHeight: number;
  barHeight: number;
  /** Top of row i's bar. */
  barY(i: number): number;
  /** Baseline of row i's label and where it is anchored. */
  label(i: number): { x: number; y: number; anchor: 'start' | 'end' };
  /** y below the last row. */
  bottom: number;
}

/**
 * Rows of horizontal bars: labels in a column at the left when the chart is wide, above each bar
 * when it is narrow. Rows share the height between `top` and `height − bottomReserve`, up to a
 * comfortable maximum each.
 */
export function rowLayout(
  fr: Frame,
  top: number,
  bottomReserve: number,
  labels: string[],
  o: { barHeight?: number; valueRoom?: number; maxLabelShare?: number; measure?: string[] } = {},
): RowLayout {
  const f = fr.fonts;
  const n = Math.max(1, labels.length);
  const narrow = isNarrow(fr.width);
  const avail = Math.max(n * 14, fr.height - top - bottomReserve);
  const valueRoom = o.valueRoom ?? 0;
  const inner = fr.width - 2 * fr.pad;
  if (narrow) {
    const bar = Math.min(o.barHeight ?? 16, Math.max(6, avail / n - f.label - 8));
    const rowHeight = Math.min(f.label + 4 + bar + 12, avail / n);
    const plotLeft = fr.pad + 4;
    return {
      narrow,
      plotLeft,
      plotWidth: Math.max(40, inner - 8 - valueRoom),
      labelWidth: inner,
      rowHeight,
      barHeight: bar,
      barY: (i) => top + i * rowHeight + f.label + 4,
      label: (i) => ({ x: fr.pad, y: top + i * rowHeight + f.label, anchor: 'start' }),
      bottom: top + n * rowHeight,
    };
  }
  const longest = Math.max(0, ...(o.measure ?? labels).map((l) => textWidth(l, f.label)));
  const labelWidth = Math.min(longest + 4, inner * (o.maxLabelShare ?? 0.36));
  const rowHeight = Math.min((o.barHeight ?? 18) + 14, avail / n);
  const bar = Math.min(o.barHeight ?? 18, Math.max(4, rowHeight - 6));
  const plotLeft = fr.pad + labelWidth + 12;
  return {
    narrow,
    plotLeft,
    plotWidth: Math.max(60, fr.width - fr.pad - plotLeft - valueRoom),
    labelWidth,
    rowHeight,
    barHeight: bar,
    barY: (i) => top + i * rowHeight + (rowHeight - bar) / 2,
    label: (i) => ({ x: fr.pad + labelWidth, y: top + i * rowHeight + rowHeight / 2 + f.label * 0.35, anchor: 'end' }),
    bottom: top + n * rowHeight,
  };
}

/** Draw row labels (truncated to the label column) with the full text as a tooltip. */
export function rowLabels(fr: Frame, layout: RowLayout, labels: string[], cls = 'row-label'): void {
  const f = fr.fonts;
  const g = fr.svg.append('g').attr('class', 'row-labels');
  labels.forEach((text, i) => {
    const at = layout.label(i);
    const shown = truncate(text, layout.labelWidth, f.label);
    const t = g
      .append('text')
      .attr('class', cls)
      .attr('x', px(at.x))
      .attr('y', px(at.y))
      .attr('text-anchor', at.anchor)
      .attr('font-size', f.label)
      .attr('fill', INK)
      .text(shown);
    // Above the bars (narrow layout) labels cross grid and baseline lines: a white halo keeps them legible.
    if (layout.narrow)
      t.attr('stroke', BACKGROUND)
        .attr('stroke-width', 3)
        .attr('stroke-linejoin', 'round')
        .attr('paint-order', 'stroke');
    if (shown !== text) tip(t, text);
  });
}

/** Space an x axis with ticks and a one- or two-line title needs below the rows. */
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

/** A muted sentence in the middle of an empty plot area (class `.empty`). */
export function emptyNote(fr: Frame, top: number, bottom: number, text: string): void {
  const f = fr.fonts;
  const lines = wrapLines(text, fr.width - 4 * fr.pad, f.label, 3);
  const y = Math.max(top + f.label, (top + bottom) / 2 - ((lines.length - 1) * f.label * 1.3) / 2);
  const t = fr.svg
    .append('text')
    .attr('class', 'empty')
    .attr('x', px(fr.width / 2))
    .attr('y', px(y))
    .attr('text-anchor', 'middle')
    .attr('font-size', f.label)
    .attr('fill', MUTED);
  lines.forEach((l, i) =>
    t
      .append('tspan')
      .attr('x', px(fr.width / 2))
      .attr('dy', i === 0 ? 0 : f.label * 1.3)
      .text(l),
  );
}

/** "100,000 samples · seed 1 · scenario critic · 2 inputs overridden · evidence: report_2025". */
export function metaLine(
  m: {
    samples: number;
    seed: number;
    scenario?: string | null;
    overrides?: Record<string, string>;
    evidence?: string[];
  },
  what = 'samples',
): string {
  const parts = [`${formatCount(m.samples)} ${what}`, `seed ${m.seed}`];
  if (m.scenario) parts.push(`scenario ${m.scenario}`);
  const k = m.overrides ? Object.keys(m.overrides).length : 0;
  if (k > 0) parts.push(`${k} input${k === 1 ? '' : 's'} overridden`);
  if (m.evidence && m.evidence.length > 0) parts.push(`evidence: ${m.evidence.join(', ')}`);
  return parts.join(' · ');
}

/**
 * Draw `chart` into an empty <svg>, then give it its accessible name and description (first
 * children, as SVG expects).
 * The caller sets the viewBox and the width and height (fixed for standalone files, responsive
 * in a page).
 */
export function drawInto<D>(svgEl: SVGSVGElement, chart: Chart<D>, data: D, size: ChartSize): void {
  const doc = svgEl.ownerDocument;
  const title = chart.title(data);
  const table = chart.table(data);
  chart.render(svgEl, data, size);
  svgEl.setAttribute('role', 'img');
  svgEl.setAttribute('aria-label', title);
  const t = doc.createElementNS(SVG_NS, 'title');
  t.textContent = title;
  const desc = doc.createElementNS(SVG_NS, 'desc');
  desc.textContent = table.caption;
  svgEl.insertBefore(desc, svgEl.firstChild);
  svgEl.insertBefore(t, desc);
}
