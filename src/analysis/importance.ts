// Importance: the Spearman rank correlation of each input with the output, from one ordinary
// run (Analytica's importance analysis). Ties get their average rank, so yes/no inputs work.
// It measures monotone association over the prior: evidence weights are not applied, and an
// input that acts through a non-monotone or interaction effect can rank low while mattering
// (the Sobol total index catches that). The 95% interval uses Fisher's z with the variance
// 1.06/(n − 3) of Fieller, Hartley and Pearson (1957).

import type { Prepared } from '../engine/run.ts';
import type { Result } from '../model/errors.ts';
import { chooseInputs, pinContext } from './pinning.ts';
import { type ExcludedInput } from './inputs.ts';
import { labelOf, meta, warningsOf, type AnalysisMeta, type AnalysisRunOptions } from './meta.ts';
import { pearson, ranks, spearman, spearmanInterval } from '../stats/rank.ts';

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
    value: {
      analysis: 'importance',
      ...meta(ctx, []),
      rowsUsed,
      rows,
      excluded: ctx.excluded,
      warnings: warningsOf(ctx.base),
    },
  };
}

function countBoth(a: Float64Array, b: Float64Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i]! - a[i]! === 0 && b[i]! - b[i]! === 0) n++;
  return n;
}
