// The report of one run: prior summaries of every node, posterior summaries and effective
// sample size when evidence is applied, and the warnings a forecaster must see. This is the
// shape `credence run --json` prints and `/api/models/:id/run` returns.

import { summaries, summarize, effectiveSampleSize, type Stats } from '../stats/summary.ts';
import type { RunResult, Sampler } from '../engine/run.ts';

export type { Stats } from '../stats/summary.ts';

export interface RunReport {
  model: string;
  samples: number;
  seed: number;
  sampler: Sampler;
  scenario: string | null;
  /** The evidence the run applied (its weights are their likelihoods' product). */
  evidence: string[];
  output: string;
  nodes: Record<string, Stats>;
  posterior: Record<string, Stats> | null;
  ess: number | null;
  /** What a forecaster must see beside the numbers: impossible draws, NaN values, a low ESS. */
  warnings: string[];
}

/** Below this share of the samples, the posterior rests on too few samples to trust. */
export const LOW_ESS_SHARE = 0.01;

/** A column's prior and (with weights) posterior summaries, as `summaries` returns them. */
export type ColumnSummaries = ReturnType<typeof summaries>;

/**
 * The prior and, when the run applied evidence, the posterior summaries of one quantity. A
 * quantity the evidence cannot inform (see `RunResult.weightsOf`) has its prior as posterior,
 * exactly, rather than a reweighting of its samples that would differ from it by noise.
 */
export function quantitySummaries(result: RunResult, name: string): ColumnSummaries {
  const w = result.weightsOf(name);
  const both = summaries(result.columns[name]!, w);
  return result.weights && !w ? { prior: both.prior, posterior: both.prior } : both;
}

/** Which quantities a report summarises: all by default, or only those a page shows. */
export interface ReportScope {
  /** Quantities whose prior is summarised (the others are only checked for NaN values). */
  nodes?: ReadonlySet<string>;
  /** Quantities whose posterior is summarised. */
  posterior?: ReadonlySet<string>;
}

const badWarning = (name: string, bad: number, n: number) =>
  `${name}: ${bad} of ${n} samples are NaN or infinite; its statistics use the other ${n - bad}`;

function countBad(col: Float64Array): number {
  let bad = 0;
  for (let i = 0; i < col.length; i++) if (col[i]! - col[i]! !== 0) bad++;
  return bad;
}

/**
 * The report of a run: the summaries of every quantity (or of those in `scope`), with the
 * warnings to show beside them.
 */
export function runReport(result: RunResult, scope: ReportScope = {}): RunReport {
  const warnings = result.warnings.map((w) => `${w.node}: ${w.message}`);
  const nodes: Record<string, Stats> = {};
  const posterior: Record<string, Stats> | null = result.weights ? {} : null;
  // Quantities that share a column (a node defined as another) share its summaries.
  const same = { prior: new Map<Float64Array, ColumnSummaries>(), both: new Map<Float64Array, ColumnSummaries>() };
  for (const [name, col] of Object.entries(result.columns)) {
    const shown = !scope.nodes || scope.nodes.has(name);
    const weighed = posterior !== null && (!scope.posterior || scope.posterior.has(name));
    if (!shown && !weighed) {
      const bad = countBad(col);
      if (bad > 0) warnings.push(badWarning(name, bad, result.samples));
      continue;
    }
    const cache = weighed ? same.both : same.prior;
    const both =
      cache.get(col) ?? (weighed ? quantitySummaries(result, name) : { prior: summarize(col), posterior: null });
    cache.set(col, both);
    const { bad, ...stats } = both.prior;
    if (shown) nodes[name] = stats;
    if (bad > 0) warnings.push(badWarning(name, bad, result.samples));
    if (weighed && both.posterior) {
      const { bad: _b, ...post } = both.posterior;
      posterior[name] = post;
    }
  }
  let ess: number | null = null;
  if (result.weights) {
    ess = effectiveSampleSize(result.weights);
    if (ess < LOW_ESS_SHARE * result.samples) {
      warnings.push(
        `evidence: the effective sample size is ${ess.toFixed(1)}, below 1% of the ${result.samples} samples; the posterior is unreliable (use more samples or check the likelihoods)`,
      );
    }
  }
  const { model, samples, seed, sampler, scenario, output } = result;
  const evidence = result.evidence.map((e) => e.name);
  return { model, samples, seed, sampler, scenario, evidence, output, nodes, posterior, ess, warnings };
}
