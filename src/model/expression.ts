// Expressions in model files: parsed with math.js `parse`, then walked against an allow-list
// and turned into Credence's own small expression tree. Nothing from a file is ever evaluated
// by math.js; anything outside the allow-list is a located load error.

import { create, parseDependencies } from 'mathjs';
import type { MathNode } from 'mathjs';
import {
  DIST_FUNCTIONS,
  FUNCTIONS,
  isDistName,
  isFunctionName,
  CONSTANTS,
  type DistName,
  type FunctionName,
} from './names.ts';
import { error, type ErrorCode, type Place, type CredenceError } from './errors.ts';

const math = create({ parseDependencies });

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

const OPS: ReadonlySet<string> = new Set<Op>([
  'add',
  'subtract',
  'multiply',
  'divide',
  'pow',
  'mod',
  'unaryMinus',
  'unaryPlus',
  'not',
  'and',
  'or',
  'xor',
  'equal',
  'unequal',
  'smaller',
  'smallerEq',
  'larger',
  'largerEq',
]);

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
}

export interface ParsedExpr {
  source: ExprSource;
  expr: Expr;
}

export const MAX_EXPRESSION_LENGTH = 20_000;
const MAX_DEPTH = 200;

/**
 * A source for typed text that is not in a file (command line, web form): `name` says what was
 * typed, and columns count from `col` (the column of the expression in what the person typed).
 */
export function inlineSource(text: string, name: string, col = 1): ExprSource {
  return { text, loc: (at) => ({ file: name, col: col + at }) };
}

class ExprError extends Error {
  constructor(
    readonly at: number,
    message: string,
    readonly code: ErrorCode = 'not-allowed',
  ) {
    super(message);
  }
}

/** Offset of the first whole-word occurrence of `word` at or after `from`, else `from`. */
function findWord(text: string, word: string, from = 0): number {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(^|[^A-Za-z0-9_.])(${escaped})(?![A-Za-z0-9_])`, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  if (m) return m.index + m[1]!.length;
  return from === 0 ? 0 : findWord(text, word, 0);
}

function findText(text: string, needle: string): number {
  const i = text.indexOf(needle);
  return i < 0 ? 0 : i;
}

const OPERATOR_WORDS: Record<string, string> = {
  factorial: "'!' (factorial)",
  transpose: "the transpose operator (')",
  dotMultiply: "'.*'",
  dotDivide: "'./'",
  dotPow: "'.^'",
  to: "unit conversion ('to')",
  bitAnd: "'&'",
  bitOr: "'|'",
  bitXor: "'^|'",
  bitNot: "'~'",
  leftShift: "'<<'",
  rightArithShift: "'>>'",
  rightLogShift: "'>>>'",
  nullish: "'??'",
};

const ALLOWED_FUNCTIONS = Object.keys(FUNCTIONS).join(', ');

function describeForbidden(type: string): string {
  switch (type) {
    case 'AssignmentNode':
      return 'assignment (=) is not allowed in an expression; define a node instead';
    case 'FunctionAssignmentNode':
      return 'defining a function is not allowed in a model file';
    case 'BlockNode':
      return 'only one expression is allowed here (no ";" or line-separated statements)';
    case 'IndexNode':
    case 'AccessorNode':
      return 'property or index access is not allowed (only `alias.name` for an imported model)';
    case 'ObjectNode':
      return 'objects are not allowed in an expression';
    case 'RangeNode':
      return 'ranges (a:b) are not allowed in an expression';
    case 'ArrayNode':
      return 'a list [...] is only allowed as the weights of mixture(...)';
    default:
      return `${type.replace(/Node$/, '').toLowerCase()} expressions are not allowed`;
  }
}

interface Walk {
  text: string;
  cursor: number;
}

function walk(node: MathNode, w: Walk, depth: number): Expr {
  if (depth > MAX_DEPTH)
    throw new ExprError(0, `the expression is nested more than ${MAX_DEPTH} levels deep`, 'limit-exceeded');
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case 'ParenthesisNode':
      return walk(n.content as MathNode, w, depth + 1);
    case 'ConstantNode': {
      const v = n.value;
      if (typeof v === 'number' && Number.isFinite(v)) return { kind: 'num', value: v, at: 0 };
      if (typeof v === 'boolean') return { kind: 'num', value: v ? 1 : 0, at: 0 };
      if (typeof v === 'string')
        throw new ExprError(findText(w.text, v), `text ("${v}") is not allowed in an expression; use numbers`);
      throw new ExprError(0, `the value ${String(v)} is not a finite number`, 'invalid-value');
    }
    case 'SymbolNode': {
      const name = n.name as string;
      const at = findWord(w.text, name, w.cursor);
      if (isFunctionName(name) || isDistName(name))
        throw new ExprError(at, `'${name}' is a function: call it with arguments, e.g. ${name}(…)`, 'wrong-arguments');
      return { kind: 'ref', name, at };
    }
    case 'AccessorNode': {
      const path = dottedPath(node);
      if (path === null) throw new ExprError(findText(w.text, '['), describeForbidden('AccessorNode'));
      return { kind: 'ref', name: path, at: findWord(w.text, path, w.cursor) };
    }
    case 'OperatorNode': {
      const fn = n.fn as string;
      const args = (n.args as MathNode[]).map((a) => walk(a, w, depth + 1));
      if (!OPS.has(fn)) {
        const shown = OPERATOR_WORDS[fn] ?? `'${String(n.op)}'`;
        const at = findText(w.text, String(n.op));
        throw new ExprError(
          at,
          `the operator ${shown} is not allowed; allowed are + - * / ^ %, comparisons, and, or, not, xor and ?:`,
        );
      }
      return { kind: 'op', op: fn as Op, args, at: findText(w.text, String(n.op)) };
    }
    case 'RelationalNode': {
      // a < b <= c means (a < b) and (b <= c)
      const conds = n.conditionals as string[];
      const params = (n.params as MathNode[]).map((p) => walk(p, w, depth + 1));
      let out: Expr | null = null;
      conds.forEach((c, i) => {
        const cmp: Expr = { kind: 'op', op: c as Op, args: [params[i]!, params[i + 1]!], at: 0 };
        out = out === null ? cmp : { kind: 'op', op: 'and', args: [out, cmp], at: 0 };
      });
      return out!;
    }
    case 'ConditionalNode':
      return {
        kind: 'if',
        test: walk(n.condition as MathNode, w, depth + 1),
        then: walk(n.trueExpr as MathNode, w, depth + 1),
        else: walk(n.falseExpr as MathNode, w, depth + 1),
        at: findText(w.text, '?'),
      };
    case 'FunctionNode':
      return walkCall(n, w, depth);
    default:
      throw new ExprError(0, describeForbidden(node.type));
  }
}

function dottedPath(node: MathNode): string | null {
  const n = node as MathNode & Record<string, unknown>;
  if (node.type === 'SymbolNode') return n.name as string;
  if (node.type !== 'AccessorNode') return null;
  const index = n.index as MathNode & { dotNotation?: boolean; dimensions?: MathNode[] };
  if (!index.dotNotation || !index.dimensions || index.dimensions.length !== 1) return null;
  const key = index.dimensions[0] as MathNode & { value?: unknown };
  if (key.type !== 'ConstantNode' || typeof key.value !== 'string') return null;
  const base = dottedPath(n.object as MathNode);
  return base === null ? null : `${base}.${key.value}`;
}

function walkCall(n: MathNode & Record<string, unknown>, w: Walk, depth: number): Expr {
  const fnNode = n.fn as MathNode & { name?: string };
  if (fnNode.type !== 'SymbolNode') throw new ExprError(0, 'only named functions can be called');
  const name = fnNode.name!;
  const at = findWord(w.text, name, w.cursor);
  const saved = w.cursor;
  w.cursor = at + name.length;
  const rawArgs = n.args as MathNode[];
  try {
    if (isDistName(name)) {
      if (name === 'mixture') return walkMixture(rawArgs, w, depth, at);
      const args = rawArgs.map((a) => walk(a, w, depth + 1));
      return { kind: 'dist', dist: name, args, weights: null, at };
    }
    if (isFunctionName(name)) {
      const [lo, hi] = FUNCTIONS[name];
      if (rawArgs.length < lo || rawArgs.length > hi) {
        const want = lo === hi ? `${lo}` : hi === Infinity ? `at least ${lo}` : `${lo} or ${hi}`;
        throw new ExprError(
          at,
          `${name}(…) takes ${want} argument${want === '1' ? '' : 's'}, not ${rawArgs.length}`,
          'wrong-arguments',
        );
      }
      const args = rawArgs.map((a) => walk(a, w, depth + 1));
      if (DIST_FUNCTIONS.has(name) && args[0]!.kind !== 'dist')
        throw new ExprError(
          at,
          `${name}(…) takes a distribution first, written out, e.g. ${name}(normal(0, 1), ${name === 'quantile' ? '0.9' : 'x'})`,
          'wrong-arguments',
        );
      return { kind: 'call', fn: name, args, at };
    }
    if (name in CONSTANTS) throw new ExprError(at, `'${name}' is a constant, not a function`);
    throw new ExprError(
      at,
      `'${name}' is not an allowed function; allowed are ${ALLOWED_FUNCTIONS} and the distributions`,
    );
  } finally {
    w.cursor = Math.max(saved, w.cursor);
  }
}

function walkMixture(rawArgs: MathNode[], w: Walk, depth: number, at: number): Expr {
  let weights: Expr[] | null = null;
  let comps = rawArgs;
  const last = rawArgs[rawArgs.length - 1];
  if (last && last.type === 'ArrayNode') {
    comps = rawArgs.slice(0, -1);
    weights = (last as MathNode & { items: MathNode[] }).items.map((x) => walk(x, w, depth + 1));
    if (weights.length !== comps.length) {
      throw new ExprError(
        at,
        `mixture(…) has ${comps.length} components but ${weights.length} weights`,
        'wrong-arguments',
      );
    }
  }
  if (comps.length === 0) throw new ExprError(at, 'mixture(…) needs at least one component', 'wrong-arguments');
  return { kind: 'dist', dist: 'mixture', args: comps.map((c) => walk(c, w, depth + 1)), weights, at };
}

/**
 * Parse `text` into an expression tree, or a located error. Numbers are accepted as they are
 * (YAML may hand us 0.98 rather than "0.98").
 */
export function parseExpression(
  text: string,
  source: ExprSource,
): { ok: true; value: ParsedExpr } | { ok: false; error: CredenceError } {
  const err = (at: number, message: string, code: ErrorCode = 'expression-syntax') => ({
    ok: false as const,
    error: error(code, message, source.loc(at)),
  });
  if (text.trim() === '') return err(0, 'the expression is empty');
  if (text.length > MAX_EXPRESSION_LENGTH)
    return err(0, `the expression is longer than ${MAX_EXPRESSION_LENGTH} characters`, 'limit-exceeded');
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (e) {
    // math.js's parser recurses once per level of nesting, and runs out of stack long past MAX_DEPTH.
    if (e instanceof RangeError)
      return err(0, `the expression is nested more than ${MAX_DEPTH} levels deep`, 'limit-exceeded');
    const msg = e instanceof Error ? e.message : String(e);
    const charMatch = /\(char (\d+)\)/.exec(msg);
    const at = charMatch ? Math.max(0, Number(charMatch[1]) - 1) : 0;
    return err(Math.min(at, text.length), `cannot read the expression: ${msg.replace(/\s*\(char \d+\)/, '')}`);
  }
  try {
    return { ok: true, value: { source, expr: walk(node, { text, cursor: 0 }, 0) } };
  } catch (e) {
    if (e instanceof ExprError) return err(e.at, e.message, e.code);
    if (e instanceof RangeError) return err(0, 'the expression is nested too deeply', 'limit-exceeded');
    throw e;
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
