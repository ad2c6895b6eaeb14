// The output's mean as it stands and as it would stand after a yes/no outcome is learned, for
// value of information. Over samples i with weights wᵢ and likelihoods Lyᵢ (yes), Lnᵢ (no):
//
//   P(yes)         = Σ wᵢ Lyᵢ / (Σ wᵢ Lyᵢ + Σ wᵢ Lnᵢ)
//   mean if yes    = Σ wᵢ Lyᵢ yᵢ / Σ wᵢ Lyᵢ,   mean if no = Σ wᵢ Lnᵢ yᵢ / Σ wᵢ Lnᵢ
//   expected shift = P(yes)·|mean if yes − mean| + P(no)·|mean if no − mean|
//
// Each is a ratio of six sums, so its Monte Carlo error comes from a grouped jackknife: the
// statistic recomputed with each block of samples left out.

/** Blocks of the jackknife unless told otherwise. */
export const JACKKNIFE_GROUPS = 50;

export interface ConditionalMeans {
  pYes: number;
  pYesMcse: number;
  /** The mean now, if the outcome is yes, and if it is no. */
  mean: number;
  meanIfYes: number;
  meanIfNo: number;
  meanIfYesMcse: number;
  meanIfNoMcse: number;
  /** P(yes)·|meanIfYes − mean| + P(no)·|meanIfNo − mean|. */
  expectedShift: number;
  shiftMcse: number;
  /** The larger of the two possible shifts. */
  largestShift: number;
}

const K = 6; // Σw, Σwy, Σw·Ly, Σw·Ly·y, Σw·Ln, Σw·Ln·y

function statsOf(s: Float64Array | number[]): [number, number, number, number, number, number] {
  const mean = s[1]! / s[0]!;
  const pYes = s[2]! / (s[2]! + s[4]!);
  const mYes = s[2]! > 0 ? s[3]! / s[2]! : NaN;
  const mNo = s[4]! > 0 ? s[5]! / s[4]! : NaN;
  const term = (p: number, m: number) => (p > 0 ? p * Math.abs(m - mean) : 0);
  const shift = term(pYes, mYes) + term(1 - pYes, mNo);
  const largest = Math.max(s[2]! > 0 ? Math.abs(mYes - mean) : 0, s[4]! > 0 ? Math.abs(mNo - mean) : 0);
  return [mean, pYes, mYes, mNo, shift, largest];
}

/**
 * The mean of `y` now and given each outcome of a yes/no question whose likelihood in sample i
 * is likYes[i] (yes) and likNo[i] (no), with the expected absolute shift, and grouped-jackknife
 * errors over `groups` consecutive blocks. Samples whose y or likYes is not finite, or whose
 * weight is not positive, are left out.
 */
export function conditionalMeans(
  y: Float64Array,
  w: Float64Array | null,
  likYes: Float64Array,
  likNo: Float64Array,
  groups = JACKKNIFE_GROUPS,
): ConditionalMeans {
  const n = y.length;
  const G = Math.max(2, Math.min(groups, n));
  const parts = Array.from({ length: G }, () => new Float64Array(K));
  const total = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    const a = likYes[i]!;
    if (v - v !== 0 || a !== a) continue;
    const wi = w ? w[i]! : 1;
    if (!(wi > 0)) continue;
    const b = likNo[i]!;
    const g = parts[Math.floor((i * G) / n)]!;
    g[0]! += wi;
    g[1]! += wi * v;
    g[2]! += wi * a;
    g[3]! += wi * a * v;
    g[4]! += wi * b;
    g[5]! += wi * b * v;
  }
  for (const g of parts) for (let c = 0; c < K; c++) total[c]! += g[c]!;
  const full = statsOf(total);
  const loo = parts.map((g) => statsOf(total.map((t, c) => t - g[c]!)));
  const se = full.map((_, s) => {
    const xs = loo.map((l) => l[s]!).filter((x) => Number.isFinite(x));
    if (xs.length < 2) return NaN;
    const mu = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Math.sqrt(((xs.length - 1) / xs.length) * xs.reduce((a, b) => a + (b - mu) ** 2, 0));
  });
  const [mean, pYes, meanIfYes, meanIfNo, expectedShift, largestShift] = full;
  return {
    pYes,
    pYesMcse: se[1]!,
    mean,
    meanIfYes,
    meanIfNo,
    meanIfYesMcse: se[2]!,
    meanIfNoMcse: se[3]!,
    expectedShift,
    shiftMcse: se[4]!,
    largestShift,
  };
}
