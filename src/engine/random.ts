// Seeded random streams. Every random quantity draws from its own streams, keyed by the run's
// seed and the quantity's qualified name, so that changing one input leaves every other
// input's samples as they were (common random numbers for what-if edits, tornado pins and
// crux decompositions). A run's samples come in segments of SEGMENT rows, and each segment of
// each quantity has its own stream, keyed by the segment's index: any thread can draw any
// segment, and the numbers do not depend on how a run is split. Pure 32-bit integer arithmetic:
// identical numbers on every machine.

/** Rows per random segment: the unit of random streams, Latin hypercube strata and summaries. */
export const SEGMENT = 4096;

// Ziggurat tables for the standard normal (Marsaglia & Tsang 2000, 128 strips).
const ZIG_R = 3.442619855899;
const KN = new Float64Array(128);
const WN = new Float64Array(128);
const FN = new Float64Array(128);
(function zigset() {
  const m1 = 2147483648;
  const vn = 9.91256303526217e-3;
  let dn = ZIG_R;
  let tn = dn;
  const q = vn / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * m1);
  KN[1] = 0;
  WN[0] = q / m1;
  WN[127] = dn / m1;
  FN[0] = 1;
  FN[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * m1);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / m1;
  }
})();

/** sfc32 (Chris Doty-Humphrey's small fast counting generator): fast, passes PractRand to 2^42+. */
export class Stream {
  // The state lives in an Int32Array: as object fields, 32-bit values beyond V8's small-integer
  // range would be boxed on every step.
  private readonly s = new Int32Array(4);
  constructor(a: number, b: number, c: number, d: number) {
    const s = this.s;
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    for (let i = 0; i < 15; i++) this.next32();
  }

  next32(): number {
    const s = this.s;
    const a = s[0]!;
    const b = s[1]!;
    const c = s[2]!;
    const d = s[3]!;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
    return t >>> 0;
  }

  /** A uniform double in (0, 1) with 53 random bits; never exactly 0 or 1. */
  uniform(): number {
    const hi = this.next32() >>> 5; // 27 bits
    const lo = this.next32() >>> 6; // 26 bits
    // (k + 0.5) / 2^53 rounds to 1 for the largest k; 1 − 2^-53 is the largest double below 1.
    return Math.min((hi * 67108864 + lo + 0.5) / 9007199254740992, 0.9999999999999999);
  }

  /**
   * out[0..m) = the next m values of `uniform()`, with the state in locals for the loop (the
   * same numbers, about four times faster than m calls).
   */
  uniforms(out: Float64Array, m: number): void {
    const s = this.s;
    let a = s[0]!;
    let b = s[1]!;
    let c = s[2]!;
    let d = s[3]!;
    for (let i = 0; i < m; i++) {
      let t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      const hi = t >>> 5;
      t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      const u = (hi * 67108864 + (t >>> 6) + 0.5) / 9007199254740992;
      out[i] = u < 0.9999999999999999 ? u : 0.9999999999999999;
    }
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
  }

  /** out[0..m) = the next m values of `normal()`, with the state in locals for the fast path. */
  normals(out: Float64Array, m: number): void {
    const s = this.s;
    let a = s[0]!;
    let b = s[1]!;
    let c = s[2]!;
    let d = s[3]!;
    for (let i = 0; i < m; i++) {
      const hz = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + hz) | 0;
      const iz = hz & 127;
      if (Math.abs(hz) < KN[iz]!) out[i] = hz * WN[iz]!;
      else {
        s[0] = a;
        s[1] = b;
        s[2] = c;
        s[3] = d;
        out[i] = this.normalSlow(hz, iz);
        a = s[0]!;
        b = s[1]!;
        c = s[2]!;
        d = s[3]!;
      }
    }
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
  }

  /** A uniform double in (0, 1) with 32 random bits: enough for acceptance tests. */
  uniform32(): number {
    return (this.next32() + 0.5) * 2.3283064365386963e-10;
  }

  /**
   * A standard normal by Marsaglia & Tsang's ziggurat (2000, 128 strips): one 32-bit draw and
   * one multiply for ~98.8% of samples; the wedges and the tail are sampled exactly.
   */
  normal(): number {
    const hz = this.next32() | 0;
    const iz = hz & 127;
    if (Math.abs(hz) < KN[iz]!) return hz * WN[iz]!;
    return this.normalSlow(hz, iz);
  }

  private normalSlow(hz: number, iz: number): number {
    for (;;) {
      const x = hz * WN[iz]!;
      if (iz === 0) {
        let t: number;
        let y: number;
        do {
          t = -Math.log(this.uniform()) / ZIG_R;
          y = -Math.log(this.uniform());
        } while (y + y < t * t);
        return hz > 0 ? ZIG_R + t : -ZIG_R - t;
      }
      if (FN[iz]! + this.uniform() * (FN[iz - 1]! - FN[iz]!) < Math.exp(-0.5 * x * x)) return x;
      hz = this.next32() | 0;
      iz = hz & 127;
      if (Math.abs(hz) < KN[iz]!) return hz * WN[iz]!;
    }
  }

  /** An integer in [0, n) without modulo bias worth noticing for n < 2^26. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }
}

/** cyrb128: a 128-bit string hash, used only to derive stream seeds. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** The stream for quantity `key` under run seed `seed` (one stream, for draws outside a run). */
export function streamFor(seed: number, key: string): Stream {
  const [a, b, c, d] = cyrb128(`${seed}\u0000${key}`);
  return new Stream(a, b, c, d);
}

/** The 128-bit hash of a quantity's key under a run seed, from which its segment streams come. */
export type KeyWords = readonly [number, number, number, number];

export function keyWords(seed: number, key: string): KeyWords {
  return cyrb128(`${seed}\u0000${key}`);
}

/** MurmurHash3's 32-bit finaliser. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The stream of segment `segment` of the quantity with key hash `w`: each word of the key hash
 * XORed with a finalised hash of the segment index and the word's position, then 15 rounds.
 */
export function segmentStream(w: KeyWords, segment: number): Stream {
  const mix = (i: number) => fmix32((Math.imul(segment, 0x9e3779b9) + Math.imul(i + 1, 0x632be5ab)) >>> 0);
  return new Stream((w[0] ^ mix(0)) >>> 0, (w[1] ^ mix(1)) >>> 0, (w[2] ^ mix(2)) >>> 0, (w[3] ^ mix(3)) >>> 0);
}

/**
 * The stream that draws the scramble of quasi-random dimension `dim` of the quantity with key hash
 * `w` (one per quantity and dimension, apart from its segment streams).
 */
export function scrambleStream(w: KeyWords, dim: number): Stream {
  const mix = (i: number) => fmix32((Math.imul(dim + 1, 0x85ebca77) ^ Math.imul(i + 1, 0xc2b2ae3d) ^ 0x27d4eb2f) >>> 0);
  return new Stream((w[0] ^ mix(0)) >>> 0, (w[1] ^ mix(1)) >>> 0, (w[2] ^ mix(2)) >>> 0, (w[3] ^ mix(3)) >>> 0);
}
