// Ranks and rank correlation of sample columns: an argsort of the finite values by radix sort,
// average ranks for ties, Pearson's and Spearman's correlation over the rows where both columns
// are finite, and Fisher's z interval for Spearman's rho.

/** The 97.5th percentile of the standard normal: two-sided 95% intervals. */
const Z95 = 1.959963984540054;

/**
 * Indices of the finite values of `col` in ascending order of value: an LSD radix sort on the
 * IEEE-754 bits (made order-preserving) in six passes of at most 11 bits, several times faster than a
 * comparison sort of indices.
 */
function argsortFinite(col: Float64Array): Uint32Array {
  let m = 0;
  for (let i = 0; i < col.length; i++) if (col[i]! - col[i]! === 0) m++;
  const vals = new Float64Array(m);
  let idx = new Uint32Array(m);
  m = 0;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x === 0) {
      vals[m] = x;
      idx[m++] = i;
    }
  }
  const words = new Uint32Array(vals.buffer); // little-endian: [lo, hi] per value
  const lo = new Uint32Array(m);
  const hi = new Uint32Array(m);
  for (let k = 0; k < m; k++) {
    const l = words[2 * k]!;
    const h = words[2 * k + 1]!;
    if (h & 0x80000000) {
      lo[k] = ~l >>> 0;
      hi[k] = ~h >>> 0;
    } else {
      lo[k] = l;
      hi[k] = (h | 0x80000000) >>> 0;
    }
  }
  // Keys travel with the indices: six passes of 11, 11 and 10 bits over lo, then hi.
  let kLo = lo;
  let kHi = hi;
  let tLo = new Uint32Array(m);
  let tHi = new Uint32Array(m);
  let tIdx = new Uint32Array(m);
  const count = new Uint32Array(2048);
  for (let pass = 0; pass < 6; pass++) {
    const word = pass < 3 ? 0 : 1;
    const shift = [0, 11, 22][pass % 3]!;
    const mask = pass % 3 === 2 ? 0x3ff : 0x7ff;
    const key = word === 0 ? kLo : kHi;
    count.fill(0);
    for (let k = 0; k < m; k++) count[(key[k]! >>> shift) & mask]!++;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < m; k++) {
      const t = count[(key[k]! >>> shift) & mask]!++;
      tLo[t] = kLo[k]!;
      tHi[t] = kHi[k]!;
      tIdx[t] = idx[k]!;
    }
    [kLo, tLo] = [tLo, kLo];
    [kHi, tHi] = [tHi, kHi];
    [idx, tIdx] = [tIdx, idx];
  }
  return idx;
}

/** Average ranks (1-based) of the finite values of a column; NaN where the value is not finite. */
export function ranks(col: Float64Array): Float64Array {
  const order = argsortFinite(col);
  const out = new Float64Array(col.length).fill(NaN);
  const m = order.length;
  let k = 0;
  while (k < m) {
    const v = col[order[k]!]!;
    let j = k;
    while (j + 1 < m && col[order[j + 1]!] === v) j++;
    const r = (k + j + 2) / 2;
    for (let q = k; q <= j; q++) out[order[q]!] = r;
    k = j + 1;
  }
  return out;
}

/** Pearson correlation of the rows where both are finite. */
export function pearson(a: Float64Array, b: Float64Array): { r: number; n: number } {
  let n = 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x - x !== 0 || y - y !== 0) continue;
    n++;
    ma += (x - ma) / n;
    mb += (y - mb) / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x - x !== 0 || y - y !== 0) continue;
    sab += (x - ma) * (y - mb);
    saa += (x - ma) * (x - ma);
    sbb += (y - mb) * (y - mb);
  }
  return { r: saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN, n };
}

/** Spearman rank correlation of two columns (rows where both are finite). */
export function spearman(a: Float64Array, b: Float64Array): number {
  const both = (i: number) => a[i]! - a[i]! === 0 && b[i]! - b[i]! === 0;
  let keep = true;
  for (let i = 0; i < a.length && keep; i++) keep = both(i);
  if (keep) return pearson(ranks(a), ranks(b)).r;
  const ia: number[] = [];
  for (let i = 0; i < a.length; i++) if (both(i)) ia.push(i);
  const fa = Float64Array.from(ia, (i) => a[i]!);
  const fb = Float64Array.from(ia, (i) => b[i]!);
  return pearson(ranks(fa), ranks(fb)).r;
}

export function spearmanInterval(rho: number, n: number): [number, number] {
  if (!Number.isFinite(rho) || n <= 3) return [NaN, NaN];
  const z = Math.atanh(Math.max(-0.999999999999, Math.min(0.999999999999, rho)));
  const h = Z95 * Math.sqrt(1.06 / (n - 3));
  return [Math.tanh(z - h), Math.tanh(z + h)];
}
