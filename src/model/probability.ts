// Quantities whose unit says they are probabilities (or shares) must stay in [0, 1]. Checked
// where certain, on the expression as it stands after every override (the file, a scenario, an
// import's `set:`, `--set` and a what-if edit alike). The check works out an interval the
// quantity certainly reaches: exact for constants, a distribution's support where its parameters
// fix it, and interval arithmetic over independent draws (+, −, ×, ÷, min, max, clamp, a
// mixture's components). Anything that reads another quantity, or whose reach is not certain
// (a parameter that could make a distribution degenerate), is left alone: a bound from
// interval arithmetic over shared quantities could refuse a sound model.

import { CONSTANTS } from './names.ts';
import { showExpr, type Expr } from './expression.ts';
import { error, type CredenceError } from './errors.ts';
import type { Entity } from './graph.ts';
import { isProbabilityUnit } from './units.ts';

export { isProbabilityUnit };

/**
 * Values the expression certainly comes arbitrarily close to, as [low, high] (the hull of part of
 * its support), or null when nothing is certain. Only expressions of numbers, constants and
 * distributions are read: each distribution written is its own independent draw, so the hull of
 * a sum, product or quotient is the interval arithmetic of its parts' hulls.
 */
type Reach = readonly [number, number];

const point = (v: number): Reach => [v, v];
const finite = (...xs: (number | null)[]): boolean => xs.every((x) => x !== null && Number.isFinite(x));

function product(a: Reach, b: Reach): Reach {
  const c = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]];
  // 0 × ∞ is NaN: a factor that is exactly 0 makes 0 whatever the other.
  const ok = c.map((x) => (Number.isNaN(x) ? 0 : x));
  return [Math.min(...ok), Math.max(...ok)];
}

function arithmetic(op: string, r: Reach[]): Reach | null {
  const [a, b] = r as [Reach, Reach | undefined];
  switch (op) {
    case 'unaryMinus':
      return [-a[1], -a[0]];
    case 'unaryPlus':
      return a;
    case 'add':
      return [a[0] + b![0], a[1] + b![1]];
    case 'subtract':
      return [a[0] - b![1], a[1] - b![0]];
    case 'multiply':
      return product(a, b!);
    case 'divide':
      return b![0] > 0 || b![1] < 0 ? product(a, [1 / b![1], 1 / b![0]]) : null;
    case 'pow':
      return a[0] === a[1] && b![0] === b![1] ? point(Math.pow(a[0], b![0])) : null;
    default:
      return null;
  }
}

function call(fn: string, r: Reach[]): Reach | null {
  switch (fn) {
    case 'min': // a loop, not Math.min(...): an expression may hold 100,000 arguments
      return r.reduce((m, x) => [Math.min(m[0], x[0]), Math.min(m[1], x[1])]);
    case 'max':
      return r.reduce((m, x) => [Math.max(m[0], x[0]), Math.max(m[1], x[1])]);
    case 'clamp': {
      const [x, lo, hi] = r as [Reach, Reach, Reach];
      if (lo[0] !== lo[1] || hi[0] !== hi[1] || lo[0] > hi[0]) return null;
      const c = (v: number) => Math.min(hi[0], Math.max(lo[0], v));
      return [c(x[0]), c(x[1])];
    }
    default:
      return null;
  }
}

/** Where a distribution certainly reaches, from its parameters' reach (constants where it matters). */
function support(e: Expr & { kind: 'dist' }): Reach | null {
  const r = e.args.map(reach);
  const k = r.map((x) => (x !== null && x[0] === x[1] ? x[0] : null));
  const [a, b, c] = k;
  switch (e.dist) {
    case 'beta': // full support on [0, 1] for any positive shapes
    case 'beta_ci90':
      return [0, 1];
    case 'logitnormal':
      return finite(b!) && b! > 0 ? [0, 1] : null;
    case 'bernoulli':
      return finite(a!) ? (a! <= 0 ? point(0) : a! >= 1 ? point(1) : [0, 1]) : null;
    case 'normal':
      return finite(b!) && b! > 0 ? [-Infinity, Infinity] : null;
    case 'lognormal':
      return finite(b!) && b! > 0 ? [0, Infinity] : null;
    case 'ci90': // a lognormal when both bounds are positive, else a normal
      return finite(a!, b!) && a! < b! ? [a! > 0 ? 0 : -Infinity, Infinity] : null;
    case 'uniform':
      return finite(a!, b!) ? [Math.min(a!, b!), Math.max(a!, b!)] : null;
    case 'triangular':
    case 'pert':
      return finite(a!, c!) && a! <= c! ? [a!, c!] : null;
    case 'pert_ci90': // its fitted bounds lie beyond its 5th and 95th percentiles
      return finite(a!, c!) && a! < c! ? [a!, c!] : null;
    case 'mixture':
      return mixtureReach(e);
    default:
      return null;
  }
}

/** The hull of the components that certainly carry weight. */
function mixtureReach(e: Expr & { kind: 'dist' }): Reach | null {
  const weights = e.weights?.map(reach) ?? null;
  let hull: [number, number] | null = null;
  for (const [i, comp] of e.args.entries()) {
    const w = weights?.[i];
    if (weights && (!w || w[0] <= 0)) continue;
    const r = reach(comp);
    if (!r) continue;
    hull = hull ? [Math.min(hull[0], r[0]), Math.max(hull[1], r[1])] : [r[0], r[1]];
  }
  return hull;
}

function reach(e: Expr): Reach | null {
  switch (e.kind) {
    case 'num':
      return point(e.value);
    case 'ref':
      return Object.hasOwn(CONSTANTS, e.name) ? point(CONSTANTS[e.name]!) : null;
    case 'op': {
      const r = e.args.map(reach);
      return r.every((x) => x !== null) ? arithmetic(e.op, r) : null;
    }
    case 'call': {
      const r = e.args.map(reach);
      return r.every((x) => x !== null) ? call(e.fn, r) : null;
    }
    case 'dist':
      return support(e);
    default:
      return null;
  }
}

/** Whether an expression draws anything (else it is one number). */
function draws(e: Expr): boolean {
  switch (e.kind) {
    case 'dist':
      return true;
    case 'op':
    case 'call':
      return e.args.some(draws);
    default:
      return false;
  }
}

/** Why `e` can take a value outside [0, 1], when that is certain; else null. */
function outside(e: Expr): { why: string; drawn: boolean } | null {
  const r = reach(e);
  if (!r || Number.isNaN(r[0]) || Number.isNaN(r[1])) return null;
  const [lo, hi] = r;
  if (!draws(e)) return lo >= 0 && hi <= 1 ? null : { why: `is ${lo}`, drawn: false };
  const parts: string[] = [];
  if (lo < 0) parts.push(Number.isFinite(lo) ? `down to ${lo}` : 'below 0');
  if (hi > 1) parts.push(Number.isFinite(hi) ? `up to ${hi}` : 'above 1');
  return parts.length ? { why: `is ${showExpr(e)}, which takes values ${parts.join(' and ')}`, drawn: true } : null;
}

/**
 * Errors for quantities with a probability unit whose expression certainly leaves [0, 1]. Nodes
 * are read too: one that reads no other quantity is certain in the same way, and one that does
 * is left alone.
 */
export function checkProbabilityRanges(entities: Iterable<Entity>): CredenceError[] {
  const errors: CredenceError[] = [];
  for (const ent of entities) {
    if (!isProbabilityUnit(ent.quantity.unit)) continue;
    const o = outside(ent.expr);
    if (!o) continue;
    // Named as written where the expression was: in its own file by its own name, in an
    // override by the name the override used.
    const name = ent.override === null ? ent.local : ent.name;
    errors.push(
      error(
        'out-of-range',
        `'${name}' is a ${ent.quantity.unit!.trim()} and must lie between 0 and 1, but it ${o.why}${o.drawn ? HINT : ''}`,
        ent.source.loc(0),
      ),
    );
  }
  return errors;
}

const HINT = '; use a distribution on [0, 1] (beta, beta_ci90 or logitnormal) or bound it with clamp(…, 0, 1)';
