// A model's file as the forecaster wrote it: its current text (even when it has errors, so the
// editor and the file view show what is on disk), the problems located in it, and the starter
// text of a new model. The text is the one the last refresh read (bounded, never through a link
// out of the folder), so a request never reads the disk.

import { MODEL_ID } from '../../model/schema.ts';
import { modelIdOf } from '../../model/load.ts';
import { NON_MODEL_FILES } from '../../model/project.ts';
import type { CredenceError } from '../../model/errors.ts';
import type { Snapshot } from '../live-project.ts';
import { HttpError } from '../site.ts';

export interface ModelSource {
  id: string;
  title: string;
  text: string;
  errors: CredenceError[];
  /** The file has errors and the site runs its last good version. */
  stale: boolean;
}

/** The text of model `id`: its file as last read, else the last good text the site loaded. */
export function modelSource(snapshot: Snapshot, id: string): ModelSource {
  if (!MODEL_ID.test(id) || NON_MODEL_FILES.has(`${id}.yaml`) || NON_MODEL_FILES.has(`${id}.yml`))
    throw new HttpError(404, `there is no model '${id}'`);
  const errors = snapshot.project.errors.filter((e) => e.file !== undefined && modelIdOf(e.file) === id);
  const model = snapshot.project.models.get(id);
  const text = snapshot.sourceOf(id);
  if (text === null && errors.length > 0)
    throw new HttpError(404, `the file of the model '${id}' cannot be shown: it has the errors below`, errors);
  if (text === null) throw new HttpError(404, `there is no model '${id}'`);
  return { id, title: model?.title ?? id, text, errors, stale: snapshot.project.stale.has(id) };
}

/** What /models/new starts from: a small complete model to change. */
export const NEW_MODEL_ID = 'my-model';

export const NEW_MODEL_TEXT = `title: My model
description: >
  What this model estimates, and the argument it encodes. Change anything: the results on the
  right follow as you type.
sources:
  - "002, 'Reduces with some loss, right?': 98% per step; the base case must be aligned"
inputs:
  p_step:
    label: P(alignment survives one generation)
    unit: probability
    note: Why this distribution.
    dist: beta(49, 1)
  n_steps:
    label: Generations to the target
    unit: generations
    dist: uniform(5, 31)
  p_base:
    label: P(the first system is aligned)
    unit: probability
    dist: beta(6, 4)
nodes:
  p_success:
    label: P(the chain succeeds)
    unit: probability
    expr: p_base * p_step ^ floor(n_steps)
output: p_success
# imports:
#   chain: iterative-chain   # then chain.p_success, chain.p_step are usable
`;
