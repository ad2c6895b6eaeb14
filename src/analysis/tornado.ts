// Tornado (one-way sensitivity): each input pinned at its 10th and at its 90th percentile while
// every other input keeps its sampled values, with the same random numbers at every pin, so a
// bar's length is the effect of that input alone. Percentiles are empirical: taken from the
// input's own column in the ordinary run. Bars are sorted by swing (|mean at p90 − mean at p10|).

import type { Prepared } from '../engine/run.ts';
import type { Result } from '../model/errors.ts';
import { differenceMcse } from '../stats/estimate.ts';
import { chooseInputs, pinContext, pinnedMean } from './pinning.ts';
import { type ExcludedInput } from './inputs.ts';
import { labelOf, meta, warningsOf, type AnalysisMeta, type AnalysisRunOptions } from './meta.ts';
import { columnPercentiles } from '../stats/column.ts';

const TORNADO_PERCENTILES = [0.1, 0.9] as const;

export interface PinnedPoint {
  /** The percentile of the input's own sample the value was taken at (0–1). */
  percentile: number;
  value: number;
  /** Output mean with the input pinned at `value`. */
  mean: number;
  mcse: number;
}

export interface TornadoRow {
  input: string;
  label: string | null;
  low: PinnedPoint;
  high: PinnedPoint;
  /** high.mean − low.mean: positive when the output rises with the input. */
  swing: number;
  /** Standard error of the swing (paired: both pins share their random numbers). */
  swingMcse: number;
}

export interface TornadoResult extends AnalysisMeta {
  analysis: 'tornado';
  baseline: { mean: number; mcse: number };
  percentiles: [number, number];
  /** Sorted by |swing|, largest first. */
  rows: TornadoRow[];
  excluded: ExcludedInput[];
  warnings: string[];
}

export interface TornadoOptions extends AnalysisRunOptions {
  inputs?: string[];
  /** Pin percentiles, default [0.1, 0.9]. */
  percentiles?: [number, number];
}

export function tornado(prepared: Prepared, opts: TornadoOptions): Result<TornadoResult> {
  const ctx = pinContext(prepared, opts);
  const chosen = chooseInputs(ctx, opts.inputs);
  if (!chosen.ok) return chosen;
  const [pLo, pHi] = opts.percentiles ?? TORNADO_PERCENTILES;
  const rows: TornadoRow[] = [];
  for (const input of chosen.value) {
    const [vLo, vHi] = columnPercentiles(ctx.base.columns[input]!, [pLo, pHi]);
    const lo = pinnedMean(ctx, { [input]: vLo! });
    const hi = pinnedMean(ctx, { [input]: vHi! });
    rows.push({
      input,
      label: labelOf(prepared, input),
      low: { percentile: pLo, value: vLo!, mean: lo.mean, mcse: lo.mcse },
      high: { percentile: pHi, value: vHi!, mean: hi.mean, mcse: hi.mcse },
      swing: hi.mean - lo.mean,
      swingMcse: differenceMcse(lo.influence, hi.influence),
    });
  }
  rows.sort((a, b) => Math.abs(b.swing) - Math.abs(a.swing) || a.input.localeCompare(b.input));
  return {
    ok: true,
    value: {
      analysis: 'tornado',
      ...meta(ctx, ctx.applied),
      baseline: { mean: ctx.baseline.mean, mcse: ctx.baseline.mcse },
      percentiles: [pLo, pHi],
      rows,
      excluded: ctx.excluded,
      warnings: warningsOf(ctx.base),
    },
  };
}
