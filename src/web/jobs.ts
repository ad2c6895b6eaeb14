// Jobs as the web app makes them: an analysis of the registry, its request, and what it reads
// from the track record; and requests derived from a page's run request for its panels.

import { outsideFor } from './outside.ts';
import { WEB_LIMITS } from './query.ts';
import { parseRequest, requestKeys, type AnalysisName, type Job, type RequestOf } from '../analysis/registry/index.ts';
import type { Snapshot } from './live-project.ts';
import type { TrackRecord } from './track.ts';

export function jobFor<N extends AnalysisName>(
  track: TrackRecord | null,
  snapshot: Snapshot,
  analysis: N,
  request: RequestOf<N>,
): Job<N> {
  return { analysis, request, outside: outsideFor(track, snapshot, analysis, request) };
}

/**
 * One quantity's distribution in the view a run request asks for (the output's when `node` is
 * absent or names the output): the one computation behind a headline, the page's distribution
 * chart and the what-if's update, so they share it.
 */
export function distributionJob(
  track: TrackRecord | null,
  snapshot: Snapshot,
  base: Record<string, unknown> & { model: string },
  node?: string,
): Job<'distribution'> {
  const output = snapshot.project.models.get(base.model)?.output;
  const own = node === undefined || node === output ? {} : { node };
  return jobFor(track, snapshot, 'distribution', derive('distribution', base, own));
}

/**
 * The request of `name` that a page's run request and a panel's own settings make: the fields
 * the analysis takes from `base`, then `own`, with the analysis's defaults for the rest.
 */
export function derive<N extends AnalysisName>(
  name: N,
  base: Record<string, unknown>,
  own: Record<string, unknown> = {},
): RequestOf<N> {
  const keys = requestKeys(name);
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries({ ...base, ...own })) if (keys.includes(k) && v !== undefined) raw[k] = v;
  const r = parseRequest(name, raw, WEB_LIMITS);
  // `base` is a parsed request: only a bug makes it fail another analysis's schema.
  if (!r.ok) throw new Error(`cannot derive a ${name} request: ${r.message}`);
  return r.value;
}
