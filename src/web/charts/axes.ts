// Scales and axes of x–y charts: domains, ticks that fit, styled axes with grid lines, titles
// wrapped (never cut) and the margins they need.

import * as d3 from 'd3';
import { px, type Sel } from './dom.ts';
import { AXIS, GRID, INK, MUTED } from './palette.ts';
import { multiline, textWidth, wrapLines, type FontSizes } from './text.ts';
import type { Frame } from './frame.ts';

/** Number of ticks that fit in `length` px at one tick per `spacing` px. */
export function tickCount(length: number, spacing = length < 400 ? 60 : 80): number {
  return Math.max(2, Math.min(10, Math.floor(length / spacing)));
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
  const lines = Number.isFinite(maxWidth) ? wrapLines(text, maxWidth, f.label) : [text];
  const lh = f.label * 1.2;
  if (opts.rotate) {
    // Rotated, a later line sits to the right of the one before: the first starts furthest
    // left, so the last one is at the given place, next to the axis.
    lines.forEach((l, i) =>
      t
        .append('tspan')
        .attr('x', 0)
        .attr('dy', px(i === 0 ? -(lines.length - 1) * lh : lh))
        .text(l),
    );
  } else multiline(t, lines, lh);
  return t;
}

/** Lines an axis label takes when wrapped to `maxWidth`. */
export function labelLines(text: string, maxWidth: number, f: FontSizes): number {
  return wrapLines(text, maxWidth, f.label).length;
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
  const yLines = labelLines(o.yLabel, height, f);
  const left = fr.pad + yLines * f.label * 1.2 + 6 + tickW + 9;
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

/**
 * An axis of the plot box, drawn by d3 with our tick values and format and styled, with grid
 * lines across the box: what the bottom and left axes share.
 */
function axisOf(
  fr: Frame,
  box: PlotBox,
  side: 'bottom' | 'left',
  scale: d3.AxisScale<number>,
  ticks: number[],
  format: (x: number) => string,
  grid: boolean,
): Sel {
  const bottom = side === 'bottom';
  const g = fr.svg
    .append('g')
    .attr('class', bottom ? 'x-axis' : 'y-axis')
    .attr('transform', `translate(${px(box.left)},${px(bottom ? box.top + box.height : box.top)})`);
  if (grid)
    gridLines(
      fr.svg.insert('g', '.plot').attr('transform', `translate(${px(box.left)},${px(box.top)})`) as Sel,
      ticks,
      (v) => scale(v) ?? NaN,
      bottom ? 'vertical' : 'horizontal',
      bottom ? box.height : box.width,
    );
  g.call(
    (bottom ? d3.axisBottom(scale) : d3.axisLeft(scale))
      .tickValues(ticks)
      .tickFormat((v) => format(v as number))
      .tickSizeOuter(0)
      .offset(0),
  );
  styleAxis(g, fr.fonts);
  return g;
}

/** What both axes take: the frame, the plot box, the scale, its ticks and format, the title, and whether to draw grid lines (default yes). */
type AxisArgs = [
  fr: Frame,
  box: PlotBox,
  scale: d3.AxisScale<number>,
  ticks: number[],
  format: (x: number) => string,
  label: string,
  grid?: boolean,
];

/** Bottom axis with grid, styled, and its wrapped title (centred under the plot when it fits). */
export function xAxis(...[fr, box, scale, ticks, format, label, grid = true]: AxisArgs): Sel {
  const f = fr.fonts;
  const g = axisOf(fr, box, 'bottom', scale, ticks, format, grid);
  fitEdgeTicks(g, fr, box.left, f);
  const ly = 6 + 3 + f.tick + 10 + f.label * 0.9;
  const fits = textWidth(label, f.label) <= box.width;
  const cx = fits ? box.width / 2 : fr.width / 2 - box.left;
  axisLabel(g, label, cx, ly, f, { maxWidth: fr.width - 2 * fr.pad, className: 'axis-label x-label' });
  return g;
}

/** Left axis with grid, styled, and its rotated title just left of the tick labels. */
export function yAxis(...[fr, box, scale, ticks, format, label, grid = true]: AxisArgs): Sel {
  const f = fr.fonts;
  const g = axisOf(fr, box, 'left', scale, ticks, format, grid);
  const tickW = Math.max(0, ...ticks.map((t) => textWidth(format(t), f.tick)));
  const extra = (labelLines(label, box.height, f) - 1) * f.label * 1.2;
  const x = -Math.min(box.left - fr.pad - f.label * 0.9 - extra, 9 + tickW + 8);
  const t = axisLabel(g, label, x, box.height / 2, f, {
    rotate: true,
    maxWidth: box.height,
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
