// Resolutions as evidence for the engine (pure). A prediction that resolved yes contributes the
// likelihood `p_yes`, one that resolved no `1 - (p_yes)`, on its linked model. A model that
// imports the linked model (directly or through other imports) gets the same likelihood with
// every name qualified by the import path (`a.x`, `a.b.x`), so a top-level model that imports
// the others is conditioned on every resolution. Open, ambiguous and annulled predictions
// contribute nothing.

import type { ExtraEvidence } from '../model/graph.ts';
import type { Project } from '../model/project.ts';
import { qualifyExpr } from './expr-text.ts';
import { showExpr } from '../model/expression.ts';
import type { Catalog, Prediction } from './catalog.ts';
import type { Status } from './history.ts';

/** The evidence name of a prediction's resolution. */
export function evidenceName(predictionId: string): string {
  return `prediction_${predictionId}`;
}

/**
 * Every import path from `modelId` to `targetId`, as name prefixes: '' when they are the same
 * model, 'a.' when `modelId` imports it as `a`, 'a.b.' through an intermediate model.
 * Each path is its own copy of the target in the flattened model, so each gets the evidence.
 */
export function importPrefixes(project: Project, modelId: string, targetId: string): string[] {
  const out: string[] = [];
  const walk = (id: string, prefix: string, trail: ReadonlySet<string>) => {
    if (id === targetId) out.push(prefix);
    const model = project.models.get(id);
    if (!model) return;
    for (const imp of Object.values(model.imports)) {
      if (trail.has(imp.modelId)) continue; // a cycle; the loader refuses these anyway
      walk(imp.modelId, `${prefix}${imp.alias}.`, new Set([...trail, imp.modelId]));
    }
  };
  walk(modelId, '', new Set([modelId]));
  return out;
}

/** The likelihood text of a resolved prediction for one copy of its model (under `prefix`). */
export function likelihoodText(prediction: Pick<Prediction, 'pYesExpr'>, outcome: 'yes' | 'no', prefix = ''): string {
  const p = showExpr(qualifyExpr(prediction.pYesExpr, prefix));
  return outcome === 'yes' ? p : `1 - (${p})`;
}

/**
 * The evidence that current resolutions put on `modelId`: one entry per yes/no prediction per
 * import path to its linked model. Names are `prediction_<id>`, or `prediction_<id>@<path>`
 * when the linked model is imported more than once.
 */
export function evidenceFor(
  project: Project,
  catalog: Pick<Catalog, 'predictions'>,
  statuses: ReadonlyMap<string, Status>,
  modelId: string,
): ExtraEvidence[] {
  const out: ExtraEvidence[] = [];
  for (const p of catalog.predictions) {
    const status = statuses.get(p.id);
    if (status !== 'yes' && status !== 'no') continue;
    const prefixes = importPrefixes(project, modelId, p.model);
    for (const prefix of prefixes) {
      const path = prefix.replace(/\.$/, '');
      out.push({
        name: prefixes.length > 1 && path !== '' ? `${evidenceName(p.id)}@${path}` : evidenceName(p.id),
        likelihood: likelihoodText(p, status, prefix),
        note: `prediction ${p.id} resolved ${status}: ${p.statement}`,
        prediction: p.id,
      });
    }
  }
  return out;
}
