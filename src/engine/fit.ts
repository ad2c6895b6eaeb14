// Distributions fitted to stated quantiles, as forecasters state them: `beta_ci90(lo, hi)`, the
// beta whose 5th and 95th percentiles are lo and hi, and `pert_ci90(lo, median, hi)`, the PERT
// whose 5th, 50th and 95th percentiles are those three. Both are solved numerically (Brent's
// method on one parameter at a time) and remembered, so constant parameters are solved once.

import { betaQuantile, betaTail, lnBeta } from './beta.ts';

/** A root of f in [a, b], where f(a) and f(b) differ in sign (Brent 1973). */
export function brent(f: (x: number) => number, a: number, b: number, tol = 1e-13, maxIter = 200): number {
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa * fb > 0) return NaN;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let i = 0; i < maxIter; i++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const t = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= t || fb === 0) return b;
    [d, e] = nextStep({ a, b, c, fa, fb, fc }, d, e, m, t);
    a = b;
    fa = fb;
    b += Math.abs(d) > t ? d : m > 0 ? t : -t;
    fb = f(b);
  }
  return b;
}

/** Brent's bracket: the best point b, the previous one a, and c with f(b), f(c) of opposite signs. */
interface Bracket {
  a: number;
  b: number;
  c: number;
  fa: number;
  fb: number;
  fc: number;
}

/**
 * The next step from b and the step before it: inverse quadratic interpolation through a, b and
 * c (the secant when a = c) when the last steps shrank fast enough and it stays inside the
 * bracket, else bisection (half the distance m to c). t is the step below which b is converged.
 */
function nextStep({ a, b, c, fa, fb, fc }: Bracket, d: number, e: number, m: number, t: number): [number, number] {
  // Written as the negation of the condition to interpolate, so that NaN also bisects.
  if (!(Math.abs(e) >= t && Math.abs(fa) > Math.abs(fb))) return [m, m];
  const s = fb / fa;
  let p: number;
  let q: number;
  if (a === c) {
    p = 2 * m * s;
    q = 1 - s;
  } else {
    const qq = fa / fc;
    const r = fb / fc;
    p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
    q = (qq - 1) * (r - 1) * (s - 1);
  }
  if (p > 0) q = -q;
  else p = -p;
  return 2 * p < Math.min(3 * m * q - Math.abs(t * q), Math.abs(e * q)) ? [p / q, d] : [m, m];
}

function memo<T>(limit: number): { get(key: string): T | undefined; set(key: string, v: T): T } {
  const m = new Map<string, T>();
  return {
    get: (key) => m.get(key),
    set: (key, v) => {
      if (m.size >= limit) m.delete(m.keys().next().value!);
      m.set(key, v);
      return v;
    },
  };
}

export type Fitted<T> = { ok: true; value: T } | { ok: false; why: string };

const betaFits = memo<Fitted<[number, number]>>(1024);

/** P(X ≤ lo) and P(X ≤ hi) for the beta with mean mu and a + b = k. */
function tails(lo: number, hi: number, mu: number, k: number): [number, number] {
  const a = mu * k;
  const b = (1 - mu) * k;
  const lnB = lnBeta(a, b);
  return [betaTail(lo, a, b, lnB, false), betaTail(hi, a, b, lnB, false)];
}

/**
 * The shapes (a, b) of the beta whose 5th and 95th percentiles are lo and hi. For each total
 * a + b, the mean that puts as much probability below lo as above hi is unique; the share between
 * them grows with a + b, from 0 (all mass at 0 and 1) to 1 (all at the mean).
 */
export function fitBetaCi90(lo: number, hi: number): Fitted<[number, number]> {
  const key = `${lo},${hi}`;
  const known = betaFits.get(key);
  if (known) return known;
  if (!(lo > 0 && hi < 1 && lo < hi))
    return betaFits.set(key, { ok: false, why: `need 0 < low < high < 1 (got ${lo} and ${hi})` });
  const meanFor = (k: number) => {
    const t = brent(
      (t) => {
        const [pl, ph] = tails(lo, hi, 1 / (1 + Math.exp(-t)), k);
        return pl + ph - 1;
      },
      -40,
      40,
      1e-12,
    );
    return 1 / (1 + Math.exp(-t));
  };
  const between = (logK: number) => {
    const k = Math.exp(logK);
    const [pl, ph] = tails(lo, hi, meanFor(k), k);
    return ph - pl - 0.9;
  };
  const logK = brent(between, Math.log(1e-3), Math.log(1e12), 1e-12);
  if (!Number.isFinite(logK))
    return betaFits.set(key, { ok: false, why: `no beta has the 90% interval ${lo} to ${hi}` });
  const k = Math.exp(logK);
  const mu = meanFor(k);
  return betaFits.set(key, { ok: true, value: [mu * k, (1 - mu) * k] });
}

const pertFits = memo<Fitted<[number, number, number]>>(1024);

/** 5th, 50th and 95th percentiles of the standard PERT with mode t in [0, 1]. */
function pertQuantiles(t: number): [number, number, number] {
  const a = 1 + 4 * t;
  const b = 5 - 4 * t;
  const lnB = lnBeta(a, b);
  return [betaQuantile(0.05, a, b, lnB), betaQuantile(0.5, a, b, lnB), betaQuantile(0.95, a, b, lnB)];
}

const skew = (t: number) => {
  const [q5, q50, q95] = pertQuantiles(t);
  return (q50 - q5) / (q95 - q5);
};
/** How far along the 90% interval a PERT's median can sit: its range over all modes. */
let skewRange: [number, number] | null = null;

/**
 * (min, mode, max) of the PERT whose 5th, 50th and 95th percentiles are lo, median and hi. The
 * share of the interval below the median fixes where the mode sits between min and max; the
 * interval's width then fixes the scale.
 */
export function fitPertCi90(lo: number, median: number, hi: number): Fitted<[number, number, number]> {
  const key = `${lo},${median},${hi}`;
  const known = pertFits.get(key);
  if (known) return known;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < median && median < hi))
    return pertFits.set(key, { ok: false, why: `need low < median < high (got ${lo}, ${median} and ${hi})` });
  skewRange ??= [skew(0), skew(1)];
  const rho = (median - lo) / (hi - lo);
  if (!(rho >= skewRange[0] && rho <= skewRange[1])) {
    const [a, b] = skewRange.map((x) => `${(100 * x).toFixed(1)}%`);
    return pertFits.set(key, {
      ok: false,
      why: `a PERT's median lies between ${a} and ${b} of the way from its 5th to its 95th percentile; ${median} is ${(100 * rho).toFixed(1)}% of the way from ${lo} to ${hi}`,
    });
  }
  const t = brent((t) => skew(t) - rho, 0, 1, 1e-14);
  const [q5, , q95] = pertQuantiles(t);
  const range = (hi - lo) / (q95 - q5);
  const min = lo - range * q5;
  return pertFits.set(key, { ok: true, value: [min, min + t * range, min + range] });
}
