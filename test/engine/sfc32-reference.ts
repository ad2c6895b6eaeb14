// An independent sfc32 with cyrb128 seeding and MurmurHash3's finaliser, in BigInt arithmetic:
// the reference the engine's generator and the columns of uniform inputs are held to.

const M32 = (1n << 32n) - 1n;
const mul32 = (a: bigint, b: bigint) => (a * b) & M32;

function cyrb128Big(str: string): [bigint, bigint, bigint, bigint] {
  let h1 = 1779033703n;
  let h2 = 3144134277n;
  let h3 = 1013904242n;
  let h4 = 2773480762n;
  for (let i = 0; i < str.length; i++) {
    const k = BigInt(str.charCodeAt(i));
    h1 = h2 ^ mul32(h1 ^ k, 597399067n);
    h2 = h3 ^ mul32(h2 ^ k, 2869860233n);
    h3 = h4 ^ mul32(h3 ^ k, 951274213n);
    h4 = h1 ^ mul32(h4 ^ k, 2716044179n);
  }
  h1 = mul32(h3 ^ (h1 >> 18n), 597399067n);
  h2 = mul32(h4 ^ (h2 >> 22n), 2869860233n);
  h3 = mul32(h1 ^ (h3 >> 17n), 951274213n);
  h4 = mul32(h2 ^ (h4 >> 19n), 2716044179n);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1, h2, h3, h4];
}

/** MurmurHash3's 32-bit finaliser, in BigInt. */
function fmix32Big(h: bigint): bigint {
  h ^= h >> 16n;
  h = mul32(h, 0x85ebca6bn);
  h ^= h >> 13n;
  h = mul32(h, 0xc2b2ae35n);
  h ^= h >> 16n;
  return h;
}

/**
 * sfc32 (a + b + counter; a = b ^ b>>9; b = c + c<<3; c = rotl(c, 21) + t) with 15 warm-up
 * rounds, seeded by cyrb128 of "seed\0key" (no segment), or for segment s by each hash word i
 * XORed with fmix32((s·0x9e3779b9 + (i + 1)·0x632be5ab) mod 2^32).
 */
export function sfc32Big(seed: number, key: string, segment: number | null = null): () => bigint {
  let [a, b, c, d] = cyrb128Big(`${seed}\u0000${key}`);
  if (segment !== null) {
    const mix = (i: number) => fmix32Big((BigInt(segment) * 0x9e3779b9n + BigInt(i + 1) * 0x632be5abn) & M32);
    [a, b, c, d] = [a ^ mix(0), b ^ mix(1), c ^ mix(2), d ^ mix(3)];
  }
  const next = () => {
    const t = (a + b + d) & M32;
    d = (d + 1n) & M32;
    a = b ^ (b >> 9n);
    b = (c + (c << 3n)) & M32;
    c = (((c << 21n) | (c >> 11n)) & M32) + t;
    c &= M32;
    return t;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** A double in (0, 1) from 27 + 26 bits of two outputs, centred in its cell of width 2^-53. */
export function uniformBig(next: () => bigint): number {
  const v = (next() >> 5n) * (1n << 26n) + (next() >> 6n);
  return (Number(v) + 0.5) / 2 ** 53;
}
