// The set of models in a folder: every `*.yaml` except the predictions file, loaded and with
// imports checked (unknown models, cycles). A file that fails to load can keep its last good
// version, so a broken edit never takes a running site down.

import { readdirSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { loadModelFile, displayPath, modelIdOf, type Model } from './load.ts';
import { error, type CredenceError } from './errors.ts';

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

export function modelFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => (extname(n) === '.yaml' || extname(n) === '.yml') && !NON_MODEL_FILES.has(n))
    .filter((n) => {
      try {
        return statSync(join(dir, n)).isFile();
      } catch {
        return false;
      }
    })
    .sort()
    .map((n) => join(dir, n));
}

export function loadProject(dir: string, previous?: Project): Project {
  const models = new Map<string, Model>();
  const errors: CredenceError[] = [];
  const stale = new Set<string>();
  const broken = new Set<string>();
  for (const path of modelFiles(dir)) {
    const r = loadModelFile(path);
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
  errors.push(...checkImports(models, broken));
  return { dir, models, errors, stale };
}

/**
 * Imports must name a loaded model and must not form a cycle. A model whose imports fail is
 * removed (it cannot run), with the reason at the import, also when the failure is further down.
 */
export function checkImports(models: Map<string, Model>, broken: Set<string>): CredenceError[] {
  const errors: CredenceError[] = [];
  const state = new Map<string, 1 | 2>();
  /** Models that cannot run, with the first problem that stops them. */
  const bad = new Map<string, string>();
  const fail = (id: string, why: string) => {
    if (!bad.has(id)) bad.set(id, why);
  };
  const visit = (id: string, trail: string[]) => {
    state.set(id, 1);
    const m = models.get(id)!;
    for (const imp of Object.values(m.imports)) {
      const target = models.get(imp.modelId);
      if (!target) {
        const why = broken.has(imp.modelId)
          ? `imports '${imp.modelId}', which has errors (see its file)`
          : `imports '${imp.modelId}', but there is no model file ${imp.modelId}.yaml`;
        errors.push(error(broken.has(imp.modelId) ? 'import-broken' : 'import-missing', why, imp.loc));
        fail(id, why);
        continue;
      }
      const s = state.get(imp.modelId);
      if (s === 1) {
        const why = `circular import: ${[...trail, id, imp.modelId].slice(trail.indexOf(imp.modelId) >= 0 ? trail.indexOf(imp.modelId) : 0).join(' → ')}`;
        errors.push(error('import-cycle', why, imp.loc));
        fail(id, why);
        continue;
      }
      if (s === undefined) visit(imp.modelId, [...trail, id]);
      const why = bad.get(imp.modelId);
      if (why !== undefined) {
        errors.push(error('import-broken', `imports '${imp.modelId}', which cannot run: ${why}`, imp.loc));
        fail(id, why);
      }
    }
    state.set(id, 2);
  };
  for (const id of models.keys()) if (!state.has(id)) visit(id, []);
  for (const id of bad.keys()) models.delete(id);
  return errors;
}
