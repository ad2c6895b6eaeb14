// Every chart rendered on the server with data from the real analysis functions: a valid
// standalone SVG (parsed back as XML) with its title, description and size, no NaN anywhere,
// fonts large enough at 360 px, the expected number of marks, and marks where the data puts them
// (positions checked against the axis ticks, not against the chart's own scale).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as d3 from 'd3';
import { renderSvg } from '../../../src/web/charts/svg.ts';
import {
  CHARTS,
  CHART_NAMES,
  chartSize,
  isChartName,
  type ChartData,
  type ChartName,
} from '../../../src/web/charts/index.ts';
import { MAX_LINES } from '../../../src/web/charts/sweep.ts';
import { contrast } from '../../../src/web/charts/palette.ts';
import { calibration as calibrationBins } from '../../../src/predictions/calibration.ts';
import { textWidth } from '../../../src/web/charts/text.ts';
import {
  chartData,
  cleanup,
  parseSvg,
  attributeValues,
  axisMap,
  translateOf,
  tickNumber,
  wellFormedXmlProblems,
} from './fixtures.ts';

let data: ChartData;

beforeAll(() => {
  data = chartData();
});
afterAll(cleanup);

const WIDTHS = [360, 1280];

function render<N extends ChartName>(name: N, d: ChartData[N], width = 720): Element {
  return parseSvg(renderSvg(name, d, { width }));
}

function all(root: Element, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector));
}

/** An attribute of the element or its nearest ancestor that has it. */
function inherited(el: Element, attr: string): string | null {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const v = e.getAttribute(attr);
    if (v && v !== 'none') return v;
  }
  return null;
}

/** The fill of what white text is drawn on: a shape just before it, else its group's fill. */
function backdrop(el: Element): string | null {
  for (let e = el.previousElementSibling; e; e = e.previousElementSibling)
    if (['rect', 'path', 'circle'].includes(e.tagName.toLowerCase())) return e.getAttribute('fill');
  return el.parentElement ? inherited(el.parentElement, 'fill') : null;
}

function num(el: Element | null | undefined, attr: string): number {
  return Number(el?.getAttribute(attr));
}

/** Absolute x of an element's attribute, adding the translations of its ancestors. */
function absX(el: Element, attr: string): number {
  let x = num(el, attr);
  for (let p: Element | null = el.parentElement; p && p.tagName.toLowerCase() !== 'svg'; p = p.parentElement)
    x += translateOf(p)[0];
  return x;
}

function absY(el: Element, attr: string): number {
  let y = num(el, attr);
  for (let p: Element | null = el.parentElement; p && p.tagName.toLowerCase() !== 'svg'; p = p.parentElement)
    y += translateOf(p)[1];
  return y;
}

/** The x-axis map in absolute coordinates. */
function xMap(root: Element, selector = '.x-axis'): (v: number) => number {
  const axis = root.querySelector(selector)!;
  const m = axisMap(axis);
  let dx = translateOf(axis)[0];
  for (let p: Element | null = axis.parentElement; p && p.tagName.toLowerCase() !== 'svg'; p = p.parentElement)
    dx += translateOf(p)[0];
  return (v) => m(v) + dx;
}

/** The y-axis map in absolute coordinates, from a left axis's ticks. */
function yMap(root: Element): (v: number) => number {
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

describe('every chart', () => {
  it('is registered with a title, a table and a size', () => {
    expect([...CHART_NAMES].sort()).toEqual([
      'calibration',
      'cdf',
      'credence',
      'crux',
      'distribution',
      'graph',
      'heatmap',
      'importance',
      'sobol',
      'sweep',
      'threshold',
      'timeline',
      'tornado',
      'voi',
      'worldviews',
    ]);
    expect(isChartName('tornado')).toBe(true);
    expect(isChartName('toString')).toBe(false);
    for (const name of CHART_NAMES) {
      const chart = CHARTS[name];
      expect(chart.title(data[name] as never).length).toBeGreaterThan(5);
      const t = chart.table(data[name] as never);
      expect(t.caption.length).toBeGreaterThan(10);
      expect(t.rows.length).toBeGreaterThan(0);
      for (const row of t.rows) expect(row.length).toBe(t.columns.length);
      expect(JSON.stringify(t)).not.toMatch(/NaN|undefined/);
      for (const w of WIDTHS) {
        const s = chartSize(name, data[name] as never, w);
        expect(s.width).toBe(w);
        expect(s.height).toBeGreaterThan(150);
      }
    }
  });

  for (const name of [
    'distribution',
    'cdf',
    'worldviews',
    'tornado',
    'sobol',
    'sweep',
    'heatmap',
    'crux',
    'graph',
    'calibration',
    'voi',
    'importance',
    'threshold',
    'timeline',
    'credence',
  ] as ChartName[]) {
    for (const width of WIDTHS) {
      it(`${name} at ${width} px is a valid standalone SVG with no NaN and readable fonts`, () => {
        const svg = renderSvg(name, data[name] as never, { width });
        expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
        expect(wellFormedXmlProblems(svg)).toEqual([]);
        const root = parseSvg(svg);
        const height = chartSize(name, data[name] as never, width).height;
        expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
        expect(root.getAttribute('viewBox')).toBe(`0 0 ${width} ${height}`);
        expect(root.getAttribute('width')).toBe(String(width));
        expect(root.getAttribute('height')).toBe(String(height));
        expect(root.getAttribute('role')).toBe('img');
        const title = CHARTS[name].title(data[name] as never);
        expect(root.getAttribute('aria-label')).toBe(title);
        expect(root.children[0]!.tagName.toLowerCase()).toBe('title');
        expect(root.children[0]!.textContent).toBe(title);
        expect(root.children[1]!.tagName.toLowerCase()).toBe('desc');
        expect(root.children[1]!.textContent).toBe(CHARTS[name].table(data[name] as never).caption);
        // Drawn title in the picture, and fonts set on the root (no page CSS applies).
        expect(root.querySelector('.chart-title')?.textContent?.length).toBeGreaterThan(3);
        expect(root.getAttribute('font-family')).toMatch(/sans-serif/);
        const attrs = attributeValues(root);
        expect(attrs.filter((a) => /NaN|undefined|Infinity|null/.test(a.split('=')[1]!))).toEqual([]);
        expect(root.textContent).not.toMatch(/NaN|undefined/);
        const sizes = all(root, '[font-size]').map((e) => Number(e.getAttribute('font-size')));
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
        // No currentColor: a standalone file must not depend on the embedding page's colour.
        expect(svg).not.toContain('currentColor');
        // Text reads at 4.5:1 (WCAG AA): its fill, inherited or its own, against white, or
        // white text against the mark it sits on (its parent's fill or the rect before it).
        const lowContrast: string[] = [];
        for (const t of all(root, 'text, tspan')) {
          if (!t.textContent?.trim()) continue;
          const fill = inherited(t, 'fill') ?? '#000000';
          const on = /^#fff(fff)?$/i.test(fill) ? backdrop(t) : '#ffffff';
          if (on && contrast(fill, on) < 4.5)
            lowContrast.push(`${t.textContent} ${fill} on ${on}: ${contrast(fill, on).toFixed(2)}`);
        }
        expect(lowContrast).toEqual([]);
        if (name !== 'graph') {
          expect(all(root, '.axis-label').length).toBeGreaterThanOrEqual(1);
          expect(root.querySelector('.x-axis')).not.toBeNull();
        }
      });
    }
  }

  it('draws into any size it is given', () => {
    for (const name of CHART_NAMES) {
      for (const size of [
        { width: 320, height: 200 },
        { width: 2000, height: 2000 },
      ]) {
        const root = parseSvg(renderSvg(name, data[name] as never, size));
        expect(root.getAttribute('viewBox')).toBe(`0 0 ${size.width} ${size.height}`);
        expect(attributeValues(root).filter((a) => /NaN|Infinity/.test(a))).toEqual([]);
      }
    }
  });

  it('escapes labels with markup characters into well-formed XML', () => {
    const label = `A <b> & "quoted" 'x' > y`;
    const t = {
      ...data.tornado,
      outputLabel: `P(a < b & "c")`,
      rows: data.tornado.rows.map((r, i) => (i === 0 ? { ...r, label } : r)),
    };
    const svg = renderSvg('tornado', t);
    expect(wellFormedXmlProblems(svg)).toEqual([]);
    const root = parseSvg(svg);
    expect(root.children[0]!.textContent).toBe(CHARTS.tornado.title(t));
    expect(svg).toContain('aria-label="What moves P(a &lt; b &amp; &quot;c&quot;)');
    expect(root.querySelector('.row-label')?.textContent).toBe(label);
    const g = {
      ...data.graph,
      title: 'T & <x>',
      nodes: data.graph.nodes.map((n, i) => (i === 0 ? { ...n, label: '"<&>"' } : n)),
    };
    expect(wellFormedXmlProblems(renderSvg('graph', g))).toEqual([]);
    // The checker itself catches what it is for.
    expect(wellFormedXmlProblems('<svg a="<"></svg>').length).toBeGreaterThan(0);
    expect(wellFormedXmlProblems('<svg>a & b</svg>').length).toBeGreaterThan(0);
    expect(wellFormedXmlProblems('<svg><g></svg>').length).toBeGreaterThan(0);
  });

  it('wraps long labels and titles onto more lines instead of cutting them', () => {
    const long =
      'Probability that the first transformatively useful AIs are schemers, given the evidence of 2025 (a_very_long_identifier_without_spaces_at_all)';
    const t = {
      ...data.tornado,
      outputLabel: long,
      rows: data.tornado.rows.map((r, i) => (i === 0 ? { ...r, label: long } : r)),
    };
    for (const width of WIDTHS) {
      const root = render('tornado', t, width);
      const label = root.querySelector('.row-label')!;
      const lines = all(label, 'tspan').map((l) => l.textContent);
      expect(lines.length).toBeGreaterThan(1);
      // Every character kept: the lines joined (at spaces or inside a broken word) give the label back.
      expect(lines.join(' ').replace(/\s+/g, '')).toBe(long.replace(/\s+/g, ''));
      const texts = all(root, 'text, tspan').map((e) => e.textContent ?? '');
      expect(texts.filter((x) => x.endsWith('…'))).toEqual([]);
      // No wrapped label line is wider than the chart.
      for (const l of lines) expect(l!.length).toBeLessThan(width / 4);
    }
  });

  it('says so when there is nothing to draw, without NaN', () => {
    const nan = { mean: NaN, sd: NaN, p5: NaN, p25: NaN, p50: NaN, p75: NaN, p95: NaN, mcse: NaN };
    // Data as it arrives through JSON: NaN becomes null.
    const viaJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
    const empty: [ChartName, unknown][] = [
      ['tornado', { ...data.tornado, rows: [] }],
      ['sobol', { ...data.sobol, rows: [] }],
      ['sweep', { ...data.sweep, series: [] }],
      ['heatmap', { ...data.heatmap, x: { ...data.heatmap.x, values: [], percentiles: [] }, means: [] }],
      ['graph', { ...data.graph, nodes: [], edges: [] }],
      [
        'calibration',
        (data.calibration as { count: number }[]).map((b) => ({
          ...b,
          count: 0,
          yes: 0,
          observed: null,
          meanCredence: null,
          interval: null,
        })),
      ],
      ['voi', { ...data.voi, rows: [] }],
      ['importance', { ...data.importance, rows: [] }],
      ['threshold', { ...data.threshold, rows: [] }],
      ['timeline', { ...data.timeline, points: [] }],
      ['worldviews', { ...data.worldviews, series: [] }],
      [
        'distribution',
        viaJson({
          ...data.distribution,
          prior: {
            ...data.distribution.prior,
            stats: nan,
            bins: data.distribution.prior.bins.map((b) => ({ ...b, count: 0, density: 0 })),
            cdf: [],
          },
          posterior: null,
        }),
      ],
      ['cdf', viaJson({ ...data.cdf, prior: { ...data.cdf.prior, stats: nan, bins: [], cdf: [] }, posterior: null })],
    ];
    for (const [name, d] of empty) {
      const svg = renderSvg(name, d as never, { width: 500 });
      expect(svg, name).not.toMatch(/NaN|undefined|Infinity/);
      expect(parseSvg(svg).querySelector('.empty'), name).not.toBeNull();
    }
    const holes = viaJson({
      ...data.tornado,
      rows: data.tornado.rows.map((r, i) => (i === 0 ? { ...r, low: { ...r.low, mean: NaN } } : r)),
    });
    expect(renderSvg('tornado', holes)).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('refuses an unknown chart', () => {
    expect(() => renderSvg('nope' as ChartName, {} as never)).toThrow(/no chart 'nope'/);
  });
});

describe('distribution', () => {
  it('draws one bar per bin, the posterior outline and four markers', () => {
    const d = data.distribution;
    expect(d.posterior).not.toBeNull();
    const root = render('distribution', d);
    expect(all(root, '.bin')).toHaveLength(d.prior.bins.length);
    expect(all(root, '.posterior-outline')).toHaveLength(1);
    expect(all(root, '.marker')).toHaveLength(4);
    for (const k of ['p5', 'p50', 'p95', 'mean']) expect(all(root, `.marker-${k}`)).toHaveLength(1);
    expect(root.querySelector('.y-label')?.textContent).toMatch(/Density/);
    expect(root.querySelector('.x-label')?.textContent).toContain('P(outcome) (probability)');
    expect(root.textContent).toContain('Posterior (evidence applied)');
  });

  it('puts the median marker where the axis puts the posterior median', () => {
    const d = data.distribution;
    for (const width of WIDTHS) {
      const root = render('distribution', d, width);
      const marker = root.querySelector('.marker-p50')!;
      expect(Number(marker.getAttribute('data-value'))).toBe(d.posterior!.stats.p50);
      expect(absX(marker, 'x1')).toBeCloseTo(xMap(root)(d.posterior!.stats.p50), 0);
    }
  });

  it('draws bars whose heights follow the densities', () => {
    const d = { ...data.distribution, posterior: null, ess: null };
    const root = render('distribution', d);
    expect(all(root, '.posterior-outline')).toHaveLength(0);
    const y = yMap(root);
    const bins = all(root, '.bin');
    const tallest = d.prior.bins.reduce((a, b, i) => (b.density > d.prior.bins[a]!.density ? i : a), 0);
    const rect = bins[tallest]!;
    const top = absY(rect, 'y');
    // Unless the tallest bin is clipped as a spike, its top sits at its density.
    if (!root.querySelector('.clipped-label')) expect(top).toBeCloseTo(y(d.prior.bins[tallest]!.density), 0);
  });

  it('draws a heavy-tailed node on a log axis', () => {
    const d = data.distribution;
    const logData = {
      ...d,
      scale: 'log' as const,
      domain: [1, 1000] as [number, number],
      posterior: null,
      ess: null,
      unit: 'units',
      label: 'Size of b',
      prior: {
        ...d.prior,
        bins: [
          { x0: 1, x1: 10, count: 10, density: 0.05 },
          { x0: 10, x1: 100, count: 20, density: 0.01 },
          { x0: 100, x1: 1000, count: 5, density: 0.0001 },
        ],
        stats: { ...d.prior.stats, mean: 50, p5: 2, p25: 8, p50: 20, p75: 60, p95: 400 },
      },
    };
    const root = render('distribution', logData);
    expect(root.querySelector('.x-label')?.textContent).toContain('log scale');
    const x = all(root, '.bin').map((b) => absX(b, 'x'));
    const w = all(root, '.bin').map((b) => num(b, 'width'));
    // Equal widths in log space: three decades, three equal bars.
    expect(Math.abs(w[0]! - w[2]!)).toBeLessThan(1);
    expect(x[1]! - x[0]!).toBeCloseTo(x[2]! - x[1]!, 0);
  });
});

describe('cdf', () => {
  it('draws the prior and posterior and the percentile markers on the curve', () => {
    const d = data.cdf;
    const root = render('cdf', d);
    expect(all(root, '.line')).toHaveLength(2);
    expect(all(root, '.line-posterior')).toHaveLength(1);
    expect(all(root, '.marker')).toHaveLength(4);
    const x = xMap(root);
    const y = yMap(root);
    for (const [k, p] of [
      ['p5', 0.05],
      ['p50', 0.5],
      ['p95', 0.95],
    ] as const) {
      const m = root.querySelector(`.marker-${k}`)!;
      expect(absX(m, 'x1')).toBeCloseTo(x(d.posterior!.stats[k]), 0);
      expect(absY(m, 'y1')).toBeCloseTo(y(p), 0);
    }
    expect(root.querySelector('.y-label')?.textContent).toMatch(/Cumulative probability/);
  });
});

describe('worldviews', () => {
  it('draws one outline, one interval and one mean per scenario, with a legend', () => {
    const d = data.worldviews;
    expect(d.series).toHaveLength(2);
    const root = render('worldviews', d);
    expect(all(root, '.density')).toHaveLength(2);
    expect(all(root, '.interval')).toHaveLength(2);
    expect(all(root, 'circle.marker-mean')).toHaveLength(2);
    expect(all(root, '.legend-item')).toHaveLength(2);
    const x = xMap(root);
    const iv = all(root, '.interval')[1]!;
    const st = (d.series[1]!.dist.posterior ?? d.series[1]!.dist.prior).stats;
    expect(absX(iv, 'x1')).toBeCloseTo(x(st.p5), 0);
    expect(absX(iv, 'x2')).toBeCloseTo(x(st.p95), 0);
    // Distinct colours per scenario.
    const strokes = new Set(all(root, '.density').map((e) => e.getAttribute('stroke')));
    expect(strokes.size).toBe(2);
  });

  it('names every interval beside it, or above it when it spans the whole axis, never over a bar', () => {
    const d = structuredClone(data.worldviews);
    const s = d.series[0]!;
    const dist = s.dist.posterior ?? s.dist.prior;
    [dist.stats.p5, dist.stats.p95] = dist.bins.length
      ? [dist.bins[0]!.x0, dist.bins[dist.bins.length - 1]!.x1]
      : [0, 1];
    // Wider than any axis the chart can choose.
    dist.stats.p5 -= 1e6;
    dist.stats.p95 += 1e6;
    const root = render('worldviews', d);
    const labels = all(root, '.interval-label');
    expect(labels.map((l) => l.textContent).sort()).toEqual(d.series.map((x) => x.label).sort());
    const above = labels.find((l) => l.textContent === s.label)!;
    expect(above.getAttribute('class')).toContain('interval-label--above');
    const width = Number(root.getAttribute('viewBox')!.split(' ')[2]);
    expect(absX(above, 'x')).toBeGreaterThanOrEqual(0);
    expect(absX(above, 'x')).toBeLessThan(width);
    // Its baseline is above the top of its interval's line (3 px stroke), so no bar crosses it.
    const intervals = all(root, '.interval');
    const own = intervals[d.series.indexOf(s)]!;
    expect(absY(above, 'y')).toBeLessThan(absY(own, 'y1') - 1.5);
    // And no label's box overlaps any interval's line.
    for (const l of labels) {
      const y = absY(l, 'y');
      for (const iv of intervals) {
        const iy = absY(iv, 'y1');
        const overlapsY = iy > y - 11 && iy < y + 3;
        if (!overlapsY) continue;
        const lx = absX(l, 'x');
        const anchor = l.getAttribute('text-anchor');
        const w = textWidth(l.textContent!, num(l, 'font-size'));
        const [a, b] = anchor === 'end' ? [lx - w, lx] : [lx, lx + w];
        const [i0, i1] = [absX(iv, 'x1'), absX(iv, 'x2')].sort((p, q) => p - q);
        expect(b <= i0 || a >= i1).toBe(true);
      }
    }
  });
});

describe('tornado', () => {
  it('draws one bar per input, sorted by swing, about the baseline', () => {
    const d = data.tornado;
    const root = render('tornado', d);
    const bars = all(root, '.bar');
    expect(bars).toHaveLength(d.rows.length);
    expect(bars.map((b) => b.getAttribute('data-input'))).toEqual(d.rows.map((r) => r.input));
    const swings = d.rows.map((r) => Math.abs(r.swing));
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
    expect(all(root, '.bar-low')).toHaveLength(d.rows.length);
    expect(all(root, '.bar-high')).toHaveLength(d.rows.length);
    const x = xMap(root);
    const base = root.querySelector('.baseline')!;
    expect(absX(base, 'x1')).toBeCloseTo(x(d.baseline.mean), 0);
    // The high half of the first bar ends at the mean with the input at its 90th percentile.
    const hi = bars[0]!.querySelector('.bar-high')!;
    const r0 = d.rows[0]!;
    const end = r0.high.mean >= d.baseline.mean ? absX(hi, 'x') + num(hi, 'width') : absX(hi, 'x');
    expect(end).toBeCloseTo(x(r0.high.mean), 0);
    expect(root.querySelector('.x-label')?.textContent).toContain('Mean of P(outcome)');
    expect(all(root, '.row-label')).toHaveLength(d.rows.length);
  });
});

describe('sobol', () => {
  it('draws first-order and total bars per input with interval whiskers', () => {
    const d = data.sobol;
    const root = render('sobol', d);
    expect(all(root, '.sobol-first')).toHaveLength(d.rows.length);
    expect(all(root, '.sobol-total')).toHaveLength(d.rows.length);
    expect(all(root, '.whisker')).toHaveLength(2 * d.rows.length);
    const x = xMap(root);
    const first = d.rows[0]!;
    const w = all(root, '.whisker')[1]!;
    expect(Number(w.getAttribute('data-lo'))).toBe(first.totalCI[0]);
    const total = all(root, '.sobol-total')[0]!;
    expect(absX(total, 'x') + num(total, 'width')).toBeCloseTo(x(first.total), 0);
  });
});

describe('sweep', () => {
  it('draws one line per input with a point per percentile', () => {
    const d = data.sweep;
    expect(d.series.length).toBeLessThanOrEqual(MAX_LINES);
    const root = render('sweep', d);
    expect(all(root, '.line')).toHaveLength(d.series.length);
    expect(all(root, '.point')).toHaveLength(d.series.reduce((a, s) => a + s.points.length, 0));
    expect(all(root, '.legend-item')).toHaveLength(d.series.length + 1);
    const x = xMap(root);
    const y = yMap(root);
    const p = d.series[0]!.points[0]!;
    const c = all(root, '.point')[0]!;
    expect(absX(c, 'cx')).toBeCloseTo(x(p.percentile), 0);
    expect(absY(c, 'cy')).toBeCloseTo(y(p.mean), 0);
  });

  it('switches to small multiples beyond six inputs', () => {
    const base = data.sweep;
    const series = Array.from({ length: 8 }, (_, i) => ({
      ...base.series[i % base.series.length]!,
      input: `in${i}`,
      label: `Input ${i}`,
    }));
    const root = render('sweep', { ...base, series });
    expect(all(root, '.panel')).toHaveLength(8);
    expect(all(root, '.line')).toHaveLength(8);
    expect(all(root, '.baseline')).toHaveLength(8);
  });
});

describe('heatmap', () => {
  it('draws rows × columns cells coloured on viridis, with a colour legend', () => {
    const d = data.heatmap;
    const root = render('heatmap', d);
    const cells = all(root, '.cell');
    expect(cells).toHaveLength(d.x.values.length * d.y.values.length);
    expect(d.x.values.length).toBeGreaterThanOrEqual(21);
    expect(all(root, '.legend-step').length).toBeGreaterThan(10);
    const flat = d.means.flat();
    const max = Math.max(...flat);
    const min = Math.min(...flat);
    const top = cells.find((c) => Number(c.getAttribute('data-value')) === max)!;
    const bottom = cells.find((c) => Number(c.getAttribute('data-value')) === min)!;
    expect(top.getAttribute('fill')).toBe(d3.interpolateViridis(1));
    expect(bottom.getAttribute('fill')).toBe(d3.interpolateViridis(0));
    // Cell (i, j) sits at column i from the left and row j from the bottom.
    const c = cells.find((e) => e.getAttribute('data-i') === '0' && e.getAttribute('data-j') === '0')!;
    const c2 = cells.find((e) => e.getAttribute('data-i') === '1' && e.getAttribute('data-j') === '1')!;
    expect(num(c2, 'x')).toBeGreaterThan(num(c, 'x'));
    expect(num(c2, 'y')).toBeLessThan(num(c, 'y'));
    expect(root.querySelector('.x-label')?.textContent).toContain('Chance a');
    expect(root.querySelector('.y-label')?.textContent).toContain('Weight w');
  });
});

describe('crux', () => {
  it('walks from one view to the other in one step per input', () => {
    const d = data.crux;
    expect(d.parts.length).toBeGreaterThanOrEqual(2);
    const root = render('crux', d);
    const steps = all(root, '.step');
    expect(steps).toHaveLength(d.parts.length);
    expect(all(root, '.total')).toHaveLength(2);
    expect(all(root, '.connector')).toHaveLength(d.parts.length + 1);
    const x = xMap(root);
    const to = root.querySelector('.total-to')!;
    expect(absX(to, 'x') + num(to, 'width')).toBeCloseTo(x(d.to.mean), 0);
    // The last step ends where the second view's bar ends (the parts sum to the difference).
    const last = steps[steps.length - 1]!;
    const lastEnd = d.parts[d.parts.length - 1]!.shapley >= 0 ? absX(last, 'x') + num(last, 'width') : absX(last, 'x');
    expect(lastEnd).toBeCloseTo(x(d.to.mean), 0);
    expect(root.textContent).toContain('Low view');
  });

  it('folds the smallest of many parts into one step', () => {
    const d = data.crux;
    const parts = Array.from({ length: 20 }, (_, i) => ({
      ...d.parts[0]!,
      input: `x${i}`,
      label: null,
      shapley: d.difference / 20,
      share: 0.05,
    }));
    const root = render('crux', { ...d, parts });
    expect(all(root, '.step')).toHaveLength(14);
    expect(root.textContent).toContain('7 other inputs');
  });
});

describe('graph', () => {
  it('draws every node and link, the imported model as one box', () => {
    const d = data.graph;
    const root = render('graph', d);
    expect(all(root, '.node')).toHaveLength(d.nodes.length);
    expect(all(root, '.link')).toHaveLength(d.edges.length);
    expect(all(root, '.node-output')).toHaveLength(1);
    expect(all(root, '.node-imported')).toHaveLength(1);
    expect(all(root, '.node-input')).toHaveLength(3);
    expect(root.querySelector('.node-imported')?.getAttribute('data-id')).toBe('c');
    expect(root.querySelector('.node-output')?.getAttribute('data-id')).toBe('out');
  });

  it('lays layers out left to right when wide and top to bottom when narrow', () => {
    const d = data.graph;
    const pos = (root: Element, id: string) => translateOf(root.querySelector(`.node[data-id="${id}"]`)!);
    const wide = render('graph', d, 1280);
    expect(pos(wide, 'a')[0]).toBeLessThan(pos(wide, 'mid')[0]);
    expect(pos(wide, 'mid')[0]).toBeLessThan(pos(wide, 'out')[0]);
    const narrow = render('graph', d, 360);
    expect(pos(narrow, 'a')[1]).toBeLessThan(pos(narrow, 'mid')[1]);
    expect(pos(narrow, 'mid')[1]).toBeLessThan(pos(narrow, 'out')[1]);
  });
});

describe('calibration', () => {
  it('draws each bin at the mean credence stated in it, with a Wilson whisker and its count', () => {
    // Bin 50–60%: credences 0.5, 0.5, 0.53 (mean 0.51), two of three came true.
    // Bin 90–100%: credences 0.91, 0.99 (mean 0.95), both came true.
    const points = [
      { credence: 0.5, yes: true },
      { credence: 0.5, yes: false },
      { credence: 0.53, yes: true },
      { credence: 0.91, yes: true },
      { credence: 0.99, yes: true },
    ];
    const bins = calibrationBins(points);
    const root = render('calibration', bins);
    const pts = all(root, '.point');
    expect(pts).toHaveLength(2);
    expect(all(root, '.whisker')).toHaveLength(2);
    expect(all(root, '.count').map((c) => c.textContent)).toEqual(['n = 3', 'n = 2']);
    expect(pts.map((p) => Number(p.getAttribute('data-credence')))).toEqual([
      expect.closeTo(0.51, 12),
      expect.closeTo(0.95, 12),
    ]);
    const x = xMap(root);
    const y = yMap(root);
    expect(absX(pts[0]!, 'cx')).toBeCloseTo(x(0.51), 0);
    expect(absX(pts[0]!, 'cx')).not.toBeCloseTo(x(0.55), 0);
    expect(absY(pts[0]!, 'cy')).toBeCloseTo(y(2 / 3), 0);
    expect(absX(pts[1]!, 'cx')).toBeCloseTo(x(0.95), 0);
    // Wilson 95% for 2 of 3: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n) = 0.2077 … 0.9385
    const w = pts[0]!.parentNode!.querySelector('.whisker')!;
    expect(Number(w.getAttribute('data-lo'))).toBeCloseTo(0.20765, 4);
    expect(Number(w.getAttribute('data-hi'))).toBeCloseTo(0.93851, 4);
    const diag = root.querySelector('.diagonal')!;
    expect(absX(diag, 'x1')).toBeCloseTo(x(0), 0);
    expect(absY(diag, 'y2')).toBeCloseTo(y(1), 0);
  });

  it('overlays several forecasters with a legend', () => {
    const bins = data.calibration as import('../../../src/predictions/calibration.ts').CalibrationBin[];
    const root = render('calibration', {
      series: [
        { name: 'author', bins },
        { name: 'alice', bins },
      ],
    });
    expect(all(root, '.point')).toHaveLength(2 * bins.filter((b) => b.count > 0).length);
    expect(all(root, '.legend-item')).toHaveLength(2);
  });
});

describe('voi', () => {
  it('gives every row the height of its wrapped label, so no two labels overlap', () => {
    const long = 'A long prediction statement that has to wrap over several lines in the label column of the chart';
    const d = { ...data.voi, rows: data.voi.rows.map((r, i) => ({ ...r, statement: `${long} ${i}` })) };
    for (const width of [390, 1280]) {
      const root = render('voi', d, width);
      const spans = all(root, '.row-labels text').map((t) => {
        const lines = Math.max(1, t.querySelectorAll('tspan').length);
        const size = Number(t.getAttribute('font-size') ?? 12);
        const y = absY(t, 'y');
        return { top: y - size, bottom: y + (lines - 1) * size * 1.2 + size * 0.3 };
      });
      expect(spans.length).toBe(d.rows.length);
      spans.sort((a, b) => a.top - b.top);
      for (let i = 1; i < spans.length; i++)
        expect(spans[i]!.top, `${width} px: label ${i} starts inside label ${i - 1}`).toBeGreaterThanOrEqual(
          spans[i - 1]!.bottom,
        );
    }
  });

  it('ranks one bar per prediction by expected shift', () => {
    const d = data.voi;
    const root = render('voi', d);
    const bars = all(root, '.bar');
    expect(bars).toHaveLength(d.rows.length);
    expect(bars.map((b) => b.getAttribute('data-id'))).toEqual(d.rows.map((r) => r.id));
    const x = xMap(root);
    expect(absX(bars[0]!, 'x') + num(bars[0]!, 'width')).toBeCloseTo(x(d.rows[0]!.expectedShift * 100), 0);
    expect(root.querySelector('.x-label')?.textContent).toContain('percentage points');
  });
});

describe('importance', () => {
  it('draws one bar per input from zero, signed, with whiskers', () => {
    const d = data.importance;
    const root = render('importance', d);
    const bars = all(root, '.bar');
    expect(bars).toHaveLength(d.rows.length);
    expect(all(root, '.whisker')).toHaveLength(d.rows.length);
    const x = xMap(root);
    const zero = root.querySelector('.zero')!;
    expect(absX(zero, 'x1')).toBeCloseTo(x(0), 0);
    d.rows.forEach((r, i) => {
      const b = bars[i]!;
      expect(b.getAttribute('data-input')).toBe(r.input);
      const end = r.spearman >= 0 ? absX(b, 'x') + num(b, 'width') : absX(b, 'x');
      expect(end).toBeCloseTo(x(r.spearman), 0);
      expect(b.getAttribute('class')).toContain(r.spearman >= 0 ? 'bar-up' : 'bar-down');
    });
  });
});

describe('timeline', () => {
  it('draws each step at its mean with its 90% interval, linked to its resolution, in order', () => {
    const d = data.timeline;
    const root = render('timeline', d);
    const pts = all(root, '.point');
    expect(pts.map((p) => Number(p.getAttribute('data-mean')))).toEqual(d.points.map((p) => p.mean));
    const y = yMap(root);
    pts.forEach((p, i) => expect(absY(p, 'cy')).toBeCloseTo(y(d.points[i]!.mean), 0));
    const w = all(root, '.whisker');
    expect(w.map((e) => [Number(e.getAttribute('data-lo')), Number(e.getAttribute('data-hi'))])).toEqual(
      d.points.map((p) => [p.p5, p.p95]),
    );
    expect(all(root, '.point-link').map((a) => a.getAttribute('data-href'))).toEqual(['/predictions/p1']);
    expect(all(root, '.trend')).toHaveLength(1);
  });
});

describe('credence', () => {
  it('draws each forecast, the median after each forecast and each model step at its credence and time', () => {
    const d = data.credence;
    const root = render('credence', d);
    const y = yMap(root);
    const of = (series: string) => all(root, `.series[data-series="${series}"] .point`);
    expect(of('alice').map((e) => Number(e.getAttribute('data-credence')))).toEqual([0.2, 0.45]);
    expect(of('bob').map((e) => Number(e.getAttribute('data-credence')))).toEqual([0.6]);
    // Medians after each forecast: 0.2; (0.2 + 0.6)/2; (0.45 + 0.6)/2.
    const medians = of('median').map((e) => Number(e.getAttribute('data-credence')));
    expect(medians[0]).toBe(0.2);
    expect(medians[1]).toBeCloseTo(0.4, 12);
    expect(medians[2]).toBeCloseTo(0.525, 12);
    const model = of('model');
    expect(model.map((e) => Number(e.getAttribute('data-credence')))).toEqual(d.implied.map((m) => m.implied));
    model.forEach((e, i) => expect(absY(e, 'cy')).toBeCloseTo(y(d.implied[i]!.implied), 0));
    // Time maps linearly: the start stands at \`from\`, the rule of this prediction's resolution at its time.
    const [t0, t1] = [Date.parse(d.from), Date.parse(d.resolutions[0]!.at)];
    const [x0, x1] = [absX(model[0]!, 'cx'), absX(all(root, '.resolution')[0]!, 'x1')];
    const x = (t: number) => x0 + ((t - t0) * (x1 - x0)) / (t1 - t0);
    expect(absX(model[1]!, 'cx')).toBeCloseTo(x(Date.parse(d.implied[1]!.at!)), 0);
    expect(absX(of('bob')[0]!, 'cx')).toBeCloseTo(x(Date.parse('2026-03-02T09:00:00.000Z')), 0);
    expect(all(root, '.series[data-series="author"] .step')).toHaveLength(1);
    expect(all(root, '.resolution')).toHaveLength(1);
    const t = CHARTS.credence.table(d);
    expect(t.rows.map((r) => r[1])).toEqual([
      'Author',
      'Model main',
      'alice',
      "Forecasters' median",
      'bob',
      "Forecasters' median",
      'Model main',
      'alice',
      "Forecasters' median",
      'Resolution',
    ]);
  });
});

describe('threshold', () => {
  it("draws each input's span, the threshold, and a dot per crossing", () => {
    const d = data.threshold;
    const root = render('threshold', d);
    expect(all(root, '.range')).toHaveLength(d.rows.length);
    const crossing = d.rows.filter((r) => r.crossings.length > 0);
    expect(crossing.length).toBeGreaterThan(0);
    expect(all(root, '.range-crosses')).toHaveLength(crossing.length);
    expect(all(root, '.crossing')).toHaveLength(d.rows.reduce((a, r) => a + r.crossings.length, 0));
    const x = xMap(root);
    expect(absX(root.querySelector('.threshold')!, 'x1')).toBeCloseTo(x(d.threshold), 0);
    const r0 = d.rows[0]!;
    const range = all(root, '.range')[0]!;
    expect(absX(range, 'x')).toBeCloseTo(x(r0.meanSpan[0]), 0);
  });
});
