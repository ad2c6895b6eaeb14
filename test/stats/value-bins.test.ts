// Bins for order statistics: equal-width bins by hand, bins by representation for wide
// non-negative ranges, monotone in value either way (against a sort), weights and left-out rows,
// the ranges that cannot be split, and gathering the values of chosen bins.

import { describe, expect, it } from 'vitest';
import { binColumn, gatherBins } from '../../src/stats/value-bins.ts';
import { rng } from '../analysis/helpers.ts';

const f64 = (...xs: number[]) => Float64Array.from(xs);

/** Checks that sorting the counted rows by value never lowers the bin, and that counts add up. */
function expectMonotone(col: Float64Array, min: number, max: number, maxBins: number): number[] {
  const b = binColumn(col, null, min, max, maxBins)!;
  const bins = [...b.binOf];
  const rows = [...col.keys()].filter((i) => Number.isFinite(col[i]!)).sort((i, j) => col[i]! - col[j]!);
  for (let q = 1; q < rows.length; q++)
    if (bins[rows[q]!]! < bins[rows[q - 1]!]!) throw new Error(`${col[rows[q]!]} binned before ${col[rows[q - 1]!]}`);
  expect(b.counts.length).toBeLessThanOrEqual(Math.max(2, maxBins));
  expect(b.counts.reduce((s, x) => s + x, 0)).toBe(rows.length);
  const recount = new Array<number>(b.counts.length).fill(0);
  for (const r of rows) recount[bins[r]!]!++;
  expect([...b.counts]).toEqual(recount);
  expect(bins[rows[0]!]).toBeLessThan(bins[rows.at(-1)!]!);
  return bins;
}

describe('binColumn by width', () => {
  it('puts [2, 12] into four bins of 2.5, the maximum in the last, non-finite values in none', () => {
    // By width, not by representation: 12 is less than 1,024 times 2.
    const b = binColumn(f64(2, 3, 4.5, 11.99, 12, NaN, Infinity, 9.5), null, 2, 12, 4)!;
    expect([...b.binOf]).toEqual([0, 0, 1, 3, 3, -1, -1, 3]);
    expect([...b.counts]).toEqual([2, 1, 0, 3]);
    expect(b.weight).toBeNull();
  });

  it('counts rows of positive weight only, unless asked to count all, and sums the positive weights', () => {
    const col = f64(1, 2, 3, 4);
    const w = f64(0.5, 0, -1, 2);
    const b = binColumn(col, w, 1, 4, 2)!;
    expect([...b.binOf]).toEqual([0, -1, -1, 1]);
    expect([...b.counts]).toEqual([1, 1]);
    expect([...b.weight!]).toEqual([0.5, 2]);
    const all = binColumn(col, w, 1, 4, 2, true)!;
    expect([...all.binOf]).toEqual([0, 0, 1, 1]);
    expect([...all.counts]).toEqual([2, 2]);
    expect([...all.weight!]).toEqual([0.5, 2]);
  });

  it('is monotone in value on random columns of both signs', () => {
    const r = rng(5);
    const col = Float64Array.from({ length: 2000 }, () => (r() - 0.3) * 1e3);
    col[7] = NaN;
    expectMonotone(col, Math.min(...col.filter(Number.isFinite)), Math.max(...col.filter(Number.isFinite)), 64);
  });

  it('cannot split an empty range, one below the smallest double, or one wider than the doubles', () => {
    expect(binColumn(f64(1, 1), null, 1, 1, 8)).toBeNull();
    expect(binColumn(f64(0, 5e-324), null, 0, 5e-324, 8)).toBeNull();
    expect(binColumn(f64(-1.7e308, 1.7e308), null, -1.7e308, 1.7e308, 8)).toBeNull();
  });
});

describe('binColumn by representation', () => {
  it('spreads a heavy tail over binades, monotone in value, with zeros and tiny values in the first bin', () => {
    const r = rng(6);
    const col = Float64Array.from({ length: 3000 }, () => Math.exp(30 * (r() - 0.5)));
    col[0] = 0;
    col[1] = 1e-300;
    col[2] = Infinity;
    const max = Math.max(...col.filter(Number.isFinite));
    const bins = expectMonotone(col, 0, max, 1024);
    expect(bins[0]).toBe(0);
    expect(bins[1]).toBe(0);
    expect(bins[2]).toBe(-1);
    // Width relative to the value: 1e-3 and 2e-3 (one binade apart) never share a bin, while by
    // width over [0, max ≈ e^15] they would both fall in the first of 1,024.
    const c = f64(0, 1e-3, 2e-3, 1, max);
    const b = binColumn(c, null, 0, max, 1024)!;
    expect(new Set(b.binOf).size).toBe(5);
  });

  it('keeps the weights of the rows it counts', () => {
    const b = binColumn(f64(0, 1, 1e6), f64(1, 2, 3), 0, 1e6, 16)!;
    expect(b.counts.reduce((s, x) => s + x, 0)).toBe(3);
    expect(b.weight!.reduce((s, x) => s + x, 0)).toBe(6);
    expect(b.binOf[0]).toBe(0);
    expect(b.binOf[2]).toBe(b.counts.length - 1);
  });
});

describe('gatherBins', () => {
  it('returns the values (and weights) of each chosen bin in row order, once per entry', () => {
    const col = f64(9, 1, 6, 2, 8, 5.5, NaN);
    const w = f64(0.9, 0.1, 0.6, 0.2, 0.8, 0.5, 1);
    const b = binColumn(col, w, 1, 10, 2)!; // bins [1, 5.5) and [5.5, 10]
    expect([...b.binOf]).toEqual([1, 0, 1, 0, 1, 1, -1]);
    const got = gatherBins(col, w, b, [1, 0, 1]);
    expect(got.values.map((v) => [...v])).toEqual([
      [9, 6, 8, 5.5],
      [1, 2],
      [9, 6, 8, 5.5],
    ]);
    expect(got.weights.map((v) => [...v])).toEqual([
      [0.9, 0.6, 0.8, 0.5],
      [0.1, 0.2],
      [0.9, 0.6, 0.8, 0.5],
    ]);
    const plain = binColumn(col, null, 1, 10, 2)!;
    const values = gatherBins(col, null, plain, [0]);
    expect(values.values.map((v) => [...v])).toEqual([[1, 2]]);
    expect(values.weights).toEqual([]);
  });
});
