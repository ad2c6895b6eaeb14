// Selection without a full sort: the k-th smallest in place against sorting, and type-7 quantiles
// (R's default) of a column that may be reordered, against R and the definition.

import { describe, it, expect } from 'vitest';
import { rng } from '../analysis/helpers.ts';
import { select, quantilesInPlace } from '../../src/stats/select.ts';
import { PS, randomColumn, type7 } from './helpers.ts';

describe('select', () => {
  it('puts the k-th smallest at k with smaller values before and larger after, for small and large arrays with ties', () => {
    const r = rng(1);
    for (const [n, distinct] of [
      [1, 1],
      [2, 2],
      [7, 3],
      [100, 1000],
      [601, 10],
      [5000, 100000],
      [20000, 50],
    ] as const) {
      for (let rep = 0; rep < 5; rep++) {
        const a = randomColumn(r, n, distinct);
        const sorted = [...a].sort((x, y) => x - y);
        const k = Math.floor(r() * n);
        select(a, k);
        expect(a[k]).toBe(sorted[k]);
        for (let i = 0; i < k; i++) if (a[i]! > a[k]!) throw new Error(`a[${i}] > a[${k}]`);
        for (let i = k + 1; i < n; i++) if (a[i]! < a[k]!) throw new Error(`a[${i}] < a[${k}]`);
        expect([...a].sort((x, y) => x - y)).toEqual(sorted);
      }
    }
  });
});

describe('quantilesInPlace', () => {
  it('match R: quantile(1:10, c(.05, .25, .5, .75, .95)) = 1.45 3.25 5.5 7.75 9.55', () => {
    const got = quantilesInPlace(
      Float64Array.from({ length: 10 }, (_, i) => 10 - i),
      PS,
    );
    [1.45, 3.25, 5.5, 7.75, 9.55].forEach((want, i) => expect(got[i]).toBeCloseTo(want, 12));
  });

  it('match the type-7 definition on random columns with ties, of every size', () => {
    const r = rng(2);
    for (const n of [1, 2, 3, 10, 599, 601, 1000, 30000]) {
      for (const distinct of [3, 1e6]) {
        const a = randomColumn(r, n, distinct);
        const sorted = [...a].sort((x, y) => x - y);
        const got = quantilesInPlace(a, PS);
        PS.forEach((p, i) => expect(got[i]).toBe(type7(sorted, p)));
      }
    }
  });

  it('an empty column has NaN quantiles', () => {
    expect(quantilesInPlace(new Float64Array(0), PS).every(Number.isNaN)).toBe(true);
  });
});
