// Server-side rendering: draw a chart into a linkedom document and serialise it as a standalone
// SVG file (for `/charts/:model/:chart.svg` and for embedding in posts). Everything the file
// needs is inside it: the xmlns, a viewBox with fixed width and height, <title> and <desc>, and
// fonts and colours as presentation attributes (no page CSS applies to an embedded file).

import { parseHTML } from 'linkedom';
import { CHARTS, chartSize, type ChartName, type ChartData } from './index.ts';
import { SVG_NS, drawInto } from './common.ts';
import type { ChartSize } from './chart.ts';

/** The default width of a standalone SVG, in px; the height follows from the chart's layout. */
export const DEFAULT_SVG_WIDTH = 720;

/**
 * Render chart `name` with `data` as a standalone SVG document. `size` defaults to the chart's
 * recommended size at 720 px wide.
 */
export function renderSvg<N extends ChartName>(name: N, data: ChartData[N], size?: Partial<ChartSize>): string {
  const chart = CHARTS[name];
  if (!chart) throw new RangeError(`there is no chart '${String(name)}'`);
  const width = Math.round(size?.width ?? DEFAULT_SVG_WIDTH);
  const height = Math.round(size?.height ?? chartSize(name, data, width).height);
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = document.createElementNS(SVG_NS, 'svg') as unknown as SVGSVGElement;
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('version', '1.1');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('class', `credence-chart chart-${name}`);
  (document.body as unknown as Element).appendChild(svg as unknown as Element);
  drawInto(svg, chart, data, { width, height });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${(svg as unknown as Element).outerHTML}\n`;
}
