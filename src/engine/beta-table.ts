// A fast quantile function for one beta distribution with constant parameters: built once per
// (a, b), it turns a uniform into a draw in about the time of two multiplications and a table
// read, exact to 1e-10 relative to min(x, 1 − x). Written here because the per-sample inverse
// (beta.ts, or @stdlib's) costs microseconds; with the table, Latin hypercube and quasi-Monte
// Carlo cost what plain Monte Carlo does, and plain Monte Carlo draws betas faster than the
// gamma-ratio method.
//
// Layout: u in [U_LO, 1 − U_LO] is split into K equal intervals, each holding the quintic
// Hermite interpolant of x(u) from x, dx/du and d²x/du² at its ends (dx/du = 1/f(x) in closed
// form); the tails below U_LO and above 1 − U_LO hold ln x against ln u (resp. ln(1 − x)
// against ln(1 − u)), which is nearly linear there, on intervals of 1/8 of an octave down to
// U_LO · 2^-40. Node values come from Newton's method on the incomplete beta function, marching
// from node to node. A table is checked at interval midpoints when built; a distribution too
// extreme to meet the tolerance gets no table (its callers fall back to exact methods).

import { betaQuantile, lnBeta, lowerTailInverse } from './beta.ts';

const U_LO = 1 / 32;
const K = 1024;
const PER_OCT = 8;
const OCTS = 40;
const TAIL = PER_OCT * OCTS;
/** Relative tolerance the midpoint check holds a table to (the promise is 1e-10). */
const CHECK_TOL = 1e-11;

export interface BetaTable {
  a: number;
  b: number;
  lnB: number;
  /** K intervals × 6 polynomial coefficients of x(t), t in [0, 1] across the interval. */
  center: Float64Array;
  /** TAIL intervals × 6 coefficients of ln x (resp. ln(1 − x)) against the tail position. */
  lowTail: Float64Array;
  highTail: Float64Array;
}

/** Coefficients of the quintic on t in [0, 1] with the given values and derivatives at 0 and 1. */
function quintic(p0: number, d0: number, s0: number, p1: number, d1: number, s1: number, out: Float64Array, o: number) {
  const c2 = s0 / 2;
  const A = p1 - p0 - d0 - c2;
  const B = d1 - d0 - 2 * c2;
  const C = s1 - 2 * c2;
  out[o] = p0;
  out[o + 1] = d0;
  out[o + 2] = c2;
  out[o + 3] = 10 * A - 4 * B + C / 2;
  out[o + 4] = -15 * A + 7 * B - C;
  out[o + 5] = 6 * A - 3 * B + C / 2;
}

const horner = (c: Float64Array, o: number, t: number) =>
  c[o]! + t * (c[o + 1]! + t * (c[o + 2]! + t * (c[o + 3]! + t * (c[o + 4]! + t * c[o + 5]!))));

/**
 * The lower tail of Beta(a, b) from U_LO down: ln x against s = position in eighths of an
 * octave below U_LO (interval i spans positions TAIL − i − 1 … TAIL − i, stored so that
 * index = floor(position)). `x0` is the quantile at U_LO.
 */
function buildTail(a: number, b: number, lnB: number, x0: number): Float64Array {
  const xs = new Float64Array(TAIL + 1);
  xs[0] = x0;
  const ratio = Math.pow(2, -1 / (PER_OCT * a));
  for (let k = 1; k <= TAIL; k++) {
    const u = U_LO * Math.pow(2, -k / PER_OCT);
    xs[k] = lowerTailInverse(u, a, b, lnB, xs[k - 1]! * ratio);
  }
  const hs = Math.LN2 / PER_OCT; // ds per unit of position
  // With s = ln u and y = ln x: y' = q = u / (x f(x)), y'' = q − q²(1 + x g(x)), g = f'/f.
  const node = (k: number): [number, number, number] => {
    const u = U_LO * Math.pow(2, -k / PER_OCT);
    const x = xs[k]!;
    const q = u / Math.exp(a * Math.log(x) + (b - 1) * Math.log1p(-x) - lnB);
    const g = (a - 1) / x - (b - 1) / (1 - x);
    return [Math.log(x), q * hs, (q - q * q * (1 + x * g)) * hs * hs];
  };
  const out = new Float64Array(TAIL * 6);
  let lo = node(TAIL);
  for (let k = TAIL - 1; k >= 0; k--) {
    const hi = node(k);
    quintic(lo[0], lo[1], lo[2], hi[0], hi[1], hi[2], out, (TAIL - 1 - k) * 6);
    lo = hi;
  }
  return out;
}

function buildCenter(a: number, b: number, lnB: number): { center: Float64Array; x0: number; w1: number } {
  const h = (1 - 2 * U_LO) / K;
  // x for nodes in the lower half, w = 1 − x for nodes in the upper half (each exact in its half).
  const xs = new Float64Array(K + 1);
  const ws = new Float64Array(K + 1);
  const deriv = (x: number, w: number): [number, number] => {
    const f = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log(w) - lnB);
    const g = (a - 1) / x - (b - 1) / w;
    return [1 / f, -g / (f * f)];
  };
  let j = 0;
  for (; j <= K && U_LO + j * h <= 0.5; j++) {
    const u = U_LO + j * h;
    let x: number;
    if (j === 0) x = betaQuantile(u, a, b, lnB);
    else {
      const [d1, d2] = deriv(xs[j - 1]!, ws[j - 1]!);
      const g = xs[j - 1]! + h * d1 + 0.5 * h * h * d2;
      x = lowerTailInverse(u, a, b, lnB, g > 0 && g < 1 ? g : xs[j - 1]!);
    }
    xs[j] = x;
    ws[j] = 1 - x;
  }
  for (let k = K; k >= j; k--) {
    const v = 1 - (U_LO + k * h);
    let w: number;
    if (k === K) w = 1 - betaQuantile(1 - v, a, b, lnB);
    else {
      const [d1, d2] = deriv(xs[k + 1]!, ws[k + 1]!);
      const g = ws[k + 1]! + h * d1 - 0.5 * h * h * d2;
      w = lowerTailInverse(v, b, a, lnB, g > 0 && g < 1 ? g : ws[k + 1]!);
    }
    ws[k] = w;
    xs[k] = 1 - w;
  }
  const center = new Float64Array(K * 6);
  let [p1, p2] = deriv(xs[0]!, ws[0]!);
  for (let i = 0; i < K; i++) {
    const [q1, q2] = deriv(xs[i + 1]!, ws[i + 1]!);
    quintic(xs[i]!, p1 * h, p2 * h * h, xs[i + 1]!, q1 * h, q2 * h * h, center, i * 6);
    p1 = q1;
    p2 = q2;
  }
  return { center, x0: xs[0]!, w1: ws[K]! };
}

/** The quantile at u from a table; NaN below the tails' reach (the caller solves those exactly). */
export function tableQuantile(t: BetaTable, u: number): number {
  if (u >= U_LO && u <= 1 - U_LO) {
    let s = (u - U_LO) * (K / (1 - 2 * U_LO));
    let j = s | 0;
    if (j >= K) j = K - 1;
    s -= j;
    return horner(t.center, j * 6, s);
  }
  const lower = u < U_LO;
  const v = lower ? u : 1 - u;
  let s = Math.log(v / U_LO) * (PER_OCT / Math.LN2) + TAIL;
  if (!(s >= 0)) return lower ? betaQuantile(u, t.a, t.b, t.lnB) : 1 - betaQuantile(v, t.b, t.a, t.lnB);
  let j = s | 0;
  if (j >= TAIL) j = TAIL - 1;
  s -= j;
  const y = Math.exp(horner(lower ? t.lowTail : t.highTail, j * 6, s));
  return lower ? y : 1 - y;
}

/** |got − want| within CHECK_TOL of min(want, 1 − want), or the rounding of a value near 1. */
function close(got: number, want: number, wantW: number): boolean {
  return Math.abs(got - want) <= CHECK_TOL * Math.min(want, wantW) + 2.3e-16;
}

/** Compare the table with the exact quantile at interval midpoints across the whole range. */
function check(t: BetaTable): boolean {
  const h = (1 - 2 * U_LO) / K;
  for (let i = 0; i < K; i += 7) {
    const u = U_LO + (i + 0.5) * h;
    const x = betaQuantile(u, t.a, t.b, t.lnB);
    const w = u <= 0.5 ? 1 - x : betaQuantile(1 - u, t.b, t.a, t.lnB);
    if (!close(tableQuantile(t, u), u <= 0.5 ? x : 1 - w, u <= 0.5 ? 1 - x : w)) return false;
  }
  for (let k = 0; k < TAIL; k += 5) {
    const v = U_LO * Math.pow(2, -(k + 0.5) / PER_OCT);
    const x = betaQuantile(v, t.a, t.b, t.lnB);
    if (!close(tableQuantile(t, v), x, 1 - x)) return false;
    // 1 − (1 − v) is not v: compare at the point the table sees.
    const up = 1 - v;
    const w = betaQuantile(1 - up, t.b, t.a, t.lnB);
    if (!close(tableQuantile(t, up), 1 - w, w)) return false;
  }
  return true;
}

function build(a: number, b: number): BetaTable | null {
  const lnB = lnBeta(a, b);
  const { center, x0, w1 } = buildCenter(a, b, lnB);
  if (!(x0 > 0 && w1 > 0)) return null;
  const t: BetaTable = { a, b, lnB, center, lowTail: buildTail(a, b, lnB, x0), highTail: buildTail(b, a, lnB, w1) };
  for (const arr of [t.center, t.lowTail, t.highTail]) for (const c of arr) if (!Number.isFinite(c)) return null;
  return check(t) ? t : null;
}

const cache = new Map<string, BetaTable | null>();
const CACHE_MAX = 256;

/**
 * The table of Beta(a, b), built on first use and kept (a few hundred of the most recent), or
 * null when this distribution is too extreme for one.
 */
export function betaTable(a: number, b: number): BetaTable | null {
  const key = `${a},${b}`;
  let t = cache.get(key);
  if (t !== undefined) {
    cache.delete(key);
    cache.set(key, t);
    return t;
  }
  t = build(a, b);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, t);
  return t;
}

/** out[i] = lo + range · Q(us[i]) for i < m: the table's quantile with its centre inlined. */
export function tableQuantiles(
  t: BetaTable,
  us: Float64Array,
  lo: number,
  range: number,
  out: Float64Array,
  m: number,
): void {
  const c = t.center;
  const scale = K / (1 - 2 * U_LO);
  for (let i = 0; i < m; i++) {
    const u = us[i]!;
    let x: number;
    if (u >= U_LO && u <= 1 - U_LO) {
      let s = (u - U_LO) * scale;
      let j = s | 0;
      if (j >= K) j = K - 1;
      s -= j;
      const o = j * 6;
      x = c[o]! + s * (c[o + 1]! + s * (c[o + 2]! + s * (c[o + 3]! + s * (c[o + 4]! + s * c[o + 5]!))));
    } else x = tableQuantile(t, u);
    out[i] = lo + range * x;
  }
}
