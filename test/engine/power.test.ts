// x ^ y in compiled expressions: whole exponents up to SQUARING_MAX by repeated squaring, within
// (y − 1) units of roundoff of the exact power (computed here in BigInt from the doubles' exact
// binary values); every other exponent exactly as Math.pow.

import { describe, it, expect } from 'vitest';
import { power, SQUARING_MAX } from '../../src/engine/power.ts';
import { compileColumn } from '../../src/engine/compile.ts';
import { parseExpression, inlineSource } from '../../src/model/expression.ts';
import { streamFor } from '../../src/engine/random.ts';

/** A finite nonzero normal double as m · 2^e with m a 53-bit integer. */
function parts(x: number): { m: bigint; e: bigint; neg: boolean } {
  const bits = new BigUint64Array(new Float64Array([x]).buffer)[0]!;
  const e = Number((bits >> 52n) & 0x7ffn);
  const m = (bits & ((1n << 52n) - 1n)) | (1n << 52n);
  return { m, e: BigInt(e - 1075), neg: x < 0 };
}

/** |computed − x^n| / |x^n| ≤ bound, decided exactly: both as integers times a common power of 2. */
function withinRelative(computed: number, x: number, n: number, bound: { num: bigint; den: bigint }): boolean {
  const a = parts(x);
  const exactM = a.m ** BigInt(n);
  const exactE = a.e * BigInt(n);
  const c = parts(computed);
  if (c.neg !== (a.neg && n % 2 === 1)) return false;
  const E = exactE < c.e ? exactE : c.e;
  const exact = exactM << (exactE - E);
  const got = c.m << (c.e - E);
  const diff = got > exact ? got - exact : exact - got;
  return diff * bound.den <= bound.num * exact;
}

describe('power', () => {
  it('takes whole exponents 0..64 within (y − 1)·2^-53 of the exact power, relative', () => {
    const rng = streamFor(3, 'power');
    let worst = 0;
    for (let trial = 0; trial < 3000; trial++) {
      // Magnitudes from 1e-4 to 1e4, both signs: no product underflows or overflows at y ≤ 64.
      const x = (rng.uniform() < 0.5 ? -1 : 1) * Math.exp((rng.uniform() * 2 - 1) * Math.log(1e4));
      const n = rng.int(SQUARING_MAX + 1);
      const y = power(x, n);
      if (n === 0) {
        expect(y).toBe(1);
        continue;
      }
      if (n === 1) {
        expect(y).toBe(x);
        continue;
      }
      // γ(n−1) = (n−1)u / (1 − (n−1)u), u = 2^-53: each rounding's error is carried to the power
      // of how often its result is used, and those powers add up to n − 1.
      const k = BigInt(n - 1);
      const ok = withinRelative(y, x, n, { num: k, den: (1n << 53n) - k });
      if (!ok) throw new Error(`power(${x}, ${n}) = ${y} is outside (n − 1) units of roundoff of x^n`);
      worst = Math.max(worst, Math.abs(y / Math.pow(x, n) - 1));
    }
    // Not a bound the test needs, but a check that the comparison above can tell: the errors are
    // not all zero.
    expect(worst).toBeGreaterThan(0);
  });

  it('gives IEEE results for zeros, infinities and NaN with whole exponents', () => {
    expect(power(NaN, 0)).toBe(1);
    expect(power(0, 0)).toBe(1);
    expect(Object.is(power(-0, 3), -0)).toBe(true);
    expect(Object.is(power(-0, 2), 0)).toBe(true);
    expect(power(-Infinity, 3)).toBe(-Infinity);
    expect(power(-Infinity, 2)).toBe(Infinity);
    expect(power(NaN, 2)).toBeNaN();
    expect(power(-2, 5)).toBe(-32);
    expect(power(1e200, 2)).toBe(Infinity);
    expect(power(1e-200, 2)).toBe(0);
  });

  it('is Math.pow for every other exponent', () => {
    const cases: [number, number][] = [
      [0.98, 1000],
      [0.7, 65],
      [2, -3],
      [0.3, 0.5],
      [-8, 1 / 3],
      [5, 2 ** 31],
      [1, NaN],
      [3, Infinity],
      [0.5, -0.5],
    ];
    for (const [x, y] of cases) expect(Object.is(power(x, y), Math.pow(x, y))).toBe(true);
  });

  it('is what a compiled expression uses for ^ and pow()', () => {
    const cols = [Float64Array.from([0.9, 1.1, -1.3]), Float64Array.from([3, 7, 64])];
    for (const text of ['a ^ b', 'pow(a, b)']) {
      const parsed = parseExpression(text, inlineSource(text, 'test'));
      if (!parsed.ok) throw new Error(parsed.error.message);
      const out = new Float64Array(3);
      compileColumn(parsed.value.expr, (name) => (name === 'a' ? 0 : name === 'b' ? 1 : -1))(cols, out, 3);
      expect([...out]).toEqual([0, 1, 2].map((i) => power(cols[0]![i]!, cols[1]![i]!)));
    }
  });
});
