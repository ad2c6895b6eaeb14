// The fixed point of weight sums, by hand: the limbs' units for a bound of 2^bits, the bits of a
// bound above a largest weight with room to spare, and a sum's value from its two limbs.

import { describe, expect, it } from 'vitest';
import { LIMB, boundBits, fixedValue, weightScale } from '../../src/engine/fixed-weight.ts';

describe('weightScale', () => {
  it('gives weights below 2^bits a high limb of 2^(bits + 27 − 53) and a low limb 2^52 times finer', () => {
    const s = weightScale(10);
    expect(s.bound).toBe(1024);
    expect(s.highUnit).toBe(2 ** -16);
    expect(s.lowUnit).toBe(2 ** -68);
    expect(s.toHigh).toBe(2 ** 16);
    // The largest weight has fewer than 2^26 high units: 2^27 of them sum below 2^53, exactly.
    expect((s.bound - s.highUnit) * s.toHigh).toBeLessThan(2 ** 26);
  });

  it('keeps the bits within the range of a double', () => {
    expect(weightScale(5000).bits).toBe(1000);
    expect(weightScale(-5000).bits).toBe(-900);
    expect(weightScale(-5000).lowUnit).toBeGreaterThan(0);
  });
});

describe('boundBits', () => {
  it('is the bits just above the largest weight, plus the guard', () => {
    expect(boundBits(1, 0)).toBe(1); // 1 < 2^1
    expect(boundBits(1000, 0)).toBe(10); // 512 ≤ 1000 < 1024
    expect(boundBits(1024, 0)).toBe(11);
    expect(boundBits(0.3, 4)).toBe(-1 + 4); // 0.25 ≤ 0.3 < 0.5
  });

  it('is the guard alone when there is no positive, finite largest weight', () => {
    for (const max of [0, -1, NaN, Infinity]) expect(boundBits(max, 5)).toBe(5);
  });
});

describe('fixedValue', () => {
  it('is high + low/2^52 high units', () => {
    const s = weightScale(10);
    expect(LIMB).toBe(2 ** 52);
    expect(fixedValue(3, LIMB / 2, s)).toBe(3.5 * 2 ** -16);
    expect(fixedValue(0, 1, s)).toBe(2 ** -68);
  });
});
