// The report of one run: prior summaries of every node, posterior summaries and effective
// sample size when evidence is applied, and the warnings a forecaster must see. This is the
// shape `credence run --json` prints and `/api/models/:id/run` returns.

import type { QuantitySummary, RunResult, RunSummaries, Sampler } from '../engine/run.ts';
import type { Stats } from '../stats/summary.ts';

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
const LOW_ESS_SHARE = 0.01;

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

const stats = ({ bad: _b, ...rest }: QuantitySummary): Stats => rest;

/**
 * The report of a run's summaries (`Prepared.summarize`, which keeps no column, or the summaries
 * of a run that kept its columns: the engine gives both the same numbers), of every quantity or
 * of those in `scope`, with the warnings to show beside them.
 */
export function summaryReport(s: RunSummaries, scope: ReportScope = {}): RunReport {
  const warnings = s.warnings.map((w) => `${w.node}: ${w.message}`);
  const nodes: Record<string, Stats> = {};
  const posterior: Record<string, Stats> | null = s.posterior ? {} : null;
  for (const name of s.quantities) {
    const prior = s.prior[name]!;
    if (!scope.nodes || scope.nodes.has(name)) nodes[name] = stats(prior);
    if (prior.bad > 0) warnings.push(badWarning(name, prior.bad, s.samples));
    if (posterior && (!scope.posterior || scope.posterior.has(name))) posterior[name] = stats(s.posterior![name]!);
  }
  if (s.ess !== null && s.ess < LOW_ESS_SHARE * s.samples)
    warnings.push(
      `evidence: the effective sample size is ${s.ess.toFixed(1)}, below 1% of the ${s.samples} samples; the posterior is unreliable (use more samples or check the likelihoods)`,
    );
  const { model, samples, seed, sampler, scenario, output, evidence, ess } = s;
  return { model, samples, seed, sampler, scenario, evidence, output, nodes, posterior, ess, warnings };
}

/**
 * The report of a run that kept its columns: the summaries of every quantity (or of those in
 * `scope`; the others are only checked for NaN values), with the warnings to show beside them.
 */
export function runReport(result: RunResult, scope: ReportScope = {}): RunReport {
  const shown = Object.keys(result.columns).filter(
    (name) =>
      !scope.nodes ||
      scope.nodes.has(name) ||
      (result.weights !== null && (!scope.posterior || scope.posterior.has(name))),
  );
  const report = summaryReport(result.summarize(shown), scope);
  for (const [name, col] of Object.entries(result.columns)) {
    if (shown.includes(name)) continue;
    const bad = countBad(col);
    if (bad > 0) report.warnings.push(badWarning(name, bad, result.samples));
  }
  return report;
}
