// What only a chart's axis adds to the shared number formats: tick labels chosen by the kind of
// scale (a log scale's decades by the general rule, a linear scale's at its step's precision)
// and the axis title with its unit.

import { describe, expect, it } from 'vitest';
import * as d3 from 'd3';
import { axisTitle, formatNumber, formatPercent, tickFormatter } from '../../../src/web/charts/format.ts';

describe('tickFormatter', () => {
  it("writes a linear scale's ticks with the decimals their step needs, all alike", () => {
    const linear = d3.scaleLinear().domain([0, 1]);
    const f = tickFormatter(linear, [0, 0.5, 1], 'kg');
    expect([0, 0.5, 1].map(f)).toEqual(['0.0', '0.5', '1.0']);
  });

  it('writes probabilities in percent, with the decimals of the percent step', () => {
    const f = tickFormatter(d3.scaleLinear(), [0, 0.025, 0.05], 'probability');
    expect([0, 0.025, 0.05].map(f)).toEqual(['0.0%', '2.5%', '5.0%']);
  });

  it("writes a log scale's ticks each by the general rule, percent for probabilities", () => {
    const log = d3.scaleLog().domain([1, 1000]);
    expect(tickFormatter(log, [1, 10, 100, 1000], null)).toBe(formatNumber);
    expect(tickFormatter(log, [0.001, 0.01], 'share')).toBe(formatPercent);
  });
});

describe('axisTitle', () => {
  it('puts the unit in brackets after the label, or after the fallback when there is no label', () => {
    expect(axisTitle('Cost', 'USD', 'x')).toBe('Cost (USD)');
    expect(axisTitle(null, 'USD', 'value')).toBe('value (USD)');
    expect(axisTitle('', null, 'value')).toBe('value');
  });
});
