// `worldviews`: the output (P(scheming)) under several scenarios as overlaid density outlines,
// one colour and dash pattern each, over shared bins; beneath them one row per scenario with its
// 90% interval (5th to 95th percentile) and its mean; and a legend. Each scenario shows its
// posterior when evidence is applied, else its prior.
//
// Data: `WorldviewsData` from `worldviewsData(runs, node, meta)` in src/analysis/distribution.ts
// (one run per scenario, the same `nodeDistribution` the distribution chart uses).
//
// Classes: `.density` one outline path per scenario (with `data-scenario`) · `.interval` one
// 5th–95th percentile line per scenario (`data-lo`, `data-hi`) · `.marker` `.marker-mean` one
// mean dot per scenario and one dashed mean line on the densities (`data-value`) · `.interval-label`
// · `.clipped-label` the height of a spike the density axis cuts off
// · `.x-axis`, `.y-axis`, `.axis-label` · `.legend-item`.

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import type { WorldviewsData, SeriesDistribution } from '../../analysis/distribution.ts';
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
  padDomain,
  valueScale,
  scaleTicks,
  textWidth,
  densityCap,
  CATEGORICAL,
  MUTED,
  type LegendItem,
  type Sel,
  type Frame,
  type PlotBox,
  type ValueScale,
  textShade,
} from './common.ts';
import { axisTitle, formatCount, formatInterval, formatNumber, formatValue, tickFormatter } from './format.ts';
import { barHeight, clippedLabels, densityLabel } from './distribution.ts';

export type { WorldviewsData };

const DASHES = [null, '8 3', '3 3', '10 3 3 3', '5 5', '1 3'];

function shown(s: WorldviewsData['series'][number]): SeriesDistribution {
  return s.dist.posterior ?? s.dist.prior;
}

function nameOf(d: WorldviewsData): string {
  return d.label || d.node;
}

const color = (i: number) => CATEGORICAL[i % CATEGORICAL.length]!;

function subtitle(d: WorldviewsData): string {
  const first = d.series[0]?.dist;
  const anyPosterior = d.series.some((s) => s.dist.posterior);
  return first
    ? `${formatCount(first.samples)} samples each · seed ${first.seed}${anyPosterior ? ' · evidence applied: posteriors shown' : ''} · bars: 90% intervals, dots: means`
    : '';
}

type Place = 'right' | 'left' | 'above';

/** Where everything goes: the densities above, then one row per view (taller for a name above). */
interface Layout {
  box: PlotBox;
  x: ValueScale;
  y: d3.ScaleLinear<number, number>;
  scale: 'linear' | 'log';
  /** Height of the densities; the interval rows start below it. */
  densH: number;
  clipped: boolean;
  rowH: number;
  nameH: number;
  /** Each view's row, from the top of the strip, and where its name goes. */
  rowTop: number[];
  places: Place[];
  small: number;
}

function layout(fr: Frame, d: WorldviewsData): Layout {
  const f = fr.fonts;
  const first = d.series[0]?.dist;
  const items: LegendItem[] = d.series.map((s, i) => ({
    label: `${s.label}: mean ${formatValue(shown(s).stats.mean, d.unit)}`,
    color: color(i),
    symbol: i === 0 ? 'line' : 'dashed',
  }));
  const lg = fr.svg.append('g').attr('transform', `translate(${fr.pad},${px(fr.top)})`) as Sel;
  const lh = legend(lg, items, fr.width - 2 * fr.pad, f);
  const scale = first?.scale ?? 'linear';
  const domain: [number, number] = first ? (scale === 'log' ? first.domain : padDomain(first.domain)) : [0, 1];
  const rowH = Math.max(f.small + 6, 16);
  // A view's name goes beside its interval when there is room, else on a line of its own
  // above it: never drawn over a bar. The strip is sized for the worst case until x is known.
  const nameH = f.small + 4;
  const worstStripH = d.series.length * (rowH + nameH) + 8;
  const { cap, clipped } = densityCap(d.series.map((s) => shown(s).bins.map((b) => barHeight(b, scale))));
  const y = d3
    .scaleLinear()
    .domain([0, cap * 1.05])
    .clamp(true);
  const box = xyLayout(fr, {
    top: fr.top + lh + 10,
    xLabel: axisTitle(d.label, d.unit, d.node),
    yLabel: 'Density',
    yTickLabels: (h) =>
      y
        .copy()
        .range([h - worstStripH, 0])
        .ticks(tickCount(h - worstStripH, 50))
        .map(formatNumber),
  });
  const places = namePlaces(d, valueScale(domain, scale, [0, box.width]), box.width, f.small);
  const rowTop: number[] = [];
  let stripH = 8;
  for (const b of places) {
    rowTop.push(stripH);
    stripH += rowH + (b === 'above' ? nameH : 0);
  }
  const densH = box.height - stripH;
  y.range([densH, 0]);
  const x = valueScale(domain, scale, [0, box.width]);
  return { box, x, y, scale, densH, clipped, rowH, nameH, rowTop, places, small: f.small };
}

/** Each view's name goes right of its interval if it fits, else left of it, else above it. */
function namePlaces(d: WorldviewsData, xAt: ValueScale, width: number, small: number): Place[] {
  return d.series.map((s) => {
    const st = shown(s).stats;
    const w = textWidth(s.label, small);
    const [x0, x1] = [xAt(st.p5), xAt(st.p95)];
    if (Number.isFinite(x1) && x1 + 8 + w <= width) return 'right';
    if (Number.isFinite(x0) && x0 - 8 - w >= 0) return 'left';
    return 'above';
  });
}

/** One view: its density outline and mean line above, its interval, mean dot and name in its row. */
function drawView(plot: Sel, lay: Layout, d: WorldviewsData, s: WorldviewsData['series'][number], i: number): void {
  const { x, y, densH, scale } = lay;
  const dist = shown(s);
  const c = color(i);
  const bins = dist.bins;
  if (bins.length > 0) {
    let p = `M${px(x(bins[0]!.x0))},${px(y(0))}`;
    for (const b of bins) p += `V${px(y(barHeight(b, scale)))}H${px(x(b.x1))}`;
    p += `V${px(y(0))}`;
    const path = plot
      .append('path')
      .attr('class', 'density')
      .attr('data-scenario', s.scenario ?? '')
      .attr('d', p)
      .attr('fill', c)
      .attr('fill-opacity', 0.06)
      .attr('stroke', c)
      .attr('stroke-width', 2)
      .attr('stroke-linejoin', 'round');
    const dash = DASHES[i % DASHES.length];
    if (dash) path.attr('stroke-dasharray', dash);
    tip(path, `${s.label}: ${formatValue(dist.stats.mean, d.unit)} mean`);
  }
  const st = dist.stats;
  const mx = x(st.mean);
  if (Number.isFinite(mx)) {
    const ml = plot
      .append('line')
      .attr('class', 'marker marker-mean')
      .attr('data-value', String(st.mean))
      .attr('x1', px(mx))
      .attr('x2', px(mx))
      .attr('y1', 0)
      .attr('y2', px(densH))
      .attr('stroke', c)
      .attr('stroke-width', 1.2)
      .attr('stroke-dasharray', '2 3');
    tip(ml, `${s.label}: mean ${formatValue(st.mean, d.unit)}`);
  }
  drawRow(plot, lay, d, s, i);
}

/** A view's row: its 90% interval, its mean as a dot, and its name. */
function drawRow(plot: Sel, lay: Layout, d: WorldviewsData, s: WorldviewsData['series'][number], i: number): void {
  const { x, densH, rowH, nameH } = lay;
  const c = color(i);
  const st = shown(s).stats;
  const mx = x(st.mean);
  const place = lay.places[i]!;
  const ry = densH + lay.rowTop[i]! + (place === 'above' ? nameH : 0) + rowH / 2;
  const x0 = x(st.p5);
  const x1 = x(st.p95);
  if (Number.isFinite(x0) && Number.isFinite(x1)) {
    const iv = plot
      .append('line')
      .attr('class', 'interval')
      .attr('data-lo', String(st.p5))
      .attr('data-hi', String(st.p95))
      .attr('x1', px(x0))
      .attr('x2', px(x1))
      .attr('y1', px(ry))
      .attr('y2', px(ry))
      .attr('stroke', c)
      .attr('stroke-width', 3)
      .attr('stroke-linecap', 'round');
    tip(iv, `${s.label}: 90% interval ${formatInterval(st.p5, st.p95, d.unit).join(' to ')}`);
  }
  if (Number.isFinite(mx)) {
    plot
      .append('circle')
      .attr('class', 'marker marker-mean')
      .attr('data-value', String(st.mean))
      .attr('cx', px(mx))
      .attr('cy', px(ry))
      .attr('r', 4.5)
      .attr('fill', '#ffffff')
      .attr('stroke', c)
      .attr('stroke-width', 2.5);
  }
  // The view's name beside its interval, or above it, starting over the interval's start
  // (kept inside the plot).
  const label = s.label;
  const w = textWidth(label, lay.small);
  const start = Math.min(Math.max(0, Number.isFinite(x0) ? x0 : 0), Math.max(0, lay.box.width - w));
  plot
    .append('text')
    .attr('class', `interval-label interval-label--${place}`)
    .attr('x', px(place === 'right' ? x1 + 8 : place === 'left' ? x0 - 8 : start))
    .attr('y', px(place === 'above' ? ry - rowH / 2 - 2 : ry + lay.small * 0.35))
    .attr('text-anchor', place === 'left' ? 'end' : 'start')
    .attr('font-size', lay.small)
    .attr('fill', textShade(c))
    .text(label);
}

export const worldviews: Chart<WorldviewsData> = {
  title(d) {
    return `${nameOf(d)} under each worldview`;
  },

  render(svgEl, d, size: ChartSize) {
    const fr = frame(svgEl, size, this.title(d), subtitle(d));
    const lay = layout(fr, d);
    const { box, x, y, densH, scale } = lay;
    const plot = fr.svg
      .append('g')
      .attr('class', 'plot')
      .attr('transform', `translate(${px(box.left)},${px(box.top)})`);
    const xt = scaleTicks(x, tickCount(box.width));
    const xTitle = axisTitle(d.label, d.unit, d.node) + (scale === 'log' ? ', log scale' : '');
    xAxis(fr, box, x, xt, tickFormatter(x, xt, d.unit), xTitle);
    yAxis(fr, { ...box, height: densH }, y, y.ticks(tickCount(densH, 50)), formatNumber, densityLabel(d.unit, scale));
    // Separator between the densities and the interval rows.
    plot
      .append('line')
      .attr('x1', 0)
      .attr('x2', px(box.width))
      .attr('y1', px(densH))
      .attr('y2', px(densH))
      .attr('stroke', MUTED)
      .attr('stroke-width', 1);
    if (lay.clipped)
      clippedLabels(
        plot as unknown as Sel,
        d.series.map((s, i) => ({ bins: shown(s).bins, color: color(i) })),
        x,
        y,
        scale,
        fr.fonts.small,
      );
    d.series.forEach((s, i) => drawView(plot as unknown as Sel, lay, d, s, i));
    if (d.series.length === 0) emptyNote(fr, fr.top, fr.height - fr.pad, 'No worldview to show.');
  },

  table(d): ChartTable {
    const f = (x: number) => formatValue(x, d.unit);
    const anyPosterior = d.series.some((s) => s.dist.posterior);
    return {
      caption: `${nameOf(d)} under ${d.series.length} worldview${d.series.length === 1 ? '' : 's'}${anyPosterior ? ' (posterior, evidence applied)' : ''}: ${d.series.map((s) => `${s.label} ${f(shown(s).stats.mean)}`).join('; ')}.`,
      columns: ['Worldview', 'Mean', 'Median', '5th percentile', '95th percentile'],
      rows: d.series.map((s) => {
        const st = shown(s).stats;
        return [s.label, f(st.mean), f(st.p50), f(st.p5), f(st.p95)];
      }),
    };
  },
};

export function worldviewsHeight(d: WorldviewsData, width: number): number {
  // Interval rows, and a line for each view's name should it not fit beside its interval.
  const rows = d.series.length * (18 + 16) + 8;
  return Math.round(
    (width < 560 ? width * 0.95 + 70 : width * 0.45 + 90) + rows + (width < 560 ? d.series.length * 18 : 0),
  );
}
