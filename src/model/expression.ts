// Expressions in model files: Credence's own small expression tree (from math.js's parser,
// walked against an allow-list in from-mathjs.ts), what reads it, and its text. Nothing from a
// file is ever evaluated by math.js; anything outside the allow-list is a located load error.

import { DIST_FUNCTIONS, type DistName, type FunctionName } from './names.ts';
import { error, type Place, type CredenceError } from './errors.ts';
import { LIMITS, count, limitError } from './limits.ts';
import { toExpr, ExprError } from './from-mathjs.ts';

export type Op =
  | 'add'
  | 'subtract'
  | 'multiply'
  | 'divide'
  | 'pow'
  | 'mod'
  | 'unaryMinus'
  | 'unaryPlus'
  | 'not'
  | 'and'
  | 'or'
  | 'xor'
  | 'equal'
  | 'unequal'
  | 'smaller'
  | 'smallerEq'
  | 'larger'
  | 'largerEq';

/** The expression tree the engine compiles. `at` is a character offset into the expression text. */
export type Expr =
  | { kind: 'num'; value: number; at: number }
  | { kind: 'ref'; name: string; at: number }
  | { kind: 'op'; op: Op; args: Expr[]; at: number }
  | { kind: 'call'; fn: FunctionName; args: Expr[]; at: number }
  | { kind: 'if'; test: Expr; then: Expr; else: Expr; at: number }
  | { kind: 'dist'; dist: DistName; args: Expr[]; weights: Expr[] | null; at: number };

/** Where an expression's text sits, so that an offset inside it maps to file:line:col. */
export interface ExprSource {
  text: string;
  loc(at: number): Place;
  /** For an expression in a model file: what `loc` computes from, as data (see SourceOrigin). */
  origin?: SourceOrigin;
}

/**
 * Where a file's expression starts (an offset into the file's text), and whether offsets inside
 * it map through to their own columns (else every offset maps to that start). With the file's
 * text this rebuilds `loc`, so a loaded model can cross to another thread as plain data.
 */
export interface SourceOrigin {
  offset: number;
  spans: boolean;
}

export interface ParsedExpr {
  source: ExprSource;
  expr: Expr;
}

/**
 * A source for typed text that is not in a file (command line, web form): `name` says what was
 * typed, and columns count from `col` (the column of the expression in what the person typed).
 */
export function inlineSource(text: string, name: string, col = 1): ExprSource {
  return { text, loc: (at) => ({ file: name, col: col + at }) };
}

/**
 * Parse `text` into an expression tree, or a located error. Numbers are accepted as they are
 * (YAML may hand us 0.98 rather than "0.98").
 */
export function parseExpression(
  text: string,
  source: ExprSource,
): { ok: true; value: ParsedExpr } | { ok: false; error: CredenceError } {
  const fail = (e: CredenceError) => ({ ok: false as const, error: e });
  if (text.trim() === '') return fail(error('expression-syntax', 'the expression is empty', source.loc(0)));
  if (text.length > LIMITS['expression-length'])
    return fail(
      limitError('expression-length', `the expression is ${count(text.length)} characters long`, source.loc(0)),
    );
  try {
    return { ok: true, value: { source, expr: toExpr(text) } };
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    const place = source.loc(e.at);
    return fail(e.limit ? limitError(e.limit, e.message, place) : error(e.code, e.message, place));
  }
}

/** Every reference in an expression, with its offset. */
export function refsOf(expr: Expr, out: { name: string; at: number }[] = []): { name: string; at: number }[] {
  switch (expr.kind) {
    case 'ref':
      out.push({ name: expr.name, at: expr.at });
      break;
    case 'num':
      break;
    case 'if':
      refsOf(expr.test, out);
      refsOf(expr.then, out);
      refsOf(expr.else, out);
      break;
    case 'dist':
      expr.args.forEach((a) => refsOf(a, out));
      expr.weights?.forEach((a) => refsOf(a, out));
      break;
    default:
      expr.args.forEach((a) => refsOf(a, out));
  }
  return out;
}

/** Rewrite every reference through `f` (used to qualify names of imported models). */
export function mapRefs(expr: Expr, f: (name: string) => string): Expr {
  switch (expr.kind) {
    case 'ref':
      return { ...expr, name: f(expr.name) };
    case 'num':
      return expr;
    case 'if':
      return { ...expr, test: mapRefs(expr.test, f), then: mapRefs(expr.then, f), else: mapRefs(expr.else, f) };
    case 'dist':
      return {
        ...expr,
        args: expr.args.map((a) => mapRefs(a, f)),
        weights: expr.weights?.map((a) => mapRefs(a, f)) ?? null,
      };
    default:
      return { ...expr, args: expr.args.map((a) => mapRefs(a, f)) };
  }
}

/**
 * True when the expression draws from a distribution anywhere, i.e. is random by itself. The
 * distribution that `cdf`, `pdf` or `quantile` evaluates is not drawn from (its parameters may be).
 */
export function hasDist(expr: Expr): boolean {
  switch (expr.kind) {
    case 'dist':
      return true;
    case 'num':
    case 'ref':
      return false;
    case 'if':
      return hasDist(expr.test) || hasDist(expr.then) || hasDist(expr.else);
    case 'call':
      if (DIST_FUNCTIONS.has(expr.fn) && expr.args[0]!.kind === 'dist') {
        const d = expr.args[0]!;
        return [...d.args, ...(d.weights ?? [])].some(hasDist) || expr.args.slice(1).some(hasDist);
      }
      return expr.args.some(hasDist);
    default:
      return expr.args.some(hasDist);
  }
}

const BINARY: Record<Exclude<Op, 'unaryMinus' | 'unaryPlus' | 'not'>, string> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
  mod: 'mod',
  and: 'and',
  or: 'or',
  xor: 'xor',
  equal: '==',
  unequal: '!=',
  smaller: '<',
  smallerEq: '<=',
  larger: '>',
  largerEq: '>=',
};

const UNARY: Record<'unaryMinus' | 'unaryPlus' | 'not', string> = { unaryMinus: '-', unaryPlus: '+', not: 'not ' };

/** Every compound operand is parenthesised, so the text never depends on operator precedence. */
function operand(e: Expr): string {
  const s = showExpr(e);
  return e.kind === 'op' || e.kind === 'if' || (e.kind === 'num' && e.value < 0) ? `(${s})` : s;
}

/**
 * Text for an expression tree that parses back to the same tree: for display (dependency
 * graphs, tables) and for handing rewritten expressions (qualified names) back to the engine.
 */
export function showExpr(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return String(e.value);
    case 'ref':
      return e.name;
    case 'call':
      return `${e.fn}(${e.args.map(showExpr).join(', ')})`;
    case 'dist': {
      const args = e.args.map(showExpr);
      if (e.weights) args.push(`[${e.weights.map(showExpr).join(', ')}]`);
      return `${e.dist}(${args.join(', ')})`;
    }
    case 'if':
      return `${operand(e.test)} ? ${operand(e.then)} : ${operand(e.else)}`;
    case 'op':
      if (e.op === 'unaryMinus' || e.op === 'unaryPlus' || e.op === 'not')
        return `${UNARY[e.op]}${operand(e.args[0]!)}`;
      return `${operand(e.args[0]!)} ${BINARY[e.op]} ${operand(e.args[1]!)}`;
  }
}
