// `credence`: one prediction's credences over time. The author's credence (dashed, it stands
// from the day it was stated), each forecaster's forecasts and the forecasters' median as step
// lines (a forecast stands until the next), and the credence the model implies as it
// stood before any resolution and after each resolution of another prediction that reaches it
// (its own resolution never moves it). A resolution of this prediction is a vertical rule.
//
// Data: `CredenceData` from src/web/credence-history.ts (the implied points are the implied
// analysis with the record as of each step: `/api/implied?asof=<count>`).
//
// Classes: `.series` one group per series (`data-series`: author, median, model or the
// forecaster's name) · `.point` one circle per forecast, median or model step (`data-credence`,
// `data-at`) · `.step` the step line of a series · `.resolution` the rule of each resolution ·
// `.x-axis`, `.y-axis` · `.legend-item`.

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import type { AggregatePoint, ForecasterSeries } from '../../predictions/credence-history.ts';
import {
  frame,
  legend,
  legendHeight,
  xyLayout,
  xAxis,
  yAxis,
  tickCount,
  tip,
  px,
  fonts,
  isNarrow,
  type Sel,
} from './common.ts';
import { CATEGORICAL, INK, MUTED, OKABE_ITO, POSTERIOR } from './palette.ts';
import { formatCount, formatPercent, tickFormat } from './format.ts';

export interface ImpliedPoint {
  /** When the step began (ISO): null for the start, before any resolution. */
  at: string | null;
  /** Resolution events recorded by then, across all predictions (its `asof`). */
  count: number;
  /** What happened: "Before any resolution", "Prediction 2 resolved yes". */
  detail: string;
  implied: number;
  mcse: number;
  ess: number | null;
}

export interface CredenceData {
  id: string;
  /** The time range drawn (ISO). */
  from: string;
  to: string;
  author: { credence: number; stated: string };
  forecasters: ForecasterSeries[];
  aggregate: AggregatePoint[];
  model: { id: string; samples: number; seed: number };
  implied: ImpliedPoint[];
  /** Resolution events of this prediction, oldest first. */
  resolutions: { at: string; outcome: string }[];
}

interface Series {
  name: string;
  label: string;
  color: string;
  width: number;
  dash: string | null;
  points: { t: number; p: number; note: string }[];
}

const MODEL_COLOR = POSTERIOR;
const MEDIAN_COLOR = INK;
/** Forecasters' colours: the palette without the model's vermillion and the median's black. */
const FORECASTER_COLORS = CATEGORICAL.filter((c) => c !== MODEL_COLOR && c !== OKABE_ITO.black);

const time = (iso: string) => Date.parse(iso);
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

function seriesOf(d: CredenceData): Series[] {
  const t0 = time(d.from);
  const out: Series[] = [
    {
      name: 'author',
      label: `Author (stated ${d.author.stated})`,
      color: MUTED,
      width: 1.6,
      dash: '6 4',
      points: [{ t: t0, p: d.author.credence, note: `stated ${d.author.stated}` }],
    },
    {
      name: 'model',
      label: `Model ${d.model.id}`,
      color: MODEL_COLOR,
      width: 2.4,
      dash: null,
      points: d.implied.map((x) => ({ t: x.at === null ? t0 : time(x.at), p: x.implied, note: x.detail })),
    },
  ];
  d.forecasters.forEach((f, i) =>
    out.push({
      name: f.forecaster,
      label: f.forecaster,
      color: FORECASTER_COLORS[i % FORECASTER_COLORS.length]!,
      width: 1.4,
      dash: null,
      points: f.points.map((x) => ({ t: time(x.at), p: x.credence, note: `forecast by ${f.forecaster}` })),
    }),
  );
  if (d.forecasters.length > 1)
    out.push({
      name: 'median',
      label: "Forecasters' median",
      color: MEDIAN_COLOR,
      width: 2.4,
      dash: null,
      points: d.aggregate.map((x) => ({ t: time(x.at), p: x.credence, note: `median of ${x.n}` })),
    });
  return out.filter((s) => s.points.length > 0);
}

function drawSeries(plot: Sel, s: Series, x: (t: number) => number, y: (p: number) => number, end: number): void {
  const g = plot.append('g').attr('class', 'series').attr('data-series', s.name);
  const steps = d3
    .line<{ t: number; p: number }>()
    .x((v) => x(v.t))
    .y((v) => y(v.p))
    .curve(d3.curveStepAfter);
  const path = g
    .append('path')
    .attr('class', 'step')
    .attr('d', steps([...s.points, { t: end, p: s.points[s.points.length - 1]!.p }]) ?? '')
    .attr('fill', 'none')
    .attr('stroke', s.color)
    .attr('stroke-width', s.width);
  if (s.dash) path.attr('stroke-dasharray', s.dash);
  if (s.name === 'author') return;
  for (const v of s.points) {
    const c = g
      .append('circle')
      .attr('class', 'point')
      .attr('data-credence', String(v.p))
      .attr('data-at', new Date(v.t).toISOString())
      .attr('cx', px(x(v.t)))
      .attr('cy', px(y(v.p)))
      .attr('r', s.width > 2 ? 4 : 3.2)
      .attr('fill', s.color)
      .attr('stroke', '#ffffff')
      .attr('stroke-width', 1);
    tip(c, `${s.label}: ${formatPercent(v.p)} (${v.note}, ${day(v.t)})`);
  }
}

/** A dotted rule at each resolution of this prediction, its outcome written beside it. */
function drawResolutions(
  plot: Sel,
  rs: CredenceData['resolutions'],
  x: (t: number) => number,
  height: number,
  size: number,
): void {
  for (const r of rs) {
    const rx = px(x(time(r.at)));
    plot
      .append('line')
      .attr('class', 'resolution')
      .attr('x1', rx)
      .attr('x2', rx)
      .attr('y1', 0)
      .attr('y2', height)
      .attr('stroke', INK)
      .attr('stroke-width', 1.2)
      .attr('stroke-dasharray', '2 3');
    plot
      .append('text')
      .attr('class', 'resolution-label')
      .attr('x', rx - 4)
      .attr('y', size + 2)
      .attr('text-anchor', 'end')
      .attr('font-size', size)
      .attr('fill', INK)
      .text(r.outcome === 'unresolved' ? 'reopened' : `resolved ${r.outcome}`);
  }
}

export const credence: Chart<CredenceData> = {
  title(d) {
    return `Prediction ${d.id}: credence over time`;
  },

  render(svgEl, d, size: ChartSize) {
    const fr = frame(
      svgEl,
      size,
      this.title(d),
      `model: mean of p_yes over ${formatCount(d.model.samples)} samples (seed ${d.model.seed}) with the other predictions' resolutions as evidence`,
    );
    const f = fr.fonts;
    const series = seriesOf(d);
    const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(fr.top)})`) as Sel;
    const items = series.map((s) => ({
      label: s.label,
      color: s.color,
      symbol: s.dash ? ('dashed' as const) : ('line' as const),
    }));
    const top = fr.top + legend(lg, items, fr.width - 2 * fr.pad, f) + 8;
    const box = xyLayout(fr, {
      top,
      xLabel: 'Date (UTC)',
      yLabel: 'Credence that it resolves yes',
      yTickLabels: () => ['100%'],
    });
    const [t0, t1] = [time(d.from), time(d.to)];
    const x = d3.scaleLinear().domain([t0, t1]).range([0, box.width]);
    const y = d3.scaleLinear().domain([0, 1]).range([box.height, 0]);
    const utc = d3.scaleUtc().domain([new Date(t0), new Date(t1)]);
    const n = tickCount(box.width, 110);
    const dateFormat = utc.tickFormat(n);
    const xTicks = utc.ticks(n).map((v) => +v);
    const yTicks = y.ticks(tickCount(box.height, 45));
    const plot = fr.svg
      .append('g')
      .attr('class', 'plot')
      .attr('transform', `translate(${px(box.left)},${px(box.top)})`) as Sel;
    xAxis(fr, box, x, xTicks, (v) => dateFormat(new Date(v)), 'Date (UTC)');
    yAxis(fr, box, y, yTicks, tickFormat(yTicks, 'probability'), 'Credence that it resolves yes');
    drawResolutions(plot, d.resolutions, (t) => x(t), box.height, f.small);
    for (const s of series) drawSeries(plot, s, x, y, t1);
  },

  table(d): ChartTable {
    const rows: { t: number; row: (string | number)[] }[] = [
      { t: -Infinity, row: [`stated ${d.author.stated}`, 'Author', formatPercent(d.author.credence), ''] },
    ];
    for (const m of d.implied)
      rows.push({
        t: m.at === null ? -Infinity : time(m.at),
        row: [
          m.at === null ? 'start' : day(time(m.at)),
          `Model ${d.model.id}`,
          formatPercent(m.implied),
          `${m.detail}${m.ess === null ? '' : `; effective sample size ${formatCount(Math.round(m.ess))}`}`,
        ],
      });
    for (const s of d.forecasters)
      for (const p of s.points)
        rows.push({ t: time(p.at), row: [day(time(p.at)), s.forecaster, formatPercent(p.credence), 'forecast'] });
    if (d.forecasters.length > 1)
      for (const a of d.aggregate)
        rows.push({
          t: time(a.at),
          row: [day(time(a.at)), "Forecasters' median", formatPercent(a.credence), `of ${a.n}`],
        });
    for (const r of d.resolutions)
      rows.push({
        t: time(r.at),
        row: [day(time(r.at)), 'Resolution', r.outcome === 'unresolved' ? 'reopened' : r.outcome, ''],
      });
    return {
      caption: `Prediction ${d.id}: the author's credence, each forecast, the forecasters' median and the credence model ${d.model.id} implies after each resolution of another prediction that reaches it, in time order.`,
      columns: ['When', 'Whose', 'Credence', 'Note'],
      rows: rows.sort((a, b) => (a.t === b.t ? 0 : a.t - b.t)).map((r) => r.row),
    };
  },
};

export function credenceHeight(d: CredenceData, width: number): number {
  const f = fonts(width);
  const items = seriesOf(d).map((s) => ({ label: s.label, color: s.color }));
  const lg = legendHeight(items, width - 2 * (isNarrow(width) ? 8 : 14), f);
  return Math.round((width < 560 ? 300 : Math.min(400, width * 0.42)) + lg);
}
