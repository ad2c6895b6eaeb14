// The credence a model implies for each prediction: the evidence-weighted mean of the
// prediction's `p_yes` over the linked model's samples, with its Monte Carlo error. The model
// is run with the evidence resolutions put on it, as its posterior is, but without the
// prediction's own resolution: the implied credence is what the model said before learning the
// answer, moved only by what other resolutions taught it (so it can be scored like a forecast).

import { prepare } from '../engine/run.ts';
import { effectiveSampleSize, summarize } from '../stats/summary.ts';
import { formatError } from '../model/errors.ts';
import type { ExtraEvidence } from '../model/graph.ts';
import type { Project } from '../model/project.ts';

export interface PredictionLink {
  id: string;
  statement: string;
  credence: number;
  model: string;
  pYes: string;
}

export interface ImpliedCredence {
  id: string;
  statement: string;
  model: string;
  /** The author's credence. */
  credence: number;
  /** Mean of p_yes over the model's samples, or null when the model cannot run. */
  implied: number | null;
  mcse: number | null;
  /** Effective sample size of the weighted run (null when no evidence applied). */
  ess: number | null;
  /** The evidence entries applied (other predictions' resolutions reaching the linked model). */
  applied: string[];
  error: string | null;
}

/** `credence predictions --json`: every prediction's implied credence, with the run's settings. */
export interface ImpliedReport {
  samples: number;
  seed: number;
  predictions: ImpliedCredence[];
}

const PROBE = 'prediction:p_yes';

export function impliedCredences(
  project: Project,
  predictions: PredictionLink[],
  opts: { samples: number; seed: number; evidence?: (model: string) => ExtraEvidence[] },
): ImpliedCredence[] {
  return predictions.map((p) => {
    const base = { id: p.id, statement: p.statement, model: p.model, credence: p.credence };
    const evidence = (opts.evidence?.(p.model) ?? []).filter((e) => e.prediction !== p.id);
    const applied = evidence.map((e) => e.name);
    const prepared = prepare(project, p.model, {
      probes: [{ name: PROBE, text: p.pYes }],
      extraEvidence: evidence,
    });
    if (!prepared.ok)
      return {
        ...base,
        implied: null,
        mcse: null,
        ess: null,
        applied,
        error: prepared.errors.map(formatError).join('; '),
      };
    const r = prepared.value.run({ samples: opts.samples, seed: opts.seed });
    // Evidence that shares no draw with p_yes cannot move it: its weights are then left off.
    const weights = r.weightsOf(PROBE);
    const s = summarize(r.columns[PROBE]!, weights);
    const ess = weights ? effectiveSampleSize(weights) : null;
    if (!Number.isFinite(s.mean)) {
      const why = r.warnings.map((w) => w.message).join('; ') || 'p_yes is not a number in any sample';
      return { ...base, implied: null, mcse: null, ess, applied, error: why };
    }
    return { ...base, implied: s.mean, mcse: s.mcse, ess, applied, error: null };
  });
}
