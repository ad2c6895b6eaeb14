// Where the timeline's steps go: the plot box, the scales (a y range for the means' moves, one x
// position per step) and the x axis with the steps' labels. Drawn by ./timeline.ts.

import * as d3 from 'd3';
import {
  xyLayout,
  styleAxis,
  tickCount,
  px,
  fitLabel,
  isNarrow,
  MUTED,
  type Sel,
  type Frame,
  type PlotBox,
  type FontSizes,
} from './common.ts';
import { tickFormatter, isProbabilityUnit } from './format.ts';
import type { TimelineData } from './timeline.ts';

/** Where the steps go: the plot box, the scales, and whether intervals run off the plot. */
export interface Layout {
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

export function layout(fr: Frame, d: TimelineData): Layout {
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
export function stepAxis(fr: Frame, lay: Layout, d: TimelineData): void {
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
