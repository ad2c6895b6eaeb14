// Grid (two-way sensitivity): the output mean over a grid of percentiles of two inputs (21×21
// by default, from the 5th to the 95th percentile of each), every other input sampled with the
// same random numbers in every cell. Percentiles are empirical, from each input's own column.
// Without a choice of inputs, the two with the largest swings in the tornado of the same run
// (same samples and seed) are crossed.

import type { Prepared } from '../engine/run.ts';
import type { Result } from '../model/errors.ts';
import { chooseInputs, pinContext, pinnedMean, type PinContext } from './pinning.ts';
import { tornado } from './tornado.ts';
import { labelOf, meta, warningsOf, type AnalysisMeta, type AnalysisRunOptions } from './meta.ts';
import { columnPercentiles, spaced } from '../stats/column.ts';
import { formatCount } from './format.ts';

export const GRID_POINTS = 21;

/** The most inputs whose swings are compared to choose the pair when none is asked for. */
export const GRID_CHOICES = 200;

/** What the result says when the pair was chosen among the first GRID_CHOICES of `n` inputs. */
export const screenedNote = (n: number) =>
  `The two inputs were chosen by their swings among the first ${formatCount(GRID_CHOICES)} of the ${formatCount(n)} inputs that move the output (in file order); choose any other two by name.`;

export interface GridAxis {
  input: string;
  label: string | null;
  percentiles: number[];
  values: number[];
}

export interface GridResult extends AnalysisMeta {
  analysis: 'grid';
  baseline: { mean: number; mcse: number };
  x: GridAxis;
  y: GridAxis;
  /** means[j][i]: the output mean with y at its j-th value and x at its i-th (rows are y). */
  means: number[][];
  mcse: number[][];
  /** Smallest and largest cell means. */
  range: [number, number];
  warnings: string[];
}

export interface GridOptions extends AnalysisRunOptions {
  /** Exactly two inputs, x then y; default: the two with the largest tornado swings. */
  inputs?: string[];
  points?: number;
}

const needTwo = (message: string): Result<never> => ({
  ok: false,
  errors: [{ code: 'invalid-request', file: '--inputs', message }],
});

/** The pair to cross: the two requested, or the two with the largest swings in the tornado. */
function choosePair(prepared: Prepared, ctx: PinContext, opts: GridOptions): Result<string[]> {
  if (opts.inputs && opts.inputs.length > 0) {
    const chosen = chooseInputs(ctx, opts.inputs);
    if (!chosen.ok) return chosen;
    const pair = chosen.value;
    if (pair.length === 2) return chosen;
    return needTwo(`a grid needs exactly two different inputs (got ${pair.length}: ${pair.join(', ') || 'none'})`);
  }
  // A tornado costs two runs per input: past GRID_CHOICES inputs (a model may have tens of
  // thousands) only the first are compared, and the result says so.
  const screened = ctx.candidates.length > GRID_CHOICES ? ctx.candidates.slice(0, GRID_CHOICES) : undefined;
  const t = tornado(prepared, { ...opts, inputs: screened });
  if (!t.ok) return t;
  const pair = t.value.rows.slice(0, 2).map((r) => r.input);
  if (pair.length === 2) return { ok: true, value: pair };
  return needTwo(
    `model '${prepared.graph.model.id}' has fewer than two uncertain inputs that affect its output; a grid needs two`,
  );
}

export function grid(prepared: Prepared, opts: GridOptions): Result<GridResult> {
  const points = Math.max(GRID_POINTS, Math.floor(opts.points ?? GRID_POINTS));
  const ctx = pinContext(prepared, opts);
  const chosen = choosePair(prepared, ctx, opts);
  if (!chosen.ok) return chosen;
  const pair = chosen.value;
  const ps = spaced(0.05, 0.95, points);
  const axis = (input: string): GridAxis => ({
    input,
    label: labelOf(prepared, input),
    percentiles: ps,
    values: columnPercentiles(ctx.base.columns[input]!, ps),
  });
  const x = axis(pair[0]!);
  const y = axis(pair[1]!);
  const means: number[][] = [];
  const mcse: number[][] = [];
  const seen = new Map<string, { mean: number; mcse: number }>();
  let lo = Infinity;
  let hi = -Infinity;
  for (const vy of y.values) {
    const row: number[] = [];
    const erow: number[] = [];
    for (const vx of x.values) {
      const key = `${vx}\u0000${vy}`;
      const m = seen.get(key) ?? pinnedMean(ctx, { [x.input]: vx, [y.input]: vy });
      seen.set(key, { mean: m.mean, mcse: m.mcse });
      row.push(m.mean);
      erow.push(m.mcse);
      if (m.mean < lo) lo = m.mean;
      if (m.mean > hi) hi = m.mean;
    }
    means.push(row);
    mcse.push(erow);
  }
  return {
    ok: true,
    value: {
      analysis: 'grid',
      ...meta(ctx, ctx.applied),
      baseline: { mean: ctx.baseline.mean, mcse: ctx.baseline.mcse },
      x,
      y,
      means,
      mcse,
      range: [lo, hi],
      warnings: [
        ...(opts.inputs?.length || ctx.candidates.length <= GRID_CHOICES ? [] : [screenedNote(ctx.candidates.length)]),
        ...warningsOf(ctx.base),
      ],
    },
  };
}
