// Everything a request handler needs: the live models folder, the cached results, the views,
// the track record, and the settings the app was created with.

import { LiveProject, type Snapshot } from './live-project.ts';
import { Results } from './results.ts';
import { MODEL_ID } from '../model/schema.ts';
import { modelIdOf } from '../model/load.ts';
import { overallModel } from '../analysis/overall.ts';
import type { Model } from '../model/load.ts';
import type { CredenceError, ErrorCode } from '../model/errors.ts';
import type { TrackRecord } from './track.ts';
import type { Views } from './view-engine.ts';
import type { RenderedCache } from './rendered.ts';

export interface Site {
  live: LiveProject;
  results: Results;
  views: Views;
  track: TrackRecord | null;
  /** How long a page waits for a result before showing it as computing. */
  budgetMs: number;
  /**
   * How long a model page whose top is already sent waits for its first screen's results
   * before sending the rest with them still computing.
   */
  firstScreenMs: number;
  /** Finished pages and API bodies, by URL and content. */
  rendered: RenderedCache;
  /** Hashes of the stylesheet and bundles, appended to their links. */
  assets: { css: string; js: string; editor: string; worker: string };
  /** The model whose worldviews the home page overlays. */
  headline: string | null;
  /** Why the track record could not be read at the last request (pages show it), or null. */
  trackProblem: string | null;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: CredenceError[] = [],
    /** The answer's code when neither the problems nor the status say it. */
    readonly code?: ErrorCode,
  ) {
    super(message);
  }
}

/** A model of the snapshot by id. Ids are file names in the models folder, nothing else. */
export function findModel(snapshot: Snapshot, id: string): Model {
  if (!MODEL_ID.test(id)) throw new HttpError(404, `there is no model '${id}'`);
  const model = snapshot.project.models.get(id);
  if (model) return model;
  const own = snapshot.project.errors.filter((e) => e.file !== undefined && modelIdOf(e.file) === id);
  if (own.length > 0)
    throw new HttpError(503, `the model '${id}' cannot run: its file or one of its imports has the errors below`, own);
  throw new HttpError(404, `there is no model '${id}'`);
}

/** The overall model: 'p-scheming' when present, else the model that imports the most others. */
export function headlineModel(snapshot: Snapshot): string | null {
  return snapshot.project.models.has('p-scheming') ? 'p-scheming' : overallModel(snapshot.project);
}

/** The load errors of the folder, for the banner every page shows. */
export function bannerOf(snapshot: Snapshot): { errors: CredenceError[]; stale: string[] } | null {
  const p = snapshot.project;
  if (p.errors.length === 0) return null;
  return { errors: p.errors, stale: [...p.stale] };
}
