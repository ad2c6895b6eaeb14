// Exact sums of doubles, whatever the order of the terms. A run's summaries add up one partial sum
// per segment; adding those exactly makes every total independent of how the segments were split
// between threads, so a run gives the same bits on one thread or three. Written here because it
// must be exact and fast (tens of nanoseconds a term): a fixed-point accumulator with 32-bit limbs
// spanning every double (Neal's "small superaccumulator" idea), each limb a double that holds an
// exact integer, with carries propagated every 2^20 terms and before reading.

const LIMBS = 70; // 70 · 32 bits cover 2^-1074 … 2^1024 with room for carries
const BIAS = 1074; // bit 0 of limb 0 has weight 2^-1074
const TWO32 = 4294967296;
const CARRY_EVERY = 1 << 20;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE ? 1 : 0;
/** POW2[k] = 2^k for 0 ≤ k ≤ 1074 + 31 (Math.pow is far slower than a read). */
const POW2 = Float64Array.from({ length: 1106 }, (_, k) => (k <= 1000 ? 2 ** k : 2 ** 1000 * 2 ** (k - 1000)));

export class ExactSum {
  readonly limbs = new Float64Array(LIMBS);
  private pending = 0;
  /** Set by a term that is not finite: the sum is then that value (NaN, or ±Infinity). */
  private special = 0;

  add(x: number): void {
    if (x === 0) return;
    if (x - x !== 0) {
      this.special += x; // NaN or ±Infinity, added as a double would be
      return;
    }
    f64[0] = x;
    // x = ±m · 2^(e − 1075) with m an integer below 2^53 (e = 1 for subnormals): m's unit is bit
    // e − 1 of the accumulator.
    const e = Math.max(1, (u32[HI]! >>> 20) & 0x7ff);
    // Exact power-of-two scalings to an integer (two steps: 2^1074 itself overflows).
    const k = 1075 - e;
    const ax = Math.abs(x);
    const m = k < 0 ? ax / POW2[-k]! : k <= 1000 ? ax * POW2[k]! : ax * POW2[1000]! * POW2[k - 1000]!;
    this.addAt(x < 0 ? -m : m, e - 1);
    if (++this.pending >= CARRY_EVERY) this.carry();
  }

  /** Add the integer v (|v| < 2^53) times 2^(bit − BIAS). */
  private addAt(v: number, bit: number): void {
    let limb = bit >>> 5;
    let t = v * POW2[bit & 31]!; // exact: |t| < 2^84
    const l = this.limbs;
    // Floor division leaves −1 forever on a negative number (its sign extension): stop there and
    // add the −1 to the limb reached.
    while (t !== 0 && t !== -1) {
      const high = Math.floor(t / TWO32); // exact: scaling by 2^-32, then floor
      l[limb]! += t - high * TWO32; // in [0, 2^32)
      t = high;
      limb++;
    }
    if (t === -1) l[limb]! -= 1;
  }

  /** The limbs (carried) and the non-finite part, to send to another thread. */
  snapshot(): Float64Array {
    this.carry();
    const out = new Float64Array(LIMBS + 1);
    out.set(this.limbs);
    out[LIMBS] = this.special;
    return out;
  }

  /** An accumulator holding a snapshot's sum. */
  static from(snapshot: Float64Array): ExactSum {
    const s = new ExactSum();
    s.limbs.set(snapshot.subarray(0, LIMBS));
    s.special = snapshot[LIMBS]!;
    return s;
  }

  /** Add every term of another accumulator. */
  merge(other: ExactSum): void {
    other.carry();
    for (let i = 0; i < LIMBS; i++) this.limbs[i]! += other.limbs[i]!;
    this.special += other.special;
    this.pending += CARRY_EVERY / 2;
    this.carry();
  }

  /** Propagate carries so that every limb but the top one lies in [0, 2^32). */
  private carry(): void {
    const l = this.limbs;
    for (let i = 0; i < LIMBS - 1; i++) {
      const c = Math.floor(l[i]! / TWO32);
      if (c !== 0) {
        l[i]! -= c * TWO32;
        l[i + 1]! += c;
      }
    }
    this.pending = 0;
  }

  /** The exact sum rounded to the nearest double (ties to even). */
  value(): number {
    if (this.special !== 0 || this.special !== this.special) return this.special;
    this.carry();
    const l = this.limbs;
    const negative = l[LIMBS - 1]! < 0;
    // Magnitude limbs: for a negative sum, negate (two's complement over the limbs).
    const mag = new Float64Array(LIMBS);
    if (negative) {
      let borrow = 0;
      for (let i = 0; i < LIMBS; i++) {
        let d = -l[i]! - borrow;
        borrow = 0;
        if (i < LIMBS - 1 && d < 0) {
          d += TWO32;
          borrow = 1;
        }
        mag[i] = d;
      }
    } else mag.set(l);
    let top = LIMBS - 1;
    while (top >= 0 && mag[top] === 0) top--;
    if (top < 0) return 0;
    // The top three limbs as one integer, with any lower nonzero limb as a sticky bit, rounded once.
    let big = 0n;
    const lowest = Math.max(0, top - 2);
    for (let i = top; i >= lowest; i--) big = (big << 32n) | BigInt(mag[i]!);
    let sticky = false;
    for (let i = 0; i < lowest; i++) if (mag[i] !== 0) sticky = true;
    if (sticky) big = (big << 1n) | 1n;
    const bits = 32 * lowest - BIAS - (sticky ? 1 : 0);
    const r = scale(Number(big), bits);
    return negative ? -r : r;
  }
}

/** x · 2^k, exactly when the result is representable. */
function scale(x: number, k: number): number {
  while (k > 900) {
    x *= 2 ** 900;
    k -= 900;
  }
  while (k < -900) {
    x *= 2 ** -900;
    k += 900;
  }
  return x * 2 ** k;
}
