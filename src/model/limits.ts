// The most work a folder of models, one model file or one expression may ask for. Each limit is
// checked where its work starts, before the work is done, and exceeding one is a located
// 'limit-exceeded' error that names it. With these, loading is bounded in time and memory by the
// size of the input, whatever the file says, so it can run under a budget (e.g. in a worker).

import { error, type CredenceError, type Place } from './errors.ts';

export const LIMITS = {
  /** Bytes in one model file (checked with fstat before it is read). */
  'file-size': 1_000_000,
  /** Model files in one folder. */
  'model-files': 2_000,
  /** Characters in a name or any mapping key. */
  'name-length': 200,
  /** Nesting of YAML mappings and lists. */
  'yaml-depth': 64,
  /** Inputs and nodes in one model file. */
  quantities: 50_000,
  /** Characters in one expression. */
  'expression-length': 250_000,
  /** Operators, functions, names and numbers in one expression. */
  'expression-size': 100_000,
  /** Nesting of one expression (a flat sum or product of any length counts as one level). */
  'expression-depth': 200,
  /** Models in one chain of imports (a imports b imports c …). */
  'import-depth': 32,
  /** Quantities of a model once every import is copied in (a model imported twice counts twice). */
  'expanded-quantities': 100_000,
} as const;

export type LimitName = keyof typeof LIMITS;

const UNITS: Record<LimitName, string> = {
  'file-size': 'bytes',
  'model-files': 'model files',
  'name-length': 'characters',
  'yaml-depth': 'levels',
  quantities: 'inputs and nodes',
  'expression-length': 'characters',
  'expression-size': 'terms',
  'expression-depth': 'levels',
  'import-depth': 'models',
  'expanded-quantities': 'quantities',
};

/** "12,345": limits are read by people. */
export const count = (n: number): string => n.toLocaleString('en-US');

/**
 * A 'limit-exceeded' error: `what` says what is too big ("the file is 2,000,000 bytes"); the
 * sentence adds the limit with its name, so it can be looked up.
 */
export function limitError(name: LimitName, what: string, place?: Place | null): CredenceError {
  const max = LIMITS[name];
  const e = error('limit-exceeded', `${what}, over the limit of ${count(max)} ${UNITS[name]} (${name})`, place);
  e.limit = { name, max };
  return e;
}
