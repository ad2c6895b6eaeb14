// math.js's syntax tree → Credence's expression tree, against the allow-list: anything else is an
// error at its offset. Nothing is ever evaluated by math.js. Bounded: the nesting, the number of
// terms and the length of names are limited; a chain of one operator (a + b - c + …, a * b / c …,
// a and b and …) is read in one loop however long it is, and a long one becomes a balanced tree,
// so a sum of ten thousand terms is as shallow for everything downstream as a sum of fourteen.

import { create, parseDependencies } from 'mathjs';
import type { MathNode } from 'mathjs';
import { DIST_FUNCTIONS, FUNCTIONS, isDistName, isFunctionName, CONSTANTS } from './names.ts';
import { OPS, OPERATOR_WORDS, ALLOWED_FUNCTIONS, describeForbidden } from './allow-list.ts';
import type { ErrorCode } from './errors.ts';
import { LIMITS, count, type LimitName } from './limits.ts';
import type { Expr, Op } from './expression.ts';
import { joined, rebalanced } from './chains.ts';

const math = create({ parseDependencies });

/** Operators read as one chain; a chain longer than EXACT_CHAIN is rebalanced. */
const CHAINS: Record<string, 'sum' | 'product' | 'and' | 'or'> = {
  add: 'sum',
  subtract: 'sum',
  multiply: 'product',
  divide: 'product',
  and: 'and',
  or: 'or',
};
/** Chains up to this many operators keep math.js's left-to-right grouping (and its rounding) exactly. */
const EXACT_CHAIN = 64;

export class ExprError extends Error {
  constructor(
    readonly at: number,
    message: string,
    readonly code: ErrorCode = 'not-allowed',
    readonly limit?: LimitName,
  ) {
    super(message);
  }
}

/**
 * The walk reads the tree in the order of the text (math.js keeps operands, arguments and
 * branches in written order), so offsets are found by searching forward from a cursor: each
 * search starts where the last name ended, and the whole walk reads the text about once.
 */
interface Walk {
  text: string;
  cursor: number;
  size: number;
}

function tooDeep(): ExprError {
  return new ExprError(0, 'the expression is nested too deeply', 'limit-exceeded', 'expression-depth');
}

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95; // 0-9 A-Z a-z _

/** Offset of the next whole-word `word` at or after the cursor (the cursor when not found). */
function findWord(w: Walk, word: string): number {
  for (let i = w.text.indexOf(word, w.cursor); i >= 0; i = w.text.indexOf(word, i + 1)) {
    const before = i > 0 ? w.text.charCodeAt(i - 1) : 32;
    const after = i + word.length < w.text.length ? w.text.charCodeAt(i + word.length) : 32;
    if (!isWordChar(before) && before !== 46 && !isWordChar(after)) return i; // 46: '.'
  }
  return w.cursor;
}

function findText(w: Walk, needle: string): number {
  const i = w.text.indexOf(needle, w.cursor);
  return i < 0 ? w.cursor : i;
}

function counted<T extends Expr>(w: Walk, e: T): T {
  if (++w.size > LIMITS['expression-size'])
    throw new ExprError(
      0,
      `the expression has over ${count(LIMITS['expression-size'])} terms`,
      'limit-exceeded',
      'expression-size',
    );
  return e;
}

function nameAt(w: Walk, name: string): number {
  if (name.length > LIMITS['name-length'])
    throw new ExprError(
      findText(w, name.slice(0, 20)),
      `a name here is ${count(name.length)} characters long`,
      'limit-exceeded',
      'name-length',
    );
  const at = findWord(w, name);
  w.cursor = at + name.length;
  return at;
}

/** Parse `text` with math.js and read it into an expression tree, or throw an ExprError. */
export function toExpr(text: string): Expr {
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (e) {
    // math.js's parser recurses once per level of nesting, and runs out of stack long past the limit.
    if (e instanceof RangeError) throw tooDeep();
    const msg = e instanceof Error ? e.message : String(e);
    // math.js gives the 1-based character of a syntax error as `char`; without one, the
    // expression as a whole is the place.
    const char = (e as { char?: unknown }).char;
    const at = typeof char === 'number' && Number.isInteger(char) ? Math.max(0, char - 1) : 0;
    // The message repeats the character as " (char N)"; the place is shown apart from it.
    const sentence = typeof char === 'number' ? msg.replace(` (char ${char})`, '') : msg;
    throw new ExprError(Math.min(at, text.length), `cannot read the expression: ${sentence}`, 'expression-syntax');
  }
  return walk(node, { text, cursor: 0, size: 0 }, 0);
}

function walk(node: MathNode, w: Walk, depth: number): Expr {
  if (depth > LIMITS['expression-depth']) throw tooDeep();
  const n = node as MathNode & Record<string, unknown>;
  switch (node.type) {
    case 'ParenthesisNode':
      return walk(n.content as MathNode, w, depth + 1);
    case 'ConstantNode': {
      const v = n.value;
      if (typeof v === 'number' && Number.isFinite(v)) return counted(w, { kind: 'num', value: v, at: 0 });
      if (typeof v === 'boolean') return counted(w, { kind: 'num', value: v ? 1 : 0, at: 0 });
      if (typeof v === 'string')
        throw new ExprError(findText(w, v), `text ("${v}") is not allowed in an expression; use numbers`);
      throw new ExprError(0, `'${String(v)}' is not a finite number`, 'invalid-value');
    }
    case 'SymbolNode': {
      const name = n.name as string;
      const at = nameAt(w, name);
      if (isFunctionName(name) || isDistName(name))
        throw new ExprError(at, `'${name}' is a function: call it with arguments, e.g. ${name}(…)`, 'wrong-arguments');
      return counted(w, { kind: 'ref', name, at });
    }
    case 'AccessorNode': {
      const path = dottedPath(node);
      if (path === null) throw new ExprError(findText(w, '['), describeForbidden('AccessorNode'));
      return counted(w, { kind: 'ref', name: path, at: nameAt(w, path) });
    }
    case 'OperatorNode':
      return walkOperator(n, w, depth);
    case 'RelationalNode': {
      // a < b <= c means (a < b) and (b <= c)
      const conds = n.conditionals as string[];
      const params = (n.params as MathNode[]).map((p) => walk(p, w, depth + 1));
      const cmps = conds.map((c, i): Expr =>
        counted(w, { kind: 'op', op: c as Op, args: [params[i]!, params[i + 1]!], at: 0 }),
      );
      return joined('and', cmps, (e) => counted(w, e));
    }
    case 'ConditionalNode': {
      const test = walk(n.condition as MathNode, w, depth + 1);
      const at = findText(w, '?');
      const then = walk(n.trueExpr as MathNode, w, depth + 1);
      return counted(w, { kind: 'if', test, then, else: walk(n.falseExpr as MathNode, w, depth + 1), at });
    }
    case 'FunctionNode':
      return walkCall(n, w, depth);
    default:
      throw new ExprError(0, describeForbidden(node.type));
  }
}

function checkOperator(n: MathNode & Record<string, unknown>, w: Walk): void {
  const fn = n.fn as string;
  if (OPS.has(fn)) return;
  const shown = OPERATOR_WORDS[fn] ?? `'${String(n.op)}'`;
  throw new ExprError(
    findText(w, String(n.op)),
    `the operator ${shown} is not allowed; allowed are + - * / ^ %, comparisons, and, or, not, xor and ?:`,
  );
}

function walkOperator(n: MathNode & Record<string, unknown>, w: Walk, depth: number): Expr {
  const fn = n.fn as string;
  const args = n.args as MathNode[];
  const chain = Object.hasOwn(CHAINS, fn) && args.length === 2 ? CHAINS[fn]! : null;
  if (chain === null) {
    checkOperator(n, w);
    if (args.length === 1) {
      const at = findText(w, String(n.op));
      return counted(w, { kind: 'op', op: fn as Op, args: [walk(args[0]!, w, depth + 1)], at });
    }
    const left = walk(args[0]!, w, depth + 1);
    const at = findText(w, String(n.op));
    return counted(w, { kind: 'op', op: fn as Op, args: [left, walk(args[1]!, w, depth + 1)], at });
  }
  // Unwind the left-deep chain ((t0 op1 t1) op2 t2) … in a loop, then read the terms in order.
  const right: { op: Op; sign: string; node: MathNode }[] = [];
  let head: MathNode = n;
  for (;;) {
    const h = head as MathNode & Record<string, unknown>;
    const hArgs = h.args as MathNode[] | undefined;
    if (head.type !== 'OperatorNode' || !hArgs || hArgs.length !== 2 || CHAINS[h.fn as string] !== chain) break;
    right.push({ op: h.fn as Op, sign: String(h.op), node: hArgs[1]! });
    head = hArgs[0]!;
  }
  right.reverse();
  const first = walk(head, w, depth + 1);
  const terms: { op: Op; expr: Expr; at: number }[] = [];
  for (const r of right) {
    const at = findText(w, r.sign);
    terms.push({ op: r.op, expr: walk(r.node, w, depth + 1), at });
  }
  if (terms.length <= EXACT_CHAIN)
    return terms.reduce<Expr>((acc, t) => counted(w, { kind: 'op', op: t.op, args: [acc, t.expr], at: t.at }), first);
  return rebalanced(chain, first, terms, (e) => counted(w, e));
}

function dottedPath(node: MathNode): string | null {
  const parts: string[] = [];
  let cur: MathNode = node;
  while (cur.type === 'AccessorNode') {
    const n = cur as MathNode & Record<string, unknown>;
    const index = n.index as MathNode & { dotNotation?: boolean; dimensions?: MathNode[] };
    if (!index.dotNotation || !index.dimensions || index.dimensions.length !== 1) return null;
    const key = index.dimensions[0] as MathNode & { value?: unknown };
    if (key.type !== 'ConstantNode' || typeof key.value !== 'string') return null;
    parts.push(key.value);
    cur = n.object as MathNode;
  }
  if (cur.type !== 'SymbolNode') return null;
  parts.push((cur as MathNode & { name: string }).name);
  return parts.reverse().join('.');
}

function walkCall(n: MathNode & Record<string, unknown>, w: Walk, depth: number): Expr {
  const fnNode = n.fn as MathNode & { name?: string };
  if (fnNode.type !== 'SymbolNode') throw new ExprError(0, 'only named functions can be called');
  const name = fnNode.name!;
  const at = nameAt(w, name);
  const rawArgs = n.args as MathNode[];
  if (isDistName(name)) {
    if (name === 'mixture') return walkMixture(rawArgs, w, depth, at);
    const args = rawArgs.map((a) => walk(a, w, depth + 1));
    return counted(w, { kind: 'dist', dist: name, args, weights: null, at });
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
    return counted(w, { kind: 'call', fn: name, args, at });
  }
  if (name in CONSTANTS) throw new ExprError(at, `'${name}' is a constant, not a function`);
  throw new ExprError(
    at,
    `'${name}' is not an allowed function; allowed are ${ALLOWED_FUNCTIONS} and the distributions`,
  );
}

function walkMixture(rawArgs: MathNode[], w: Walk, depth: number, at: number): Expr {
  let weights: MathNode[] | null = null;
  let comps = rawArgs;
  const last = rawArgs[rawArgs.length - 1];
  if (last && last.type === 'ArrayNode') {
    comps = rawArgs.slice(0, -1);
    weights = (last as MathNode & { items: MathNode[] }).items;
    if (weights.length !== comps.length) {
      throw new ExprError(
        at,
        `mixture(…) has ${comps.length} components but ${weights.length} weights`,
        'wrong-arguments',
      );
    }
  }
  if (comps.length === 0) throw new ExprError(at, 'mixture(…) needs at least one component', 'wrong-arguments');
  // Components come before their weights in the text.
  const args = comps.map((c) => walk(c, w, depth + 1));
  const ws = weights?.map((x) => walk(x, w, depth + 1)) ?? null;
  return counted(w, { kind: 'dist', dist: 'mixture', args, weights: ws, at });
}
