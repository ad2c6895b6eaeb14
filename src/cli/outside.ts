// What an analysis reads besides the model files, from the command line's side: the predictions
// of the catalog (models/predictions.yaml) and, when the database exists, their statuses and the
// resolutions applied as evidence, as the web app applies them. Read-only: nothing is created.

import { formatError } from '../model/errors.ts';
import { loadCatalog, type Catalog } from '../predictions/catalog.ts';
import { hasStore, readStore } from './store.ts';
import { currentStatuses } from '../predictions/store.ts';
import { evidenceFor } from '../predictions/evidence.ts';
import type { Status } from '../predictions/history.ts';
import type { Project } from '../model/project.ts';
import { ANALYSES, modelsOf, type AnalysisName, type Outside, type RequestOf } from '../analysis/registry/index.ts';
import { EXIT, type CliIO } from './io.ts';

/** Statuses from the database, or null when there is none (every prediction is then open). */
async function statusesOf(catalog: Catalog, io: CliIO): Promise<Map<string, Status> | null | number> {
  return readStore(io, async (store) => (store ? currentStatuses(store, catalog) : null));
}

/**
 * Gather what `name` needs for `req`. An analysis of one model reads the catalog only when
 * there is a database (for the resolutions); a missing or broken catalog then simply adds no
 * evidence. Returns an exit code when the analysis cannot go on.
 */
export async function outsideFor<N extends AnalysisName>(
  name: N,
  req: RequestOf<N>,
  project: Project,
  io: CliIO,
): Promise<{ outside: Outside; resolved: number } | number> {
  const entry = ANALYSES[name];
  const outside: Outside = { evidence: {}, predictions: [] };
  if (entry.predictions === 'none' && !hasStore(io)) return { outside, resolved: 0 };
  const catalog = loadCatalog(project);
  if (!catalog.ok) {
    if (entry.predictions === 'none') return { outside, resolved: 0 };
    for (const e of catalog.errors) io.err(formatError(e));
    return EXIT.problems;
  }
  const statuses = await statusesOf(catalog.value, io);
  if (typeof statuses === 'number') return statuses;
  if (statuses === null && entry.predictions === 'open')
    io.err(`note: no database at ${io.dbPath}; every prediction is taken as open`);
  const open = (id: string) => (statuses?.get(id) ?? 'open') === 'open';
  const all = catalog.value.predictions.map(({ id, statement, credence, model, pYes }) => ({
    id,
    statement,
    credence,
    model,
    pYes,
  }));
  outside.predictions =
    entry.predictions === 'all' ? all : entry.predictions === 'open' ? all.filter((p) => open(p.id)) : [];
  const models = modelsOf(name, req, outside.predictions, project);
  for (const id of models) outside.evidence[id] = evidenceFor(project, catalog.value, statuses ?? new Map(), id);
  return { outside, resolved: all.filter((p) => !open(p.id)).length };
}
