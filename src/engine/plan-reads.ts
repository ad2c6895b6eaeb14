// What a plan's steps read: the column slots of a lowered expression or of a distribution's
// parameters, so that the run can order steps and free columns once nothing reads them.

import type { Expr } from '../model/expression.ts';
import type { DistSpec, Operand } from './plan.ts';

/** The slot a lowered expression is nothing but a reference to, if it is one. */
export function aliasOf(e: Expr, slot: (name: string) => number): number | null {
  if (e.kind !== 'ref') return null;
  const i = slot(e.name);
  return i >= 0 ? i : null;
}

/** The column slots a lowered expression reads, ascending. */
export function exprReads(e: Expr, slot: (name: string) => number): number[] {
  const out = new Set<number>();
  const walk = (x: Expr): void => {
    if (x.kind === 'ref') {
      const i = slot(x.name);
      if (i >= 0) out.add(i);
    } else if (x.kind === 'if') {
      walk(x.test);
      walk(x.then);
      walk(x.else);
    } else if (x.kind === 'op' || x.kind === 'call') x.args.forEach(walk);
    else if (x.kind === 'dist') {
      x.args.forEach(walk);
      x.weights?.forEach(walk);
    }
  };
  walk(e);
  return [...out].sort((a, b) => a - b);
}

/** The column slots a distribution's parameters (and a mixture's components and weights) read. */
export function specReads(s: DistSpec): number[] {
  const out = new Set<number>();
  const operand = (o: Operand) => {
    if ('slot' in o) out.add(o.slot);
  };
  const walk = (d: DistSpec): void => {
    if (d.dist === 'mixture') {
      for (const c of d.components)
        if ('dist' in c) walk(c);
        else operand(c);
      d.weights?.forEach(operand);
    } else d.params.forEach(operand);
  };
  walk(s);
  return [...out].sort((a, b) => a - b);
}
