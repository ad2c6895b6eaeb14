// Means of an output column and their Monte Carlo error, shared by every analysis that
// compares output means: tornado bars, sweep points, grid cells, thresholds and Shapley parts.
//
// A mean is Σ wᵢyᵢ / Σ wᵢ over the rows whose value is finite (wᵢ = 1 without evidence). Its
// error comes from its influence vector φᵢ = n·wᵢ(yᵢ − m)/Σw (zero on rows left out): the
// standard error of any linear combination Σ c_k m_k of means computed on the same rows
// (common random numbers) is √(Σᵢ (Σ_k c_k φ_kᵢ)² / (n(n − 1))). For one unweighted mean this
// is the familiar sd/√n; for a difference between two runs that share their random numbers it
// is the standard error of the paired differences, which is what makes pinned comparisons
// precise.

export interface MeanEstimate {
  mean: number;
  /** Monte Carlo standard error of the mean. */
  mcse: number;
  /** Rows that entered the mean (finite value, positive weight). */
  used: number;
}

export interface MeanWithInfluence extends MeanEstimate {
  influence: Float64Array;
}

/** The (weighted) mean of the finite values of `y`, with its influence vector. */
export function meanWithInfluence(y: Float64Array, w: Float64Array | null): MeanWithInfluence {
  const n = y.length;
  let sw = 0;
  let swy = 0;
  let used = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    if (v - v !== 0) continue;
    const wi = w ? w[i]! : 1;
    if (!(wi > 0)) continue;
    sw += wi;
    swy += wi * v;
    used++;
  }
  const influence = new Float64Array(n);
  if (!(sw > 0)) return { mean: NaN, mcse: NaN, used: 0, influence };
  const mean = swy / sw;
  const scale = n / sw;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    if (v - v !== 0) continue;
    const wi = w ? w[i]! : 1;
    if (!(wi > 0)) continue;
    const f = scale * wi * (v - mean);
    influence[i] = f;
    ss += f * f;
  }
  return { mean, mcse: n > 1 ? Math.sqrt(ss / (n * (n - 1))) : NaN, used, influence };
}

export function meanOf(y: Float64Array, w: Float64Array | null): MeanEstimate {
  const { mean, mcse, used } = meanWithInfluence(y, w);
  return { mean, mcse, used };
}

/** Standard error of the difference of two means that share their random numbers. */
export function differenceMcse(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  if (n < 2) return NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = b[i]! - a[i]!;
    ss += d * d;
  }
  return Math.sqrt(ss / (n * (n - 1)));
}

/** Accumulates Σ_k c_k φ_k row by row without keeping every influence vector. */
export class InfluenceSum {
  readonly acc: Float64Array;
  constructor(n: number) {
    this.acc = new Float64Array(n);
  }

  add(coef: number, influence: Float64Array): void {
    if (coef === 0) return;
    const a = this.acc;
    for (let i = 0; i < a.length; i++) a[i]! += coef * influence[i]!;
  }

  mcse(): number {
    const a = this.acc;
    const n = a.length;
    if (n < 2) return NaN;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += a[i]! * a[i]!;
    return Math.sqrt(ss / (n * (n - 1)));
  }
}
