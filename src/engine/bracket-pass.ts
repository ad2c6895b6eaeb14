// What a later pass over a run's segments gathers for one quantity's exact quantiles: for its
// brackets (sorted, disjoint), the count and the exact weight of each region (below the first
// bracket, each bracket, between brackets, above the last), and inside each bracket either its
// values (when few enough) or their counts in finer bins, with fixed-point weights. Every sum is
// exact or in fixed point, so the merged pass is the same bits however the segments were split.

import { ExactSum } from './exact-sum.ts';
import { LIMB, fixedValue, weightScale, type WeightScale } from './fixed-weight.ts';
import { mergeRuns, sortRun } from './sorted-runs.ts';
import { HI, ZERO_KEY, key20 } from './key-histogram.ts';
import { RegionTable } from './region-table.ts';

/** How a later pass treats one bracket [lo, hi] of a quantity. */
export interface BracketPlan {
  lo: number;
  hi: number;
  /** Collect the values inside (true), or count them in SUB_BINS finer bins (false). */
  collect: boolean;
}

/** Sub-bins of a bracket counted again. */
export const SUB_BINS = 1024;

// A refined bracket's sub-bins, in one array of 5 · SUB_BINS: counts, the weights' high and low
// fixed-point limbs, minima, maxima.
const COUNT = 0;
const HIGH = SUB_BINS;
const LOW = 2 * SUB_BINS;
const MIN = 3 * SUB_BINS;
const MAX = 4 * SUB_BINS;

/** One sub-bin of a refined bracket. */
export interface SubBin {
  count: number;
  weight: number;
  min: number;
  max: number;
}

export interface BracketMessage {
  brackets: BracketPlan[];
  weighted: boolean;
  bits: number;
  overflow: boolean;
  regionCount: Float64Array;
  regionWeight: Float64Array[];
  values: Float64Array[];
  valueWeights: Float64Array[];
  /** Per bracket: the exact sum (ExactSum snapshot) of its collected values' weights. */
  collectedWeight: Float64Array[];
  bins: (Float64Array | null)[];
}

export class BracketPass {
  /** 2b + 1 regions: even r are gaps, odd r the bracket (r − 1) / 2. */
  readonly regionCount: Float64Array;
  readonly regionWeight: ExactSum[];
  private readonly segWeight: Float64Array;
  private readonly regions: RegionTable;
  values: Float64Array[];
  valueWeights: Float64Array[];
  /** Per bracket, once merged: the exact sum of its collected values' weights. */
  readonly collectedWeight: ExactSum[];
  private readonly filled: number[];
  /** Per refined bracket: its sub-bins (layout above); null when its values are collected. */
  readonly bins: (Float64Array | null)[];
  readonly scale: WeightScale;
  overflow = false;

  /** `bits`: the weights lie below 2^bits (the run's largest weight is known by now). */
  constructor(
    readonly brackets: BracketPlan[],
    readonly weighted: boolean,
    readonly bits = 0,
  ) {
    const r = 2 * brackets.length + 1;
    this.scale = weightScale(bits);
    this.regionCount = new Float64Array(r);
    this.regionWeight = Array.from({ length: r }, () => new ExactSum());
    this.segWeight = new Float64Array(r);
    this.regions = new RegionTable(Float64Array.from(brackets.flatMap((b) => [b.lo, b.hi])));
    this.values = brackets.map(() => new Float64Array(0));
    this.valueWeights = brackets.map(() => new Float64Array(0));
    this.collectedWeight = brackets.map(() => new ExactSum());
    this.filled = brackets.map(() => 0);
    this.bins = brackets.map((b) => {
      if (b.collect) return null;
      const a = new Float64Array(5 * SUB_BINS);
      a.fill(Infinity, MIN, MAX);
      a.fill(-Infinity, MAX);
      return a;
    });
  }

  /** Append value v (and weight w) to bracket k's collected values, growing by half at a time. */
  private collect(k: number, v: number, w: number): void {
    const n = this.filled[k]!;
    if (n === this.values[k]!.length) {
      const size = Math.max(16, Math.ceil(n * 1.5));
      const grown = new Float64Array(size);
      grown.set(this.values[k]!);
      this.values[k] = grown;
      if (this.weighted) {
        const gw = new Float64Array(size);
        gw.set(this.valueWeights[k]!);
        this.valueWeights[k] = gw;
      }
    }
    this.values[k]![n] = v;
    if (this.weighted) this.valueWeights[k]![n] = w;
    this.filled[k] = n + 1;
  }

  add(x: Float64Array, w: Float64Array | null, m: number): void {
    const weighted = this.weighted && w !== null;
    const seg = this.segWeight;
    seg.fill(0);
    const hiWords = new Int32Array(x.buffer, x.byteOffset, 2 * m);
    const { regions, regionCount } = this;
    for (let i = 0; i < m; i++) {
      const v = x[i]!;
      if (v - v !== 0) continue;
      // Every finite value counts (plain quantiles rank them all); weights below 0 count as 0.
      const wi = weighted && w[i]! > 0 ? w[i]! : 0;
      const r = regions.region(v, v === 0 ? ZERO_KEY : key20(hiWords[2 * i + HI]!));
      regionCount[r]!++;
      if (weighted) seg[r]! += wi;
      if ((r & 1) === 0) continue;
      const k = r >>> 1;
      const bins = this.bins[k];
      if (bins === null) this.collect(k, v, wi);
      else this.bin(bins, this.brackets[k]!, v, wi, weighted);
    }
    // A segment's sum is taken in its fixed order; the segments' sums add exactly.
    if (weighted) for (let r = 0; r < seg.length; r++) if (seg[r]! !== 0) this.regionWeight[r]!.add(seg[r]!);
  }

  private bin(bins: Float64Array, br: BracketPlan, v: number, wi: number, weighted: boolean): void {
    const width = br.hi - br.lo;
    let j = width > 0 ? Math.floor(((v - br.lo) / width) * SUB_BINS) : 0;
    if (j >= SUB_BINS) j = SUB_BINS - 1;
    if (j < 0) j = 0;
    bins[COUNT + j]!++;
    // −0 kept as 0: which zero a comparison keeps would depend on the order of the segments.
    const u = v === 0 ? 0 : v;
    if (u < bins[MIN + j]!) bins[MIN + j] = u;
    if (u > bins[MAX + j]!) bins[MAX + j] = u;
    if (!weighted || !(wi > 0)) return;
    if (!(wi < this.scale.bound)) {
      this.overflow = true;
      return;
    }
    const t = wi * this.scale.toHigh;
    const h = Math.floor(t);
    let l = bins[LOW + j]! + Math.floor((t - h) * LIMB);
    let s = bins[HIGH + j]! + h;
    if (l >= LIMB) {
      l -= LIMB;
      s++;
    }
    bins[HIGH + j] = s;
    bins[LOW + j] = l;
  }

  /** The nonempty sub-bins of refined bracket k, in order. */
  subBins(k: number): SubBin[] {
    const bins = this.bins[k]!;
    const out: SubBin[] = [];
    for (let j = 0; j < SUB_BINS; j++)
      if (bins[COUNT + j]! > 0)
        out.push({
          count: bins[COUNT + j]!,
          weight: fixedValue(bins[HIGH + j]!, bins[LOW + j]!, this.scale),
          min: bins[MIN + j]!,
          max: bins[MAX + j]!,
        });
    return out;
  }

  /**
   * What was gathered, the collected values sorted and their weights summed (this thread's share
   * of that work), as views or the sorted arrays themselves (no copy: the pass is not used after).
   */
  toMessage(): BracketMessage {
    const sorted = this.values.map((v, k) =>
      sortRun(
        v.subarray(0, this.filled[k]!),
        this.weighted ? this.valueWeights[k]!.subarray(0, this.filled[k]!) : null,
      ),
    );
    return {
      brackets: this.brackets,
      weighted: this.weighted,
      bits: this.bits,
      overflow: this.overflow,
      regionCount: this.regionCount,
      regionWeight: this.regionWeight.map((s) => s.snapshot()),
      values: sorted.map((r) => r.x),
      valueWeights: this.weighted ? sorted.map((r) => r.w!) : [],
      collectedWeight: this.weighted ? sorted.map((r) => exactSum(r.w!).snapshot()) : [],
      bins: this.bins,
    };
  }

  /**
   * Several threads' passes as one. Each bracket's collected values come sorted (ties by weight),
   * merged from the threads' sorted runs in one linear pass.
   */
  static merged(msgs: BracketMessage[]): BracketPass {
    const head = msgs[0]!;
    const p = new BracketPass(head.brackets, head.weighted, head.bits);
    for (const msg of msgs) {
      p.overflow ||= msg.overflow;
      for (let r = 0; r < p.regionCount.length; r++) p.regionCount[r]! += msg.regionCount[r]!;
      msg.regionWeight.forEach((s, r) => p.regionWeight[r]!.merge(ExactSum.from(s)));
      msg.collectedWeight.forEach((s, k) => p.collectedWeight[k]!.merge(ExactSum.from(s)));
    }
    p.brackets.forEach((_, k) => {
      const a = p.bins[k];
      if (a)
        return mergeSubBins(
          a,
          msgs.map((m) => m.bins[k]!),
        );
      const run = mergeRuns(msgs.map((m) => ({ x: m.values[k]!, w: p.weighted ? m.valueWeights[k]! : null })));
      p.values[k] = run.x;
      if (run.w) p.valueWeights[k] = run.w;
      p.filled[k] = run.x.length;
    });
    return p;
  }
}

function exactSum(xs: Float64Array): ExactSum {
  const s = new ExactSum();
  for (let i = 0; i < xs.length; i++) s.add(xs[i]!);
  return s;
}

function mergeSubBins(a: Float64Array, parts: Float64Array[]): void {
  for (const b of parts)
    for (let j = 0; j < SUB_BINS; j++) {
      a[COUNT + j]! += b[COUNT + j]!;
      let l = a[LOW + j]! + b[LOW + j]!;
      let h = a[HIGH + j]! + b[HIGH + j]!;
      if (l >= LIMB) {
        l -= LIMB;
        h++;
      }
      a[HIGH + j] = h;
      a[LOW + j] = l;
      a[MIN + j] = Math.min(a[MIN + j]!, b[MIN + j]!);
      a[MAX + j] = Math.max(a[MAX + j]!, b[MAX + j]!);
    }
}
