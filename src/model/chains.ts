// Long chains of one associative operator (a + b - c + …, a * b / c …, a and b and …) as
// balanced trees: a sum of ten thousand terms is fourteen levels deep for everything that walks
// the tree, instead of ten thousand. Only the grouping changes (so the rounding of a long float
// sum or product may differ in its last bits from strict left-to-right order).

import type { Expr, Op } from './expression.ts';

/** Counts each node made against the expression's size limit, and returns it. */
type Count = <T extends Expr>(e: T) => T;

/** A long chain as a balanced tree: the same value, up to the rounding of a different grouping. */
export function rebalanced(
  chain: 'sum' | 'product' | 'and' | 'or',
  first: Expr,
  terms: { op: Op; expr: Expr; at: number }[],
  counted: Count,
): Expr {
  if (chain === 'and' || chain === 'or') return joined(chain, [first, ...terms.map((t) => t.expr)], counted);
  if (chain === 'sum') {
    const signed = terms.map((t) =>
      t.op === 'subtract' ? counted({ kind: 'op', op: 'unaryMinus', args: [t.expr], at: t.at }) : t.expr,
    );
    return joined('add', [first, ...signed], counted);
  }
  // Each divisor as its reciprocal (x / y = x · 1/y), so that factors and divisors stay mixed
  // as written rather than building a huge numerator and denominator apart (which overflow).
  const factors = terms.map((t) =>
    t.op === 'divide'
      ? counted({ kind: 'op', op: 'divide', args: [counted({ kind: 'num', value: 1, at: t.at }), t.expr], at: t.at })
      : t.expr,
  );
  return joined('multiply', [first, ...factors], counted);
}

/** `parts` joined by an associative operator, as a balanced tree (depth log2 of their number). */
export function joined(op: 'add' | 'multiply' | 'and' | 'or', parts: Expr[], counted: Count): Expr {
  let level = parts;
  while (level.length > 1) {
    const next: Expr[] = [];
    for (let i = 0; i + 1 < level.length; i += 2)
      next.push(counted({ kind: 'op', op, args: [level[i]!, level[i + 1]!], at: level[i + 1]!.at }));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}
