// The report of one run: prior summaries of every node, posterior summaries and effective
// sample size when evidence is applied, and the warnings a forecaster must see. This is the
// shape `credence run --json` prints and `/api/models/:id/run` returns.

import { summaries, effectiveSampleSize, type Stats } from '../stats/summary.ts';
import type { RunResult } from '../engine/run.ts';

export type { Stats } from '../stats/summary.ts';

export interface RunReport {
  model: string;
  samples: number;
  seed: number;
  scenario: string | null;
  output: string;
  nodes: Record<string, Stats>;
  posterior: Record<string, Stats> | null;
  ess: number | null;
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

/** The report of a run: every quantity's summaries, with the warnings to show beside them. */
export function runReport(result: RunResult): { report: RunReport; warnings: string[] } {
  const warnings = result.warnings.map((w) => `${w.node}: ${w.message}`);
  const nodes: Record<string, Stats> = {};
  const posterior: Record<string, Stats> | null = result.weights ? {} : null;
  const same = new Map<Float64Array, ColumnSummaries>();
  for (const [name, col] of Object.entries(result.columns)) {
    // Quantities that share a column (a node defined as another) share its summaries.
    const both = same.get(col) ?? quantitySummaries(result, name);
    same.set(col, both);
    const { bad, ...stats } = both.prior;
    nodes[name] = stats;
    if (bad > 0)
      warnings.push(
        `${name}: ${bad} of ${result.samples} samples are NaN or infinite; its statistics use the other ${result.samples - bad}`,
      );
    if (posterior && both.posterior) {
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
  const { model, samples, seed, scenario, output } = result;
  return { report: { model, samples, seed, scenario, output, nodes, posterior, ess }, warnings };
}
