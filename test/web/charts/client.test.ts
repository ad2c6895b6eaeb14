// The page side: `initCharts` finds each `.chart[data-chart][data-src]`, reads its JSON script,
// draws the SVG at the container's width with its table (built when first opened) and download
// buttons, reports a missing or unknown chart in the page, and never draws a container twice.
// Run on a linkedom document.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { initCharts, drawChart, serializeSvg } from '../../../src/web/client/charts.ts';
import type { ChartData } from '../../../src/web/charts/index.ts';
import { serializeXml } from '../../../src/web/charts/svg.ts';
import { chartData, cleanup } from './fixtures.ts';
import { parseSvg, wellFormedXmlProblems } from './svg-reading.ts';

let data: ChartData;
beforeAll(() => {
  data = chartData();
});
afterAll(cleanup);

function page(): Document {
  const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
  const { document } = parseHTML(`<!doctype html><html><body>
    <div class="chart" data-chart="tornado" data-src="t-data"></div>
    <script type="application/json" id="t-data">${json(data.tornado)}</script>
    <section id="later"><div class="chart" data-chart="graph" data-src="g-data" data-aspect="0.5"></div>
    <script type="application/json" id="g-data">${json(data.graph)}</script></section>
    <div class="chart" data-chart="nope" data-src="t-data"></div>
    <div class="chart" data-chart="sobol" data-src="missing"></div>
    <div class="chart" data-chart="sobol" data-src="bad-json"></div>
    <script type="application/json" id="bad-json">{oops</script>
  </body></html>`);
  return document as unknown as Document;
}

describe('initCharts', () => {
  it('draws every chart from its JSON, with a table and a download button', () => {
    const doc = page();
    initCharts(doc.body);
    const [tornado, graph, unknown, missing, bad] = Array.from(doc.querySelectorAll<HTMLElement>('.chart'));
    expect(tornado!.dataset.drawn).toBe('true');
    const svg = tornado!.querySelector('svg')!;
    expect(svg.querySelectorAll('.bar')).toHaveLength(data.tornado.rows.length);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('width')).toBe('100%');
    expect(svg.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
    // The table is built when its disclosure is first opened, with a row per bar.
    const details = tornado!.querySelector<HTMLDetailsElement>('details.chart-table')!;
    expect(details.querySelector('summary')?.textContent).toBe('Table of the numbers');
    expect(details.querySelector('table')).toBeNull();
    details.open = true;
    details.dispatchEvent(new (doc.defaultView as unknown as typeof globalThis).Event('toggle'));
    expect(tornado!.querySelectorAll('table tbody tr')).toHaveLength(data.tornado.rows.length);
    expect(tornado!.querySelector('table caption')?.textContent).toContain('Mean of P(outcome)');
    details.dispatchEvent(new (doc.defaultView as unknown as typeof globalThis).Event('toggle'));
    expect(tornado!.querySelectorAll('table')).toHaveLength(1);
    expect(tornado!.querySelector('button.chart-download')?.textContent).toBe('Download SVG');
    expect(tornado!.querySelector('button.chart-download--png')?.textContent).toBe('Download PNG');
    // A fixed aspect ratio the page reserved is kept.
    const [, , w, h] = graph!.querySelector('svg')!.getAttribute('viewBox')!.split(' ').map(Number);
    expect(h! / w!).toBeCloseTo(0.5, 2);
    expect(graph!.querySelectorAll('svg .node')).toHaveLength(data.graph.nodes.length);
    expect(unknown!.querySelector('.chart-error')?.textContent).toBe("Unknown chart 'nope'.");
    expect(missing!.querySelector('.chart-error')?.textContent).toMatch(/missing/);
    expect(bad!.querySelector('.chart-error')?.textContent).toMatch(/could not be read/);
  });

  it('draws a container once, and draws panels added later', () => {
    const doc = page();
    initCharts(doc.querySelector('#later')!);
    expect(doc.querySelector<HTMLElement>('[data-chart=graph]')!.dataset.drawn).toBe('true');
    expect(doc.querySelector<HTMLElement>('[data-chart=tornado]')!.dataset.drawn).toBeUndefined();
    const first = doc.querySelector('[data-chart=graph] svg');
    initCharts(doc.body);
    expect(doc.querySelector('[data-chart=graph] svg')).toBe(first);
    expect(doc.querySelectorAll('[data-chart=graph] svg')).toHaveLength(1);
  });

  it('serialises a drawn chart as a standalone file', () => {
    // linkedom has no XMLSerializer; a browser's does what the server's XML serialiser does.
    const g = globalThis as { XMLSerializer?: unknown };
    g.XMLSerializer ??= class {
      serializeToString(node: Element): string {
        return serializeXml(node);
      }
    };
    const doc = page();
    const el = doc.querySelector<HTMLElement>('[data-chart=tornado]')!;
    const svg = drawChart(el, 'tornado', data.tornado);
    const file = serializeSvg(svg);
    expect(file.startsWith('<?xml')).toBe(true);
    const root = parseSvg(file);
    const [, , w, h] = svg.getAttribute('viewBox')!.split(' ');
    expect(root.getAttribute('width')).toBe(w);
    expect(root.getAttribute('height')).toBe(h);
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root.querySelectorAll('.bar')).toHaveLength(data.tornado.rows.length);
    expect(wellFormedXmlProblems(file)).toEqual([]);
  });
});

describe('charts of one x group', () => {
  it("draws the compare page's two histograms on one x range, whichever arrives first", () => {
    const a = data.distribution;
    const [lo, hi] = a.domain;
    const w = hi - lo;
    const shift = (x: number) => x + 2 * w;
    const b = {
      ...a,
      domain: [shift(lo), shift(hi)] as [number, number],
      prior: { ...a.prior, bins: a.prior.bins.map((x) => ({ ...x, x0: shift(x.x0), x1: shift(x.x1) })) },
      posterior: null,
    };
    const json = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');
    const { document } = parseHTML(`<!doctype html><html><body>
      <div class="chart" data-chart="distribution" data-src="a" data-x-group="compare"></div>
      <script type="application/json" id="a">${json(a)}</script>
      <section id="later"><div class="chart" data-chart="distribution" data-src="b" data-x-group="compare"></div>
      <script type="application/json" id="b">${json(b)}</script></section>
      <div class="chart" data-chart="distribution" data-src="a"></div>
    </body></html>`);
    const doc = document as unknown as Document;
    const ticks = (el: Element) => Array.from(el.querySelectorAll('.x-axis .tick text')).map((t) => t.textContent);
    const [first, second, alone] = Array.from(doc.querySelectorAll<HTMLElement>('.chart'));
    initCharts(first!);
    initCharts(alone!);
    const own = ticks(first!);
    expect(ticks(alone!)).toEqual(own);
    // The second side arrives later (a deferred panel): the first is redrawn on the union.
    initCharts(doc.querySelector('#later')!);
    expect(ticks(first!)).toEqual(ticks(second!));
    expect(ticks(first!)).not.toEqual(own);
    expect(ticks(first!).length).toBeGreaterThan(2);
    // A chart outside the group keeps its own range.
    expect(ticks(alone!)).toEqual(own);
  });
});
