// The generator: sfc32 seeded by cyrb128 against an independent BigInt implementation, the
// doubles built from its outputs, the batch methods against the single ones, the ziggurat's
// normals against Φ (tail included), integers without bias, and streams that differ by key,
// segment and scramble dimension.

import { describe, it, expect } from 'vitest';
import { SEGMENT, keyWords, scrambleStream, segmentStream, streamFor } from '../../src/engine/random.ts';
import { normalCdf } from '../../src/engine/normal.ts';
import { sfc32Big, uniformBig } from './sfc32-reference.ts';

/** Five standard errors: a sound test fails by chance about once in 1.7 million. */
const Z = 5;

describe('the random generator', () => {
  it('is sfc32 seeded by cyrb128 of "seed\\0key": the first 1000 outputs match an independent BigInt implementation', () => {
    for (const [seed, key] of [
      [1, 'p_step'],
      [42, 'chain.p_base'],
      [-2147483648, 'x#1'],
      [2147483647, 'évidence:ü'],
    ] as const) {
      const mine = streamFor(seed, key);
      const ref = sfc32Big(seed, key);
      const got: number[] = [];
      const want: number[] = [];
      for (let i = 0; i < 1000; i++) {
        got.push(mine.next32());
        want.push(Number(ref()));
      }
      expect(got).toEqual(want);
    }
  });

  it('each segment of 4096 rows has its own stream, keyed by the quantity and the segment index', () => {
    for (const [seed, key, segment] of [
      [1, 'p_step', 0],
      [7, 'chain.p_base', 1],
      [-3, 'x#1', 24413],
    ] as const) {
      const mine = segmentStream(keyWords(seed, key), segment);
      const ref = sfc32Big(seed, key, segment);
      for (let i = 0; i < 200; i++) expect(mine.next32()).toBe(Number(ref()));
    }
  });
});

describe('doubles from the stream', () => {
  it('uniform() takes 27 and 26 bits of two outputs, centred in a cell of 2^-53, as the reference', () => {
    const mine = streamFor(3, 'u');
    const ref = sfc32Big(3, 'u');
    for (let i = 0; i < 200; i++) expect(mine.uniform()).toBe(uniformBig(ref));
  });

  it('uniforms() and normals() give the numbers of as many single calls, and leave the stream where they would', () => {
    const n = 20_000; // enough for the ziggurat's wedges and tail (about 1.2% of draws)
    const [a, b] = [streamFor(5, 'z'), streamFor(5, 'z')];
    const batch = new Float64Array(n);
    a.uniforms(batch, 1000);
    for (let i = 0; i < 1000; i++) if (batch[i] !== b.uniform()) throw new Error(`uniform ${i}`);
    a.normals(batch, n);
    for (let i = 0; i < n; i++) if (batch[i] !== b.normal()) throw new Error(`normal ${i}`);
    expect(a.next32()).toBe(b.next32());
  });

  it('normal() follows Φ: 20 bins of equal probability, and the tail beyond the ziggurat base', () => {
    const n = 100_000;
    const rng = streamFor(8, 'normal');
    const counts = new Array<number>(20).fill(0);
    let tail = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      counts[Math.min(19, Math.floor(normalCdf(z) * 20))]!++;
      if (Math.abs(z) > 3.442619855899) tail++;
    }
    // Chi-square with 19 degrees of freedom: its 1e-6 upper point is 63.7.
    const chi2 = counts.reduce((s, c) => s + (c - n / 20) ** 2 / (n / 20), 0);
    expect(chi2).toBeLessThan(63.7);
    expect(Math.abs(sum / n)).toBeLessThan(Z / Math.sqrt(n));
    // P(|Z| > r) = 2(1 − Φ(r)) = 5.76e-4 for the base r = 3.4426: about 58 of 100,000.
    const p = 2 * normalCdf(-3.442619855899);
    expect(Math.abs(tail - n * p)).toBeLessThan(Z * Math.sqrt(n * p));
  });

  it('uniform32() lies strictly inside (0, 1), and int(k) hits each of 0..k−1 equally often', () => {
    const rng = streamFor(2, 'int');
    const n = 60_000;
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < n; i++) {
      const u = rng.uniform32();
      if (!(u > 0 && u < 1)) throw new Error(`uniform32 gave ${u}`);
      counts[rng.int(6)]!++;
    }
    expect(counts.reduce((s, c) => s + c, 0)).toBe(n);
    const sd = Math.sqrt((n * (1 / 6) * 5) / 6);
    for (const c of counts) expect(Math.abs(c - n / 6)).toBeLessThan(Z * sd);
  });
});

describe('one stream per key, segment and scramble dimension', () => {
  /** The correlation of the first n uniforms of two streams. */
  function correlation(a: () => number, b: () => number, n: number): number {
    let [sa, sb, sab, saa, sbb] = [0, 0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const x = a();
      const y = b();
      sa += x;
      sb += y;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    return (sab - (sa * sb) / n) / Math.sqrt((saa - (sa * sa) / n) * (sbb - (sb * sb) / n));
  }

  it('the same seed and key give the same numbers; neighbouring keys, seeds, segments and dimensions uncorrelated ones', () => {
    const n = 4 * SEGMENT;
    const first = (s: { next32(): number }) => Array.from({ length: 8 }, () => s.next32());
    expect(first(streamFor(1, 'a'))).toEqual(first(streamFor(1, 'a')));
    const w = keyWords(1, 'a');
    const pairs: [{ uniform(): number }, { uniform(): number }][] = [
      [streamFor(1, 'a'), streamFor(1, 'b')],
      [streamFor(1, 'a'), streamFor(2, 'a')],
      [segmentStream(w, 0), segmentStream(w, 1)],
      [scrambleStream(w, 0), scrambleStream(w, 1)],
      [segmentStream(w, 0), scrambleStream(w, 0)],
    ];
    for (const [a, b] of pairs) {
      expect(
        Math.abs(
          correlation(
            () => a.uniform(),
            () => b.uniform(),
            n,
          ),
        ),
      ).toBeLessThan(Z / Math.sqrt(n));
    }
    expect(first(segmentStream(w, 3))).not.toEqual(first(scrambleStream(w, 3)));
  });
});
