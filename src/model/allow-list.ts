// What an expression in a model file may contain: the operators (functions, distributions and
// constants are listed in names.ts), and how everything else is named when it is refused.

import { FUNCTIONS } from './names.ts';
import type { Op } from './expression.ts';

/** The operators an expression may use, by math.js's function name for them. */
export const OPS: ReadonlySet<string> = new Set<Op>([
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

/** How refused operators are named in messages. */
export const OPERATOR_WORDS: Record<string, string> = {
  factorial: "'!' (factorial)",
  // math.js reads a' as the conjugate transpose.
  ctranspose: "the transpose operator (')",
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

export const ALLOWED_FUNCTIONS = Object.keys(FUNCTIONS).join(', ');

export function describeForbidden(type: string): string {
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
