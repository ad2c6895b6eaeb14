// Calibration (pure): stated credences grouped in equal-width bins, with the observed frequency
// of yes in each bin, its Wilson score interval, and the mean credence stated in the bin: the
// point is drawn there (a bin of 50% credences at 50%, not at its centre), so a perfectly
// calibrated forecaster's points lie on the diagonal.

/** z for a two-sided 95% interval: the 97.5th percentile of the standard normal. */
export const Z95 = 1.959963984540054;

/**
 * The Wilson score interval for `successes` out of `n` (no continuity correction), or null for
 * n = 0. Bounds are clamped to [0, 1].
 */
export function wilsonInterval(successes: number, n: number, z: number = Z95): { lo: number; hi: number } | null {
  if (!(n > 0) || successes < 0 || successes > n) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lo: Math.max(0, (centre - half) / denom), hi: Math.min(1, (centre + half) / denom) };
}

export interface CalibrationBin {
  /** [lo, hi): the last bin also holds credences equal to hi. */
  lo: number;
  hi: number;
  /** Where the diagonal passes: (lo + hi) / 2. */
  centre: number;
  count: number;
  yes: number;
  /** yes / count, or null for an empty bin. */
  observed: number | null;
  /** The mean stated credence in the bin, or null for an empty bin. */
  meanCredence: number | null;
  /** Wilson 95% interval of the observed frequency, or null for an empty bin. */
  interval: { lo: number; hi: number } | null;
}

/** The bin of a credence: floor(credence × bins), with a guard against 0.7 × 10 = 6.999… */
export function binIndex(credence: number, bins: number): number {
  return Math.max(0, Math.min(bins - 1, Math.floor(credence * bins + 1e-9)));
}

export function calibration(points: readonly { credence: number; yes: boolean }[], bins = 10): CalibrationBin[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError('bins must be a positive whole number');
  const acc = Array.from({ length: bins }, () => ({ count: 0, yes: 0, sum: 0 }));
  for (const p of points) {
    const a = acc[binIndex(p.credence, bins)]!;
    a.count++;
    a.sum += p.credence;
    if (p.yes) a.yes++;
  }
  return acc.map((a, i) => {
    const lo = i / bins;
    const hi = (i + 1) / bins;
    return {
      lo,
      hi,
      centre: (lo + hi) / 2,
      count: a.count,
      yes: a.yes,
      observed: a.count > 0 ? a.yes / a.count : null,
      meanCredence: a.count > 0 ? a.sum / a.count : null,
      interval: wilsonInterval(a.yes, a.count),
    };
  });
}
