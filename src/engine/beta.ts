// The beta distribution's special functions: the regularized incomplete beta function in both
// tails (Lentz's continued fraction, accurate relative to each tail's own size), its density,
// and its inverse. Written here rather than taken from @stdlib because the fast quantile tables
// (beta-table.ts) need thousands of evaluations per distribution: this one costs about a tenth
// of @stdlib's betainc, and the tests hold it to @stdlib's values.

import gammaln from '@stdlib/math-base-special-gammaln';

/** ln B(a, b). */
export function lnBeta(a: number, b: number): number {
  return gammaln(a) + gammaln(b) - gammaln(a + b);
}

const TINY = 1e-300;

/** The continued fraction of I_x(a, b) (Numerical Recipes' betacf, modified Lentz). */
function betacf(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 20000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 2.2e-16) break;
  }
  return h;
}

/**
 * P(X ≤ x) for X ~ Beta(a, b) (`upper` false) or P(X > x) (`upper` true), each computed without
 * cancellation in its own tail. `lnB` is ln B(a, b).
 */
export function betaTail(x: number, a: number, b: number, lnB: number, upper: boolean): number {
  if (!(x > 0)) return x === 0 || x < 0 ? (upper ? 1 : 0) : NaN;
  if (x >= 1) return upper ? 0 : 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - lnB);
  if (x < (a + 1) / (a + b + 2)) {
    const v = (front * betacf(x, a, b)) / a;
    return upper ? 1 - v : v;
  }
  const v = (front * betacf(1 - x, b, a)) / b;
  return upper ? v : 1 - v;
}

/** The Beta(a, b) density at x. */
export function betaPdf(x: number, a: number, b: number, lnB: number): number {
  if (x < 0 || x > 1) return 0;
  if (x === 0) return a < 1 ? Infinity : a === 1 ? Math.exp(-lnB) : 0;
  if (x === 1) return b < 1 ? Infinity : b === 1 ? Math.exp(-lnB) : 0;
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnB);
}

/**
 * The x in (0, 1) with P(X ≤ x) = p, for p ≤ 1/2 in practice, by Newton's method on ln P against
 * ln x from the guess `x0` (the lower tail is close to a power of x, so this converges in a few
 * steps from anywhere and keeps full relative precision deep in the tail).
 */
export function lowerTailInverse(p: number, a: number, b: number, lnB: number, x0: number): number {
  if (!(p > 0)) return 0;
  const lp = Math.log(p);
  let y = Math.log(Math.min(Math.max(x0, 1e-300), 0.999999));
  for (let it = 0; it < 100; it++) {
    const x = Math.exp(y);
    const F = betaTail(x, a, b, lnB, false);
    const g = Math.log(F) - lp;
    // d ln F / d ln x = x f(x) / F
    const slope = Math.exp(a * y + (b - 1) * Math.log1p(-x) - lnB) / F;
    let next = y - g / slope;
    if (!(next < 0)) next = Math.log((1 + x) / 2);
    // Newton's error squares at each step, and ln F is close to linear in ln x: after a step
    // below 1e-9 the error left is below 1e-17.
    if (Math.abs(next - y) <= 1e-9 * Math.max(1, Math.abs(y))) return Math.exp(next);
    y = next;
  }
  return Math.exp(y);
}

/** A first guess at the Beta(a, b) quantile (Numerical Recipes' invbetai, after AS 109). */
function guess(p: number, a: number, b: number): number {
  if (a >= 1 && b >= 1) {
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    let x = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) x = -x;
    const al = (x * x - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (x * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    return a / (a + b * Math.exp(2 * w));
  }
  const lna = Math.log(a / (a + b));
  const lnb = Math.log(b / (a + b));
  const t = Math.exp(a * lna) / a;
  const u = Math.exp(b * lnb) / b;
  const w = t + u;
  return p < t / w ? Math.pow(a * w * p, 1 / a) : 1 - Math.pow(b * w * (1 - p), 1 / b);
}

/**
 * The Beta(a, b) quantile at p, accurate to a few units in the last place of the smaller of x and
 * 1 − x. The upper half is solved as the lower tail of Beta(b, a) at 1 − p, so values near 1
 * keep the precision their distance from 1 has.
 */
export function betaQuantile(p: number, a: number, b: number, lnB = lnBeta(a, b)): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const median = guess(0.5, a, b);
  const lower = betaTail(median, a, b, lnB, false) >= p;
  if (lower) {
    const g = guess(p, a, b);
    return lowerTailInverse(p, a, b, lnB, g > 0 && g < 1 ? g : Math.min(median, 0.5));
  }
  const g = 1 - guess(p, a, b);
  return 1 - lowerTailInverse(1 - p, b, a, lnB, g > 0 && g < 1 ? g : Math.min(1 - median, 0.5));
}
