// The set of models in a folder: every `*.yaml` except the predictions file, loaded and with
// imports checked (unknown models, cycles). A file that fails to load can keep its last good
// version, so a broken edit never takes a running site down.

import { readdirSync, type Dirent } from 'node:fs';
import { join, extname } from 'node:path';
import { loadModelFile, displayPath, modelIdOf, type Model } from './load.ts';
import { error, type CredenceError, type Result } from './errors.ts';
import { checkImports } from './imports.ts';
import { keepLastGoodOfUngraphable, keepLastGoodOfUnrunnable, keepVanishedImports } from './last-good.ts';
import { LIMITS, count, limitError } from './limits.ts';

/** Files in models/ that are not models. */
export const NON_MODEL_FILES = new Set(['predictions.yaml', 'predictions.yml']);

export interface Project {
  dir: string;
  models: Map<string, Model>;
  /** Load errors of the current files, including ones whose last good version still serves. */
  errors: CredenceError[];
  /** Ids whose current file is broken but whose last good version is still in `models`. */
  stale: Set<string>;
}

/**
 * The model files of `dir`, sorted: regular files and links named *.yaml or *.yml (where links
 * lead is checked when they are read). More files than the limit is an error; the first ones
 * are still loaded.
 */
export function modelFiles(dir: string): { paths: string[]; errors: CredenceError[] } {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return { paths: [], errors: [] };
  }
  const names = entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && ['.yaml', '.yml'].includes(extname(e.name)))
    .map((e) => e.name)
    .filter((n) => !NON_MODEL_FILES.has(n))
    .sort();
  const max = LIMITS['model-files'];
  const errors =
    names.length > max
      ? [limitError('model-files', `the folder has ${count(names.length)} model files`, { file: displayPath(dir) })]
      : [];
  return { paths: names.slice(0, max).map((n) => join(dir, n)), errors };
}

/**
 * Load every model file of `dir`. `load` reads one file (a server passes one that vets files in a
 * worker and reuses the results of unchanged files); `previous` supplies last good versions.
 */
export function loadProject(
  dir: string,
  previous?: Project,
  load: (path: string, root: string) => Result<Model> = loadModelFile,
): Project {
  const models = new Map<string, Model>();
  const errors: CredenceError[] = [];
  const stale = new Set<string>();
  const broken = new Set<string>();
  const files = modelFiles(dir);
  errors.push(...files.errors);
  for (const path of files.paths) {
    const r = load(path, dir);
    const id = modelIdOf(path);
    if (models.has(id)) {
      errors.push(
        error('duplicate-name', `another file already defines the model '${id}'`, { file: displayPath(path) }),
      );
      continue;
    }
    if (r.ok) models.set(id, r.value);
    else {
      errors.push(...r.errors);
      broken.add(id);
    }
  }
  // The last good version of a broken file stands in before imports are checked, so the
  // models that import it keep running too.
  if (previous) {
    for (const id of broken) {
      const old = previous.models.get(id);
      if (old && !models.has(id)) {
        models.set(id, old);
        stale.add(id);
      }
    }
  }
  if (previous) errors.push(...keepVanishedImports(models, broken, stale, previous));
  const loaded = [...models.keys()];
  errors.push(...checkImports(models, broken));
  if (previous) {
    const unrunnable = loaded.filter((id) => !models.has(id));
    errors.push(...keepLastGoodOfUnrunnable(models, broken, stale, previous, unrunnable));
    errors.push(...keepLastGoodOfUngraphable(models, stale, previous));
  }
  for (const id of stale) if (!models.has(id)) stale.delete(id);
  return { dir, models, errors, stale };
}
