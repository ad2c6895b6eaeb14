// A quantity's running moments over a run's segments, against hand computation: count, mean, sd,
// min and max of the finite values (1..10: mean 5.5, sd √(110/12)); the weighted mean and sd of
// the rows of positive weight with Kish's effective sample size; the same totals whatever thread
// summed a segment and the order the segments are merged in; and values far from zero kept
// accurate by the shift.

import { describe, expect, it } from 'vitest';
import { Moments, firstFinite } from '../../src/engine/moments.ts';

const col = (...v: number[]) => Float64Array.from(v);
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('running moments', () => {
  it('give the count, mean, sd, min and max of the finite values', () => {
    const m = new Moments(1, false);
    m.add(col(1, 2, NaN, 3, 4, 5), null, 6);
    m.add(col(6, Infinity, 7, 8, 9, 10, 99), null, 6); // the row past m = 6 is not read
    const s = m.prior();
    // 1..10: mean 5.5, sample variance n(n + 1)/12 = 110/12.
    expect([s.count, s.min, s.max]).toEqual([10, 1, 10]);
    expect(s.mean).toBe(5.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(110 / 12), 13);
    expect(new Moments(0, false).prior()).toMatchObject({ count: 0, mean: NaN, sd: NaN });
  });

  it('keep the spread of values far from zero, squared about the shift', () => {
    // 1e9 + 1..4: the spread of 1..4, sample variance 5/3; 1e18-sized squares would lose it.
    const x = col(...range(1, 4).map((v) => 1e9 + v));
    const m = new Moments(firstFinite(x, 4), false);
    m.add(x, null, 4);
    expect(m.prior().mean).toBe(1e9 + 2.5);
    expect(m.prior().sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
  });

  it('weigh the rows of positive weight, with Kish’s effective sample size', () => {
    // x = 1, 2, 3 with w = 1, 2, 1 (and a row of weight 0, one of −1): mean 8/4 = 2,
    // sd √(Σw(x − m)²/Σw) = √(2/4), ess (Σw)²/Σw² = 16/6; the prior counts every finite row.
    const m = new Moments(1, true);
    m.add(col(1, 2, 50, 3, -50), col(1, 2, 0, 1, -1), 5);
    const p = m.posterior();
    expect([p.count, p.min, p.max, p.total, p.mean]).toEqual([3, 1, 3, 4, 2]);
    expect(p.sd).toBeCloseTo(Math.sqrt(0.5), 14);
    expect(p.ess).toBeCloseTo(16 / 6, 14);
    expect(m.prior().count).toBe(5);
    expect(new Moments(0, true).posterior()).toMatchObject({ count: 0, mean: NaN, total: 0, ess: 0 });
  });

  it('give the same totals, bit for bit, whatever thread sums a segment and in what order they are merged', () => {
    const values = range(1, 300).map((i) => Math.sin(i) * 1e3 + 1 / i);
    const weights = range(1, 300).map((i) => (i % 7) / 3);
    const ends = [0, 17, 120, 121, 300];
    const segments = ends.slice(1).map((end, i) => ({
      x: col(...values.slice(ends[i], end)),
      w: col(...weights.slice(ends[i], end)),
      m: end - ends[i]!,
    }));
    // One accumulator adding the segments in order, as one thread would...
    const inOrder = new Moments(values[0]!, true);
    for (const g of segments) inOrder.add(g.x, g.w, g.m);
    // ...and one per segment, sent as messages and merged last first, as threads would.
    const merged = new Moments(values[0]!, true);
    for (const g of [...segments].reverse()) {
      const one = new Moments(values[0]!, true);
      one.add(g.x, g.w, g.m);
      merged.merge(Moments.from(one.toMessage()));
    }
    expect(merged.prior()).toEqual(inOrder.prior());
    expect(merged.posterior()).toEqual(inOrder.posterior());
    expect(merged.prior().count).toBe(300);
  });

  it('take the first finite value of a segment as the shift, 0 when there is none', () => {
    expect(firstFinite(col(NaN, -Infinity, 3, 4), 4)).toBe(3);
    expect(firstFinite(col(NaN, 5), 1)).toBe(0);
  });
});
