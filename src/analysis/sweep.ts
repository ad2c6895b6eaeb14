// Sweep: the output mean as each input moves across its 5th…95th percentiles (19 points by
// default, at least 9), the others sampled with the same random numbers at every point.
// Percentiles are empirical, from the input's own column in the ordinary run.

import type { Prepared } from '../engine/run.ts';
import type { Result } from '../model/errors.ts';
import { chooseInputs, pinContext, pinnedMean } from './pinning.ts';
import { type ExcludedInput } from './inputs.ts';
import { labelOf, meta, warningsOf, type AnalysisMeta, type AnalysisRunOptions } from './meta.ts';
import { columnPercentiles, spaced } from '../stats/column.ts';
import type { PinnedPoint } from './tornado.ts';

export const SWEEP_POINTS = 19;
export const MIN_SWEEP_POINTS = 9;

export interface SweepSeries {
  input: string;
  label: string | null;
  points: PinnedPoint[];
  /** Largest minus smallest mean along the sweep. */
  range: number;
}

export interface SweepResult extends AnalysisMeta {
  analysis: 'sweep';
  baseline: { mean: number; mcse: number };
  percentiles: number[];
  /** Sorted by range, largest first. */
  series: SweepSeries[];
  excluded: ExcludedInput[];
  warnings: string[];
}

export interface SweepOptions extends AnalysisRunOptions {
  inputs?: string[];
  points?: number;
}

export function sweep(prepared: Prepared, opts: SweepOptions): Result<SweepResult> {
  const points = Math.max(MIN_SWEEP_POINTS, Math.floor(opts.points ?? SWEEP_POINTS));
  const ctx = pinContext(prepared, opts);
  const chosen = chooseInputs(ctx, opts.inputs);
  if (!chosen.ok) return chosen;
  const ps = spaced(0.05, 0.95, points);
  const series: SweepSeries[] = [];
  for (const input of chosen.value) {
    const values = columnPercentiles(ctx.base.columns[input]!, ps);
    const seen = new Map<number, { mean: number; mcse: number }>();
    const pts = ps.map((p, i) => {
      const v = values[i]!;
      const m = seen.get(v) ?? pinnedMean(ctx, { [input]: v });
      seen.set(v, m);
      return { percentile: p, value: values[i]!, mean: m.mean, mcse: m.mcse };
    });
    const means = pts.map((p) => p.mean).filter((m) => Number.isFinite(m));
    series.push({
      input,
      label: labelOf(prepared, input),
      points: pts,
      range: means.length ? Math.max(...means) - Math.min(...means) : NaN,
    });
  }
  series.sort((a, b) => b.range - a.range || a.input.localeCompare(b.input));
  return {
    ok: true,
    value: {
      analysis: 'sweep',
      ...meta(ctx, ctx.applied),
      baseline: { mean: ctx.baseline.mean, mcse: ctx.baseline.mcse },
      percentiles: ps,
      series,
      excluded: ctx.excluded,
      warnings: warningsOf(ctx.base),
    },
  };
}
