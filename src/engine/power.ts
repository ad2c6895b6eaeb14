// x ^ y for the compiled column loops. A whole exponent from 0 to 64 (a chain of n steps, a count
// of generations) is computed by repeated squaring: about a tenth of Math.pow's time, which V8
// spends on the general algorithm whatever the exponent. Each of the at most 2·log2(y) products
// rounds once, and an error made in x^(2^k) is carried to the power 2^(j−k) by what follows, so
// the result is within (y − 1) units of roundoff of x^y, relative (15 at y = 16, 63 at y = 64;
// Math.pow is within one), while no product underflows. Anything else goes to Math.pow.

/** Largest exponent taken by repeated squaring; beyond it the error bound (y − 1)·2^-53 grows. */
export const SQUARING_MAX = 64;

export function power(x: number, y: number): number {
  if (!((y | 0) === y && y >= 0 && y <= SQUARING_MAX)) return Math.pow(x, y);
  let r = 1;
  let s = x;
  for (let n = y; n > 0; n >>= 1) {
    if (n & 1) r *= s;
    if (n > 1) s *= s;
  }
  return r;
}
