// Shared by the quantile and selection tests: the type-7 quantile by its definition, and random
// integer columns with a chosen number of distinct values (few values: many ties).

export const PS = [0.05, 0.25, 0.5, 0.75, 0.95];

/** Type 7 by the definition: h = (n − 1)p, interpolate between the sorted values at ⌊h⌋ and ⌊h⌋ + 1. */
export function type7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (h - lo);
}

export function randomColumn(r: () => number, n: number, distinct: number): Float64Array {
  return Float64Array.from({ length: n }, () => Math.floor(r() * distinct) - distinct / 2);
}
