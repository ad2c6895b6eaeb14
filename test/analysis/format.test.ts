// The one number format of pages, charts and the command line: values written out by hand.

import { describe, expect, it } from 'vitest';
import {
  MINUS,
  formatCount,
  formatDelta,
  formatIndex,
  formatInterval,
  formatNumber,
  formatPercent,
  formatPercentile,
  formatPoints,
  formatValue,
  tickFormat,
} from '../../src/analysis/format.ts';

describe('probabilities', () => {
  it('keep two significant digits of their distance to 0 or 1', () => {
    expect(formatPercent(0.25)).toBe('25%');
    expect(formatPercent(0.0532)).toBe('5.3%');
    expect(formatPercent(0.00012)).toBe('0.012%');
    expect(formatPercent(0.9997)).toBe('99.97%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
  });

  it('never round a small probability to 0% or a large one to 100%', () => {
    for (const p of [1e-9, 3e-7, 0.00049]) expect(formatPercent(p)).not.toBe('0%');
    for (const p of [1 - 1e-9, 0.99951]) expect(formatPercent(p)).not.toBe('100%');
  });

  it('write changes in signed percentage points', () => {
    expect(formatPoints(0.032)).toBe('+3.2 pp');
    expect(formatPoints(-0.00014)).toBe(`${MINUS}0.014 pp`);
    expect(formatDelta(-0.1, 'probability')).toBe(`${MINUS}10 pp`);
  });
});

describe('intervals', () => {
  // Resolution r = 10^floor(log10(width / 1000)); an end of a probability nearer 0 (or 1) than r
  // reads "< r" (or "> 1 − r").
  it('write a tiny end of a wide interval as "< r": width 93.4 pp gives r = 0.01%', () => {
    // (0.934 − 0.0000032) / 1000 = 0.000934 → r = 0.0001 = 0.01%; 0.00032% < 0.01%.
    expect(formatInterval(0.0000032, 0.934, 'probability')).toEqual(['< 0.01%', '93.4%']);
    // 0.0000013% to 90%: (0.9 − 1.3e−8) / 1000 = 0.0009 → r = 0.01%.
    expect(formatInterval(1.3e-8, 0.9, 'probability')).toEqual(['< 0.01%', '90%']);
    // Width 9 pp: 0.00009 → r = 0.00001 = 0.001%.
    expect(formatInterval(2e-7, 0.09, 'probability')).toEqual(['< 0.001%', '9%']);
  });

  it('write an end near 1 as "> 1 − r"', () => {
    // (0.999997 − 0.4) / 1000 ≈ 0.0006 → r = 0.01%; 1 − 0.999997 = 0.0003% < 0.01%.
    expect(formatInterval(0.4, 0.999997, 'probability')).toEqual(['40%', '> 99.99%']);
  });

  it('keep the digits of an interval that is tiny throughout, and of ends above r', () => {
    // Width 0.0038 pp: r = 1e−7 = 0.00001%; both ends are above it.
    expect(formatInterval(0.0000032, 0.000041, 'probability')).toEqual(['0.00032%', '0.0041%']);
    expect(formatInterval(0.00012, 0.003, 'probability')).toEqual(['0.012%', '0.3%']);
    expect(formatInterval(0.248, 0.312, 'probability')).toEqual(['25%', '31%']);
    expect(formatInterval(0, 0.5, 'probability')).toEqual(['0%', '50%']);
  });

  it('leave other units and degenerate intervals to the value rule', () => {
    expect(formatInterval(-3, 40, null)).toEqual([`${MINUS}3`, '40']);
    expect(formatInterval(0.2, 0.2, 'probability')).toEqual(['20%', '20%']);
  });
});

describe('other numbers', () => {
  it('keep three significant digits, with separators from a thousand', () => {
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(3.14159)).toBe('3.14');
    expect(formatNumber(12_345)).toBe('12,300');
    expect(formatNumber(999_999)).toBe('1,000,000');
    expect(formatNumber(0)).toBe('0');
  });

  it('switch to scientific notation beyond a million and below 1e-4', () => {
    expect(formatNumber(2 ** 100)).toBe('1.27e+30');
    expect(formatNumber(-1.234e-5)).toBe(`${MINUS}1.23e${MINUS}5`);
  });

  it('write counts whole, and infinities and NaN as signs', () => {
    expect(formatCount(100_000)).toBe('100,000');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe(`${MINUS}∞`);
    expect(formatNumber(NaN)).toBe('–');
  });

  it('write indices and correlations with two decimals, tiny ones as <0.01', () => {
    expect(formatIndex(0.4567)).toBe('0.46');
    expect(formatIndex(-0.123)).toBe(`${MINUS}0.12`);
    expect(formatIndex(0.001)).toBe('<0.01');
    expect(formatIndex(0)).toBe('0.00');
  });

  it('write percentiles as ordinals', () => {
    expect(formatPercentile(0.05)).toBe('5th');
    expect(formatPercentile(0.995)).toBe('99.5th');
  });
});

describe('one minus sign', () => {
  it('is U+2212 everywhere, exponents included; never a hyphen', () => {
    const values = [-0.3, -1e-7, -2.5e9, -1234.5, -0.004, -1];
    const texts = values.flatMap((v) => [
      formatNumber(v),
      formatValue(v, 'probability'),
      formatDelta(v, null),
      formatDelta(v, 'probability'),
      formatIndex(v),
      tickFormat([v, 0], null)(v),
    ]);
    for (const t of texts) {
      expect(t, t).not.toMatch(/-/);
      expect(t, t).toContain(MINUS);
    }
  });
});

describe('tick labels', () => {
  it('have the precision of their step, the same for every tick', () => {
    const pct = tickFormat([0, 0.025, 0.05, 0.075], 'probability');
    expect([0, 0.025, 0.05, 0.075].map(pct)).toEqual(['0.0%', '2.5%', '5.0%', '7.5%']);
    const num = tickFormat([0, 500, 1000, 1500], null);
    expect([0, 500, 1000, 1500].map(num)).toEqual(['0', '500', '1,000', '1,500']);
    const small = tickFormat([-0.2, 0, 0.2], null);
    expect([-0.2, 0, 0.2].map(small)).toEqual([`${MINUS}0.2`, '0.0', '0.2']);
  });
});
