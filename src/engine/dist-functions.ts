// `cdf(d, x)`, `pdf(d, x)` and `quantile(d, p)` in expressions, row by row: the distribution's own
// functions (distributions.ts) after its parameter check (impossible parameters give NaN, which
// the run counts), and the mixture's, from its components. A mixture's point components are
// atoms: they add a step to its cdf and nothing to its density.

import { DISTS, type SimpleDist } from './distributions.ts';

export type DistFunction = 'cdf' | 'pdf' | 'quantile';

/** One distribution's cdf, pdf or quantile at x; NaN when the parameters are impossible. */
function one(fn: DistFunction, name: SimpleDist, x: number, p0: number, p1: number, p2: number): number {
  const impl = DISTS[name];
  if (impl.check(p0, p1, p2) !== null || x !== x) return NaN;
  if (fn === 'cdf') return impl.cdf(x, p0, p1, p2);
  if (fn === 'pdf') return impl.pdf(x, p0, p1, p2);
  return x >= 0 && x <= 1 ? impl.quantile(x, p0, p1, p2) : NaN;
}

interface Component {
  w: number;
  name: SimpleDist | 'point';
  p: [number, number, number];
}

/** The components of a mixture from its flattened arguments, or null when a weight is impossible. */
function components(parts: (number | string)[]): Component[] | null {
  const count = parts[0] as number;
  const out: Component[] = [];
  for (let k = 0; k < count; k++) {
    const o = 1 + 5 * k;
    const w = parts[o] as number;
    if (!(w >= 0 && w < Infinity)) return null;
    out.push({
      w,
      name: parts[o + 1] as SimpleDist | 'point',
      p: [parts[o + 2], parts[o + 3], parts[o + 4]] as [number, number, number],
    });
  }
  return out;
}

function mixtureCdf(cs: Component[], total: number, x: number): number {
  let s = 0;
  for (const c of cs) s += c.w * (c.name === 'point' ? (x >= c.p[0] ? 1 : 0) : one('cdf', c.name, x, ...c.p));
  return s / total;
}

/** The smallest x whose mixture cdf reaches p, by bisection between the components' quantiles. */
function mixtureQuantile(cs: Component[], total: number, p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of cs) {
    if (c.w === 0) continue;
    const q = c.name === 'point' ? c.p[0] : one('quantile', c.name, p, ...c.p);
    if (q !== q) return NaN;
    if (q < lo) lo = q;
    if (q > hi) hi = q;
  }
  if (lo === hi || !Number.isFinite(lo) || !Number.isFinite(hi)) return p <= 0.5 ? lo : hi;
  // F(lo) ≤ p ≤ F(hi): halve [lo, hi] until its ends are neighbouring doubles.
  for (let i = 0; i < 2200; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (mixtureCdf(cs, total, mid) >= p) hi = mid;
    else lo = mid;
  }
  return mixtureCdf(cs, total, lo) >= p ? lo : hi;
}

/** F.dist: `fn` of distribution `name` at x (for a mixture, `p0` is the count and the rest follow). */
export function distCall(
  fn: DistFunction,
  name: SimpleDist | 'mixture',
  x: number,
  ...params: (number | string)[]
): number {
  if (name !== 'mixture') return one(fn, name, x, params[0] as number, params[1] as number, params[2] as number);
  const cs = components(params);
  if (!cs || x !== x) return NaN;
  let total = 0;
  for (const c of cs) {
    if (c.name !== 'point' && DISTS[c.name].check(...c.p) !== null) return NaN;
    total += c.w;
  }
  if (!(total > 0)) return NaN;
  if (fn === 'cdf') return mixtureCdf(cs, total, x);
  if (fn === 'quantile') return mixtureQuantile(cs, total, x);
  let s = 0;
  for (const c of cs) if (c.name !== 'point') s += c.w * one('pdf', c.name, x, ...c.p);
  return s / total;
}
