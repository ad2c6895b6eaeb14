// A later pass's region of a value (bracket-pass.ts: 2k + 1 for the k-th bracket, closed at both
// ends, even numbers for the gaps), looked up by the value's 20-bit key: it must be the region the
// definition gives, counted here by hand from the bounds, for values on and next to every bound,
// inside bins split by a bound, across signs, zeros and binades.

import { describe, it, expect } from 'vitest';
import { RegionTable } from '../../src/engine/region-table.ts';
import { HI, ZERO_KEY, key20 } from '../../src/engine/key-histogram.ts';

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
const keyOf = (x: number) => {
  f64[0] = x;
  return x === 0 ? ZERO_KEY : key20(i32[HI]!);
};

/** The next double above (dir 1) or below (dir −1) a finite nonzero x. */
function step(x: number, dir: 1 | -1): number {
  if (x === 0) return dir * Number.MIN_VALUE;
  f64[0] = x;
  const big = new BigInt64Array(f64.buffer);
  big[0]! += BigInt((x > 0 ? 1 : -1) * dir);
  return f64[0]!;
}

/** The definition: 2k + 1 inside bracket k = [lo, hi]; 2k below bracket k and above bracket k − 1. */
function byHand(brackets: [number, number][], x: number): number {
  for (let k = 0; k < brackets.length; k++) {
    const [lo, hi] = brackets[k]!;
    if (x < lo) return 2 * k;
    if (x <= hi) return 2 * k + 1;
  }
  return 2 * brackets.length;
}

function check(brackets: [number, number][], xs: number[]): void {
  const table = new RegionTable(Float64Array.from(brackets.flat()));
  for (const x of xs) expect([x, table.region(x, keyOf(x))]).toEqual([x, byHand(brackets, x)]);
}

/** Every bound, its neighbours, and values spread over the signs and binades. */
function probes(brackets: [number, number][], seed: number): number[] {
  const xs = [0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1];
  for (const b of brackets.flat()) xs.push(b, step(b, 1), step(b, -1), step(step(b, 1), 1), step(step(b, -1), -1));
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 4000; i++) {
    const scale = 2 ** Math.floor(next() * 40 - 20);
    xs.push((next() < 0.5 ? -1 : 1) * next() * scale);
  }
  // Values dense around the brackets: the bins that hold a bound.
  for (const [lo, hi] of brackets)
    for (let i = 0; i < 200; i++) xs.push(lo + (hi - lo) * (next() * 1.2 - 0.1), lo * (1 + (next() - 0.5) * 1e-3));
  return xs.filter((x) => Number.isFinite(x)); // a pass skips the rest
}

describe('region table', () => {
  it('gives the region the bounds define, on, beside and between them', () => {
    const brackets: [number, number][] = [
      [-3.5, -2.75],
      [-1e-9, 0],
      [0.15771484375, 0.15820312499999997], // a whole 20-bit bin
      [0.45, 0.450000001], // inside one bin
      [0.5, 0.5], // a single value
      [1.0000000000000002, 7],
      [1e300, Number.MAX_VALUE],
    ];
    check(brackets, probes(brackets, 11));
  });

  it('with no brackets every value is region 0, and one bracket splits the line in three', () => {
    check([], probes([], 3));
    check([[2, 4]], [...probes([[2, 4]], 5), 1.999, 2, 3, 4, 4.0001]);
    expect(new RegionTable(Float64Array.of(2, 4)).region(3, keyOf(3))).toBe(1);
    expect(new RegionTable(Float64Array.of(2, 4)).region(4.5, keyOf(4.5))).toBe(2);
  });

  it('counts −0 and +0 as one value, at a bound of either sign', () => {
    for (const z of [0, -0]) {
      check([[z, 1]], [0, -0, -Number.MIN_VALUE, Number.MIN_VALUE]);
      check([[-1, z]], [0, -0, -Number.MIN_VALUE, Number.MIN_VALUE]);
    }
  });
});
