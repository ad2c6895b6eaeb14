// The implied analysis as the web and the CLI run it, for tests with their own project: every
// prediction of the project's catalog, and the evidence of exactly the models the analysis
// declares, gathered from the resolutions given as statuses.

import { modelsOf, parseRequest, runAnalysis, type Outside, type ResultOf } from '../../src/analysis/registry/index.ts';
import { CLI_LIMITS } from '../../src/analysis/request.ts';
import type { Project } from '../../src/model/project.ts';
import { loadCatalog } from '../../src/predictions/catalog.ts';
import { evidenceFor } from '../../src/predictions/evidence.ts';
import type { Status } from '../../src/predictions/history.ts';

function ok<T>(r: { ok: true; value: T } | { ok: false; errors: { message: string }[] }): T {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

/** The implied analysis of `project` for `request` (its query parameters), evidence from `statuses`. */
export function runImplied(
  project: Project,
  statuses: Record<string, Status>,
  request: Record<string, unknown>,
): ResultOf<'implied'> {
  const catalog = ok(loadCatalog(project));
  const parsed = parseRequest('implied', request, CLI_LIMITS);
  if (!parsed.ok) throw new Error(parsed.message);
  const predictions = catalog.predictions.map(({ id, statement, credence, model, pYes }) => ({
    id,
    statement,
    credence,
    model,
    pYes,
  }));
  const outside: Outside = { evidence: {}, predictions };
  for (const m of modelsOf('implied', parsed.value, predictions, project))
    outside.evidence[m] = evidenceFor(project, catalog, new Map(Object.entries(statuses)), m);
  return ok(runAnalysis(project, { analysis: 'implied', request: parsed.value, outside }));
}
