// Importance: the Spearman rank correlation of each input with the output, from one ordinary
// run (Analytica's importance analysis). Ties get their average rank, so yes/no inputs work.
// It measures monotone association over the prior: evidence weights are not applied, and an
// input that acts through a non-monotone or interaction effect can rank low while mattering
// (the Sobol total index catches that). The 95% interval uses Fisher's z with the variance
// 1.06/(n − 3) of Fieller, Hartley and Pearson (1957).

import type { Prepared } from '../engine/run.ts';
import type { Result } from '../model/errors.ts';
import { chooseInputs, finiteValues, labelOf, meta, pinContext, warningsOf, type AnalysisMeta, type AnalysisRunOptions, type ExcludedInput } from './pinning.ts';

const Z95 = 1.959963984540054;

export interface ImportanceRow {
  input: string;
  label: string | null;
  /** Spearman rank correlation with the output (−1 to 1). */
  spearman: number;
  /** 95% interval for it. */
  ci: [number, number];
}

export interface ImportanceResult extends AnalysisMeta {
  analysis: 'importance';
  /** Rows with finite input and output values that entered the correlations. */
  rowsUsed: number;
  /** Sorted by |spearman|, largest first. */
  rows: ImportanceRow[];
  excluded: ExcludedInput[];
  warnings: string[];
}

export interface ImportanceOptions extends AnalysisRunOptions {
  inputs?: string[];
}

/** Average ranks (1-based) of the finite values of a column; NaN where the value is not finite. */
export function ranks(col: Float64Array): Float64Array {
  const sorted = finiteValues(col).sort();
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) {
      out[i] = NaN;
      continue;
    }
    // first index with sorted[k] >= x, and first with sorted[k] > x
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    let lo2 = lo;
    hi = sorted.length;
    while (lo2 < hi) {
      const mid = (lo2 + hi) >>> 1;
      if (sorted[mid]! <= x) lo2 = mid + 1;
      else hi = mid;
    }
    out[i] = (lo + 1 + lo2) / 2;
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

export function importance(prepared: Prepared, opts: ImportanceOptions): Result<ImportanceResult> {
  const ctx = pinContext(prepared, { ...opts, evidence: 'none' });
  const chosen = chooseInputs(ctx, opts.inputs);
  if (!chosen.ok) return chosen;
  const y = ctx.base.columns[ctx.output]!;
  const yRanks = ranks(y);
  let rowsUsed = 0;
  const rows: ImportanceRow[] = chosen.value.map((input) => {
    const x = ctx.base.columns[input]!;
    let all = true;
    for (let i = 0; i < x.length && all; i++) all = x[i]! - x[i]! === 0 && y[i]! - y[i]! === 0;
    const { r, n } = all ? pearson(ranks(x), yRanks) : { r: spearman(x, y), n: countBoth(x, y) };
    rowsUsed = Math.max(rowsUsed, n);
    return { input, label: labelOf(prepared, input), spearman: r, ci: spearmanInterval(r, n) };
  });
  rows.sort((a, b) => (Math.abs(b.spearman) || 0) - (Math.abs(a.spearman) || 0) || a.input.localeCompare(b.input));
  return {
    ok: true,
    value: { analysis: 'importance', ...meta(ctx, []), rowsUsed, rows, excluded: ctx.excluded, warnings: warningsOf(ctx.base) },
  };
}

function countBoth(a: Float64Array, b: Float64Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i]! - a[i]! === 0 && b[i]! - b[i]! === 0) n++;
  return n;
}
