// Credence's operators and functions as Squiggle text over written operands: arithmetic as
// Squiggle's, comparisons and logic as 1 or 0 (Credence's booleans are numbers), and the
// functions Squiggle lacks spelled out (log1p, expm1, sigmoid, logit, clamp, mod).

import type { Expr, Op } from '../expression.ts';

/** Operators and functions Squiggle applies to two SampleSets sample by sample (pairwise). */
const PAIRWISE_OPS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus']);
const PAIRWISE_CALLS = new Set(['exp', 'log', 'log2', 'log10', 'sqrt', 'pow', 'log1p', 'expm1', 'sigmoid', 'logit']);

/** Whether `e` can be written over SampleSets directly (no lambda per sample). */
export function isPairwise(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
    case 'ref':
      return true;
    case 'op':
      return PAIRWISE_OPS.has(e.op) && e.args.every(isPairwise);
    case 'call':
      return PAIRWISE_CALLS.has(e.fn) && e.args.every(isPairwise);
    default:
      return false;
  }
}

/** Credence's operator over written operands (a comparison or logic gives 1 or 0, as in Credence). */
export function opText(op: Op, a: string, b: string | undefined): string {
  const bool = (s: string) => `(${s} ? 1 : 0)`;
  switch (op) {
    case 'add':
      return `(${a} + ${b})`;
    case 'subtract':
      return `(${a} - ${b})`;
    case 'multiply':
      return `(${a} * ${b})`;
    case 'divide':
      return `(${a} / ${b})`;
    case 'pow':
      return `(${a} ^ ${b})`;
    case 'mod':
      return `(${a} - ${b} * floor(${a} / ${b}))`;
    case 'unaryMinus':
      return `(-${a})`;
    case 'unaryPlus':
      return `${a}`;
    case 'not':
      return bool(`${a} == 0`);
    case 'and':
      return bool(`${a} != 0 && ${b} != 0`);
    case 'or':
      return bool(`${a} != 0 || ${b} != 0`);
    case 'xor':
      return bool(`(${a} != 0) != (${b} != 0)`);
    case 'equal':
      return bool(`${a} == ${b}`);
    case 'unequal':
      return bool(`${a} != ${b}`);
    case 'smaller':
      return bool(`${a} < ${b}`);
    case 'smallerEq':
      return bool(`${a} <= ${b}`);
    case 'larger':
      return bool(`${a} > ${b}`);
    case 'largerEq':
      return bool(`${a} >= ${b}`);
  }
}

/** Credence's function `fn` over written arguments, or null when Squiggle has no equivalent. */
export function callText(fn: string, args: string[], pairwise: boolean): string | null {
  const [a, b, c] = args;
  switch (fn) {
    case 'min':
    case 'max':
    case 'sum':
      return `${fn}([${args.join(', ')}])`;
    case 'prod':
      return `product([${args.join(', ')}])`;
    case 'log2':
      // Squiggle's log2 takes numbers only; the ratio of logs also takes SampleSets.
      return pairwise ? `(log(${a}) / log(2))` : `log2(${a})`;
    case 'abs':
    case 'exp':
    case 'log10':
    case 'floor':
    case 'ceil':
    case 'round':
      return `${fn}(${a})`;
    case 'log':
      return b === undefined ? `log(${a})` : `(log(${a}) / log(${b}))`;
    case 'log1p':
      return `log(1 + ${a})`;
    case 'expm1':
      return `(exp(${a}) - 1)`;
    case 'sqrt':
      return `(${a} ^ 0.5)`;
    case 'pow':
      return `(${a} ^ ${b})`;
    case 'clamp':
      return `min([max([${a}, ${b}]), ${c}])`;
    case 'sigmoid':
      return `(1 / (1 + exp(-${a})))`;
    case 'logit':
      return `log(${a} / (1 - ${a}))`;
    default:
      return null;
  }
}
