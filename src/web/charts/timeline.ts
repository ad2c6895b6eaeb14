// `timeline`: what resolutions did to a model's output. One point per step, in the order the
// resolutions were recorded: the start (no resolution yet), then after each resolution that
// reaches the model, its posterior mean with the 90% interval as a whisker, the means joined by
// a line. Each point links to its resolution (the prediction's page) when the data gives a link.
//
// Data: `TimelineData` from src/web/impact.ts (the same numbers as the resolution-impact panel
// and `credence run` with the resolutions recorded by then).
//
// Classes: `.point` one circle per step (`data-mean`, `data-count` the resolutions recorded by
// then) · `.point-link` a linked point's group (`data-href`: its resolution, opened on click; keyboards
// reach the same links in the list beside the chart, since a chart is one image to them) · `.whisker` its 90% interval (`data-lo`,
// `data-hi`) · `.trend` the line through the means · `.step-label` · `.x-axis`, `.y-axis`.

import * as d3 from 'd3';
import type { Chart, ChartSize, ChartTable } from './chart.ts';
import {
  frame,
  emptyNote,
  xyLayout,
  yAxis,
  styleAxis,
  tickCount,
  tip,
  px,
  fitLabel,
  metaLine,
  isNarrow,
  POSTERIOR,
  MUTED,
  type Sel,
  type Frame,
  type PlotBox,
  type FontSizes,
} from './common.ts';
import { formatValue, tickFormatter, isProbabilityUnit } from './format.ts';

/** The posterior's colour, dark enough for text on white. */
const POSTERIOR_TEXT = '#a64500';
export interface TimelinePoint {
  /** Short label under the axis: "Start", "3b: no". */
  label: string;
  /** What happened, for the tooltip and the table. */
  detail: string;
  /** Resolution events recorded by then, across all predictions (the `asof` of the point). */
  count: number;
  mean: number;
  p5: number;
  p95: number;
  /** Effective sample size of the weighted run (null without evidence). */
  ess: number | null;
  /** The resolution's page, when the point follows one. */
  href: string | null;
}

export interface TimelineData {
  /** The output's name as a reader knows it, e.g. "P(scheming)". */
  output: string;
  unit: string | null;
  samples: number;
  seed: number;
  points: TimelinePoint[];
}

/** One decimal more than the axis for probabilities, since resolutions move them by points. */
function precise(x: number, unit: string | null): string {
  return isProbabilityUnit(unit) && x >= 0.01 && x <= 0.99 ? `${(x * 100).toFixed(1)}%` : formatValue(x, unit);
}

export const timeline: Chart<TimelineData> = {
  title(d) {
    return `${d.output} after each resolution`;
  },

  render(svgEl, d, size: ChartSize) {
    const fr = frame(
      svgEl,
      size,
      this.title(d),
      `${metaLine(d)} · posterior mean and 90% interval, in the order the resolutions were recorded`,
    );
    if (d.points.length === 0) {
      emptyNote(fr, fr.top, fr.height - fr.pad, 'No resolution has reached this model yet.');
      return;
    }
    const lay = layout(fr, d);
    const { box, x, y } = lay;
    const plot = fr.svg
      .append('g')
      .attr('class', 'plot')
      .attr('transform', `translate(${px(box.left)},${px(box.top)})`) as unknown as Sel;
    // Intervals far wider than the moves of the mean run off the plot (their ends are written
    // beside the point): the axis is for the mean's moves.
    plot
      .append('clipPath')
      .attr('id', lay.clipId)
      .append('rect')
      .attr('x', -8)
      .attr('y', 0)
      .attr('width', box.width + 16)
      .attr('height', box.height);
    yAxis(fr, box, y, lay.yTicks, tickFormatter(y, lay.yTicks, d.unit), lay.yLabel);
    stepAxis(fr, lay, d);
    const line = d3
      .line<TimelinePoint>()
      .x((_, i) => x(i)!)
      .y((p) => y(p.mean));
    plot
      .append('path')
      .attr('class', 'trend')
      .attr('d', line(d.points) ?? '')
      .attr('fill', 'none')
      .attr('stroke', POSTERIOR)
      .attr('stroke-width', 1.6)
      .attr('stroke-opacity', 0.6);
    d.points.forEach((p, i) => drawPoint(plot, lay, d, p, i));
  },

  table(d): ChartTable {
    const first = d.points[0];
    const last = d.points[d.points.length - 1];
    return {
      caption: `${d.output} after each resolution that reaches the model, in the order recorded${first && last ? `: ${formatValue(first.mean, d.unit)} before any, ${formatValue(last.mean, d.unit)} now` : ''}. ${metaLine(d)}.`,
      columns: ['Step', 'Resolution', 'Mean', '90% interval', 'Effective sample size'],
      rows: d.points.map((p, i) => [
        i,
        p.detail,
        precise(p.mean, d.unit),
        `${formatValue(p.p5, d.unit)} to ${formatValue(p.p95, d.unit)}`,
        p.ess === null ? '–' : d3.format(',.0f')(p.ess),
      ]),
    };
  },
};

/** Where the steps go: the plot box, the scales, and whether intervals run off the plot. */
interface Layout {
  box: PlotBox;
  x: d3.ScalePoint<number>;
  y: d3.ScaleLinear<number, number>;
  yTicks: number[];
  yLabel: string;
  domain: [number, number];
  /** Whether some interval runs off the plot (whiskers are then drawn faint). */
  faint: boolean;
  /** Distance between two steps. */
  step: number;
  narrow: boolean;
  clipId: string;
  fonts: FontSizes;
}

function layout(fr: Frame, d: TimelineData): Layout {
  const domain = yDomain(d);
  const faint = d.points.some((p) => p.p5 < domain[0] || p.p95 > domain[1]);
  const yLabel = d.unit ? `${d.output} (${d.unit})` : d.output;
  const box = xyLayout(fr, {
    top: fr.top + 6,
    xLabel: 'Resolutions, in the order recorded',
    yLabel,
    yTickLabels: (h) => {
      const s = d3.scaleLinear().domain(domain).range([h, 0]).nice(tickCount(h, 50));
      const ticks = s.ticks(tickCount(h, 50));
      return ticks.map(tickFormatter(s, ticks, d.unit));
    },
  });
  const y = d3.scaleLinear().domain(domain).range([box.height, 0]).nice(tickCount(box.height, 50));
  const yTicks = y.ticks(tickCount(box.height, 50));
  const x = d3
    .scalePoint<number>()
    .domain(d.points.map((_, i) => i))
    .range([0, box.width])
    .padding(0.5);
  const step = d.points.length > 1 ? x(1)! - x(0)! : box.width;
  const clipId = `timeline-clip-${Math.round(box.width)}-${Math.round(box.height)}`;
  return { box, x, y, yTicks, yLabel, domain, faint, step, narrow: isNarrow(fr.width), clipId, fonts: fr.fonts };
}

/** The x axis: one tick per step, labelled with the step (its number when the labels would crowd). */
function stepAxis(fr: Frame, lay: Layout, d: TimelineData): void {
  const { box, x, step, narrow, fonts: f } = lay;
  const axis = fr.svg
    .append('g')
    .attr('class', 'x-axis')
    .attr('transform', `translate(${px(box.left)},${px(box.top + box.height)})`) as Sel;
  axis.call(
    d3
      .axisBottom(x)
      .tickFormat(() => '')
      .tickSizeOuter(0),
  );
  styleAxis(axis, f);
  d.points.forEach((p, i) => {
    const label = narrow || step < 70 ? (i === 0 ? '0' : String(i)) : p.label;
    axis
      .append('text')
      .attr('class', 'step-label')
      .attr('x', px(x(i)!))
      .attr('y', px(6 + f.tick + 3))
      .attr('text-anchor', 'middle')
      .attr('font-size', f.tick)
      .attr('fill', MUTED)
      .text(fitLabel([label, String(i)], Math.max(24, step - 6), f.tick));
  });
  axis
    .append('text')
    .attr('class', 'axis-label x-label')
    .attr('x', px(box.width / 2))
    .attr('y', px(6 + 3 + f.tick + 10 + f.label * 0.9))
    .attr('text-anchor', 'middle')
    .attr('font-size', f.label)
    .text(
      narrow || step < 70 ? 'Resolutions in the order recorded (0: before any)' : 'Resolutions, in the order recorded',
    );
}

/** One step: its whisker and mean point (a link to its resolution when it has one), and its value. */
function drawPoint(plot: Sel, lay: Layout, d: TimelineData, p: TimelinePoint, i: number): void {
  const { x, y } = lay;
  const cx = x(i)!;
  const holder: Sel<SVGElement> = p.href
    ? (plot
        .append('g')
        .attr('class', 'point-link')
        .attr('data-href', p.href)
        .style('cursor', 'pointer') as unknown as Sel<SVGElement>)
    : (plot.append('g') as unknown as Sel<SVGElement>);
  holder
    .append('path')
    .attr('clip-path', `url(#${lay.clipId})`)
    .attr('class', 'whisker')
    .attr('data-lo', String(p.p5))
    .attr('data-hi', String(p.p95))
    .attr(
      'd',
      `M${px(cx - 5)},${px(y(p.p5))}H${px(cx + 5)}M${px(cx)},${px(y(p.p5))}V${px(y(p.p95))}M${px(cx - 5)},${px(y(p.p95))}H${px(cx + 5)}`,
    )
    .attr('fill', 'none')
    .attr('stroke', POSTERIOR)
    .attr('stroke-opacity', lay.faint ? 0.35 : 1)
    .attr('stroke-width', 1.4);
  const c = holder
    .append('circle')
    .attr('class', 'point')
    .attr('data-mean', String(p.mean))
    .attr('data-count', String(p.count))
    .attr('cx', px(cx))
    .attr('cy', px(y(p.mean)))
    .attr('r', 5)
    .attr('fill', i === 0 ? '#ffffff' : POSTERIOR)
    .attr('stroke', POSTERIOR)
    .attr('stroke-width', 1.6);
  if (lay.step >= 90) pointValue(plot, lay, d, p, cx);
  tip(
    c,
    `${p.detail}: ${formatValue(p.mean, d.unit)} (90% ${formatValue(p.p5, d.unit)}–${formatValue(p.p95, d.unit)})`,
  );
}

/** The mean written beside its point, and the interval's ends when it runs off the plot. */
function pointValue(plot: Sel, lay: Layout, d: TimelineData, p: TimelinePoint, cx: number): void {
  const { y, domain, fonts: f } = lay;
  plot
    .append('text')
    .attr('class', 'point-value')
    .attr('x', px(cx + 9))
    .attr('y', px(y(p.mean) - 8))
    .attr('font-size', f.small)
    .attr('font-weight', 600)
    .attr('fill', POSTERIOR_TEXT)
    .text(precise(p.mean, d.unit));
  if (p.p5 < domain[0] || p.p95 > domain[1])
    plot
      .append('text')
      .attr('class', 'interval-note')
      .attr('x', px(cx + 9))
      .attr('y', px(y(p.mean) + 8 + f.small))
      .attr('font-size', f.small)
      .attr('fill', MUTED)
      .text(`90%: ${formatValue(p.p5, d.unit)}–${formatValue(p.p95, d.unit)}`);
}

/**
 * The y range: the means with room around them (at least 2 points for probabilities), widened to
 * the 90% intervals when they are not much wider than that, and kept within [0, 1] for probabilities.
 */
function yDomain(d: TimelineData): [number, number] {
  const means = d.points.map((p) => p.mean);
  const lo = Math.min(...means);
  const hi = Math.max(...means);
  const prob = isProbabilityUnit(d.unit);
  const span = Math.max(hi - lo, prob ? 0.02 : Math.abs(hi) * 0.05 || 1);
  let a = lo - span * 0.6;
  let b = hi + span * 0.6;
  const ilo = Math.min(...d.points.map((p) => p.p5));
  const ihi = Math.max(...d.points.map((p) => p.p95));
  if (ihi - ilo <= 4 * span) [a, b] = [Math.min(a, ilo), Math.max(b, ihi)];
  return prob ? [Math.max(0, a), Math.min(1, b)] : [a, b];
}

export function timelineHeight(_d: TimelineData, width: number): number {
  return Math.round(width < 560 ? 300 : Math.min(380, width * 0.42));
}
