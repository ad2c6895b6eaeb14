// The count, range and total weight of a column's finite values (with positive weight, when
// weighted): what the quantile functions, the histograms and the sorted samples start from.

/** What the quantile functions need to know of a column's included values. */
export interface ColumnRange {
  /** Included rows: finite values (with positive weight, when weighted). */
  count: number;
  min: number;
  max: number;
  /** Sum of the included rows' weights (their count when unweighted). */
  total: number;
}

/** The range of the finite values of `col` (with positive weight, when weights are given). */
export function columnRange(col: Float64Array, weights: Float64Array | null = null): ColumnRange {
  // The loops leave their results in `acc` rather than build the object themselves (see summary.ts).
  const acc = new Float64Array(4);
  if (weights) weightedRangeInto(col, weights, acc);
  else rangeInto(col, acc);
  return { count: acc[0]!, min: acc[1]!, max: acc[2]!, total: acc[3]! };
}

function rangeInto(col: Float64Array, acc: Float64Array): void {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) continue;
    count++;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  acc[0] = count;
  acc[1] = min;
  acc[2] = max;
  acc[3] = count;
}

function weightedRangeInto(col: Float64Array, weights: Float64Array, acc: Float64Array): void {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let total = 0;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    const w = weights[i]!;
    if (x - x !== 0 || !(w > 0)) continue;
    count++;
    total += w;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  acc[0] = count;
  acc[1] = min;
  acc[2] = max;
  acc[3] = total;
}
