// The predictions catalog's shape: a prediction as Credence reads it, and the zod schema of the
// file's entries (ids, credences strictly between 0 and 1, real calendar dates, the linked
// model's id and the p_yes expression as text).

import * as z from 'zod';
import { ExpressionText, MODEL_ID } from '../model/schema.ts';
import type { Expr, ExprSource } from '../model/expression.ts';
import type { Loc } from '../model/errors.ts';

export const CATALOG_FILES = ['predictions.yaml', 'predictions.yml'] as const;

/** Prediction ids appear in URLs and evidence names: letters, digits, '-' and '_'. */
export const PREDICTION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** A catalog entry as written, and as the API and the track record's exports show it. */
export interface PredictionEntry {
  id: string;
  statement: string;
  /** The author's stated probability that it resolves yes, in (0, 1). */
  credence: number;
  /** The date the credence was stated, YYYY-MM-DD. */
  stated: string;
  criteria: string;
  /** The linked model's id. */
  model: string;
  /** P(yes) in one sample of the linked model, as written. */
  pYes: string;
  note: string | null;
}

/** The entry's own fields, in the order the exports write them. */
export function entryOf(p: PredictionEntry): PredictionEntry {
  const { id, statement, credence, stated, criteria, model, pYes, note } = p;
  return { id, statement, credence, stated, criteria, model, pYes, note };
}

export interface Prediction extends PredictionEntry {
  pYesExpr: Expr;
  pYesSource: ExprSource;
  /** What a yes says about the linked models' P(scheming): lower or higher (null when not stated). */
  yesMeans: YesMeans | null;
  /** The reason for that direction. */
  yesMeansBecause: string | null;
  /** Where the entry starts in the file. */
  loc: Loc;
}

export interface Catalog {
  file: string;
  predictions: Prediction[];
  byId: ReadonlyMap<string, Prediction>;
}

/** The fields of an entry, in the order messages list them. */
export const FIELDS = [
  'id',
  'statement',
  'credence',
  'stated',
  'criteria',
  'model',
  'p_yes',
  'yes_means',
  'yes_means_because',
  'note',
];

export const YES_MEANS = ['lower', 'higher'] as const;
export type YesMeans = (typeof YES_MEANS)[number];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const nonEmpty = (what: string) => z.string().trim().min(1, `the ${what} is empty`);

export const PredictionEntrySchema = z.strictObject({
  id: z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(z.string().regex(PREDICTION_ID, 'the id must be 1 to 32 letters, digits, "-" or "_" (e.g. "3a")')),
  statement: nonEmpty('statement'),
  credence: z
    .number()
    .gt(0, 'the credence must be a probability strictly between 0 and 1, e.g. 0.75')
    .lt(1, 'the credence must be a probability strictly between 0 and 1, e.g. 0.75'),
  stated: z.string().refine(isCalendarDate, 'the date must be a real date written YYYY-MM-DD, e.g. 2025-03-01'),
  criteria: nonEmpty('resolution criteria'),
  model: z.string().regex(MODEL_ID, 'the model must be a model id: a file name in models/ without .yaml'),
  p_yes: ExpressionText,
  yes_means: z
    .enum(YES_MEANS, { error: "yes_means must be 'lower' or 'higher' (what a yes does to P(scheming))" })
    .optional(),
  yes_means_because: nonEmpty('reason for yes_means').optional(),
  note: z.string().optional(),
});

export const CatalogFileSchema = z.strictObject({
  predictions: z.array(PredictionEntrySchema),
});
