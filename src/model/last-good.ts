// Last good versions standing in for models that load but cannot run with what they import: a
// vanished import, an import that cannot run (a cycle, a failing import further down, a limit),
// and an import whose edit breaks an importer's graph (a name it reads renamed or deleted). Each
// keeps the site serving the numbers it served a moment ago, marked stale, while the project's
// errors name the file at fault. Without a previous project (the command line) none applies.

import { displayPath, type Model } from './load.ts';
import { error, type CredenceError } from './errors.ts';
import { checkImports } from './imports.ts';
import { graphErrorsOf } from './graph-errors.ts';
import type { Project } from './project.ts';

/**
 * A model whose file loads but which cannot run because of its imports (a cycle an edit
 * introduced, an import further down that now fails, a chain grown past a limit) stands in
 * with its last good version, like a broken file, together with the last good versions it
 * imports. The imports are checked again over that set; what still cannot run is left out, and
 * its reasons are already among the errors of the first check, which name the file at fault.
 */
export function keepLastGoodOfUnrunnable(
  models: Map<string, Model>,
  broken: ReadonlySet<string>,
  stale: Set<string>,
  previous: Project,
  unrunnable: readonly string[],
): CredenceError[] {
  const kept = unrunnable.filter((id) => previous.models.has(id));
  if (kept.length === 0) return [];
  for (const id of kept) {
    models.set(id, previous.models.get(id)!);
    stale.add(id);
  }
  const errors = keepVanishedImports(models, broken, stale, previous);
  // Only models that could not run before can fail this check: every other model's imports are
  // the ones it ran with a moment ago.
  checkImports(models, broken);
  return errors;
}

/**
 * A model whose file is gone (deleted or renamed) while a loaded model still imports it stands
 * in with its last good version, like a broken file, so its importers keep running; the error
 * says what is missing. Its own imports are kept the same way (an iterative walk).
 */
export function keepVanishedImports(
  models: Map<string, Model>,
  broken: ReadonlySet<string>,
  stale: Set<string>,
  previous: Project,
): CredenceError[] {
  const errors: CredenceError[] = [];
  const pending = [...models.values()].flatMap((m) => Object.values(m.imports).map((i) => i.modelId));
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const old = previous.models.get(id);
    if (models.has(id) || broken.has(id) || !old) continue;
    models.set(id, old);
    stale.add(id);
    errors.push(
      error(
        'file-missing',
        `there is no file for the model '${id}' any more (deleted or renamed); the models that import it run on its last good version until their imports change`,
        { file: displayPath(old.file) },
      ),
    );
    for (const imp of Object.values(old.imports)) pending.push(imp.modelId);
  }
  return errors;
}

/**
 * An importer whose own file did not change but whose graph no longer builds because a model it
 * imports changed (a name it reads renamed or deleted, an input it sets made a node) stands in
 * with its last good version, and so does everything it imports, the changed import included: an
 * id has one version at a time, so the import's edit is held back until its importers agree with
 * it. The importer's graph errors join the project's errors (they name the importer's file and
 * line, and the name missing in the import). Holding an import back can break another of its
 * importers in turn (one edited to read what the held-back edit added), so this repeats over the
 * importers of what it held back until nothing more is. A model whose last good version did not
 * build either is left as it is: its errors are its own, found when it runs.
 */
export function keepLastGoodOfUngraphable(
  models: Map<string, Model>,
  stale: Set<string>,
  previous: Project,
): CredenceError[] {
  const errors: CredenceError[] = [];
  const current: Project = { dir: previous.dir, models, errors: [], stale };
  const changed = [...models.keys()].filter((id) => models.get(id) !== previous.models.get(id));
  let suspects = [...importersOf(models, changed)].filter((id) => !changed.includes(id));
  while (suspects.length > 0) {
    const held: string[] = [];
    for (const id of suspects) {
      if (stale.has(id) || !previous.models.has(id)) continue;
      const found = graphErrorsOf(current, id);
      if (found.length === 0 || graphErrorsOf(previous, id).length > 0) continue;
      errors.push(...found);
      held.push(...holdBack(models, stale, previous, id));
    }
    suspects = [...importersOf(models, held)].filter((id) => !stale.has(id));
  }
  return errors;
}

/**
 * Put `id` and everything its last good version imports back to their last good versions, marking
 * `id` and each one held back stale; returns the ids held back (their version changed).
 */
function holdBack(models: Map<string, Model>, stale: Set<string>, previous: Project, id: string): string[] {
  const held: string[] = [];
  const seen = new Set<string>();
  const pending = [id];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const old = previous.models.get(next);
    if (seen.has(next) || !old) continue;
    seen.add(next);
    if (models.get(next) !== old) {
      models.set(next, old);
      held.push(next);
    }
    if (next === id || held.includes(next)) stale.add(next);
    for (const imp of Object.values(old.imports)) pending.push(imp.modelId);
  }
  return held;
}

/** The models that import any of `ids`, directly or further up (an iterative walk over the reversed imports). */
function importersOf(models: ReadonlyMap<string, Model>, ids: readonly string[]): Set<string> {
  const importers = new Map<string, string[]>();
  for (const [id, m] of models)
    for (const imp of Object.values(m.imports)) {
      const list = importers.get(imp.modelId) ?? [];
      list.push(id);
      importers.set(imp.modelId, list);
    }
  const found = new Set<string>();
  const pending = [...ids];
  for (let next = pending.pop(); next !== undefined; next = pending.pop())
    for (const by of importers.get(next) ?? [])
      if (!found.has(by)) {
        found.add(by);
        pending.push(by);
      }
  return found;
}
