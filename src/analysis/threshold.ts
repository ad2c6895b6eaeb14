// Threshold: for each input, the value at which the output mean would cross a given threshold
// when that input is pinned and every other input stays uncertain (sampled with the same
// random numbers at every value), or a plain statement that no value in the input's 1st–99th
// percentile range does. The range is scanned at the 1st, 10th, 20th, …, 90th and 99th
// percentiles of the input's own column; every scan interval whose ends lie on different
// sides of the threshold is narrowed by bisection on the input's value. With common random
// numbers the pinned mean is a fixed function of the value, so bisection converges; the
// crossing's Monte Carlo error is the mean's error there divided by the slope of the scan
// interval (a first-order estimate).

import type { Prepared } from '../engine/run.ts';
import type { Result } from '../model/errors.ts';
import { chooseInputs, pinContext, pinnedMean, type PinContext } from './pinning.ts';
import { type ExcludedInput } from './inputs.ts';
import { labelOf, meta, warningsOf, type AnalysisMeta, type AnalysisRunOptions } from './meta.ts';
import { columnPercentiles, percentileRank } from '../stats/column.ts';

const THRESHOLD_SCAN = [0.01, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99] as const;
/** Bisection stops when the interval is this share of the scanned range, or after MAX_BISECTIONS. */
const BISECTION_TOLERANCE = 1e-6;
const MAX_BISECTIONS = 40;

export interface Crossing {
  /** The input value at which the output mean equals the threshold. */
  value: number;
  /** Its percentile rank in the input's own sample (0–1). */
  percentile: number;
  /** 'rising' when the output mean rises through the threshold as the input increases. */
  direction: 'rising' | 'falling';
  /** First-order Monte Carlo error of `value`. */
  mcse: number;
  bisections: number;
}

export interface ThresholdRow {
  input: string;
  label: string | null;
  /** The scanned range: the input's 1st and 99th percentiles. */
  range: [number, number];
  /** The output mean at the two ends of the range. */
  meanAtRange: [number, number];
  /** Smallest and largest output mean seen while scanning. */
  meanSpan: [number, number];
  /** Every crossing found, by value; empty when none in the range. */
  crossings: Crossing[];
  statement: string;
}

export interface ThresholdResult extends AnalysisMeta {
  analysis: 'threshold';
  threshold: number;
  baseline: { mean: number; mcse: number };
  scanPercentiles: number[];
  /** Inputs with a crossing first (by how central its percentile is), then the others. */
  rows: ThresholdRow[];
  excluded: ExcludedInput[];
  warnings: string[];
}

export interface ThresholdOptions extends AnalysisRunOptions {
  threshold: number;
  inputs?: string[];
}

export function threshold(prepared: Prepared, opts: ThresholdOptions): Result<ThresholdResult> {
  const t = opts.threshold;
  if (!Number.isFinite(t))
    return {
      ok: false,
      errors: [
        {
          code: 'invalid-request',
          file: '--threshold',
          message: 'the threshold must be a finite number, e.g. --threshold 0.1',
        },
      ],
    };
  const ctx = pinContext(prepared, opts);
  const chosen = chooseInputs(ctx, opts.inputs);
  if (!chosen.ok) return chosen;
  const rows = chosen.value.map((input) => thresholdRow(ctx, input, t));
  const centrality = (r: ThresholdRow) =>
    r.crossings.length ? Math.min(...r.crossings.map((c) => Math.abs(c.percentile - 0.5))) : Infinity;
  rows.sort((a, b) => centrality(a) - centrality(b) || a.input.localeCompare(b.input));
  return {
    ok: true,
    value: {
      analysis: 'threshold',
      ...meta(ctx, ctx.applied),
      threshold: t,
      baseline: { mean: ctx.baseline.mean, mcse: ctx.baseline.mcse },
      scanPercentiles: [...THRESHOLD_SCAN],
      rows,
      excluded: ctx.excluded,
      warnings: warningsOf(ctx.base),
    },
  };
}

function thresholdRow(ctx: PinContext, input: string, t: number): ThresholdRow {
  const col = ctx.base.columns[input]!;
  const values = [...new Set(columnPercentiles(col, THRESHOLD_SCAN))].sort((a, b) => a - b);
  const scan = values.map((v) => ({ v, m: pinnedMean(ctx, { [input]: v }) }));
  const crossings: Crossing[] = [];
  const tol = BISECTION_TOLERANCE * (values[values.length - 1]! - values[0]!);
  for (let k = 0; k < scan.length; k++) {
    const a = scan[k]!;
    const da = a.m.mean - t;
    if (da === 0) {
      crossings.push({
        value: a.v,
        percentile: percentileRank(col, a.v),
        direction: slopeSign(scan, k) >= 0 ? 'rising' : 'falling',
        mcse: NaN,
        bisections: 0,
      });
      continue;
    }
    const b = scan[k + 1];
    if (!b) break;
    const db = b.m.mean - t;
    if (!(da * db < 0)) continue;
    const { value, steps, last } = bisect(ctx, input, t, a, b, tol);
    const slope = (b.m.mean - a.m.mean) / (b.v - a.v);
    crossings.push({
      value,
      percentile: percentileRank(col, value),
      direction: db > da ? 'rising' : 'falling',
      mcse: last.mcse / Math.abs(slope),
      bisections: steps,
    });
  }
  const means = scan.map((s) => s.m.mean).filter((m) => Number.isFinite(m));
  const span: [number, number] = means.length ? [Math.min(...means), Math.max(...means)] : [NaN, NaN];
  const range: [number, number] = [values[0]!, values[values.length - 1]!];
  const statement = statementOf(input, t, crossings, range, span);
  return {
    input,
    label: labelOf(ctx.prepared, input),
    range,
    meanAtRange: [scan[0]!.m.mean, scan[scan.length - 1]!.m.mean],
    meanSpan: span,
    crossings,
    statement,
  };
}

type Scanned = { v: number; m: ReturnType<typeof pinnedMean> };

/** The value between two scanned points where the output mean crosses `t`, by bisection. */
function bisect(ctx: PinContext, input: string, t: number, a: Scanned, b: Scanned, tol: number) {
  let lo = a.v;
  let hi = b.v;
  let dLo = a.m.mean - t;
  let steps = 0;
  let last = a.m;
  while (hi - lo > tol && steps < MAX_BISECTIONS) {
    const mid = lo + (hi - lo) / 2;
    if (mid === lo || mid === hi) break;
    const m = pinnedMean(ctx, { [input]: mid });
    steps++;
    last = m;
    const d = m.mean - t;
    if (d === 0) {
      lo = hi = mid;
      break;
    }
    if (d * dLo < 0) hi = mid;
    else {
      lo = mid;
      dLo = d;
    }
  }
  return { value: lo + (hi - lo) / 2, steps, last };
}

/** One sentence: where the output mean crosses `t`, or the span it stays in. */
function statementOf(
  name: string,
  t: number,
  crossings: Crossing[],
  range: [number, number],
  span: [number, number],
): string {
  const fmt = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x));
  if (crossings.length === 0)
    return `no value of ${name} from its 1st to its 99th percentile (${fmt(range[0])} to ${fmt(range[1])}) brings the output mean to ${fmt(t)}: it stays between ${fmt(span[0])} and ${fmt(span[1])}`;
  return crossings
    .map(
      (c) =>
        `the output mean crosses ${fmt(t)} (${c.direction}) when ${name} = ${fmt(c.value)}, its ${fmt(c.percentile * 100)}th percentile`,
    )
    .join('; ');
}

function slopeSign(scan: { v: number; m: { mean: number } }[], k: number): number {
  const a = scan[Math.max(0, k - 1)]!;
  const b = scan[Math.min(scan.length - 1, k + 1)]!;
  return b.m.mean - a.m.mean;
}
