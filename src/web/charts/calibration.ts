// `calibration`: stated credence (binned) against the observed frequency of yes among the
// resolved predictions in each bin. Each bin's point stands at the mean credence stated in it
// (a bin of 50% credences is drawn at 50%, not at the bin's centre), with its Wilson 95%
// interval as a whisker and its count above the plot (in as many rows as it takes for no two
// counts to overlap); the diagonal is perfect calibration.
// Empty bins draw nothing. Several forecasters can share the chart (one colour each).
//
// Data: `CalibrationBin[]` from `calibration(calibrationPoints(board))` in
// src/predictions/calibration.ts, or `{ series: [{ name, bins }] }` for several forecasters.
//
// Classes: `.point` one circle per non-empty bin and series (with `data-credence` the mean
// credence it stands at, `data-count`, `data-observed`) · `.whisker` its Wilson interval
// (`data-lo`, `data-hi`) · `.count` "n = k" per point · `.diagonal` · `.x-axis`, `.y-axis`,
// `.axis-label` · `.legend-item` (several series only).

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import type { CalibrationBin } from '../../predictions/calibration.ts';
import {
  frame,
  emptyNote,
  legend,
  xyLayout,
  xAxis,
  yAxis,
  tickCount,
  tip,
  px,
  CATEGORICAL,
  MUTED,
  textWidth,
  type Frame,
  type LegendItem,
  type PlotBox,
  type Sel,
} from './common.ts';
import { formatCount, formatPercent, tickFormat } from './format.ts';

export type { CalibrationBin };

export interface CalibrationSeries {
  /** The forecaster ('author' for the post's own credences). */
  name: string;
  bins: CalibrationBin[];
}

export type CalibrationData = CalibrationBin[] | { series: CalibrationSeries[]; title?: string };

export function calibrationSeries(d: CalibrationData): CalibrationSeries[] {
  return Array.isArray(d) ? [{ name: 'author', bins: d }] : d.series;
}

function resolvedCount(s: CalibrationSeries[]): number {
  return s.reduce((a, x) => a + x.bins.reduce((b, bin) => b + bin.count, 0), 0);
}

/** Vertical step between rows of count labels: a text box is about 1.2 font sizes tall. */
function rowStep(size: number): number {
  return Math.ceil(size * 1.25) + 2;
}

/** The square plot (so the diagonal is at 45°) under `rows` rows of count labels. */
function squareBox(fr: Frame, top: number, rows: number, xLabel: string, yLabel: string): PlotBox {
  const countRows = rows * rowStep(fr.fonts.small) + 6;
  const box0 = xyLayout(fr, { top: top + 4 + countRows, xLabel, yLabel, yTickLabels: () => ['100%'] });
  const side = Math.min(box0.width, box0.height);
  return {
    ...box0,
    width: side,
    left: box0.left + (box0.width - side) / 2,
    top: box0.top + (box0.height - side),
    height: side,
  };
}

interface CountLabel {
  x: number;
  row: number;
  text: string;
}

/** A bin that has a point on the chart. */
function drawn(b: CalibrationBin): boolean {
  return b.count > 0 && b.observed !== null;
}

/**
 * Where each bin's count goes: above its point, in the lowest row where it does not touch a
 * label already placed (left to right over every series), so no two labels overlap.
 */
function countLabels(
  series: CalibrationSeries[],
  side: number,
  binWidth: number,
  size: number,
): { placed: CountLabel[][]; rows: number } {
  const short = binWidth * side < 40;
  const items = series
    .flatMap((s, si) => s.bins.map((b, bi) => ({ b, si, bi })))
    .filter(({ b }) => drawn(b))
    .map((it) => {
      const text = short ? `${it.b.count}` : `n = ${it.b.count}`;
      return { ...it, text, x: (it.b.meanCredence ?? it.b.centre) * side, w: textWidth(text, size) };
    })
    .sort((p, q) => p.x - q.x);
  // Half an em between labels: textWidth is an estimate, and faces differ (DejaVu Sans's
  // "n = 1" is about 0.25 em wider than it says).
  const gap = size / 2;
  const ends: number[] = [];
  const placed: CountLabel[][] = series.map(() => []);
  for (const it of items) {
    const left = it.x - it.w / 2;
    let row = ends.findIndex((end) => end + gap <= left);
    if (row < 0) row = ends.push(-Infinity) - 1;
    ends[row] = it.x + it.w / 2;
    placed[it.si]![it.bi] = { x: it.x, row, text: it.text };
  }
  return { placed, rows: Math.max(1, ends.length) };
}

/**
 * The plot's box and the count labels' places. The plot's size depends on how many rows of
 * labels there are, and the labels' places on the plot's size: a few rounds settle both.
 */
function layout(fr: Frame, top: number, series: CalibrationSeries[], xLabel: string, yLabel: string) {
  const first = series.find((s) => s.bins.length > 0)?.bins[0];
  const binWidth = first ? first.hi - first.lo : 1;
  let rows = 1;
  let box = squareBox(fr, top, rows, xLabel, yLabel);
  let counts = countLabels(series, box.width, binWidth, fr.fonts.small);
  for (let i = 0; i < 4 && counts.rows > rows; i++) {
    rows = counts.rows;
    box = squareBox(fr, top, rows, xLabel, yLabel);
    counts = countLabels(series, box.width, binWidth, fr.fonts.small);
  }
  return { box, counts };
}

function legendOf(fr: Frame, series: CalibrationSeries[]): number {
  if (series.length <= 1) return fr.top;
  const items: LegendItem[] = series.map((s, i) => ({
    label: s.name,
    color: CATEGORICAL[i % CATEGORICAL.length]!,
    symbol: 'dot',
  }));
  const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(fr.top)})`) as Sel;
  return fr.top + legend(lg, items, fr.width - 2 * fr.pad, fr.fonts) + 6;
}

interface BinMarks {
  g: Sel;
  name: string;
  color: string;
  x: d3.ScaleLinear<number, number>;
  y: d3.ScaleLinear<number, number>;
  size: number;
  labelFill: string;
}

/** One bin's whisker, point and count label. */
function drawBin(m: BinMarks, b: CalibrationBin & { observed: number }, label: CountLabel): void {
  const { g, x, y, color } = m;
  const at = b.meanCredence ?? b.centre;
  const cx = x(at);
  if (b.interval) {
    const y0 = y(b.interval.lo);
    const y1 = y(b.interval.hi);
    g.append('path')
      .attr('class', 'whisker')
      .attr('data-lo', String(b.interval.lo))
      .attr('data-hi', String(b.interval.hi))
      .attr(
        'd',
        `M${px(cx - 4)},${px(y0)}H${px(cx + 4)}M${px(cx)},${px(y0)}V${px(y1)}M${px(cx - 4)},${px(y1)}H${px(cx + 4)}`,
      )
      .attr('fill', 'none')
      .attr('stroke', color)
      .attr('stroke-width', 1.4);
  }
  const c = g
    .append('circle')
    .attr('class', 'point')
    .attr('data-credence', String(at))
    .attr('data-count', String(b.count))
    .attr('data-observed', String(b.observed))
    .attr('cx', px(cx))
    .attr('cy', px(y(b.observed)))
    .attr('r', px(Math.min(7, 3.5 + Math.sqrt(b.count))))
    .attr('fill', color)
    .attr('stroke', '#ffffff')
    .attr('stroke-width', 1);
  tip(
    c,
    `${m.name}: credence ${formatPercent(b.lo)}–${formatPercent(b.hi)} (mean ${formatPercent(b.meanCredence ?? NaN)}): ${b.yes} of ${b.count} came true (${formatPercent(b.observed)}${b.interval ? `, 95% interval ${formatPercent(b.interval.lo)}–${formatPercent(b.interval.hi)}` : ''})`,
  );
  g.append('text')
    .attr('class', 'count')
    .attr('x', px(label.x))
    .attr('y', px(-6 - label.row * rowStep(m.size)))
    .attr('text-anchor', 'middle')
    .attr('font-size', m.size)
    .attr('fill', m.labelFill)
    .text(label.text);
}

export const calibration: Chart<CalibrationData> = {
  title(d) {
    return (!Array.isArray(d) && d.title) || 'Calibration: stated credence against how often it came true';
  },

  render(svgEl, d, size: ChartSize) {
    const series = calibrationSeries(d);
    const n = resolvedCount(series);
    const fr = frame(
      svgEl,
      size,
      this.title(d),
      `${formatCount(n)} resolved prediction${n === 1 ? '' : 's'} · whiskers: Wilson 95% intervals · points at the mean credence in each bin · dashed: perfect calibration`,
    );
    const xLabel = 'Stated credence (probability, binned)';
    const yLabel = 'Observed frequency of yes';
    const { box, counts } = layout(fr, legendOf(fr, series), series, xLabel, yLabel);
    const side = box.width;
    const x = d3.scaleLinear().domain([0, 1]).range([0, side]);
    const y = d3.scaleLinear().domain([0, 1]).range([side, 0]);
    const plot = fr.svg
      .append('g')
      .attr('class', 'plot')
      .attr('transform', `translate(${px(box.left)},${px(box.top)})`);
    const ticks = x.ticks(tickCount(side, 55));
    xAxis(fr, box, x, ticks, tickFormat(ticks, 'probability'), xLabel);
    yAxis(fr, box, y, ticks, tickFormat(ticks, 'probability'), yLabel);
    plot
      .append('line')
      .attr('class', 'diagonal')
      .attr('x1', px(x(0)))
      .attr('y1', px(y(0)))
      .attr('x2', px(x(1)))
      .attr('y2', px(y(1)))
      .attr('stroke', MUTED)
      .attr('stroke-width', 1.2)
      .attr('stroke-dasharray', '5 4');
    series.forEach((s, si) => {
      const color = CATEGORICAL[si % CATEGORICAL.length]!;
      const g = plot.append('g').attr('class', 'series').attr('data-series', s.name) as Sel;
      const labelFill = series.length > 1 ? color : MUTED;
      const marks = { g, name: s.name, color, x, y, size: fr.fonts.small, labelFill };
      s.bins.forEach((b, bi) => {
        if (drawn(b)) drawBin(marks, b as CalibrationBin & { observed: number }, counts.placed[si]![bi]!);
      });
    });
    if (n === 0)
      emptyNote(
        fr,
        fr.top + 40,
        fr.height - 80,
        'No resolved predictions yet: points appear here as predictions resolve.',
      );
  },

  table(d): ChartTable {
    const series = calibrationSeries(d);
    const n = resolvedCount(series);
    const rows: (string | number)[][] = [];
    for (const s of series) {
      for (const b of s.bins) {
        if (b.count === 0) continue;
        rows.push([
          ...(series.length > 1 ? [s.name] : []),
          `${formatPercent(b.lo)}–${formatPercent(b.hi)}`,
          b.count,
          b.yes,
          formatPercent(b.meanCredence ?? NaN),
          formatPercent(b.observed ?? NaN),
          b.interval ? `${formatPercent(b.interval.lo)}–${formatPercent(b.interval.hi)}` : '–',
        ]);
      }
    }
    return {
      caption: `Calibration of ${series.map((s) => s.name).join(', ')}: ${n} resolved prediction${n === 1 ? '' : 's'} in credence bins, with the observed frequency of yes and its Wilson 95% interval; each point stands at the mean credence in its bin, and a calibrated forecaster's frequencies match it.`,
      columns: [
        ...(series.length > 1 ? ['Forecaster'] : []),
        'Stated credence',
        'Predictions',
        'Came true',
        'Mean credence',
        'Observed frequency',
        '95% interval',
      ],
      rows,
    };
  },
};

export function calibrationHeight(d: CalibrationData, width: number): number {
  const legendRow = calibrationSeries(d).length > 1 ? 24 : 0;
  return Math.round(width < 560 ? width + 80 + legendRow : Math.min(width * 0.7, 640) + 60 + legendRow);
}
