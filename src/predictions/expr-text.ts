// Expressions back to text that parses to the same tree (pure): every compound operand is
// parenthesised, so the result never depends on operator precedence. Used to hand rewritten
// expressions (qualified names, `1 - (p)`) to the engine as likelihood text.

import { mapRefs, type Expr, type Op } from '../model/expression.ts';
import { CONSTANTS } from '../model/names.ts';

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

function operand(e: Expr): string {
  const s = exprText(e);
  return e.kind === 'op' || e.kind === 'if' || (e.kind === 'num' && e.value < 0) ? `(${s})` : s;
}

export function exprText(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return String(e.value);
    case 'ref':
      return e.name;
    case 'call':
      return `${e.fn}(${e.args.map(exprText).join(', ')})`;
    case 'dist': {
      const args = e.args.map(exprText);
      if (e.weights) args.push(`[${e.weights.map(exprText).join(', ')}]`);
      return `${e.dist}(${args.join(', ')})`;
    }
    case 'if':
      return `${operand(e.test)} ? ${operand(e.then)} : ${operand(e.else)}`;
    case 'op': {
      if (e.op === 'unaryMinus' || e.op === 'unaryPlus' || e.op === 'not') return `${UNARY[e.op]}${operand(e.args[0]!)}`;
      return `${operand(e.args[0]!)} ${BINARY[e.op]} ${operand(e.args[1]!)}`;
    }
  }
}

/** Prefix every quantity name in `expr` with `prefix` (e.g. "a." or "a.b."); constants stay as they are. */
export function qualifyExpr(expr: Expr, prefix: string): Expr {
  if (prefix === '') return expr;
  return mapRefs(expr, (name) => (name in CONSTANTS ? name : prefix + name));
}
