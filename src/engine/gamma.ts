// Direct gamma and beta draws for parameters that change from row to row (constant ones go
// through the beta quantile tables instead): Marsaglia & Tsang's gamma (2000), with shape < 1
// boosted by U^(1/shape), and beta as a gamma ratio.

import type { Stream } from './random.ts';

/** Marsaglia–Tsang step with d = shape − 1/3 and c = 1/√(9d) precomputed (shape ≥ 1). */
export function mtGamma(rng: Stream, d: number, c: number): number {
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform32();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Gamma(shape, 1). */
export function gamma(rng: Stream, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  return mtGamma(rng, d, 1 / Math.sqrt(9 * d));
}

/** log of a Gamma(shape, 1) draw; for shape < 1 the boost is applied to the log, so it cannot underflow. */
function logGamma(rng: Stream, shape: number): number {
  if (shape >= 1) return Math.log(gamma(rng, shape));
  const g = gamma(rng, shape + 1);
  return Math.log(g) + Math.log(rng.uniform()) / shape;
}

/** Beta(a, b) as X / (X + Y) for independent gammas. */
export function betaSample(rng: Stream, a: number, b: number): number {
  if (a >= 1 && b >= 1) {
    const x = gamma(rng, a);
    const y = gamma(rng, b);
    return x / (x + y);
  }
  // With a shape below 1 both gamma draws can underflow to 0 (0/0); their ratio cannot.
  const lx = logGamma(rng, a);
  const ly = logGamma(rng, b);
  return 1 / (1 + Math.exp(ly - lx));
}
