// Scrambled Sobol' points: the unscrambled sequence against SciPy's (the same Joe–Kuo direction
// numbers, Gray-code order); the scramble as a unit lower-triangular matrix and a shift (checked
// against a product computed here column by column); the t of every 2-D projection's nets
// counted box by box, scrambled and not; each point uniform over seeds; runs under 'sobol'.

import { describe, it, expect, afterAll } from 'vitest';
import {
  linearScramble,
  sobolPoint,
  sobolScramble,
  sobolUniforms,
  type SobolScramble,
} from '../../src/engine/sobol-sequence.ts';
import { keyWords, scrambleStream, segmentStream } from '../../src/engine/random.ts';
import { cleanupTemp, columnsOf } from './helpers.ts';

afterAll(cleanupTemp);

// scipy.stats.qmc.Sobol(1024, scramble=False, bits=32).random(65538)[i, d] · 2^32, for
// d = 0, 1, 2, 5, 10, 50, 100, 500, 1023.
const DIMS = [0, 1, 2, 5, 10, 50, 100, 500, 1023];
const SCIPY: [number, number[]][] = [
  [1, [2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648, 2147483648]],
  [2, [3221225472, 1073741824, 1073741824, 3221225472, 3221225472, 1073741824, 1073741824, 1073741824, 3221225472]],
  [5, [3758096384, 3758096384, 536870912, 2684354560, 1610612736, 2684354560, 536870912, 3758096384, 1610612736]],
  [13, [3489660928, 2952790016, 3489660928, 4026531840, 3489660928, 805306368, 805306368, 1342177280, 1879048192]],
  [34, [3422552064, 67108864, 4093640704, 738197504, 2751463424, 2348810240, 1006632960, 2348810240, 469762048]],
  [100, [1778384896, 1107296256, 3321888768, 3187671040, 1979711488, 3791650816, 167772160, 771751936, 4060086272]],
  [1000, [943718400, 415236096, 2227175424, 3896508416, 364904448, 1514143744, 3300917248, 3116367872, 3066036224]],
  [4095, [1048576, 4042260480, 1435500544, 338690048, 2446327808, 1997537280, 1481637888, 1877999616, 1523580928]],
  [4096, [1572864, 2021130240, 3589799936, 2331508736, 3629645824, 44564480, 1146617856, 3867672576, 2837970944]],
  [65537, [2147581952, 4294934528, 4174741504, 1136361472, 2449637376, 3665002496, 297238528, 1016430592, 3346759680]],
];

/** How many of the m = 2^k values fall in each of the m strata [j/m, (j+1)/m). */
const strataCounts = (u: Float64Array, m: number) => {
  const c = new Int32Array(m);
  for (const x of u) c[Math.floor(x * m)]!++;
  return c;
};

const scrambleFor = (seed: number, d: number): SobolScramble =>
  sobolScramble(d, scrambleStream(keyWords(seed, 'x'), d));

/** The 32 scrambled digits of points start … start + n − 1 as the sampler gives them. */
function scrambledDigits(s: SobolScramble, start: number, n: number, seed = 1): Uint32Array {
  const u = new Float64Array(n);
  sobolUniforms(s, start, n, segmentStream(keyWords(seed, 'x'), 0), u);
  return Uint32Array.from(u, (x) => Math.floor(x * 2 ** 32));
}

/** L·x over GF(2), column by column: the XOR of L's columns j for the digits j set in x. */
function product(rows: Uint32Array, x: number): number {
  let out = 0;
  for (let j = 0; j < 32; j++) {
    if (((x >>> (31 - j)) & 1) === 0) continue;
    let column = 0;
    for (let r = 0; r < 32; r++) if ((rows[r]! >>> (31 - j)) & 1) column |= 1 << (31 - r);
    out ^= column;
  }
  return out >>> 0;
}

/** The first k digits of a 32-bit coordinate. */
const digits = (x: number, k: number) => (k === 0 ? 0 : Math.floor(x / 2 ** (32 - k)));

/**
 * The smallest t for which the 2^m points (xs, ys) are a (t, m, 2)-net in base 2: every box of
 * 2^-k1 × 2^-k2 with k1 + k2 = m − t holds exactly 2^t points.
 */
function netT(xs: Uint32Array, ys: Uint32Array, m: number): number {
  for (let t = 0; t <= m; t++) {
    let all = true;
    for (let k1 = 0; k1 <= m - t && all; k1++) {
      const k2 = m - t - k1;
      const counts = new Int32Array(2 ** (m - t));
      for (let i = 0; i < 2 ** m; i++) counts[digits(xs[i]!, k1) * 2 ** k2 + digits(ys[i]!, k2)]!++;
      all = counts.every((c) => c === 2 ** t);
    }
    if (all) return t;
  }
  return m;
}

describe("Sobol' points", () => {
  it("unscrambled, they are SciPy's points of the Joe–Kuo sequence, bit for bit", () => {
    for (const [i, want] of SCIPY) expect(DIMS.map((d) => sobolPoint(d, i))).toEqual(want);
  });

  it('a block started anywhere continues the sequence (Gray code from the point index)', () => {
    const s = scrambleFor(7, 3);
    const whole = scrambledDigits(s, 0, 300);
    const part = scrambledDigits(s, 200, 100);
    expect([...part]).toEqual([...whole.subarray(200)]);
  });

  it('a scrambled point is L·x XOR a shift, L lower-triangular with a unit diagonal, whatever the block', () => {
    for (const seed of [1, 2, 99]) {
      for (const d of DIMS) {
        const s = scrambleFor(seed, d);
        for (let r = 0; r < 32; r++) {
          expect((s.rows[r]! >>> (31 - r)) & 1).toBe(1); // the diagonal
          expect(r === 31 ? 0 : s.rows[r]! % 2 ** (31 - r)).toBe(0); // nothing right of it
        }
        for (const start of [0, 4093, 65535]) {
          const got = scrambledDigits(s, start, 5, seed);
          for (let j = 0; j < 5; j++) expect(got[j]).toBe((product(s.rows, sobolPoint(d, start + j)) ^ s.shift) >>> 0);
        }
      }
    }
  });

  it('points sharing their first k digits share exactly k after the scramble', () => {
    for (const seed of [1, 3, 77]) {
      const s = scrambleFor(seed, 4);
      for (let k = 0; k <= 31; k++) {
        const x = 0x9e3779b9 >>> 0;
        const y = (x ^ (2 ** (31 - k))) >>> 0; // differs from x first at digit k + 1
        const shared = Math.clz32((linearScramble(s.rows, x) ^ linearScramble(s.rows, y)) >>> 0);
        expect(shared).toBe(k);
      }
    }
  });

  it("every 2-D projection's block of 2^10 points is a (t, 10, 2)-net with the unscrambled t", () => {
    const m = 10;
    const pairs: [number, number][] = [
      [0, 1],
      [1, 2],
      [2, 5],
      [3, 4],
      [10, 50],
      [100, 500],
      [5, 1023],
      [500, 1023],
    ];
    const ts: number[] = [];
    for (const [a, b] of pairs)
      for (const block of [0, 3]) {
        const start = block * 2 ** m;
        const raw = (d: number) => Uint32Array.from({ length: 2 ** m }, (_, i) => sobolPoint(d, start + i));
        const t = netT(raw(a), raw(b), m);
        ts.push(t);
        for (const seed of [1, 2]) {
          const xs = scrambledDigits(scrambleFor(seed, a), start, 2 ** m, seed);
          const ys = scrambledDigits(scrambleFor(seed + 100, b), start, 2 ** m, seed);
          expect(netT(xs, ys, m)).toBe(t);
        }
      }
    // Dimensions 0 and 1 are a (0, m, 2)-net, and later pairs are worse: the count can tell them apart.
    expect(ts[0]).toBe(0);
    expect(Math.max(...ts)).toBeGreaterThan(0);
  });

  it('over 2,000 scrambles each point is uniform on (0, 1) (chi-square over 16 bins)', () => {
    const n = 2000;
    for (const i of [0, 1, 4095]) {
      const counts = new Int32Array(16);
      for (let seed = 1; seed <= n; seed++) {
        const u = new Float64Array(1);
        sobolUniforms(scrambleFor(seed, 2), i, 1, segmentStream(keyWords(seed, 'x'), 0), u);
        counts[Math.floor(u[0]! * 16)]!++;
      }
      const e = n / 16;
      const chi2 = counts.reduce((a, c) => a + (c - e) ** 2 / e, 0);
      expect(chi2).toBeLessThan(37.7); // the 0.999 quantile of chi-square with 15 degrees of freedom
    }
  });

  it('n = 2^14 scrambled points over four segments: one point in each of the 2^14 strata, and each 2^7 × 2^7 cell of dimensions 0 and 1 holds one', () => {
    const n = 16384;
    const r = columnsOf(
      { a: 'uniform(0, 1)', b: 'uniform(0, 1)', c: 'uniform(0, 1)' },
      {},
      { samples: n, seed: 5, sampler: 'sobol' },
    );
    for (const name of ['a', 'b', 'c']) expect(strataCounts(r.columns[name]!, n).every((c) => c === 1)).toBe(true);
    // Dimensions 0 and 1 of Sobol's sequence form a (0, m, 2)-net: every elementary box of area
    // 1/n holds one point, and a nested scramble keeps that.
    const cells = new Int32Array(n);
    for (let i = 0; i < n; i++) cells[Math.floor(r.columns.a![i]! * 128) * 128 + Math.floor(r.columns.b![i]! * 128)]!++;
    expect(cells.every((c) => c === 1)).toBe(true);
  });

  it('each seed scrambles differently and every value lies strictly inside (0, 1)', () => {
    const r1 = columnsOf({ a: 'uniform(0, 1)' }, {}, { samples: 4096, seed: 1, sampler: 'sobol' });
    const r2 = columnsOf({ a: 'uniform(0, 1)' }, {}, { samples: 4096, seed: 2, sampler: 'sobol' });
    const same = r1.columns.a!.filter((v, i) => Math.abs(v - r2.columns.a![i]!) < 1e-3).length;
    expect(same).toBeLessThan(20);
    for (const v of [...r1.columns.a!, ...r2.columns.a!]) expect(v > 0 && v < 1).toBe(true);
  });
});
