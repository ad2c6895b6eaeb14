// Charts in the page: each `<div class="chart" data-chart="tornado" data-src="json-id">` is drawn
// from the `<script type="application/json" id="json-id">` it names (no inline script: the data
// travels as JSON), at the container's width, with the chart's numbers as a table (for screen
// readers and copying; chart-table.ts) and "Download SVG" and "Download PNG" buttons that save
// the drawing as a standalone file (the PNG at twice the size, for sites that take no SVG).
// Charts redraw when their container's width changes, so ticks and labels fit the new width.
//
// Optional attributes on the container: `data-aspect` (height ÷ width) to use a fixed aspect
// ratio the page has already reserved, instead of the chart's recommended height;
// `data-table="open"` to show the table open; `data-x-group` to draw charts of one group (the
// compare page's two sides) on one x range, the union of their data's domains.

import { CHARTS, chartSize, isChartName, type ChartName } from '../charts/index.ts';
import { drawInto, SVG_NS } from '../charts/common.ts';
import { tableElement } from './chart-table.ts';

interface Drawn {
  name: ChartName;
  data: unknown;
  width: number;
}

const drawn = new WeakMap<HTMLElement, Drawn>();
const REDRAW_STEP = 24;
let observer: ResizeObserver | null = null;

function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/[\s_]+/g, '-')
      .toLowerCase()
      .slice(0, 80) || 'chart'
  );
}

function widthOf(el: HTMLElement): number {
  const w = el.clientWidth || el.getBoundingClientRect().width;
  return Math.max(280, Math.round(w || 640));
}

/** The drawn SVG as a standalone file: fixed size, namespace, XML declaration. */
export function serializeSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const [, , w, h] = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  copy.setAttribute('xmlns', SVG_NS);
  copy.setAttribute('version', '1.1');
  if (w && h && w > 0 && h > 0) {
    copy.setAttribute('width', String(w));
    copy.setAttribute('height', String(h));
  }
  copy.removeAttribute('style');
  const Serializer = svg.ownerDocument.defaultView?.XMLSerializer ?? XMLSerializer;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new Serializer().serializeToString(copy)}\n`;
}

function save(doc: Document, blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function download(doc: Document, svg: SVGSVGElement, title: string): void {
  save(doc, new Blob([serializeSvg(svg)], { type: 'image/svg+xml' }), `${slug(title)}.svg`);
}

/** The drawing as a PNG at twice its size, on white, for sites that take no SVG. */
async function downloadPng(doc: Document, svg: SVGSVGElement, title: string): Promise<void> {
  const [, , w = 640, h = 400] = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(serializeSvg(svg))}`;
  await img.decode();
  const canvas = doc.createElement('canvas');
  canvas.width = Math.round(w * 2);
  canvas.height = Math.round(h * 2);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((ok) => canvas.toBlob(ok, 'image/png'));
  if (blob) save(doc, blob, `${slug(title)}.png`);
}

/** A linked mark (`data-href`, e.g. a timeline's point) opens its link on click. */
function followLinks(svg: SVGSVGElement): void {
  svg.addEventListener('click', (e) => {
    const href = (e.target as Element | null)?.closest?.('[data-href]')?.getAttribute('data-href');
    if (href) svg.ownerDocument.defaultView?.location.assign(href);
  });
}

type Ranged = { domain: [number, number]; scale?: string };

function isRanged(d: unknown): d is Ranged {
  const r = (d as Ranged | null)?.domain;
  return Array.isArray(r) && r.length === 2 && r.every(Number.isFinite);
}

/** The other drawn charts of `container`'s x group. */
function groupMembers(container: HTMLElement): HTMLElement[] {
  const group = container.dataset.xGroup;
  if (!group) return [];
  return Array.from(container.ownerDocument.querySelectorAll<HTMLElement>('[data-x-group]')).filter(
    (el) => el !== container && el.dataset.xGroup === group && drawn.has(el),
  );
}

/**
 * `data` with its x domain widened to cover every drawn chart of the same group on the same
 * kind of scale (linear or log): histograms side by side are read against one axis.
 */
function inGroupRange(container: HTMLElement, data: unknown): unknown {
  if (!isRanged(data)) return data;
  let [lo, hi] = data.domain;
  for (const el of groupMembers(container)) {
    const other = drawn.get(el)!.data;
    if (!isRanged(other) || other.scale !== data.scale) continue;
    lo = Math.min(lo, other.domain[0]);
    hi = Math.max(hi, other.domain[1]);
  }
  return lo === data.domain[0] && hi === data.domain[1] ? data : { ...data, domain: [lo, hi] };
}

/**
 * Draw chart `name` with `data` into `container` (replacing what it held): the SVG at the
 * container's width, the table of numbers, and a download button. Returns the SVG. In an x
 * group, the charts of the group drawn before are redrawn when this one widens their range.
 */
export function drawChart(container: HTMLElement, name: ChartName, data: unknown): SVGSVGElement {
  const svg = drawOne(container, name, data);
  for (const el of groupMembers(container)) {
    const d = drawn.get(el)!;
    const shown = (el.querySelector('svg') as (SVGSVGElement & { credenceDomain?: string }) | null)?.credenceDomain;
    const now = inGroupRange(el, d.data);
    if (isRanged(now) && shown !== String(now.domain)) drawOne(el, d.name, d.data);
  }
  return svg;
}

function drawOne(container: HTMLElement, name: ChartName, original: unknown): SVGSVGElement {
  const doc = container.ownerDocument;
  const chart = CHARTS[name];
  const data = inGroupRange(container, original);
  const width = widthOf(container);
  const aspect = Number(container.dataset.aspect);
  const size = aspect > 0 ? { width, height: Math.round(width * aspect) } : chartSize(name, data as never, width);
  const svg = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  svg.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`);
  svg.setAttribute('width', '100%');
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  svg.setAttribute('class', `credence-chart chart-${name}`);
  svg.style.display = 'block';
  svg.style.maxWidth = '100%';
  svg.style.height = 'auto';
  const figure = doc.createElement('figure');
  figure.className = 'chart-figure';
  // The chart is drawn at the container's width: a figure's default side margins would scale it down.
  figure.style.margin = '0';
  figure.append(svg);
  const openTable = container.dataset.table === 'open';
  const previous = drawn.get(container);
  const wasOpen = container.querySelector<HTMLDetailsElement>('details.chart-table')?.open ?? false;
  container.replaceChildren(figure);
  drawInto(svg, chart as never, data as never, size);
  const title = chart.title(data as never);
  // The drawing alone is the image (drawInto gives it role="img"); its table and download
  // button sit beside it, outside the image, where keyboards and screen readers reach them.
  if (container.dataset.label) svg.setAttribute('aria-label', `${container.dataset.label}: ${title}`);
  const actions = doc.createElement('div');
  actions.className = 'chart-actions';
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'button button--small chart-download';
  button.textContent = 'Download SVG';
  button.setAttribute('aria-label', `Download SVG: ${title}`);
  button.addEventListener('click', () => download(doc, svg, title));
  const png = doc.createElement('button');
  png.type = 'button';
  png.className = 'button button--small chart-download chart-download--png';
  png.textContent = 'Download PNG';
  png.setAttribute('aria-label', `Download PNG: ${title}`);
  png.addEventListener('click', () => void downloadPng(doc, svg, title).catch(() => {}));
  actions.append(button, png);
  followLinks(svg);
  figure.append(
    actions,
    tableElement(doc, () => chart.table(data as never), openTable || (previous !== undefined && wasOpen)),
  );
  container.dataset.drawn = 'true';
  container.removeAttribute('aria-busy');
  if (isRanged(data)) (svg as SVGSVGElement & { credenceDomain?: string }).credenceDomain = String(data.domain);
  drawn.set(container, { name, data: original, width });
  watch(container);
  return svg;
}

function watch(container: HTMLElement): void {
  const win = container.ownerDocument.defaultView;
  if (!win || typeof win.ResizeObserver !== 'function') return;
  observer ??= new win.ResizeObserver((entries) => {
    for (const e of entries) {
      const el = e.target as HTMLElement;
      const d = drawn.get(el);
      if (!d || !el.isConnected) continue;
      if (Math.abs(widthOf(el) - d.width) >= REDRAW_STEP) drawChart(el, d.name, d.data);
    }
  });
  observer.observe(container);
}

function showError(container: HTMLElement, message: string): void {
  const p = container.ownerDocument.createElement('p');
  p.className = 'chart-error';
  p.setAttribute('role', 'alert');
  p.textContent = message;
  container.replaceChildren(p);
  container.dataset.drawn = 'error';
  container.removeAttribute('aria-busy');
}

/** Draw every not-yet-drawn `.chart[data-chart]` under `root` from its JSON script. */
export function initCharts(root: ParentNode): void {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const list: HTMLElement[] = [];
  const self = root as HTMLElement;
  if (typeof self.matches === 'function' && self.matches('[data-chart]')) list.push(self);
  list.push(...Array.from(root.querySelectorAll<HTMLElement>('[data-chart]')));
  for (const el of list) {
    if (el.dataset.drawn === 'true') continue;
    const name = el.dataset.chart ?? '';
    const src = el.dataset.src ?? '';
    if (!isChartName(name)) {
      showError(el, `Unknown chart '${name}'.`);
      continue;
    }
    const script = (src &&
      (doc.getElementById(src) ??
        Array.from(root.querySelectorAll('script')).find((s) => s.id === src))) as HTMLScriptElement | null;
    if (!script) {
      showError(el, 'The data for this chart is missing.');
      continue;
    }
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? 'null');
    } catch {
      showError(el, 'The data for this chart could not be read.');
      continue;
    }
    try {
      drawChart(el, name, data);
    } catch (e) {
      showError(el, `This chart could not be drawn: ${(e as Error).message}`);
    }
  }
}
