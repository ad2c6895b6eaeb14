// The track record as the command line reads it: each prediction of the catalog with its state
// in the database (every one open, without history, when there is no database). Read-only:
// nothing is created.

import { formatError } from '../model/errors.ts';
import { loadCatalog } from '../predictions/catalog.ts';
import { predictionStates, type PredictionRecord } from '../predictions/store.ts';
import { stateFrom } from '../predictions/history.ts';
import type { Project } from '../model/project.ts';
import { readStore } from './store.ts';
import { EXIT, type CliIO } from './io.ts';

/** The catalog's predictions with their states, or an exit code after printing why not. */
export async function readRecords(project: Project, io: CliIO): Promise<PredictionRecord[] | number> {
  const catalog = loadCatalog(project);
  if (!catalog.ok) {
    for (const e of catalog.errors) io.err(formatError(e));
    return EXIT.problems;
  }
  const ids = catalog.value.predictions.map((p) => p.id);
  const states = await readStore(io, async (store) =>
    store ? predictionStates(store, ids) : ids.map((id) => stateFrom(id, [], [])),
  );
  if (typeof states === 'number') return states;
  return catalog.value.predictions.map((prediction, i) => ({ prediction, state: states[i]! }));
}
