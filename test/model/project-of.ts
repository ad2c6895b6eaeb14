// Projects built in memory from model texts, for the tests of the model stage that need no
// folder: each text loaded as its file would be, the project's own import checks left out.

import { loadModelText, type Model } from '../../src/model/load.ts';
import { formatError } from '../../src/model/errors.ts';
import type { Project } from '../../src/model/project.ts';

export function modelOf(id: string, text: string): Model {
  const r = loadModelText(text, `${id}.yaml`, id);
  if (!r.ok) throw new Error(r.errors.map(formatError).join('\n'));
  return r.value;
}

export function projectOf(texts: Record<string, string>): Project {
  const models = new Map(Object.entries(texts).map(([id, text]) => [id, modelOf(id, text)]));
  return { dir: '', models, errors: [], stale: new Set() };
}
