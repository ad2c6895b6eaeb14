// What a pass over a run's segments gathers for exact quantiles without keeping columns.
//
// The first pass counts each quantity's values in bins of the high 20 bits of their IEEE
// representation (sign, exponent and 8 mantissa bits: 1/256 of a binade, whatever the scale),
// with the weights summed per bin. That brackets every wanted quantile in one bin. Each later
// pass, for every bracket, either collects the values inside it (when few enough) or counts them
// again in finer bins between its ends; and it counts, exactly, the values and the weight below
// each bracket. Bins are lazily allocated pages, so memory follows the data's spread, not n.

import { ExactSum } from './exact-sum.ts';

const PAGE = 256; // bins per page: the low 8 of the 20 key bits, so one page per binade
const PAGES = 4096;

/** Order-preserving 20-bit key of a finite nonzero double (sign, exponent, 8 mantissa bits). */
function key20(hi: number): number {
  return ((hi >= 0 ? hi | 0x80000000 : ~hi) >>> 12) & 0xfffff;
}

const ZERO_KEY = 0x80000;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE ? 1 : 0;
const LO = 1 - HI;

function compose(hiWord: number, loWord: number): number {
  u32[HI] = hiWord >>> 0;
  u32[LO] = loWord >>> 0;
  const v = f64[0]!;
  return Number.isFinite(v) ? v : v > 0 || (hiWord & 0x80000000) === 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
}

/** The smallest and largest doubles whose key is `key` (a 20-bit bin). */
export function binRange(key: number): [number, number] {
  const k0 = (key << 12) >>> 0;
  const k1 = (k0 | 0xfff) >>> 0;
  if (k0 >= 0x80000000) return [compose(k0 & 0x7fffffff, 0), compose(k1 & 0x7fffffff, 0xffffffff)];
  // Negative values: a larger key is a smaller magnitude.
  const lo = compose(~k0 >>> 0, 0xffffffff);
  const hi = compose(~k1 >>> 0, 0);
  // −0 is counted as +0, in the bin above: this one ends at the negative number nearest 0.
  return [lo, hi === 0 ? -Number.MIN_VALUE : hi];
}

/** Nonempty bins in key order: key, count, weight, and the value when the bin holds only one. */
export interface KeyBins {
  keys: Uint32Array;
  counts: Float64Array;
  weights: Float64Array;
  single: Float64Array; // NaN when the bin holds more than one distinct value
}

/**
 * Counts (and weight sums, Kahan-compensated) of one quantity's values by 20-bit key, with the
 * one value of each bin that holds a single distinct value (atoms: 0/1 draws, floors, clamps),
 * whose quantiles are then known without another pass. Pages (one binade each) are allocated as
 * values arrive; their bins sit in flat arrays, page after page.
 */
export class KeyHistogram {
  /** Page number + 1 of each binade (0: none yet). */
  private readonly dir = new Int32Array(PAGES);
  private pageKeys: number[] = [];
  private counts = new Float64Array(PAGE);
  private firsts = new Float64Array(PAGE).fill(NaN);
  private mixed = new Uint8Array(PAGE);
  /** Kahan sums of the weights, and their compensations (weighted histograms only). */
  private wsum = new Float64Array(PAGE);
  private wcomp = new Float64Array(PAGE);
  private cached: KeyBins | null = null;

  constructor(readonly weighted: boolean) {}

  /** The offset of page p's bins, allocating it. */
  private pageAt(p: number): number {
    const i = this.dir[p]!;
    if (i > 0) return (i - 1) * PAGE;
    const n = this.pageKeys.length;
    if ((n + 1) * PAGE > this.counts.length) this.grow(2 * (n + 1) * PAGE);
    this.pageKeys.push(p);
    this.dir[p] = n + 1;
    return n * PAGE;
  }

  private grow(size: number): void {
    const more = <T extends Float64Array | Uint8Array>(a: T, fill: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      if (fill !== 0) b.fill(fill, a.length);
      return b;
    };
    this.counts = more(this.counts, 0);
    this.firsts = more(this.firsts, NaN);
    this.mixed = more(this.mixed, 0);
    if (this.weighted) {
      this.wsum = more(this.wsum, 0);
      this.wcomp = more(this.wcomp, 0);
    }
  }

  add(x: Float64Array, hiWords: Int32Array, w: Float64Array | null, m: number): void {
    this.cached = null;
    const dir = this.dir;
    const weighted = this.weighted && w !== null;
    for (let i = 0; i < m; i++) {
      const v = x[i]!;
      if (v - v !== 0) continue;
      const k = v === 0 ? ZERO_KEY : key20(hiWords[2 * i + HI]!);
      const d = dir[k >>> 8]!;
      const b = (d > 0 ? (d - 1) * PAGE : this.pageAt(k >>> 8)) + (k & 255);
      this.counts[b]!++;
      const f = this.firsts[b]!;
      if (f !== v) {
        if (f !== f) this.firsts[b] = v;
        else this.mixed[b] = 1;
      }
      if (!weighted) continue;
      const wi = w[i]!;
      if (!(wi > 0)) continue;
      const y = wi - this.wcomp[b]!;
      const t = this.wsum[b]! + y;
      this.wcomp[b] = t - this.wsum[b]! - y;
      this.wsum[b] = t;
    }
  }

  merge(o: KeyHistogram): void {
    this.cached = null;
    o.pageKeys.forEach((p, idx) => {
      const src = idx * PAGE;
      const dst = this.pageAt(p);
      for (let j = 0; j < PAGE; j++) {
        this.counts[dst + j]! += o.counts[src + j]!;
        const a = this.firsts[dst + j]!;
        const b = o.firsts[src + j]!;
        if (a !== a) this.firsts[dst + j] = b;
        else if (b === b && a !== b) this.mixed[dst + j] = 1;
        this.mixed[dst + j]! |= o.mixed[src + j]!;
        if (this.weighted && o.weighted) this.wsum[dst + j]! += o.wsum[src + j]! - o.wcomp[src + j]!;
      }
    });
  }

  toMessage(): HistogramMessage {
    const used = this.pageKeys.length * PAGE;
    return {
      weighted: this.weighted,
      keys: this.pageKeys,
      counts: this.counts.subarray(0, used),
      firsts: this.firsts.subarray(0, used),
      mixed: this.mixed.subarray(0, used),
      wsum: this.weighted ? this.wsum.subarray(0, used) : null,
      wcomp: this.weighted ? this.wcomp.subarray(0, used) : null,
    };
  }

  static from(msg: HistogramMessage): KeyHistogram {
    const h = new KeyHistogram(msg.weighted);
    h.pageKeys = [...msg.keys];
    h.pageKeys.forEach((p, i) => (h.dir[p] = i + 1));
    h.counts = Float64Array.from(msg.counts);
    h.firsts = Float64Array.from(msg.firsts);
    h.mixed = Uint8Array.from(msg.mixed);
    if (msg.wsum && msg.wcomp) {
      h.wsum = Float64Array.from(msg.wsum);
      h.wcomp = Float64Array.from(msg.wcomp);
    }
    return h;
  }

  /** Nonempty bins in key order (computed once). */
  bins(): KeyBins {
    if (this.cached) return this.cached;
    const order = this.pageKeys.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
    let n = 0;
    const used = this.pageKeys.length * PAGE;
    for (let b = 0; b < used; b++) if (this.counts[b]! > 0) n++;
    const out: KeyBins = {
      keys: new Uint32Array(n),
      counts: new Float64Array(n),
      weights: new Float64Array(n),
      single: new Float64Array(n),
    };
    let k = 0;
    for (const [p, i] of order) {
      for (let j = 0; j < PAGE; j++) {
        const b = i * PAGE + j;
        if (!(this.counts[b]! > 0)) continue;
        out.keys[k] = (p << 8) | j;
        out.counts[k] = this.counts[b]!;
        out.weights[k] = this.weighted ? this.wsum[b]! - this.wcomp[b]! : 0;
        out.single[k] = this.mixed[b] ? NaN : this.firsts[b]!;
        k++;
      }
    }
    this.cached = out;
    return out;
  }
}

export interface HistogramMessage {
  weighted: boolean;
  keys: number[];
  counts: Float64Array;
  firsts: Float64Array;
  mixed: Uint8Array;
  wsum: Float64Array | null;
  wcomp: Float64Array | null;
}

/** How a later pass treats one bracket [lo, hi] of a quantity. */
export interface BracketPlan {
  lo: number;
  hi: number;
  /** Collect the values inside (true), or count them in `bins` finer bins (false). */
  collect: boolean;
}

/** Sub-bins of a bracket counted again. */
export const SUB_BINS = 1024;

/**
 * One quantity's share of a later pass: for its brackets (sorted, disjoint), the count and the
 * exact weight of each region (below the first bracket, each bracket, between brackets, above
 * the last), and inside each bracket either its values or finer bins.
 */
export class BracketPass {
  /** 2b + 1 regions: even r are gaps, odd r the bracket (r − 1) / 2. */
  readonly regionCount: Float64Array;
  readonly regionWeight: ExactSum[];
  private readonly segWeight: Float64Array;
  private readonly bounds: Float64Array;
  readonly values: GrowableArray[];
  readonly valueWeights: GrowableArray[];
  /** Per refined bracket: SUB_BINS counts, Kahan weight sums and compensations, minima, maxima. */
  readonly bins: (Float64Array | null)[];

  constructor(
    readonly brackets: BracketPlan[],
    readonly weighted: boolean,
  ) {
    const r = 2 * brackets.length + 1;
    this.regionCount = new Float64Array(r);
    this.regionWeight = Array.from({ length: r }, () => new ExactSum());
    this.segWeight = new Float64Array(r);
    this.bounds = Float64Array.from(brackets.flatMap((b) => [b.lo, b.hi]));
    this.values = brackets.map(() => new GrowableArray());
    this.valueWeights = brackets.map(() => new GrowableArray());
    this.bins = brackets.map((b) => {
      if (b.collect) return null;
      const a = new Float64Array(5 * SUB_BINS);
      a.fill(Infinity, 3 * SUB_BINS, 4 * SUB_BINS);
      a.fill(-Infinity, 4 * SUB_BINS);
      return a;
    });
  }

  /** The region of x: even for a gap, odd for a bracket (brackets are closed intervals). */
  private region(x: number): number {
    const b = this.bounds;
    let lo = 0;
    let hi = b.length;
    // First bound index whose value is ≥ x (for lows) or > x (for highs): binary search on the
    // sorted bounds, counting a low bound equal to x as passed and a high bound equal to x as not.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = b[mid]!;
      if (mid % 2 === 0 ? v <= x : v < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(x: Float64Array, w: Float64Array | null, m: number): void {
    const weighted = this.weighted && w !== null;
    const seg = this.segWeight;
    seg.fill(0);
    for (let i = 0; i < m; i++) {
      const v = x[i]!;
      if (v - v !== 0) continue;
      // Every finite value counts (plain quantiles rank them all); weights below 0 count as 0.
      const wi = weighted && w[i]! > 0 ? w[i]! : 0;
      const r = this.region(v);
      this.regionCount[r]!++;
      if (weighted) seg[r]! += wi;
      if ((r & 1) === 0) continue;
      const k = r >>> 1;
      const bins = this.bins[k];
      if (bins === null) {
        this.values[k]!.push(v);
        if (weighted) this.valueWeights[k]!.push(wi);
        continue;
      }
      const br = this.brackets[k]!;
      const width = br.hi - br.lo;
      let j = width > 0 ? Math.floor(((v - br.lo) / width) * SUB_BINS) : 0;
      if (j >= SUB_BINS) j = SUB_BINS - 1;
      if (j < 0) j = 0;
      bins[j]!++;
      if (weighted) {
        const y = wi - bins[2 * SUB_BINS + j]!;
        const t = bins[SUB_BINS + j]! + y;
        bins[2 * SUB_BINS + j] = t - bins[SUB_BINS + j]! - y;
        bins[SUB_BINS + j] = t;
      }
      if (v < bins[3 * SUB_BINS + j]!) bins[3 * SUB_BINS + j] = v;
      if (v > bins[4 * SUB_BINS + j]!) bins[4 * SUB_BINS + j] = v;
    }
    if (weighted) for (let r = 0; r < seg.length; r++) if (seg[r]! !== 0) this.regionWeight[r]!.add(seg[r]!);
  }

  merge(o: BracketPass): void {
    for (let r = 0; r < this.regionCount.length; r++) {
      this.regionCount[r]! += o.regionCount[r]!;
      this.regionWeight[r]!.merge(o.regionWeight[r]!);
    }
    this.brackets.forEach((_, k) => {
      this.values[k]!.append(o.values[k]!);
      this.valueWeights[k]!.append(o.valueWeights[k]!);
      const a = this.bins[k];
      const b = o.bins[k];
      if (!a || !b) return;
      for (let j = 0; j < SUB_BINS; j++) {
        a[j]! += b[j]!;
        a[SUB_BINS + j]! += b[SUB_BINS + j]! - b[2 * SUB_BINS + j]!;
        a[3 * SUB_BINS + j] = Math.min(a[3 * SUB_BINS + j]!, b[3 * SUB_BINS + j]!);
        a[4 * SUB_BINS + j] = Math.max(a[4 * SUB_BINS + j]!, b[4 * SUB_BINS + j]!);
      }
    });
  }

  toMessage(): BracketMessage {
    return {
      brackets: this.brackets,
      weighted: this.weighted,
      regionCount: this.regionCount,
      regionWeight: this.regionWeight.map((s) => s.snapshot()),
      values: this.values.map((v) => v.view()),
      valueWeights: this.valueWeights.map((v) => v.view()),
      bins: this.bins,
    };
  }

  static from(msg: BracketMessage): BracketPass {
    const p = new BracketPass(msg.brackets, msg.weighted);
    p.regionCount.set(msg.regionCount);
    msg.regionWeight.forEach((s, r) => p.regionWeight[r]!.merge(ExactSum.from(s)));
    msg.values.forEach((v, k) => p.values[k]!.appendArray(v));
    msg.valueWeights.forEach((v, k) => p.valueWeights[k]!.appendArray(v));
    msg.bins.forEach((b, k) => {
      if (b) p.bins[k]!.set(b);
    });
    return p;
  }
}

export interface BracketMessage {
  brackets: BracketPlan[];
  weighted: boolean;
  regionCount: Float64Array;
  regionWeight: Float64Array[];
  values: Float64Array[];
  valueWeights: Float64Array[];
  bins: (Float64Array | null)[];
}

/** A Float64Array that grows by doubling. */
export class GrowableArray {
  private a = new Float64Array(16);
  length = 0;

  push(x: number): void {
    if (this.length === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = x;
  }

  appendArray(v: Float64Array): void {
    if (this.length + v.length > this.a.length) {
      const b = new Float64Array(Math.max(this.a.length * 2, this.length + v.length));
      b.set(this.a.subarray(0, this.length));
      this.a = b;
    }
    this.a.set(v, this.length);
    this.length += v.length;
  }

  append(o: GrowableArray): void {
    this.appendArray(o.view());
  }

  view(): Float64Array {
    return this.a.subarray(0, this.length);
  }
}
