// The charts of one quantity's distribution: the histogram with its posterior outline and
// markers, the cumulative curve, and one outline per worldview; each mark where the axis puts its
// value (positions read from the axis ticks, not from the chart's own scale).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartData } from '../../../src/web/charts/index.ts';
import { textWidth } from '../../../src/web/charts/text.ts';
import { chartData, cleanup } from './fixtures.ts';
import { absX, absY, all, num, render, xMap, yMap } from './svg-reading.ts';

let data: ChartData;

beforeAll(() => {
  data = chartData();
});
afterAll(cleanup);

const WIDTHS = [360, 1280];

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
