// A chart's frame: background, title and subtitle (wrapped), the meta line of samples and seed,
// a note in an empty plot, and the wrapper that gives every drawn chart its accessible name.

import * as d3 from 'd3';
import { px, SVG_NS, type Sel } from './dom.ts';
import { BACKGROUND, INK, MUTED } from './palette.ts';
import { FONT, fonts, isNarrow, multiline, wrapLines, type FontSizes } from './text.ts';
import { formatCount } from '../../analysis/format.ts';
import type { Chart, ChartSize } from './chart.ts';

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
  const lines = wrapLines(title, width - 2 * pad, f.title, true);
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
    const sl = wrapLines(subtitle, width - 2 * pad, f.subtitle);
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

/** A muted sentence in the middle of an empty plot area (class `.empty`). */
export function emptyNote(fr: Frame, top: number, bottom: number, text: string): void {
  const f = fr.fonts;
  const lines = wrapLines(text, fr.width - 4 * fr.pad, f.label);
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
