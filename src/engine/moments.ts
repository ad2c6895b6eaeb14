// Running moments of one quantity over a run's segments: the count, sum and spread of its finite
// values and, with weights, the same over the rows of positive weight. Each segment's sums are
// taken in order and added exactly (exact-sum.ts), so the totals do not depend on which thread
// summed which segment. Squares are taken about a shift K (a value of the quantity from the first
// segment), which keeps the variance accurate when the mean is far from zero.

import { ExactSum } from './exact-sum.ts';

/** What a quantity's moments give: a summary without its quantiles. */
export interface MomentSummary {
  count: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
}

export interface WeightedMomentSummary extends MomentSummary {
  /** Sum of the weights of the included rows (their count when unweighted), exact then rounded. */
  total: number;
  /** Kish's effective sample size of those weights. */
  ess: number;
}

// Per-segment sums, left in this buffer by the loops (a loop that built an object after itself
// would run without type feedback): count, Σx, Σ(x−K)², min, max, then wcount, Σw, Σw², Σwx,
// Σw(x−K)², wmin, wmax.
const acc = new Float64Array(12);

function segmentSums(x: Float64Array, w: Float64Array | null, m: number, k: number): void {
  if (w === null) plainSums(x, m, k);
  else weightedSums(x, w, m, k);
}

function plainSums(x: Float64Array, m: number, k: number): void {
  let count = 0;
  let sum = 0;
  let ss = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < m; i++) {
    const v = x[i]!;
    if (v - v !== 0) continue; // NaN or ±Infinity
    count++;
    sum += v;
    const d = v - k;
    ss += d * d;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  acc[0] = count;
  acc[1] = sum;
  acc[2] = ss;
  acc[3] = min;
  acc[4] = max;
}

function weightedSums(x: Float64Array, w: Float64Array, m: number, k: number): void {
  let count = 0;
  let sum = 0;
  let ss = 0;
  let min = Infinity;
  let max = -Infinity;
  let wcount = 0;
  let sw = 0;
  let sw2 = 0;
  let swx = 0;
  let wss = 0;
  let wmin = Infinity;
  let wmax = -Infinity;
  for (let i = 0; i < m; i++) {
    const v = x[i]!;
    if (v - v !== 0) continue;
    count++;
    sum += v;
    const d = v - k;
    const dd = d * d;
    ss += dd;
    if (v < min) min = v;
    if (v > max) max = v;
    const wi = w[i]!;
    if (!(wi > 0)) continue;
    wcount++;
    sw += wi;
    sw2 += wi * wi;
    swx += wi * v;
    wss += wi * dd;
    if (v < wmin) wmin = v;
    if (v > wmax) wmax = v;
  }
  acc[0] = count;
  acc[1] = sum;
  acc[2] = ss;
  acc[3] = min;
  acc[4] = max;
  acc[5] = wcount;
  acc[6] = sw;
  acc[7] = sw2;
  acc[8] = swx;
  acc[9] = wss;
  acc[10] = wmin;
  acc[11] = wmax;
}

export class Moments {
  count = 0;
  min = Infinity;
  max = -Infinity;
  wcount = 0;
  wmin = Infinity;
  wmax = -Infinity;
  /** Σx, Σ(x−K)², Σw, Σw², Σwx, Σw(x−K)². */
  readonly sums = Array.from({ length: 6 }, () => new ExactSum());

  constructor(
    readonly shift: number,
    readonly weighted: boolean,
  ) {}

  add(x: Float64Array, w: Float64Array | null, m: number): void {
    segmentSums(x, this.weighted ? w : null, m, this.shift);
    const s = this.sums;
    this.count += acc[0]!;
    s[0]!.add(acc[1]!);
    s[1]!.add(acc[2]!);
    // Math.min/max, not <: of −0 and 0 they take −0 and 0 whatever the order of the segments.
    this.min = Math.min(this.min, acc[3]!);
    this.max = Math.max(this.max, acc[4]!);
    if (!this.weighted) return;
    this.wcount += acc[5]!;
    s[2]!.add(acc[6]!);
    s[3]!.add(acc[7]!);
    s[4]!.add(acc[8]!);
    s[5]!.add(acc[9]!);
    this.wmin = Math.min(this.wmin, acc[10]!);
    this.wmax = Math.max(this.wmax, acc[11]!);
  }

  merge(o: Moments): void {
    this.count += o.count;
    this.wcount += o.wcount;
    this.min = Math.min(this.min, o.min);
    this.max = Math.max(this.max, o.max);
    this.wmin = Math.min(this.wmin, o.wmin);
    this.wmax = Math.max(this.wmax, o.wmax);
    this.sums.forEach((s, i) => s.merge(o.sums[i]!));
  }

  /** A plain object for another thread (typed arrays and numbers only). */
  toMessage(): MomentsMessage {
    const { shift, weighted, count, min, max, wcount, wmin, wmax } = this;
    return { shift, weighted, count, min, max, wcount, wmin, wmax, sums: this.sums.map((s) => s.snapshot()) };
  }

  static from(msg: MomentsMessage): Moments {
    const m = new Moments(msg.shift, msg.weighted);
    Object.assign(m, {
      count: msg.count,
      min: msg.min,
      max: msg.max,
      wcount: msg.wcount,
      wmin: msg.wmin,
      wmax: msg.wmax,
    });
    msg.sums.forEach((s, i) => m.sums[i]!.merge(ExactSum.from(s)));
    return m;
  }

  prior(): MomentSummary {
    const { count, min, max } = this;
    if (count === 0) return { count, mean: NaN, sd: NaN, min, max };
    const mean = min === max ? min : clamp(this.sums[0]!.value() / count, min, max);
    // Σ(x − K)² − n(mean − K)²: the shift K is one of the samples, which bounds the cancellation.
    const d = mean - this.shift;
    const sd = count > 1 ? Math.sqrt(Math.max(0, this.sums[1]!.value() - count * d * d) / (count - 1)) : 0;
    return { count, mean, sd, min, max };
  }

  posterior(): WeightedMomentSummary {
    const { wcount: count, wmin: min, wmax: max } = this;
    const sw = this.sums[2]!.value();
    const sw2 = this.sums[3]!.value();
    if (!(sw > 0)) return { count, mean: NaN, sd: NaN, min, max, total: sw, ess: 0 };
    const mean = min === max ? min : clamp(this.sums[4]!.value() / sw, min, max);
    const d = mean - this.shift;
    const sd = Math.sqrt(Math.max(0, this.sums[5]!.value() / sw - d * d));
    return { count, mean, sd, min, max, total: sw, ess: (sw * sw) / sw2 };
  }
}

export interface MomentsMessage {
  shift: number;
  weighted: boolean;
  count: number;
  min: number;
  max: number;
  wcount: number;
  wmin: number;
  wmax: number;
  sums: Float64Array[];
}

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/** The first finite value of a segment, the shift for that quantity's squares (0 when none). */
export function firstFinite(x: Float64Array, m: number): number {
  for (let i = 0; i < m; i++) if (x[i]! - x[i]! === 0) return x[i]!;
  return 0;
}
