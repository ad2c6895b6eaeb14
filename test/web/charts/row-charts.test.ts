// The charts that draw one row per input or prediction (tornado, Sobol' indices, importance,
// value of information, threshold crossings, the crux walk): one mark per row, in the data's
// order, each bar ending where the axis puts its value.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartData } from '../../../src/web/charts/index.ts';
import { chartData, cleanup } from './fixtures.ts';
import { absX, absY, all, num, render, xMap } from './svg-reading.ts';

let data: ChartData;

beforeAll(() => {
  data = chartData();
});
afterAll(cleanup);

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
