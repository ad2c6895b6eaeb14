// Every chart rendered on the server with data from the real analysis functions is a valid
// standalone SVG (parsed back as XML) with its title, description and size, no NaN anywhere,
// fonts large enough at 360 px and text at WCAG AA contrast; it draws into any size, escapes
// markup in labels, wraps long labels rather than cutting them, and says so when it has nothing
// to draw.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSvg } from '../../../src/web/charts/svg.ts';
import {
  CHARTS,
  CHART_NAMES,
  chartSize,
  isChartName,
  type ChartData,
  type ChartName,
} from '../../../src/web/charts/index.ts';
import { contrast } from '../../../src/web/charts/palette.ts';
import { chartData, cleanup } from './fixtures.ts';
import { all, attributeValues, backdrop, inherited, parseSvg, render, wellFormedXmlProblems } from './svg-reading.ts';

let data: ChartData;

beforeAll(() => {
  data = chartData();
});
afterAll(cleanup);

const WIDTHS = [360, 1280];

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
