// Reading a rendered chart back: the SVG parsed as XML (and checked as strictly as a standalone
// file must be), its elements, inherited attributes, absolute positions and the data-to-pixel maps
// its axes' tick labels define, so tests place marks by the axis, not by the chart's own scale.

import { DOMParser } from 'linkedom';
import { renderSvg } from '../../../src/web/charts/svg.ts';
import type { ChartData, ChartName } from '../../../src/web/charts/index.ts';

/** Parse a standalone SVG as XML (throws on malformed XML) and return its root element. */
export function parseSvg(svg: string): Element {
  const doc = new DOMParser().parseFromString(svg.replace(/^<\?xml[^>]*>\s*/, ''), 'image/svg+xml');
  const root = doc.documentElement as unknown as Element;
  if (!root || root.tagName.toLowerCase() !== 'svg') throw new Error('not an SVG document');
  if (root.getElementsByTagName('parsererror').length > 0) throw new Error('XML parse error');
  return root;
}

/**
 * Strict XML checks the lenient DOM parser does not make: attribute values without raw `<`,
 * every `&` starting an entity, tags balanced.
 */
export function wellFormedXmlProblems(svg: string): string[] {
  const problems: string[] = [];
  const body = svg.replace(/^<\?xml[^>]*\?>\s*/, '');
  const entity = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
  for (let i = body.indexOf('&'); i >= 0; i = body.indexOf('&', i + 1)) {
    entity.lastIndex = i;
    if (!entity.test(body)) problems.push(`bare & at ${i}: ${body.slice(i, i + 20)}`);
  }
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const between = body.slice(last, m.index);
    if (between.includes('<') || between.includes('>')) problems.push(`stray < or > before ${m[0].slice(0, 30)}`);
    last = tag.lastIndex;
    if (m[3]!.includes('<')) problems.push(`< in the attributes of <${m[2]}>`);
    if (m[1]) {
      if (stack.pop() !== m[2]) problems.push(`unbalanced </${m[2]}>`);
    } else if (!m[4]) stack.push(m[2]!);
  }
  if (body.slice(last).trim()) problems.push('text after the root element');
  if (stack.length) problems.push(`unclosed ${stack.join(', ')}`);
  return problems;
}

/** Every attribute value in the document (to look for NaN, undefined, Infinity). */
export function attributeValues(root: Element): string[] {
  const out: string[] = [];
  const walk = (el: Element) => {
    for (const a of Array.from(el.attributes)) out.push(`${el.tagName}[${a.name}]=${a.value}`);
    for (const c of Array.from(el.children)) walk(c);
  };
  walk(root);
  return out;
}

/** Parse `translate(x,y)` of an element's transform. */
export function translateOf(el: Element): [number, number] {
  const m = /translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)\s*\)/.exec(el.getAttribute('transform') ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

/** Parse a tick label back into a number: "25%" → 0.25, "−1,000" → -1000. */
export function tickNumber(text: string): number {
  const t = text.replace(/−/g, '-').replace(/,/g, '').trim();
  return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
}

/**
 * The linear map from data to x pixels that a bottom axis's tick labels and positions define
 * (fitted through the first and last ticks), computed independently of the chart's scale.
 */
export function axisMap(axis: Element): (v: number) => number {
  const ticks = Array.from(axis.querySelectorAll('.tick')).map((t) => ({
    x: translateOf(t)[0],
    v: tickNumber(t.querySelector('text')!.textContent ?? ''),
  }));
  if (ticks.length < 2) throw new Error('an axis needs two ticks to be read');
  const a = ticks[0]!;
  const b = ticks[ticks.length - 1]!;
  return (v) => a.x + ((v - a.v) * (b.x - a.x)) / (b.v - a.v);
}

/** A chart rendered at `width` and parsed back. */
export function render<N extends ChartName>(name: N, d: ChartData[N], width = 720): Element {
  return parseSvg(renderSvg(name, d, { width }));
}

export function all(root: Element, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector));
}

/** An attribute of the element or its nearest ancestor that has it. */
export function inherited(el: Element, attr: string): string | null {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const v = e.getAttribute(attr);
    if (v && v !== 'none') return v;
  }
  return null;
}

/** The fill of what white text is drawn on: a shape just before it, else its group's fill. */
export function backdrop(el: Element): string | null {
  for (let e = el.previousElementSibling; e; e = e.previousElementSibling)
    if (['rect', 'path', 'circle'].includes(e.tagName.toLowerCase())) return e.getAttribute('fill');
  return el.parentElement ? inherited(el.parentElement, 'fill') : null;
}

export function num(el: Element | null | undefined, attr: string): number {
  return Number(el?.getAttribute(attr));
}

/** Absolute x of an element's attribute, adding the translations of its ancestors. */
export function absX(el: Element, attr: string): number {
  let x = num(el, attr);
  for (let p: Element | null = el.parentElement; p && p.tagName.toLowerCase() !== 'svg'; p = p.parentElement)
    x += translateOf(p)[0];
  return x;
}

export function absY(el: Element, attr: string): number {
  let y = num(el, attr);
  for (let p: Element | null = el.parentElement; p && p.tagName.toLowerCase() !== 'svg'; p = p.parentElement)
    y += translateOf(p)[1];
  return y;
}

/** The x-axis map in absolute coordinates. */
export function xMap(root: Element, selector = '.x-axis'): (v: number) => number {
  const axis = root.querySelector(selector)!;
  const m = axisMap(axis);
  let dx = translateOf(axis)[0];
  for (let p: Element | null = axis.parentElement; p && p.tagName.toLowerCase() !== 'svg'; p = p.parentElement)
    dx += translateOf(p)[0];
  return (v) => m(v) + dx;
}

/** The y-axis map in absolute coordinates, from a left axis's ticks. */
export function yMap(root: Element): (v: number) => number {
  const axis = root.querySelector('.y-axis')!;
  const ticks = all(axis, '.tick').map((t) => ({
    y: translateOf(t)[1],
    v: tickNumber(t.querySelector('text')!.textContent ?? ''),
  }));
  const a = ticks[0]!;
  const b = ticks[ticks.length - 1]!;
  const dy = translateOf(axis)[1];
  return (v) => dy + a.y + ((v - a.v) * (b.y - a.y)) / (b.v - a.v);
}
