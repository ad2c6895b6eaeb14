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
import { frame, emptyNote, yAxis, tip, px, metaLine, POSTERIOR, MUTED, type Sel } from './common.ts';
import { formatValue, tickFormatter, isProbabilityUnit } from './format.ts';
import { layout, stepAxis, type Layout } from './timeline-layout.ts';

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

export function timelineHeight(_d: TimelineData, width: number): number {
  return Math.round(width < 560 ? 300 : Math.min(380, width * 0.42));
}
