// What a name in a model file may be: identifiers that math.js parses as symbols and that
// do not shadow a function, a distribution or an operator word.

export const FUNCTIONS = {
  min: [1, Infinity],
  max: [1, Infinity],
  abs: [1, 1],
  exp: [1, 1],
  log: [1, 2],
  log2: [1, 1],
  log10: [1, 1],
  log1p: [1, 1],
  expm1: [1, 1],
  sqrt: [1, 1],
  pow: [2, 2],
  floor: [1, 1],
  ceil: [1, 1],
  round: [1, 1],
  clamp: [3, 3],
  sigmoid: [1, 1],
  logit: [1, 1],
} as const satisfies Record<string, readonly [number, number]>;

export type FunctionName = keyof typeof FUNCTIONS;

export const DISTRIBUTIONS = [
  'normal',
  'lognormal',
  'uniform',
  'beta',
  'triangular',
  'pert',
  'bernoulli',
  'logitnormal',
  'ci90',
  'mixture',
] as const;

export type DistName = (typeof DISTRIBUTIONS)[number];

// No prototype: `name in CONSTANTS` must not find 'constructor', 'toString' or '__proto__'.
export const CONSTANTS: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, {
  pi: Math.PI,
  e: Math.E,
});

const WORDS = [
  'and',
  'or',
  'not',
  'xor',
  'mod',
  'to',
  'in',
  'true',
  'false',
  'null',
  'undefined',
  'Infinity',
  'NaN',
  'end',
];

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

export function isDistName(name: string): name is DistName {
  return (DISTRIBUTIONS as readonly string[]).includes(name);
}

/** Why a name cannot be used for an input, node or import, or null when it can. */
export function reservedReason(name: string): string | null {
  if (!IDENTIFIER.test(name))
    return `'${name}' is not a valid name: use letters, digits and underscores, starting with a letter`;
  if (isFunctionName(name)) return `'${name}' is the name of a function and cannot name a quantity`;
  if (isDistName(name)) return `'${name}' is the name of a distribution and cannot name a quantity`;
  if (WORDS.includes(name)) return `'${name}' is a reserved word and cannot name a quantity`;
  if (name in CONSTANTS) return `'${name}' is a constant (${name} = ${CONSTANTS[name]}) and cannot name a quantity`;
  return null;
}
