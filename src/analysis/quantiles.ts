// Quantiles of a column by selection (no full sort): the plain ones use the definition of
// d3.quantile and R's type 7 (linear interpolation between order statistics); the weighted
// ones return the smallest value whose normalised cumulative weight reaches p.

/** Floyd–Rivest-style selection on a Float64Array: afterwards a[k] is the k-th smallest in [left, right]. */
export function select(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      select(a, k, newLeft, newRight);
    }
    const t = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** Quantiles at ascending probabilities `ps` of finite `values`, which is reordered in place. */
export function quantilesInPlace(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => NaN);
  const out: number[] = [];
  let left = 0;
  for (const p of ps) {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    select(values, lo, left, n - 1);
    const a = values[lo]!;
    let b = a;
    if (h > lo) {
      b = Infinity;
      for (let i = lo + 1; i < n; i++) if (values[i]! < b) b = values[i]!;
    }
    out.push(a + (b - a) * (h - lo));
    left = lo;
  }
  return out;
}

/** One quantile of a column (copies it). */
export function quantile(col: Float64Array, p: number): number {
  return quantilesInPlace(col.filter((x) => x - x === 0), [p])[0]!;
}

/**
 * Weighted quantiles at ascending `ps`: for each p, the smallest value v with
 * Σ{w_i : x_i ≤ v} ≥ p·Σw. Selection on paired arrays, narrowing the range as p grows.
 */
export function weightedQuantiles(values: Float64Array, weights: Float64Array, ps: readonly number[]): number[] {
  let m = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! - values[i]! === 0 && weights[i]! > 0) m++;
  const x = new Float64Array(m);
  const w = new Float64Array(m);
  m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const wi = weights[i]!;
    if (v - v === 0 && wi > 0) {
      x[m] = v;
      w[m++] = wi;
      total += wi;
    }
  }
  if (m === 0) return ps.map(() => NaN);
  const out: number[] = [];
  let left = 0;
  let below = 0; // weight of elements before `left`
  for (const p of ps) {
    const target = p * total;
    let lo = left;
    let hi = m - 1;
    let acc = below;
    // Invariant: everything before lo is ≤ everything in [lo, hi], with total weight acc.
    while (lo < hi) {
      const pivot = x[(lo + hi) >>> 1]!;
      // Three-way partition of [lo, hi] around pivot.
      let lt = lo;
      let gt = hi;
      let i = lo;
      while (i <= gt) {
        const v = x[i]!;
        if (v < pivot) {
          swap2(x, w, lt++, i++);
        } else if (v > pivot) {
          swap2(x, w, i, gt--);
        } else i++;
      }
      let wLess = 0;
      for (let k = lo; k < lt; k++) wLess += w[k]!;
      let wEq = 0;
      for (let k = lt; k <= gt; k++) wEq += w[k]!;
      if (acc + wLess >= target && lt > lo) {
        hi = lt - 1;
      } else if (acc + wLess + wEq >= target || gt >= hi) {
        acc += wLess;
        lo = lt;
        hi = lt;
        x[lt] = pivot;
        break;
      } else {
        acc += wLess + wEq;
        lo = gt + 1;
      }
    }
    out.push(x[lo]!);
    left = lo;
    below = acc;
  }
  return out;
}

function swap2(x: Float64Array, w: Float64Array, i: number, j: number): void {
  const t = x[i]!;
  x[i] = x[j]!;
  x[j] = t;
  const u = w[i]!;
  w[i] = w[j]!;
  w[j] = u;
}
