// Exact sums: the correctly rounded sum of any doubles, whatever their order, against BigInt
// arithmetic on their exact binary values.

import { describe, it, expect } from 'vitest';
import { ExactSum } from '../../src/engine/exact-sum.ts';
import { streamFor } from '../../src/engine/random.ts';

/** The exact value of a double as a BigInt multiple of 2^-1074. */
function units(x: number): bigint {
  const bits = new BigUint64Array(new Float64Array([x]).buffer)[0]!;
  const e = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const m = e === 0 ? frac : frac | (1n << 52n);
  const v = m << BigInt(Math.max(e, 1) - 1);
  return x < 0 ? -v : v;
}

/** A BigInt multiple of 2^-1074 rounded to the nearest double (ties to even), via a sticky bit. */
function toDouble(v: bigint): number {
  const neg = v < 0n;
  if (neg) v = -v;
  let shift = Math.max(0, v.toString(2).length - 64);
  let top = v >> BigInt(shift);
  if ((v & ((1n << BigInt(shift)) - 1n)) !== 0n) {
    top = (top << 1n) | 1n;
    shift -= 1;
  }
  const e = shift - 1074;
  const half = Math.trunc(e / 2);
  const r = Number(top) * 2 ** half * 2 ** (e - half);
  return neg ? -r : r;
}

describe('exact sums', () => {
  it('are the correctly rounded sum, in any order, of terms spanning the whole range of doubles', () => {
    const rng = streamFor(1, 'exact-sum');
    for (let trial = 0; trial < 300; trial++) {
      const xs: number[] = [];
      const n = 1 + rng.int(60);
      for (let i = 0; i < n; i++) {
        const kind = rng.uniform();
        const sign = rng.uniform() < 0.5 ? -1 : 1;
        xs.push(
          kind < 0.4
            ? sign * 10 ** (rng.uniform() * 600 - 300)
            : kind < 0.6
              ? sign * 1e16
              : kind < 0.7
                ? sign * Number.MIN_VALUE * rng.int(1000)
                : sign * rng.uniform(),
        );
      }
      const want = toDouble(xs.reduce((a, x) => a + units(x), 0n));
      const forward = new ExactSum();
      for (const x of xs) forward.add(x);
      const backward = new ExactSum();
      for (const x of [...xs].reverse()) backward.add(x);
      expect(forward.value()).toBe(want);
      expect(backward.value()).toBe(want);
    }
  });

  it('cancels exactly: 1e100 + 1 − 1e100 is 1, and ten 0.1s are exactly 1 after rounding', () => {
    const a = new ExactSum();
    for (const x of [1e100, 1, -1e100]) a.add(x);
    expect(a.value()).toBe(1);
    const b = new ExactSum();
    for (let i = 0; i < 10; i++) b.add(0.1);
    expect(b.value()).toBe(1);
  });

  it('merges and snapshots (another thread’s partial sums) without changing the sum', () => {
    const a = new ExactSum();
    const b = new ExactSum();
    for (let i = 1; i <= 1000; i++) (i % 2 ? a : b).add(1 / i);
    const whole = new ExactSum();
    for (let i = 1; i <= 1000; i++) whole.add(1 / i);
    a.merge(ExactSum.from(b.snapshot()));
    expect(a.value()).toBe(whole.value());
  });
});
