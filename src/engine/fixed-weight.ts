// Weight sums per bin that do not depend on the order of their terms. A quantile's bracket is
// chosen from the weight in each bin; if those sums were floats, a run split differently between
// threads could add them in another order, round differently and choose another bracket. Here each
// weight is cut, by a rule of its own value only, to a fixed point of two integer limbs (each held
// in a double) whose units are set by a bound on the weights: integers add exactly in any order,
// so every split of a run gives the same bits. Per bin: two doubles, as a Kahan sum would take.

/** One limb holds integers below 2^52 units of the limb beneath it. */
export const LIMB = 2 ** 52;

/** Terms per run at most (100,000,000 samples < 2^27): sums of the high limb stay below 2^53. */
const TERM_BITS = 27;

/** The fixed point for weights below 2^bits. */
export interface WeightScale {
  bits: number;
  /** Weights at or above this break the scale (counted as overflow, left out of the sums). */
  bound: number;
  /** 2^-(bits − 26): a weight times this is below 2^26, the high limb's share of it. */
  toHigh: number;
  /** The high limb's unit and the low limb's (the most a weight loses when cut). */
  highUnit: number;
  lowUnit: number;
}

const clampBits = (b: number) => Math.min(1000, Math.max(-900, b));

export function weightScale(bits: number): WeightScale {
  const b = clampBits(bits);
  const shift = b + TERM_BITS - 53;
  return { bits: b, bound: 2 ** b, toHigh: 2 ** -shift, highUnit: 2 ** shift, lowUnit: 2 ** (shift - 52) };
}

/**
 * The bits of a bound above `max` with `guard` binades of room (weights known only from a first
 * segment get room to grow; a run's exact largest weight needs none).
 */
export function boundBits(max: number, guard: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return guard;
  return Math.floor(Math.log2(max)) + 1 + guard;
}

/** The fixed-point sum (high, low limbs) as a double, rounded once. */
export function fixedValue(high: number, low: number, s: WeightScale): number {
  return (high + low / LIMB) * s.highUnit;
}
