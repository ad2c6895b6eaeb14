// The distribution of one quantity in a run, as the web app's charts and the API share it:
// summary statistics (the same `summarize` the run report uses), histogram bins and a thinned
// CDF, for the prior and, when evidence is applied, the posterior; and the output's
// distribution under several worldviews on one shared set of bins.

import type { Stats } from '../stats/summary.ts';
import {
  binEdges,
  chooseScale,
  ecdf,
  histogram,
  type AxisScale,
  type Bin,
  type CdfPoint,
  type DomainOption,
} from '../stats/histogram.ts';
import type { QuantitySummary, RunResult } from '../engine/run.ts';
import { warningsOf } from './meta.ts';

/** One series (prior or posterior) of a node's distribution. */
export interface SeriesDistribution {
  stats: Stats;
  bins: Bin[];
  /** Samples outside the drawn domain, left and right (the domain was trimmed). */
  below: number;
  above: number;
  cdf: CdfPoint[];
}

/** The distribution of one node in one run: what the `distribution` and `cdf` charts draw. */
export interface NodeDistribution {
  model: string;
  node: string;
  label: string | null;
  unit: string | null;
  samples: number;
  seed: number;
  scenario: string | null;
  /** The x range the histograms cover (both series share the edges). */
  domain: [number, number];
  /** 'log' when the bins are equal in log10 x (positive data over many orders of magnitude). */
  scale: AxisScale;
  prior: SeriesDistribution;
  /** Present when evidence was applied. */
  posterior: SeriesDistribution | null;
  /**
   * With evidence applied, whether it can inform this node at all (false: the node shares no
   * draw with any likelihood, and its posterior is its prior); null without evidence.
   */
  informed: boolean | null;
  /** Kish effective sample size of the evidence weights, or null without evidence. */
  ess: number | null;
  /** The evidence entries the run applied, by name (empty without evidence). */
  applied: string[];
  /** What the engine reported about the quantities this node reads ("node: message"). */
  warnings: string[];
}

export interface DistributionOptions {
  bins?: number | 'fd';
  /** Default: `chooseScale` of the column. */
  scale?: AxisScale;
  domain?: DomainOption;
  maxBins?: number;
  maxPoints?: number;
}

export interface QuantityMeta {
  label?: string | null;
  unit?: string | null;
}

function series(
  col: Float64Array,
  weights: Float64Array | null,
  edges: number[],
  maxPoints: number | undefined,
  summary: QuantitySummary,
): SeriesDistribution {
  const { bad: _bad, ...stats } = summary;
  const h = histogram(col, { edges, weights });
  return { stats, bins: h.bins, below: h.below, above: h.above, cdf: ecdf(col, { weights, maxPoints }) };
}

/** The prior (and posterior, when the run applied evidence) distribution of `node`. */
export function nodeDistribution(
  result: RunResult,
  node: string,
  meta: QuantityMeta = {},
  opts: DistributionOptions = {},
): NodeDistribution {
  const col = result.columns[node];
  if (!col) throw new RangeError(`the run has no node '${node}'`);
  const scale = opts.scale ?? chooseScale(col);
  const edges = binEdges(col, { ...opts, scale });
  // A node the evidence cannot inform has its prior as posterior (see RunResult.weightsOf).
  const weights = result.weights;
  const own = result.weightsOf(node);
  // The statistics are the engine's summaries, so a page, the API, the editor and `credence run`
  // give the same bits for the same run.
  const summaries = result.summarize([node]);
  const prior = series(col, null, edges, opts.maxPoints, summaries.prior[node]!);
  return {
    model: result.model,
    node,
    label: meta.label ?? null,
    unit: meta.unit ?? null,
    samples: result.samples,
    seed: result.seed,
    scenario: result.scenario,
    domain: [edges[0]!, edges[edges.length - 1]!],
    scale,
    prior,
    posterior: !weights ? null : own ? series(col, own, edges, opts.maxPoints, summaries.posterior![node]!) : prior,
    informed: weights ? own !== null : null,
    // The engine's reduction, as `credence run` reports it (a sum in another order differs in the last bits).
    ess: weights ? summaries.ess : null,
    applied: result.evidence.map((e) => e.name),
    warnings: warningsOf(result),
  };
}

/** One run of the worldviews chart: a scenario (null for the model's defaults) and its result. */
export interface WorldviewRun {
  scenario: string | null;
  label: string;
  result: RunResult;
}

export interface WorldviewSeries {
  scenario: string | null;
  label: string;
  /** The output's distribution; the chart draws the posterior when present. */
  dist: NodeDistribution;
}

/** P(output) under several scenarios: what the `worldviews` chart draws. */
export interface WorldviewsData {
  model: string;
  node: string;
  label: string | null;
  unit: string | null;
  series: WorldviewSeries[];
}

/**
 * The output's distribution under each run, on one shared domain and one set of bin edges so
 * that the outlines compare bin for bin.
 */
export function worldviewsData(
  runs: readonly WorldviewRun[],
  node: string,
  meta: QuantityMeta = {},
  opts: DistributionOptions = {},
): WorldviewsData {
  if (runs.length === 0) throw new RangeError('worldviews need at least one run');
  let lo = Infinity;
  let hi = -Infinity;
  let k = 0;
  const cols = runs.map((r) => {
    const col = r.result.columns[node];
    if (!col) throw new RangeError(`the run of '${r.label}' has no node '${node}'`);
    return col;
  });
  const scale = opts.scale ?? (cols.every((c) => chooseScale(c) === 'log') ? 'log' : 'linear');
  for (const col of cols) {
    const e = binEdges(col, { ...opts, scale, domain: opts.domain ?? 'auto' });
    lo = Math.min(lo, e[0]!);
    hi = Math.max(hi, e[e.length - 1]!);
    k = Math.max(k, e.length - 1);
  }
  const bins = typeof opts.bins === 'number' ? opts.bins : Math.max(10, k);
  const shared: DistributionOptions = { ...opts, scale, domain: [lo, hi], bins };
  const series = runs.map((r) => ({
    scenario: r.scenario,
    label: r.label,
    dist: nodeDistribution(r.result, node, meta, shared),
  }));
  const first = series[0]!.dist;
  return { model: first.model, node, label: first.label, unit: first.unit, series };
}
