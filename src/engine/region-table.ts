// Which region of a later pass's brackets a value lies in (bracket-pass.ts: even regions are the
// gaps, odd ones the brackets), looked up by the value's 20-bit key instead of compared with every
// bound: the region only grows with the value, and so does the key, so every value of a key's bin
// has one region unless a bound lies inside the bin. A lookup costs the same for any value; the
// comparisons, one per bound, mostly mispredicted branches, cost several times more per value.

import { PAGES, binRange } from './key-histogram.ts';

/** A sub-table entry for a bin with a bound inside: compare the value with the bounds. */
const SPLIT = 255;

export class RegionTable {
  /** Per page (sign and exponent): 0 not yet known; r + 1 when the page is all region r; −(i + 1): sub-table i. */
  readonly dir = new Int32Array(PAGES);
  /** Per bin of a page with a bound inside: its region, or SPLIT. At most one such page per bound. */
  readonly sub: Uint8Array;
  private subs = 0;

  /** `bounds`: each bracket's low and high bound in turn, ascending (brackets are disjoint). */
  constructor(readonly bounds: Float64Array) {
    if (bounds.length >= 2 * 127) throw new RangeError('too many brackets for a region table');
    this.sub = new Uint8Array(Math.max(1, bounds.length) * 256);
  }

  /**
   * The region of x by comparison: the bounds passed, a low bound equal to x counting as passed
   * and a high bound equal to x as not (brackets are closed intervals).
   */
  exact(x: number): number {
    const b = this.bounds;
    let r = 0;
    for (let j = 0; j < b.length; j += 2) r += (b[j]! <= x ? 1 : 0) + (b[j + 1]! < x ? 1 : 0);
    return r;
  }

  /** Page p's directory entry, worked out on first use. */
  page(p: number): number {
    const lo = this.exact(binRange(p << 8)[0]);
    const hi = this.exact(binRange((p << 8) | 255)[1]);
    if (lo === hi) return (this.dir[p] = lo + 1);
    const at = this.subs++ * 256;
    for (let j = 0; j < 256; j++) {
      const [a, b] = binRange((p << 8) | j);
      const ra = this.exact(a);
      this.sub[at + j] = ra === this.exact(b) ? ra : SPLIT;
    }
    return (this.dir[p] = -this.subs);
  }

  /** The region of a finite x whose key is k (key20, ZERO_KEY for ±0). */
  region(x: number, k: number): number {
    let d = this.dir[k >>> 8]!;
    if (d === 0) d = this.page(k >>> 8);
    const r = d > 0 ? d - 1 : this.sub[(-d - 1) * 256 + (k & 255)]!;
    return r === SPLIT ? this.exact(x) : r;
  }
}
