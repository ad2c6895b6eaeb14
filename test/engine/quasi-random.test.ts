// Scrambled Sobol' points: the unscrambled sequence against SciPy's (the same Joe–Kuo direction
// numbers, Gray-code order), the net property of the scrambled points in one and two dimensions
// across segment boundaries, and runs under the 'sobol' sampler.

import { describe, it, expect, afterAll } from 'vitest';
import { owenScramble, sobolPoint, sobolUniforms } from '../../src/engine/sobol-sequence.ts';
import { keyWords, segmentStream } from '../../src/engine/random.ts';
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

describe("Sobol' points", () => {
  it("unscrambled, they are SciPy's points of the Joe–Kuo sequence, bit for bit", () => {
    for (const [i, want] of SCIPY) expect(DIMS.map((d) => sobolPoint(d, i))).toEqual(want);
  });

  it('a block started anywhere continues the sequence (Gray code from the point index)', () => {
    const rng = segmentStream(keyWords(1, 'x'), 0);
    const whole = new Float64Array(300);
    const part = new Float64Array(100);
    // Unscrambled points through a scramble seed of 0 are not the raw points, so compare two blocks.
    sobolUniforms(3, 0, 300, 12345, rng, whole);
    sobolUniforms(3, 200, 100, 12345, segmentStream(keyWords(1, 'x'), 0), part);
    for (let j = 0; j < 100; j++) expect(Math.floor(part[j]! * 2 ** 32)).toBe(Math.floor(whole[200 + j]! * 2 ** 32));
  });

  it('the scramble is a nested permutation: points sharing their first k bits keep sharing them, and no more', () => {
    for (const seed of [1, 0xdeadbeef, 77]) {
      for (let k = 1; k <= 20; k++) {
        const x = 0x9e3779b9 >>> 0;
        const y = (x ^ (1 << (31 - k))) >>> 0; // differs from x first at bit k + 1
        const a = owenScramble(x, seed);
        const b = owenScramble(y, seed);
        const shared = Math.clz32((a ^ b) >>> 0);
        expect(shared).toBe(k);
      }
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
