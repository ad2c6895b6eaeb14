// The one computation behind the track record's figures: a model's default view (the page's
// run: default samples, seed and sampler, the file's scenario and evidence) with the evidence a
// set of resolutions puts on it, reduced to its output's mean, 90% interval and effective sample
// size. Cached and run like every other view, so equal evidence is computed once.

import { derive } from './jobs.ts';
import type { Job } from '../analysis/registry/index.ts';
import type { NodeDistribution } from '../analysis/distribution.ts';
import { formatError } from '../model/errors.ts';
import type { ExtraEvidence } from '../model/graph.ts';
import type { Snapshot } from './live-project.ts';
import type { Site } from './site.ts';

export interface ViewFigures {
  /** The output's mean and 90% interval: posterior when any evidence applies, else prior. */
  mean: number;
  p5: number;
  p95: number;
  /** Effective sample size of the weighted run (null without evidence). */
  ess: number | null;
  samples: number;
  seed: number;
  /** Evidence entries the run applied. */
  applied: string[];
}

/**
 * The job of a model's default view with `evidence` from resolutions: the headline's own job
 * (the same analysis and request), with the evidence of the record at that point.
 */
export function viewJob(modelId: string, evidence: ExtraEvidence[]): Job<'distribution'> {
  return {
    analysis: 'distribution',
    request: derive('distribution', { model: modelId }),
    outside: { evidence: { [modelId]: evidence }, predictions: [] },
  };
}

function figuresOf(d: NodeDistribution): ViewFigures {
  const s = (d.posterior ?? d.prior).stats;
  return { mean: s.mean, p5: s.p5, p95: s.p95, ess: d.ess, samples: d.samples, seed: d.seed, applied: d.applied };
}

/**
 * The figures of each evidence set, waiting up to `budgetMs` in all: null where still computing
 * (it goes on, and a later request finds it cached), `{ errors }` where the model cannot run.
 */
export async function viewFigures(
  site: Site,
  snapshot: Snapshot,
  modelId: string,
  evidences: ExtraEvidence[][],
  budgetMs: number,
): Promise<(ViewFigures | { errors: string[] } | null)[]> {
  const deadline = Date.now() + budgetMs;
  return Promise.all(
    evidences.map(async (ev) => {
      const job = viewJob(modelId, ev);
      const left = deadline - Date.now();
      const c = left > 0 ? await site.results.within(job, snapshot, left) : site.results.peek(job, snapshot);
      if (!c) {
        if (left <= 0) void site.results.get(job, snapshot).catch(() => {});
        return null;
      }
      return c.result.ok ? figuresOf(c.result.value) : { errors: c.result.errors.map(formatError) };
    }),
  );
}
