// The first pass's bins for exact quantiles: each quantity's values counted by the high bits of
// their IEEE representation (sign, exponent and up to 8 mantissa bits: down to 1/256 of a binade,
// whatever the scale), with the weights summed per bin in fixed point (fixed-weight.ts), so the
// bins of a run are the same bits however its segments were split between threads. That brackets
// every wanted quantile in one bin. Bins are lazily allocated pages (one binade each), so memory
// follows the data's spread, not the number of samples; a small run uses fewer mantissa bits
// (fineBitsFor), since a page of 256 bins per binade touched would cost more than its few values.

import { LIMB, fixedValue, weightScale, type WeightScale } from './fixed-weight.ts';

export const PAGES = 4096; // one page per sign and exponent: the high 12 of the 20 key bits
const MAX_FINE = 8; // mantissa bits of a 20-bit key

/**
 * Mantissa bits per bin for a run of n samples: 8 from 2^20 samples on, fewer below (down to one
 * bin per binade), so that a bin holds at most about 4,096 of a binade's values either way.
 */
export function fineBitsFor(n: number): number {
  return Math.max(0, Math.min(MAX_FINE, Math.ceil(Math.log2(Math.max(1, n))) - 12));
}

/** Order-preserving 20-bit key of a finite nonzero double (sign, exponent, 8 mantissa bits). */
export function key20(hi: number): number {
  return ((hi >= 0 ? hi | 0x80000000 : ~hi) >>> 12) & 0xfffff;
}

/** The key of ±0 (as +0's: −0's own key would sort it below the negative number nearest 0). */
export const ZERO_KEY = 0x80000;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Index of a double's high (sign and exponent) word in its two 32-bit words. */
export const HI = LITTLE ? 1 : 0;
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

/**
 * Nonempty bins in key order: key, count, weight, and the value when the bin holds only one. A
 * bin holds the 20-bit keys from its key to key + span − 1.
 */
export interface KeyBins {
  keys: Uint32Array;
  span: number;
  counts: Float64Array;
  weights: Float64Array;
  single: Float64Array; // NaN when the bin holds more than one distinct value
  /** Some weight broke the fixed point's scale: the bins' weights are not to be used. */
  overflow: boolean;
  /** The most a bin's weight can fall short of the exact sum, per value in it. */
  lowUnit: number;
}

/** A histogram as plain data for another thread (arrays of exactly the pages used). */
export interface HistogramMessage {
  weighted: boolean;
  bits: number;
  fineBits: number;
  overflow: boolean;
  keys: number[];
  counts: Uint32Array;
  firsts: Float64Array;
  high: Float64Array | null;
  low: Float64Array | null;
}

/**
 * Counts (and fixed-point weight sums) of one quantity's values by 20-bit key, with the one
 * value of each bin that holds a single distinct value (atoms: 0/1 draws, floors, clamps), whose
 * quantiles are then known without another pass. A bin's `firsts` is its value while it holds one
 * distinct value and NaN after a second (±0 count as one value, reported as +0).
 */
export class KeyHistogram {
  /** Page number + 1 of each binade (0: none yet). */
  private readonly dir = new Int32Array(PAGES);
  private pageKeys: number[] = [];
  private counts = new Uint32Array(0);
  private firsts = new Float64Array(0);
  private high = new Float64Array(0);
  private low = new Float64Array(0);
  private readonly scale: WeightScale;
  /** Bins per page, and the shift from a key's low 8 bits to its bin in the page. */
  private readonly page: number;
  private readonly shift: number;
  overflow = false;
  private cached: KeyBins | null = null;

  /**
   * `bits`: the weights are expected below 2^bits (a larger one sets `overflow`); `fineBits`:
   * mantissa bits per bin (fineBitsFor).
   */
  constructor(
    readonly weighted: boolean,
    readonly bits = 0,
    readonly fineBits = MAX_FINE,
  ) {
    this.scale = weightScale(bits);
    this.page = 1 << fineBits;
    this.shift = MAX_FINE - fineBits;
  }

  /** The offset of page p's bins, allocating it. */
  private pageAt(p: number): number {
    const i = this.dir[p]!;
    if (i > 0) return (i - 1) * this.page;
    const n = this.pageKeys.length;
    if ((n + 1) * this.page > this.counts.length) this.reserve(Math.max(n + 1, Math.ceil(n * 1.25)));
    this.pageKeys.push(p);
    this.dir[p] = n + 1;
    return n * this.page;
  }

  /** Room for `pages` pages (growing by a quarter at a time, so little is allocated unused). */
  private reserve(pages: number): void {
    const size = pages * this.page;
    if (size <= this.counts.length) return;
    const used = this.pageKeys.length * this.page;
    const counts = new Uint32Array(size);
    counts.set(this.counts.subarray(0, used));
    const firsts = new Float64Array(size);
    firsts.set(this.firsts.subarray(0, used));
    this.counts = counts;
    this.firsts = firsts;
    if (!this.weighted) return;
    const high = new Float64Array(size);
    high.set(this.high.subarray(0, used));
    const low = new Float64Array(size);
    low.set(this.low.subarray(0, used));
    this.high = high;
    this.low = low;
  }

  // The bins' arrays are held in locals, taken again only after a new page may have replaced
  // them: read through `this` for every value (the call in the loop may change them), the loop
  // took twice as long.
  add(x: Float64Array, hiWords: Int32Array, w: Float64Array | null, m: number): void {
    this.cached = null;
    const { dir, page, shift } = this;
    const weighted = this.weighted && w !== null;
    const { bound, toHigh } = this.scale;
    let { counts, firsts, high, low } = this;
    for (let i = 0; i < m; i++) {
      const v = x[i]!;
      if (v - v !== 0) continue;
      const k = v === 0 ? ZERO_KEY : key20(hiWords[2 * i + HI]!);
      let d = dir[k >>> 8]!;
      if (d === 0) {
        this.pageAt(k >>> 8);
        d = dir[k >>> 8]!;
        ({ counts, firsts, high, low } = this);
      }
      const b = (d - 1) * page + ((k & 255) >>> shift);
      const c = counts[b]!;
      counts[b] = c + 1;
      if (c === 0) firsts[b] = v === 0 ? 0 : v;
      else if (firsts[b] !== v) firsts[b] = NaN;
      if (!weighted) continue;
      const wi = w[i]!;
      if (!(wi > 0)) continue;
      if (!(wi < bound)) {
        this.overflow = true;
        continue;
      }
      // The weight in fixed point (fixed-weight.ts addFixed, written out: this loop is hot).
      const t = wi * toHigh;
      const h = Math.floor(t);
      let l = low[b]! + Math.floor((t - h) * LIMB);
      let s = high[b]! + h;
      if (l >= LIMB) {
        l -= LIMB;
        s++;
      }
      high[b] = s;
      low[b] = l;
    }
  }

  /** Add another thread's bins (the result does not depend on the order of merging). */
  mergeMessage(o: HistogramMessage): void {
    this.cached = null;
    this.overflow ||= o.overflow;
    const page = this.page;
    o.keys.forEach((p, idx) => {
      const src = idx * page;
      const dst = this.pageAt(p);
      for (let j = 0; j < page; j++) {
        const oc = o.counts[src + j]!;
        if (oc === 0) continue;
        const c = this.counts[dst + j]!;
        this.counts[dst + j] = c + oc;
        const of = o.firsts[src + j]!;
        if (c === 0) this.firsts[dst + j] = of;
        else if (this.firsts[dst + j] !== of) this.firsts[dst + j] = NaN;
        if (!this.weighted || !o.high || !o.low) continue;
        let l = this.low[dst + j]! + o.low[src + j]!;
        let h = this.high[dst + j]! + o.high[src + j]!;
        if (l >= LIMB) {
          l -= LIMB;
          h++;
        }
        this.high[dst + j] = h;
        this.low[dst + j] = l;
      }
    });
  }

  /** Views of the pages used (no copy: the histogram is not used after). */
  toMessage(): HistogramMessage {
    const used = this.pageKeys.length * this.page;
    return {
      weighted: this.weighted,
      bits: this.bits,
      fineBits: this.fineBits,
      overflow: this.overflow,
      keys: this.pageKeys,
      counts: this.counts.subarray(0, used),
      firsts: this.firsts.subarray(0, used),
      high: this.weighted ? this.high.subarray(0, used) : null,
      low: this.weighted ? this.low.subarray(0, used) : null,
    };
  }

  /** Several threads' histograms as one, allocated once for the union of their pages. */
  static merged(msgs: HistogramMessage[]): KeyHistogram {
    const h = new KeyHistogram(msgs[0]!.weighted, msgs[0]!.bits, msgs[0]!.fineBits);
    const pages = [...new Set(msgs.flatMap((m) => m.keys))].sort((a, b) => a - b);
    h.reserve(pages.length);
    for (const p of pages) h.pageAt(p);
    for (const m of msgs) h.mergeMessage(m);
    return h;
  }

  /** Nonempty bins in key order (computed once). */
  bins(): KeyBins {
    if (this.cached) return this.cached;
    const order = this.pageKeys.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
    let n = 0;
    const { page, shift } = this;
    const used = this.pageKeys.length * page;
    for (let b = 0; b < used; b++) if (this.counts[b]! > 0) n++;
    const out: KeyBins = {
      keys: new Uint32Array(n),
      span: 1 << shift,
      counts: new Float64Array(n),
      weights: new Float64Array(n),
      single: new Float64Array(n),
      overflow: this.overflow,
      lowUnit: this.scale.lowUnit,
    };
    let k = 0;
    for (const [p, i] of order) {
      for (let j = 0; j < page; j++) {
        const b = i * page + j;
        if (!(this.counts[b]! > 0)) continue;
        out.keys[k] = (p << 8) | (j << shift);
        out.counts[k] = this.counts[b]!;
        out.weights[k] = this.weighted ? fixedValue(this.high[b]!, this.low[b]!, this.scale) : 0;
        out.single[k] = this.firsts[b]!;
        k++;
      }
    }
    this.cached = out;
    return out;
  }
}
