// The credence a model implies for each prediction: the (evidence-weighted) mean of the
// prediction's `p_yes` over the linked model's samples, with its Monte Carlo error.

import { prepare } from '../engine/run.ts';
import { summarize } from '../stats/summary.ts';
import { formatError } from '../model/errors.ts';
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
  opts: { samples: number; seed: number },
): ImpliedCredence[] {
  return predictions.map((p) => {
    const base = { id: p.id, statement: p.statement, model: p.model, credence: p.credence };
    const prepared = prepare(project, p.model, { probes: [{ name: PROBE, text: p.pYes }] });
    if (!prepared.ok) return { ...base, implied: null, mcse: null, error: prepared.errors.map(formatError).join('; ') };
    const r = prepared.value.run({ samples: opts.samples, seed: opts.seed });
    const s = summarize(r.columns[PROBE]!, r.weights);
    return { ...base, implied: s.mean, mcse: s.mcse, error: null };
  });
}
