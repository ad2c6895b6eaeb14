// The bodies the JSON API sends besides the analyses' results, named for its OpenAPI
// description (scripts/api-schema.ts generates their JSON Schema from these types).

import type { CredenceError, ErrorCode } from '../model/errors.ts';
import type { Basis } from '../model/schema.ts';
import type { ProvenanceCount } from '../model/provenance.ts';
import type { ForecastEvent, PredictionState, ResolutionEvent, Status } from '../predictions/history.ts';
import type { Scoreboard } from '../predictions/scoring.ts';
import type { PredictionEntry, YesMeans } from '../predictions/catalog-schema.ts';
import type { TrackRecordExport } from '../predictions/export.ts';
import type { CredenceData } from './charts/credence.ts';

/** `GET /api/models`: every model, and the load errors of the models folder. */
export interface ModelList {
  models: {
    id: string;
    title: string;
    output: string;
    file: string;
    /** Whether the file has errors and its last good version is serving. */
    stale: boolean;
    /** Content key of the model and its imports. */
    hash: string | null;
  }[];
  errors: CredenceError[];
}

/** A quantity as its file states it. */
export interface QuantityJson {
  label: string | null;
  unit: string | null;
  note: string | null;
  /** The expression or distribution as written. */
  text: string;
}

/** `GET /api/models/:id`: what a model's file says, without running it. */
export interface ModelJson {
  id: string;
  title: string;
  description: string;
  sources: string[];
  file: string;
  hash: string | null;
  stale: boolean;
  output: string;
  /**
   * Each input with its distribution (`dist`) and provenance: `basis` is 'source' (a figure a
   * source states; `from` names the document and passage) or 'assumption' (the modeller's; the
   * reason is in `note`), null when undeclared.
   */
  inputs: Record<string, QuantityJson & { basis: Basis | null; from: string | null; dist: string }>;
  /** How many inputs state a source's figure or the modeller's assumption: this file's, and with its imports. */
  provenance: { own: ProvenanceCount; withImports: ProvenanceCount };
  nodes: Record<string, QuantityJson & { expr: string }>;
  scenarios: Record<
    string,
    { label: string | null; note: string | null; sources: string[]; set: Record<string, string> }
  >;
  evidence: Record<string, { likelihood: string; note: string | null; source: string | null; applied: boolean }>;
  /** Import alias → model id. */
  imports: Record<string, string>;
}

/** `GET /api/predictions`: each prediction with its status, and the scores. */
export interface PredictionsJson {
  predictions: {
    id: string;
    statement: string;
    credence: number;
    stated: string;
    model: string;
    pYes: string;
    /** What a yes says about the linked models' P(scheming) (null when the catalog does not say). */
    yesMeans: YesMeans | null;
    status: Status;
    version: number;
    resolution: ResolutionEvent | null;
  }[];
  scoreboard: Scoreboard | null;
}

/** `GET /api/predictions/:id`: the catalog entry, its state and its full history. */
export interface PredictionJson extends PredictionState, PredictionEntry {
  /** What a yes says about the linked models' P(scheming): lower or higher (null when not stated). */
  yesMeans: YesMeans | null;
  /** The reason for that direction, as the catalog gives it. */
  yesMeansBecause: string | null;
}

/** An error: one sentence, with each problem formatted (`file:line:col: message`) and as data. */
export interface ApiError {
  /** What went wrong, to branch on: the first problem's code, or the kind of refusal. */
  code: ErrorCode;
  error: string;
  errors?: string[];
  /** The problems as data: a `code` to branch on, and the place when there is one. */
  issues?: CredenceError[];
}

/** A resolution recorded on a version that is no longer current. */
export interface ApiConflict {
  code: 'version-conflict';
  error: string;
  currentVersion: number;
  current: ResolutionEvent | null;
}

export interface ApiBodies {
  ModelList: ModelList;
  Model: ModelJson;
  Predictions: PredictionsJson;
  Prediction: PredictionJson;
  PredictionCredence: CredenceData;
  TrackRecord: TrackRecordExport;
  ResolutionEvent: ResolutionEvent;
  ForecastEvent: ForecastEvent;
  Error: ApiError;
  Conflict: ApiConflict;
}
