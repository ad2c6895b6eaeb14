// Numbers on the command line go through the shared d3-format locale: separators, significant
// digits, a compact count, one minus sign.

import { describe, expect, it } from 'vitest';
import { compact, num, pct, samplerName, table } from '../../src/cli/format.ts';

describe('command-line numbers', () => {
  it.each([
    [67680, 4, '67,680'],
    [1234567, 4, '1,235,000'],
    [0.12345, 4, '0.1235'],
    [-0.5, 4, '\u22120.5'],
    [Math.exp(1000 * Math.log(0.98)), 4, '1.683e\u22129'],
    [2.5e12, 3, '2.5e+12'],
    [0, 4, '0'],
    [Infinity, 4, '∞'],
    [NaN, 4, 'NaN'],
  ])('num(%d, %d) is %s', (x, digits, text) => expect(num(x, digits)).toBe(text));

  it.each([
    [8_234_012.4, '8.23M'],
    [10_000_000, '10M'],
    [2.5e9, '2.5B'],
    [67_680, '67.7k'],
    [9_999, '9,999'],
    [512.4, '512'],
  ])('compact(%d) is %s', (n, text) => expect(compact(n)).toBe(text));

  it('percent keeps two significant digits of the distance to 0 or 1', () => {
    expect([0.25, 0.053, 0.00012, 0.9997].map(pct)).toEqual(['25%', '5.3%', '0.012%', '99.97%']);
  });

  it('names every sampler', () => {
    expect(['mc', 'lhs', 'sobol'].map(samplerName)).toEqual(['Monte Carlo', 'Latin hypercube', "scrambled Sobol'"]);
  });

  it('aligns numbers right, signed ones included', () => {
    expect(
      table([
        ['a', 'b'],
        ['x', '\u22121.5'],
        ['y', '10'],
      ]),
    ).toEqual(['a  b', 'x  \u22121.5', 'y    10']);
  });
});
