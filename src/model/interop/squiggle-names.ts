// Credence's quantity names as Squiggle names: Squiggle's begin with a lower-case letter and may
// not be a function the export calls; an import's `alias.name` becomes `alias__name`.

/** Squiggle names begin with a lower-case letter; these are functions the export calls. */
const RESERVED = new Set([
  'abs',
  'exp',
  'log',
  'log2',
  'log10',
  'floor',
  'ceil',
  'round',
  'min',
  'max',
  'sum',
  'product',
  'sample',
  'normal',
  'lognormal',
  'uniform',
  'beta',
  'triangular',
  'bernoulli',
  'mixture',
  'to',
  'mean',
  'xs',
  'x',
  'true',
  'false',
  'if',
  'then',
  'else',
  'export',
  'import',
]);

export function squiggleName(name: string): string {
  const flat = name.replace(/\./g, '__');
  return /^[a-z]/.test(flat) && !RESERVED.has(flat) ? flat : `v_${flat}`;
}
