// The sensitivity analyses and the crux decomposition as web jobs: which analysis function
// each method calls, with what options. The functions are the CLI's; this only dispatches.

import { tornado } from '../../analysis/tornado.ts';
import { sweep } from '../../analysis/sweep.ts';
import { grid } from '../../analysis/grid.ts';
import { importance } from '../../analysis/importance.ts';
import { sobol } from '../../analysis/sobol.ts';
import { threshold } from '../../analysis/threshold.ts';
import { crux } from '../../analysis/crux.ts';
import { parseOverrides } from '../../analysis/request.ts';
import type { Prepared, RunOptions } from '../../engine/run.ts';
import type { Project } from '../../model/project.ts';
import type { Result } from '../../model/errors.ts';

export const METHODS = ['tornado', 'sweep', 'grid', 'importance', 'sobol', 'threshold'] as const;
export type Method = (typeof METHODS)[number];

/** One side of a crux: a scenario (null: the model as written) and what-if overrides on top. */
export interface CruxSideText {
  scenario: string | null;
  set: Record<string, string>;
}

export type AnalysisJob =
  | { kind: 'sensitivity'; method: Method; inputs: string[] | null; threshold: number | null }
  | {
      kind: 'crux';
      from: CruxSideText;
      to: CruxSideText;
      /** Use the crux's own samples per coalition instead of the request's. */ ownSamples?: boolean;
    };

/** Samples each analysis uses on a model page unless the reader asks for fewer (Sobol: base rows). */
export const PAGE_SAMPLES: Record<Method | 'crux', number> = {
  tornado: 20_000,
  sweep: 10_000,
  grid: 2_000,
  importance: 100_000,
  sobol: 2_048,
  threshold: 10_000,
  crux: 20_000,
};

export function runAnalysis(
  project: Project,
  modelId: string,
  prepared: Prepared,
  options: RunOptions,
  job: AnalysisJob,
): Result<unknown> {
  const base = { samples: options.samples, seed: options.seed, sampler: options.sampler, evidence: options.evidence };
  if (job.kind === 'crux') {
    const from = parseOverrides(job.from.set, '--set');
    if (!from.ok) return from;
    const to = parseOverrides(job.to.set, '--set');
    if (!to.ok) return to;
    return crux(
      project,
      modelId,
      { scenario: job.from.scenario, overrides: from.value },
      { scenario: job.to.scenario, overrides: to.value },
      { ...base, samples: job.ownSamples ? undefined : base.samples },
    );
  }
  const inputs = job.inputs ?? undefined;
  switch (job.method) {
    case 'tornado':
      return tornado(prepared, { ...base, inputs });
    case 'sweep':
      return sweep(prepared, { ...base, inputs });
    case 'grid':
      return grid(prepared, { ...base, inputs });
    case 'importance':
      return importance(prepared, { ...base, inputs });
    case 'sobol':
      return sobol(prepared, { ...base, inputs });
    case 'threshold':
      if (job.threshold === null)
        return {
          ok: false,
          errors: [
            {
              code: 'invalid-request',
              message: 'threshold: the threshold analysis needs a threshold, e.g. threshold=0.1',
            },
          ],
        };
      return threshold(prepared, { ...base, inputs, threshold: job.threshold });
  }
}
