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
  sin: [1, 1],
  cos: [1, 1],
  tan: [1, 1],
  asin: [1, 1],
  acos: [1, 1],
  atan: [1, 1],
  atan2: [2, 2],
  sinh: [1, 1],
  cosh: [1, 1],
  tanh: [1, 1],
  erf: [1, 1],
  sum: [1, Infinity],
  prod: [1, Infinity],
  cdf: [2, 2],
  pdf: [2, 2],
  quantile: [2, 2],
} as const satisfies Record<string, readonly [number, number]>;

export type FunctionName = keyof typeof FUNCTIONS;

/** Functions whose first argument is a distribution, written out, rather than a number. */
export const DIST_FUNCTIONS: ReadonlySet<FunctionName> = new Set<FunctionName>(['cdf', 'pdf', 'quantile']);

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
  'beta_ci90',
  'pert_ci90',
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
