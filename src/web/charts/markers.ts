// Percentile and mean markers of a distribution chart: vertical lines with their names in rows
// above the plot, the rows chosen so that no two names overlap.

import type { AxisScale } from '../../stats/histogram.ts';
import type { Stats } from '../../analysis/report.ts';
import { textWidth, tip, px, valueScale, type Frame, type PlotBox, textShade } from './common.ts';
import { formatValue } from './format.ts';

export interface MarkerSpec {
  key: 'p5' | 'p50' | 'p95' | 'mean';
  name: string;
  value: number;
  dashed: boolean;
}

export function markerSpecs(s: Stats): MarkerSpec[] {
  return [
    { key: 'p5', name: 'p5', value: s.p5, dashed: false },
    { key: 'p50', name: 'median', value: s.p50, dashed: false },
    { key: 'mean', name: 'mean', value: s.mean, dashed: true },
    { key: 'p95', name: 'p95', value: s.p95, dashed: false },
  ];
}

/** Label rows so that marker labels never overlap: returns each marker's row and the row count. */
export function labelRows(xs: { x: number; w: number }[], gap = 4): { rows: number[]; count: number } {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a]!.x - xs[b]!.x);
  const ends: number[] = [];
  const rows = new Array<number>(xs.length).fill(0);
  for (const i of order) {
    const { x, w } = xs[i]!;
    let r = ends.findIndex((e) => e + gap <= x - w / 2);
    if (r < 0) {
      r = ends.length;
      ends.push(-Infinity);
    }
    ends[r] = x + w / 2;
    rows[i] = r;
  }
  return { rows, count: Math.max(1, ends.length) };
}

/** Draw vertical markers with labels in rows above the plot. */
export function drawMarkers(
  fr: Frame,
  box: PlotBox,
  x: (v: number) => number,
  specs: MarkerSpec[],
  color: string,
  unit: string | null,
  labelTop: number,
): void {
  const f = fr.fonts;
  const g = fr.svg
    .append('g')
    .attr('class', 'markers')
    .attr('transform', `translate(${px(box.left)},${px(box.top)})`);
  const placed = specs
    .filter((s) => Number.isFinite(s.value))
    .map((s) => ({ s, x: x(s.value), w: textWidth(s.name, f.small) }));
  const { rows } = labelRows(placed.map((p) => ({ x: p.x, w: p.w })));
  const rowH = f.small + 3;
  placed.forEach((p, i) => {
    const ly = labelTop - box.top + rows[i]! * rowH + f.small;
    const line = g
      .append('line')
      .attr('class', `marker marker-${p.s.key}`)
      .attr('data-value', String(p.s.value))
      .attr('x1', px(p.x))
      .attr('x2', px(p.x))
      .attr('y1', px(ly + 3))
      .attr('y2', px(box.height))
      .attr('stroke', color)
      .attr('stroke-width', 1.5);
    if (p.s.dashed) line.attr('stroke-dasharray', '5 3');
    tip(line, `${p.s.name}: ${formatValue(p.s.value, unit)}`);
    const anchor =
      p.x - p.w / 2 < -box.left + fr.pad ? 'start' : p.x + p.w / 2 > fr.width - box.left - fr.pad ? 'end' : 'middle';
    g.append('text')
      .attr('class', 'marker-label')
      .attr('x', px(p.x))
      .attr('y', px(ly))
      .attr('text-anchor', anchor)
      .attr('font-size', f.small)
      .attr('fill', textShade(color))
      .text(p.s.name);
  });
}

export function markerRowCount(
  fr: Frame,
  width: number,
  domain: [number, number],
  scale: AxisScale,
  specs: MarkerSpec[],
): number {
  const x = valueScale(domain, scale, [0, width]);
  return labelRows(
    specs.filter((s) => Number.isFinite(s.value)).map((s) => ({ x: x(s.value), w: textWidth(s.name, fr.fonts.small) })),
  ).count;
}
