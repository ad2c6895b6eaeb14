// Bins for exact order statistics without sorting. Each included value goes to a bin that is
// monotone in value (x < y puts x in the same bin as y or an earlier one): equal-width bins over
// [min, max], or, for non-negative values spanning many orders of magnitude, bins by the leading bits
// of the IEEE-754 representation read as an order-preserving integer, whose width is relative to
// the value (so a heavy tail spreads over the bins as evenly as a column of probabilities does).
// Quantiles then need one counting pass, one pass gathering the few bins that hold the wanted
// ranks, and a selection inside those small bins.

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

const one = new Float64Array(1);
const oneHi = new Int32Array(one.buffer);

/** The order-preserving key of a double's high word: an integer in [0, 2^32). */
function keyOfHi(hi: number): number {
  return hi >= 0 ? hi + 2147483648 : ~hi;
}

function keyOf(x: number): number {
  one[0] = x;
  return keyOfHi(oneHi[HI]!);
}

/** Non-negative ranges with max/min above this are binned by representation, not by width. */
const WIDE_RATIO = 1024;
const DEEPEST = 64;

let scratch = new Int32Array(0);

/** Bins of one column. `binOf` is shared scratch space, valid until the next `binColumn` call. */
export interface Binned {
  /** Per row: its bin, or -1 when the row is left out (not finite, or weight not positive). */
  binOf: Int32Array;
  /** Rows per bin. */
  counts: Int32Array;
  /** Weight per bin, when weights were given. */
  weight: Float64Array | null;
}

/**
 * Bins for the rows of `col` whose values lie in [min, max] with min < max; at most `maxBins`
 * bins, the lowest and the highest value always in different bins. A row is counted when its
 * value is finite and, unless `countAll`, its weight positive; bin weights sum the positive
 * weights. Null when the range cannot be split (too narrow or too wide for floating point), for
 * the caller to select directly; binning then never recurses without making progress.
 */
export function binColumn(
  col: Float64Array,
  weights: Float64Array | null,
  min: number,
  max: number,
  maxBins: number,
  countAll = false,
): Binned | null {
  const n = col.length;
  if (scratch.length < n) scratch = new Int32Array(n);
  const binOf = scratch.subarray(0, n);
  // Each loop is a function of its own, so each is optimised for its one case.
  // The bins by representation cover at most DEEPEST binades below the maximum; smaller values
  // (zeros among them) share the first bin, so a column of probabilities with some zeros is not
  // spread over the thousand binades down to the smallest double.
  const kmin = Math.max(keyOf(min), keyOf(max) - DEEPEST * 2 ** 20);
  const span = keyOf(max) - kmin;
  // Values that differ only below their high word share a key: those are binned by width.
  if (min >= 0 && max > WIDE_RATIO * min && span > 0) {
    let shift = 0;
    while (span / 2 ** shift >= maxBins) shift++;
    const counts = new Int32Array(Math.floor(span / 2 ** shift) + 1);
    const hiWords = new Int32Array(col.buffer, col.byteOffset, 2 * n);
    if (!weights) {
      byKey(col, hiWords, kmin, shift, binOf, counts);
      return { binOf, counts, weight: null };
    }
    const weight = new Float64Array(counts.length);
    byKeyWeighted(col, weights, countAll, hiWords, kmin, shift, binOf, counts, weight);
    return { binOf, counts, weight };
  }
  const bins = Math.max(2, maxBins);
  const scale = bins / (max - min);
  if (!(scale > 0 && scale < Infinity)) return null;
  const counts = new Int32Array(bins);
  if (!weights) {
    byWidth(col, min, scale, binOf, counts);
    return { binOf, counts, weight: null };
  }
  const weight = new Float64Array(bins);
  byWidthWeighted(col, weights, countAll, min, scale, binOf, counts, weight);
  return { binOf, counts, weight };
}

function byKey(
  col: Float64Array,
  hiWords: Int32Array,
  kmin: number,
  shift: number,
  binOf: Int32Array,
  counts: Int32Array,
): void {
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) {
      binOf[i] = -1;
      continue;
    }
    const k = keyOfHi(hiWords[2 * i + HI]!) - kmin;
    const b = k > 0 ? k >>> shift : 0;
    binOf[i] = b;
    counts[b]!++;
  }
}

function byKeyWeighted(
  col: Float64Array,
  weights: Float64Array,
  countAll: boolean,
  hiWords: Int32Array,
  kmin: number,
  shift: number,
  binOf: Int32Array,
  counts: Int32Array,
  weight: Float64Array,
): void {
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    const w = weights[i]!;
    const positive = w > 0;
    if (x - x !== 0 || !(countAll || positive)) {
      binOf[i] = -1;
      continue;
    }
    const k = keyOfHi(hiWords[2 * i + HI]!) - kmin;
    const b = k > 0 ? k >>> shift : 0;
    binOf[i] = b;
    counts[b]!++;
    if (positive) weight[b]! += w;
  }
}

function byWidth(col: Float64Array, min: number, scale: number, binOf: Int32Array, counts: Int32Array): void {
  const last = counts.length - 1;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) {
      binOf[i] = -1;
      continue;
    }
    const f = (x - min) * scale;
    const b = f < last ? f | 0 : last;
    binOf[i] = b;
    counts[b]!++;
  }
}

function byWidthWeighted(
  col: Float64Array,
  weights: Float64Array,
  countAll: boolean,
  min: number,
  scale: number,
  binOf: Int32Array,
  counts: Int32Array,
  weight: Float64Array,
): void {
  const last = counts.length - 1;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    const w = weights[i]!;
    const positive = w > 0;
    if (x - x !== 0 || !(countAll || positive)) {
      binOf[i] = -1;
      continue;
    }
    const f = (x - min) * scale;
    const b = f < last ? f | 0 : last;
    binOf[i] = b;
    counts[b]!++;
    if (positive) weight[b]! += w;
  }
}

/** The values (and weights) of the chosen bins, one array per entry of `chosen`, in one pass. */
export function gatherBins(
  col: Float64Array,
  weights: Float64Array | null,
  binned: Binned,
  chosen: number[],
): { values: Float64Array[]; weights: Float64Array[] } {
  const slot = new Map<number, number>();
  for (const b of chosen) if (!slot.has(b)) slot.set(b, slot.size);
  const bins = [...slot.keys()];
  const values = bins.map((b) => new Float64Array(binned.counts[b]!));
  const ws = weights ? bins.map((b) => new Float64Array(binned.counts[b]!)) : [];
  const fill = new Int32Array(bins.length);
  const mark = new Int32Array(binned.counts.length).fill(-1);
  bins.forEach((b, k) => (mark[b] = k));
  if (weights) gatherWeighted(col, weights, binned.binOf, mark, fill, values, ws);
  else gather(col, binned.binOf, mark, fill, values);
  const order = chosen.map((b) => slot.get(b)!);
  return { values: order.map((k) => values[k]!), weights: weights ? order.map((k) => ws[k]!) : [] };
}

function gather(
  col: Float64Array,
  binOf: Int32Array,
  mark: Int32Array,
  fill: Int32Array,
  values: Float64Array[],
): void {
  for (let i = 0; i < col.length; i++) {
    const b = binOf[i]!;
    if (b < 0) continue;
    const k = mark[b]!;
    if (k < 0) continue;
    values[k]![fill[k]!++] = col[i]!;
  }
}

function gatherWeighted(
  col: Float64Array,
  weights: Float64Array,
  binOf: Int32Array,
  mark: Int32Array,
  fill: Int32Array,
  values: Float64Array[],
  ws: Float64Array[],
): void {
  for (let i = 0; i < col.length; i++) {
    const b = binOf[i]!;
    if (b < 0) continue;
    const k = mark[b]!;
    if (k < 0) continue;
    const j = fill[k]!++;
    values[k]![j] = col[i]!;
    ws[k]![j] = weights[i]!;
  }
}
