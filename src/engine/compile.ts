// Compile a deterministic expression once into a fused loop over whole Float64Array columns.
//
// The loop's source text is generated from Credence's own allow-listed expression tree, never
// from file text: references become indices into the column array, numbers are re-printed from
// their parsed finite values, and operators and functions map to a fixed table. No name,
// string or character written in a model file reaches the generated code.

import erf from '@stdlib/math-base-special-erf';
import type { Expr, Op } from '../model/expression.ts';
import type { FunctionName } from '../model/names.ts';
import { CONSTANTS, DIST_FUNCTIONS, isDistName } from '../model/names.ts';
import { distCall, type DistFunction } from './dist-functions.ts';
import { power } from './power.ts';

/** Helpers the generated code may call. */
export const F = {
  clamp: (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x),
  /** Halves round away from zero, as in math.js (Math.round(-2.5) is -2). */
  round: (x: number) => (x < 0 ? -Math.round(-x) : Math.round(x)),
  sigmoid: (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  logit: (p: number) => Math.log(p) - Math.log1p(-p),
  log: (x: number, base?: number) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)),
  mod: (a: number, b: number) => (b === 0 ? a : a - b * Math.floor(a / b)),
  truth: (x: number) => (x !== x ? NaN : x !== 0 ? 1 : 0),
  cond: (t: number, a: number, b: number) => (t !== t ? NaN : t !== 0 ? a : b),
  and: (a: number, b: number) => (a !== a || b !== b ? NaN : a !== 0 && b !== 0 ? 1 : 0),
  or: (a: number, b: number) => (a !== a || b !== b ? NaN : a !== 0 || b !== 0 ? 1 : 0),
  xor: (a: number, b: number) => (a !== a || b !== b ? NaN : (a !== 0) !== (b !== 0) ? 1 : 0),
  not: (a: number) => (a !== a ? NaN : a === 0 ? 1 : 0),
  eq: (a: number, b: number) => (a !== a || b !== b ? NaN : a === b ? 1 : 0),
  lt: (a: number, b: number) => (a !== a || b !== b ? NaN : a < b ? 1 : 0),
  le: (a: number, b: number) => (a !== a || b !== b ? NaN : a <= b ? 1 : 0),
  erf,
  /** x ^ y; whole exponents up to 64 by repeated squaring (power.ts). */
  pow: power,
  /** cdf, pdf and quantile of a distribution: `F.dist('cdf', 'normal', x, mean, sd, 0)`. */
  dist: distCall,
};

export type Helpers = typeof F;

/** A compiled expression: fills `out[0..n)` from the columns it reads. */
export type ColumnFn = (cols: readonly Float64Array[], out: Float64Array, n: number) => void;

const FN_CODE: Record<FunctionName, (args: string[]) => string> = {
  min: (a) => `Math.min(${a.join(', ')})`,
  max: (a) => `Math.max(${a.join(', ')})`,
  abs: (a) => `Math.abs(${a[0]})`,
  exp: (a) => `Math.exp(${a[0]})`,
  log: (a) => (a.length === 1 ? `Math.log(${a[0]})` : `F.log(${a[0]}, ${a[1]})`),
  log2: (a) => `Math.log2(${a[0]})`,
  log10: (a) => `Math.log10(${a[0]})`,
  log1p: (a) => `Math.log1p(${a[0]})`,
  expm1: (a) => `Math.expm1(${a[0]})`,
  sqrt: (a) => `Math.sqrt(${a[0]})`,
  pow: (a) => `F.pow(${a[0]}, ${a[1]})`,
  floor: (a) => `Math.floor(${a[0]})`,
  ceil: (a) => `Math.ceil(${a[0]})`,
  round: (a) => `F.round(${a[0]})`,
  clamp: (a) => `F.clamp(${a[0]}, ${a[1]}, ${a[2]})`,
  sigmoid: (a) => `F.sigmoid(${a[0]})`,
  logit: (a) => `F.logit(${a[0]})`,
  sin: (a) => `Math.sin(${a[0]})`,
  cos: (a) => `Math.cos(${a[0]})`,
  tan: (a) => `Math.tan(${a[0]})`,
  asin: (a) => `Math.asin(${a[0]})`,
  acos: (a) => `Math.acos(${a[0]})`,
  atan: (a) => `Math.atan(${a[0]})`,
  atan2: (a) => `Math.atan2(${a[0]}, ${a[1]})`,
  sinh: (a) => `Math.sinh(${a[0]})`,
  cosh: (a) => `Math.cosh(${a[0]})`,
  tanh: (a) => `Math.tanh(${a[0]})`,
  erf: (a) => `F.erf(${a[0]})`,
  sum: (a) => `(${a.join(' + ')})`,
  prod: (a) => `(${a.join(' * ')})`,
  // Emitted by emitDistCall, which sees the distribution itself.
  cdf: () => 'NaN',
  pdf: () => 'NaN',
  quantile: () => 'NaN',
};

const OP_CODE: Record<Op, (a: string[]) => string> = {
  add: ([x, y]) => `(${x} + ${y})`,
  subtract: ([x, y]) => `(${x} - ${y})`,
  multiply: ([x, y]) => `(${x} * ${y})`,
  divide: ([x, y]) => `(${x} / ${y})`,
  pow: ([x, y]) => `F.pow(${x}, ${y})`,
  mod: ([x, y]) => `F.mod(${x}, ${y})`,
  unaryMinus: ([x]) => `(-${x})`,
  unaryPlus: ([x]) => `(+${x})`,
  not: ([x]) => `F.not(${x})`,
  and: ([x, y]) => `F.and(${x}, ${y})`,
  or: ([x, y]) => `F.or(${x}, ${y})`,
  xor: ([x, y]) => `F.xor(${x}, ${y})`,
  equal: ([x, y]) => `F.eq(${x}, ${y})`,
  unequal: ([x, y]) => `F.not(F.eq(${x}, ${y}))`,
  smaller: ([x, y]) => `F.lt(${x}, ${y})`,
  smallerEq: ([x, y]) => `F.le(${x}, ${y})`,
  larger: ([x, y]) => `F.lt(${y}, ${x})`,
  largerEq: ([x, y]) => `F.le(${y}, ${x})`,
};

function literal(v: number): string {
  if (!Number.isFinite(v)) throw new Error('non-finite literal');
  return `(${String(v)})`;
}

/**
 * Generate the loop body for an expression whose references are mapped to column slots by
 * `slot` (returns the index into `cols`). Distributions must already have been replaced by
 * references to their sampled columns.
 */
function emit(expr: Expr, slot: (name: string) => number, used: Set<number>): string {
  switch (expr.kind) {
    case 'num':
      return literal(expr.value);
    case 'ref': {
      const i = slot(expr.name);
      if (i < 0) {
        const c = CONSTANTS[expr.name];
        if (c !== undefined) return literal(c);
        throw new Error(`internal: unresolved reference ${expr.name}`);
      }
      used.add(i);
      return `c${i}[i]`;
    }
    case 'op':
      return OP_CODE[expr.op](expr.args.map((a) => emit(a, slot, used)));
    case 'call':
      if (DIST_FUNCTIONS.has(expr.fn)) return emitDistCall(expr.fn as DistFunction, expr.args, slot, used);
      return FN_CODE[expr.fn](expr.args.map((a) => emit(a, slot, used)));
    case 'if':
      return `F.cond(${emit(expr.test, slot, used)}, ${emit(expr.then, slot, used)}, ${emit(expr.else, slot, used)})`;
    case 'dist':
      throw new Error('internal: distribution left in a deterministic expression');
  }
}

/**
 * `cdf(d, x)`, `pdf(d, x)` or `quantile(d, p)`: a call of F.dist with the distribution's name and
 * parameters, or, for a mixture, with its weights and components flattened after a count
 * (a point component has the name 'point' and its value as parameter).
 */
function emitDistCall(fn: DistFunction, args: Expr[], slot: (name: string) => number, used: Set<number>): string {
  const d = args[0]!;
  const x = emit(args[1]!, slot, used);
  if (d.kind !== 'dist') throw new Error('internal: cdf, pdf or quantile of something that is not a distribution');
  const params = (e: Expr & { kind: 'dist' }) => {
    const ps = e.args.map((a) => emit(a, slot, used));
    while (ps.length < 3) ps.push('0');
    return ps;
  };
  // The names are written into generated code: only allow-listed names ever get there.
  const name = (dist: string) => {
    if (!isDistName(dist)) throw new Error(`internal: '${dist}' is not a distribution`);
    return `'${dist}'`;
  };
  if (d.dist !== 'mixture') return `F.dist('${fn}', ${name(d.dist)}, ${x}, ${params(d).join(', ')})`;
  const parts: string[] = [String(d.args.length)];
  d.args.forEach((c, k) => {
    parts.push(d.weights ? emit(d.weights[k]!, slot, used) : '1');
    if (c.kind === 'dist') {
      if (c.dist === 'mixture') throw new Error('internal: a mixture inside a mixture');
      parts.push(name(c.dist), ...params(c));
    } else parts.push(`'point'`, emit(c, slot, used), '0', '0');
  });
  return `F.dist('${fn}', 'mixture', ${x}, ${parts.join(', ')})`;
}

const cache = new Map<string, ColumnFn>();

/** Compile an expression to a fused column loop; identical code is compiled once per process. */
export function compileColumn(expr: Expr, slot: (name: string) => number): ColumnFn {
  const used = new Set<number>();
  const body = emit(expr, slot, used);
  const decls = [...used]
    .sort((a, b) => a - b)
    .map((i) => `const c${i} = cols[${i}];`)
    .join('\n');
  const src = `${decls}\nfor (let i = 0; i < n; i++) out[i] = ${body};`;
  let fn = cache.get(src);
  if (!fn) {
    const make = new Function('F', `return function column(cols, out, n) {\n${src}\n};`) as (f: Helpers) => ColumnFn;
    fn = make(F);
    if (cache.size > 5000) cache.clear();
    cache.set(src, fn);
  }
  return fn;
}

/** Evaluate an expression with no references (constant folding for parameter checks). */
export function evalConstant(expr: Expr): number {
  const out = new Float64Array(1);
  compileColumn(expr, () => -1)([], out, 1);
  return out[0]!;
}

export function isConstant(expr: Expr): boolean {
  switch (expr.kind) {
    case 'num':
      return true;
    case 'ref':
      return expr.name in CONSTANTS;
    case 'dist':
      return false;
    case 'call':
      if (DIST_FUNCTIONS.has(expr.fn) && expr.args[0]!.kind === 'dist')
        return constantDist(expr.args[0]!) && isConstant(expr.args[1]!);
      return expr.args.every(isConstant);
    case 'if':
      return isConstant(expr.test) && isConstant(expr.then) && isConstant(expr.else);
    default:
      return expr.args.every(isConstant);
  }
}

/** A distribution (the argument of cdf, pdf or quantile) whose parameters are all constant. */
function constantDist(d: Expr & { kind: 'dist' }): boolean {
  const part = (e: Expr): boolean => (e.kind === 'dist' ? constantDist(e) : isConstant(e));
  return d.args.every(part) && (d.weights ?? []).every(isConstant);
}
