// Server-side rendering: draw a chart into a linkedom document and serialise it as a standalone
// SVG file (for `/charts/:model/:chart.svg` and for embedding in posts). Everything the file
// needs is inside it: the xmlns, a viewBox with fixed width and height, <title> and <desc>, and
// fonts and colours as presentation attributes (no page CSS applies to an embedded file),
// serialised as XML (so it opens in any SVG editor, not only in browsers).

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
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serializeXml(svg as unknown as Element)}\n`;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/**
 * Serialise an element as XML. (The HTML serialisation of a linkedom document leaves `<` and
 * `&` unescaped inside attribute values, which is valid HTML but not XML.) Characters XML 1.0
 * forbids are dropped.
 */
export function serializeXml(el: Element): string {
  const parts: string[] = [];
  // eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters; they are removed on purpose
  const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      parts.push(escapeText(clean(node.nodeValue ?? '')));
      return;
    }
    if (node.nodeType !== 1) return;
    const e = node as Element;
    const name = e.localName || e.tagName;
    parts.push(`<${name}`);
    for (const a of Array.from(e.attributes)) parts.push(` ${a.name}="${escapeAttr(clean(a.value))}"`);
    if (e.childNodes.length === 0) {
      parts.push('/>');
      return;
    }
    parts.push('>');
    for (const c of Array.from(e.childNodes)) walk(c);
    parts.push(`</${name}>`);
  };
  walk(el);
  return parts.join('');
}

/** A drawn SVG to put inline in a page as it is (the drawing escapes every text it holds). */
export class SvgMarkup {
  constructor(readonly svg: string) {}
}
