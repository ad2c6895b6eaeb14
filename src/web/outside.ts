// What an analysis reads besides the model files, from the web app's side: the catalog's
// predictions, their statuses and the resolutions applied as evidence, from the track record
// (without a database: the catalog alone, every prediction open, no resolutions), for exactly
// the models the request runs.

import { evidenceFor, loadCatalog, type Catalog, type Status } from '../predictions/index.ts';
import {
  ANALYSES,
  modelsOf,
  type AnalysisName,
  type Outside,
  type PredictionRef,
  type RequestOf,
} from '../analysis/registry/index.ts';
import type { Snapshot } from './live-project.ts';
import type { TrackRecord } from './track.ts';

const catalogs = new WeakMap<Snapshot, Catalog | null>();

/** The catalog and statuses: the track record's, or the snapshot's catalog with every prediction open. */
function stateOf(
  track: TrackRecord | null,
  snapshot: Snapshot,
): { catalog: Catalog; statuses: Map<string, Status> } | null {
  if (track) return track.statuses(snapshot);
  if (!catalogs.has(snapshot)) {
    const r = loadCatalog(snapshot.project);
    catalogs.set(snapshot, r.ok ? r.value : null);
  }
  const catalog = catalogs.get(snapshot);
  return catalog ? { catalog, statuses: new Map() } : null;
}

export function outsideFor<N extends AnalysisName>(
  track: TrackRecord | null,
  snapshot: Snapshot,
  name: N,
  request: RequestOf<N>,
): Outside {
  const entry = ANALYSES[name];
  const outside: Outside = { evidence: {}, predictions: [] };
  if (entry.predictions === 'none' && !track) return outside;
  const state = stateOf(track, snapshot);
  if (!state) return outside;
  const open = (id: string) => (state.statuses.get(id) ?? 'open') === 'open';
  const refs: PredictionRef[] = state.catalog.predictions
    .filter((p) => entry.predictions === 'all' || open(p.id))
    .map(({ id, statement, credence, model, pYes }) => ({ id, statement, credence, model, pYes }));
  if (entry.predictions !== 'none') outside.predictions = refs;
  const models = modelsOf(name, request, outside.predictions, snapshot.project);
  if (track)
    for (const id of models) outside.evidence[id] = evidenceFor(snapshot.project, state.catalog, state.statuses, id);
  return outside;
}
