// The project the browser editor runs: the edited text as one model, and the server's model
// files it imports (fetched as text), loaded by the same loader as `credence check`, with the
// same import checks. Pure: no files, so it runs in a Web Worker and in tests alike.

import { loadModelText, type Model } from '../../model/load.ts';
import type { Project } from '../../model/project.ts';
import { checkImports } from '../../model/imports.ts';
import type { CredenceError } from '../../model/errors.ts';

/** How a model's file is named in messages: as `credence check` run from the project names it. */
export const fileOf = (id: string): string => `models/${id}.yaml`;

/** Loaded server models by id and text: only the edited text is loaded again on each edit. */
const loaded = new Map<string, { text: string; result: ReturnType<typeof loadModelText> }>();

function loadOther(id: string, text: string): ReturnType<typeof loadModelText> {
  const hit = loaded.get(id);
  if (hit && hit.text === text) return hit.result;
  const result = loadModelText(text, fileOf(id), id);
  loaded.set(id, { text, result });
  return result;
}

export interface EditedProject {
  project: Project;
  /** Problems of the edited file (load, import), located in its text. */
  errors: CredenceError[];
  /** Ids the models import that are not among the texts yet: fetch them and load again. */
  missing: string[];
}

/**
 * Load `text` as model `id` beside `others` (id → file text of the server's models; an id
 * mapped to null is known not to exist). The edited text wins over a server model of the same id.
 */
export function loadEdited(id: string, text: string, others: ReadonlyMap<string, string | null>): EditedProject {
  const models = new Map<string, Model>();
  const broken = new Set<string>();
  const errors: CredenceError[] = [];
  const edited = loadModelText(text, fileOf(id), id);
  if (edited.ok) models.set(id, edited.value);
  else {
    errors.push(...edited.errors);
    broken.add(id);
  }
  // Load what is reachable from the edited model only: other texts may be cached from before.
  const missing: string[] = [];
  const queue = edited.ok ? Object.values(edited.value.imports).map((i) => i.modelId) : [];
  const seen = new Set<string>([id]);
  while (queue.length > 0) {
    const dep = queue.shift()!;
    if (seen.has(dep)) continue;
    seen.add(dep);
    const depText = others.get(dep);
    if (depText === undefined) {
      missing.push(dep);
      continue;
    }
    if (depText === null) continue;
    const r = loadOther(dep, depText);
    if (!r.ok) {
      broken.add(dep);
      continue;
    }
    models.set(dep, r.value);
    for (const imp of Object.values(r.value.imports)) queue.push(imp.modelId);
  }
  if (missing.length === 0) errors.push(...checkImports(models, broken).filter((e) => e.file === fileOf(id)));
  return { project: { dir: '', models, errors, stale: new Set() }, errors, missing };
}
