// Randomized quasi-Monte Carlo: Owen-scrambled Sobol' points. Point i of dimension d is
// computed from i alone (the Gray-code construction started anywhere), so a run split into
// blocks gives every block its slice of one sequence over the whole run, and any thread can
// compute any block. The scramble is a nested uniform scramble by hashing (Burley 2020, with
// Vegdahl's hash): bit k of a scrambled coordinate depends on bits 1…k of the point and the
// seed, as in Owen's scheme; the digits below the 32nd are uniform random, which is what full
// Owen scrambling gives them. Each (run seed, quantity, dimension) has its own scramble.

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

function reverseBits(x: number): number {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  return ((x >>> 16) | (x << 16)) >>> 0;
}

/** Nested uniform scramble of a 32-bit coordinate (Burley 2020, Vegdahl's permutation hash). */
export function owenScramble(x: number, seed: number): number {
  x = reverseBits(x);
  x ^= Math.imul(x, 0x3d20adea);
  x = (x + seed) | 0;
  x = Math.imul(x, (seed >>> 16) | 1);
  x ^= Math.imul(x, 0x05526c56);
  x ^= Math.imul(x, 0x53a22864);
  return reverseBits(x);
}

/** The unscrambled 32-bit coordinate of point i (Gray-code order) in dimension d. */
export function sobolPoint(d: number, i: number): number {
  const v = table();
  let x = 0;
  for (let k = 0, g = (i ^ (i >>> 1)) >>> 0; g !== 0; k++, g >>>= 1) if (g & 1) x ^= v[d * BITS + k]!;
  return x >>> 0;
}

const LARGEST_BELOW_ONE = 1 - 2 ** -53;

/**
 * Uniforms for points start … start + m − 1 of dimension d, scrambled by `seed`, into out[0..m):
 * the 32 scrambled bits, then 53 random bits below them from `rng`. Needs d < SOBOL_DIMS and
 * start + m ≤ 2^32.
 */
export function sobolUniforms(d: number, start: number, m: number, seed: number, rng: Stream, out: Float64Array): void {
  const v = table();
  const o = d * BITS;
  let x = sobolPoint(d, start);
  for (let j = 0; j < m; j++) {
    const u = (owenScramble(x, seed) + rng.uniform()) * 2.3283064365386963e-10;
    out[j] = u < LARGEST_BELOW_ONE ? u : LARGEST_BELOW_ONE;
    // Gray code: the next point differs from this one in the direction of the lowest zero bit of i.
    const i = start + j + 1;
    x = (x ^ v[o + 31 - Math.clz32(i & -i)]!) >>> 0;
  }
}
