// Randomized quasi-Monte Carlo: scrambled Sobol' points. Point i of dimension d is computed from
// i alone (the Gray-code construction started anywhere), so a run split into blocks gives every
// block its slice of one sequence over the whole run, and any thread can compute any block. The
// scramble is Matoušek's random linear scramble with a digital shift (as SciPy's qmc.Sobol):
// digit k of a scrambled coordinate depends on digits 1…k of the point, the nets of the sequence
// stay nets with the same t, and the variance of an average is that of Owen's nested uniform
// scramble (Owen 2003). The digits below the 32nd are uniform random, so each point is uniform on
// (0, 1). Each (run seed, quantity, dimension) has its own scramble, drawn from its own stream.

import { SOBOL_DIMS, SOBOL_DIRECTIONS } from './sobol-directions.ts';
import type { Stream } from './random.ts';

export { SOBOL_DIMS };

const BITS = 32;
let directions: Uint32Array | null = null;

/** Direction numbers V[d·32 + k] (bit 31 − k and below), from the packed initial numbers. */
function table(): Uint32Array {
  if (directions) return directions;
  const v = new Uint32Array(SOBOL_DIMS * BITS);
  const entries = SOBOL_DIRECTIONS.split(' ');
  for (let d = 0; d < SOBOL_DIMS; d++) {
    const [p36, ms36] = entries[d]!.split(':') as [string, string];
    const p = parseInt(p36, 36);
    const deg = Math.floor(Math.log2(p));
    const m = new Array<number>(BITS);
    if (deg === 0) m.fill(1);
    else {
      ms36.split('.').forEach((s, j) => (m[j] = parseInt(s, 36)));
      for (let j = deg; j < BITS; j++) {
        let next = m[j - deg]!;
        for (let k = 0; k < deg; k++) if ((p >> (deg - 1 - k)) & 1) next ^= m[j - k - 1]! * 2 ** (k + 1); // < 2^32: exact
        m[j] = next >>> 0;
      }
    }
    for (let j = 0; j < BITS; j++) v[d * BITS + j] = (m[j]! * 2 ** (BITS - 1 - j)) >>> 0;
  }
  directions = v;
  return v;
}

/** The parity of the set bits of a 32-bit word. */
function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

/**
 * One dimension's scramble: `rows` is a random lower-triangular binary matrix with a unit
 * diagonal (row r gives digit r + 1 of the result, bit 31 − r, from the point's digits 1 … r + 1),
 * `directions` the dimension's direction numbers through it, and `shift` a random digital shift.
 */
export interface SobolScramble {
  rows: Uint32Array;
  directions: Uint32Array;
  shift: number;
}

/** The matrix product L·x over GF(2) of a 32-bit coordinate (digit 1 in bit 31). */
export function linearScramble(rows: Uint32Array, x: number): number {
  let out = 0;
  for (let r = 0; r < BITS; r++) if (parity(rows[r]! & x)) out |= 1 << (31 - r);
  return out >>> 0;
}

/**
 * Matoušek's random linear scramble and a digital shift of dimension d, drawn from `rng`. Since
 * the matrix is linear, scrambling the direction numbers once scrambles every point, and the
 * (t, m, s)-net structure of the sequence is kept.
 */
export function sobolScramble(d: number, rng: Stream): SobolScramble {
  const v = table();
  const rows = new Uint32Array(BITS);
  for (let r = 0; r < BITS; r++) {
    const above = r === 0 ? 0 : rng.next32() & (0xffffffff << (BITS - r)); // digits 1 … r
    rows[r] = (above | (1 << (31 - r))) >>> 0;
  }
  const directions = new Uint32Array(BITS);
  for (let k = 0; k < BITS; k++) directions[k] = linearScramble(rows, v[d * BITS + k]!);
  return { rows, directions, shift: rng.next32() };
}

/** Point i (Gray-code order) from 32 direction numbers starting at v[o]. */
function grayPoint(v: Uint32Array, o: number, i: number): number {
  let x = 0;
  for (let k = 0, g = (i ^ (i >>> 1)) >>> 0; g !== 0; k++, g >>>= 1) if (g & 1) x ^= v[o + k]!;
  return x >>> 0;
}

/** The unscrambled 32-bit coordinate of point i (Gray-code order) in dimension d. */
export function sobolPoint(d: number, i: number): number {
  return grayPoint(table(), d * BITS, i);
}

// The random digits below the 32 scrambled ones are at most 1 − 2^-21, so that x + f never rounds
// up into the next cell: x < 2^32 and f's digits down to 2^-21 fit in a double's 53 bits.
const BELOW_NEXT_CELL = 1 - 2 ** -21;

/**
 * Uniforms for points start … start + m − 1 of a dimension under `scramble` into out[0..m): the
 * 32 scrambled digits, then random digits below them from `rng` (never 0, always below 1). Needs
 * start + m ≤ 2^32.
 */
export function sobolUniforms(scramble: SobolScramble, start: number, m: number, rng: Stream, out: Float64Array): void {
  const v = scramble.directions;
  let x = (grayPoint(v, 0, start) ^ scramble.shift) >>> 0;
  for (let j = 0; j < m; j++) {
    const f = rng.uniform();
    out[j] = (x + (f < BELOW_NEXT_CELL ? f : BELOW_NEXT_CELL)) * 2.3283064365386963e-10;
    // Gray code: the next point differs from this one in the direction of the lowest zero bit of i.
    const i = start + j + 1;
    x = (x ^ v[31 - Math.clz32(i & -i)]!) >>> 0;
  }
}
