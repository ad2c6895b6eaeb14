// The count, range and total weight of a column's finite values, by hand: NaN and ±Infinity left
// out, and with weights only the rows of positive weight, their weights summed.

import { describe, expect, it } from 'vitest';
import { columnRange } from '../../src/stats/column-range.ts';

const col = (...v: number[]) => Float64Array.from(v);

describe('the range of a column', () => {
  it('counts the finite values and takes their least and greatest', () => {
    expect(columnRange(col(3, NaN, -2, Infinity, 7, -Infinity))).toEqual({ count: 3, min: -2, max: 7, total: 3 });
  });

  it('with weights, counts only the rows of positive weight and sums their weights', () => {
    // Rows 5 (w 0) and −9 (w −1) are left out; NaN's weight does not count.
    const r = columnRange(col(1, 5, -9, 4, NaN), col(0.5, 0, -1, 2, 3));
    expect(r).toEqual({ count: 2, min: 1, max: 4, total: 2.5 });
  });

  it('is empty, with no least or greatest, when no row is included', () => {
    expect(columnRange(col(NaN, Infinity))).toEqual({ count: 0, min: Infinity, max: -Infinity, total: 0 });
    expect(columnRange(col(1, 2), col(0, 0))).toEqual({ count: 0, min: Infinity, max: -Infinity, total: 0 });
  });
});
