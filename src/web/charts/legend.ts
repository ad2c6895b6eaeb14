// Legends: items (a swatch, line, dot or outline and a label) flowed into rows across a width,
// labels wrapped onto further lines when one is wider than the row.

import type { Sel } from './dom.ts';
import { INK } from './palette.ts';
import { multiline, textWidth, wrapLines, type FontSizes } from './text.ts';

export type LegendSymbol = 'swatch' | 'line' | 'dashed' | 'dot' | 'outline';

export interface LegendItem {
  label: string;
  color: string;
  symbol?: LegendSymbol;
  /** Fill opacity of a swatch (default 1), to match translucent marks. */
  opacity?: number;
}

interface Placed {
  item: LegendItem;
  x: number;
  y: number;
  lines: string[];
}

/** Where each item goes: flowed left to right, a new row when one does not fit; a label wider than a row wraps. */
function flow(items: readonly LegendItem[], maxWidth: number, size: number): { placed: Placed[]; height: number } {
  const row = Math.round(size * 1.6);
  const lh = Math.round(size * 1.25);
  const gap = 14;
  const placed: Placed[] = [];
  let x = 0;
  let y = 0;
  let rowHeight = row;
  for (const item of items) {
    const lines = wrapLines(item.label, Math.max(40, maxWidth - 20), size);
    const w = 20 + Math.max(...lines.map((l) => textWidth(l, size)));
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      y += rowHeight;
      rowHeight = row;
    }
    placed.push({ item, x, y, lines });
    rowHeight = Math.max(rowHeight, row + (lines.length - 1) * lh);
    x += w + gap;
  }
  return { placed, height: y + rowHeight };
}

/** Legend items flowed into rows across `maxWidth`; returns the height used. */
export function legend(g: Sel, items: readonly LegendItem[], maxWidth: number, f: FontSizes): number {
  const size = f.small;
  const { placed, height } = flow(items, maxWidth, size);
  const lg = g.append('g').attr('class', 'legend');
  for (const { item: it, x, y, lines } of placed) {
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
    const t = item.append('text').attr('x', 19).attr('y', size).attr('font-size', size).attr('fill', INK);
    multiline(t, lines, Math.round(size * 1.25));
  }
  return height;
}

/** Height a legend of `items` takes across `maxWidth` (same flow as `legend`). */
export function legendHeight(items: readonly LegendItem[], maxWidth: number, f: FontSizes): number {
  return flow(items, maxWidth, f.small).height;
}
