// Shared by the tests of the beta and normal quantiles: beta shapes from tiny to large, a grid of
// probabilities reaching 1e-14 into both tails, and the error measure relative to the nearer end.

export const SHAPES: [number, number][] = [
  [6, 4],
  [49, 1],
  [1, 49],
  [0.5, 0.5],
  [0.2, 3],
  [2, 2],
  [1, 1],
  [20, 80],
  [1.5, 30],
  [200, 300],
  [0.1, 0.1],
  [1.8, 4.2],
];

/** Probabilities from 1e-14 to 1 − 1e-14: a uniform grid and geometric runs into both tails. */
export const PROBS = [
  ...Array.from({ length: 199 }, (_, i) => (i + 0.5) / 199),
  ...Array.from({ length: 40 }, (_, i) => 0.03 * 2 ** -i),
  ...Array.from({ length: 40 }, (_, i) => 1 - 0.03 * 2 ** -i),
];

/** |got − want| ≤ tol · min(want, 1 − want), or within the rounding of a double near 1. */
export function expectNear(got: number, want: number, wantUpper: number, tol: number, what: string): void {
  const err = Math.abs(got - want);
  if (!(err <= tol * Math.min(want, wantUpper) + 2.3e-16))
    throw new Error(`${what}: ${got} vs ${want} (relative error ${err / Math.min(want, wantUpper)})`);
}
