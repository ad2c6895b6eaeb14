// Long chains of one operator as balanced trees: the terms in their written order, a depth of
// ⌈log2 n⌉, one counted node per join, subtraction as adding a negation and division as
// multiplying by a reciprocal, so the tree computes what the chain does.

import { describe, expect, it } from 'vitest';
import { joined, rebalanced } from '../../src/model/chains.ts';
import type { Expr } from '../../src/model/expression.ts';

const num = (value: number, at = 0): Expr => ({ kind: 'num', value, at });

function evaluate(e: Expr): number {
  if (e.kind === 'num') return e.value;
  if (e.kind !== 'op') throw new Error(`unexpected ${e.kind}`);
  const [a, b] = e.args.map(evaluate) as [number, number];
  const ops: Record<string, () => number> = {
    add: () => a + b,
    multiply: () => a * b,
    divide: () => a / b,
    unaryMinus: () => -a,
    and: () => (a && b ? 1 : 0),
    or: () => (a || b ? 1 : 0),
  };
  return ops[e.op]!();
}

const depth = (e: Expr): number => (e.kind === 'op' ? 1 + Math.max(...e.args.map(depth)) : 0);
const leaves = (e: Expr): number[] => (e.kind === 'op' ? e.args.flatMap(leaves) : e.kind === 'num' ? [e.value] : []);

describe('joined', () => {
  it('keeps the parts in order, ⌈log2 n⌉ deep, counting each of the n − 1 joins', () => {
    for (const n of [1, 2, 5, 8, 1000]) {
      let made = 0;
      const parts = Array.from({ length: n }, (_, i) => num(i + 1));
      const tree = joined('add', parts, (e) => (made++, e));
      expect(leaves(tree)).toEqual(parts.map((p) => (p as { value: number }).value));
      expect(depth(tree)).toBe(Math.ceil(Math.log2(n)));
      expect(made).toBe(n - 1);
      expect(evaluate(tree)).toBe((n * (n + 1)) / 2);
    }
  });
});

describe('rebalanced', () => {
  const id = <T extends Expr>(e: T) => e;

  it('computes a − b + c − … as the written chain does', () => {
    // 100 − 1 + 2 − 3 + … − 99: the chain left to right, exact in integers.
    const terms = Array.from({ length: 99 }, (_, i) => ({
      op: (i % 2 === 0 ? 'subtract' : 'add') as 'subtract' | 'add',
      expr: num(i + 1),
      at: i,
    }));
    let want = 100;
    for (const t of terms)
      want += t.op === 'subtract' ? -(t.expr as { value: number }).value : (t.expr as { value: number }).value;
    const tree = rebalanced('sum', num(100), terms, id);
    expect(evaluate(tree)).toBe(want);
    expect(depth(tree)).toBeLessThanOrEqual(1 + Math.ceil(Math.log2(100)));
  });

  it('computes a · b / c … with each divisor as a reciprocal among the factors', () => {
    // 2^40 · 2^-1 · 2^-1 … forty times: powers of two, so every grouping is exact.
    const terms = Array.from({ length: 40 }, (_, i) => ({ op: 'divide' as const, expr: num(2), at: i }));
    const tree = rebalanced('product', num(2 ** 40), terms, id);
    expect(evaluate(tree)).toBe(1);
    const mixed = rebalanced(
      'product',
      num(3),
      [
        { op: 'divide', expr: num(4), at: 1 },
        { op: 'multiply', expr: num(8), at: 2 },
      ],
      id,
    );
    expect(evaluate(mixed)).toBe(6);
  });

  it('joins and and or chains without changing their terms', () => {
    const terms = [1, 1, 0, 1].map((v, i) => ({ op: 'and' as const, expr: num(v), at: i }));
    expect(evaluate(rebalanced('and', num(1), terms, id))).toBe(0);
    expect(evaluate(rebalanced('or', num(0), terms, id))).toBe(1);
  });
});
