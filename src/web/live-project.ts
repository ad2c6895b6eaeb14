// The models folder as the web app sees it: reloaded when a file changes (checked by size and
// modification time on each request, so an edit shows on the next page load), keeping the last
// good version of a broken file, with a content key per model for caching.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { loadProject, type Project } from '../model/project.ts';
import { loadModelText, type Model } from '../model/load.ts';
import { formatError } from '../model/errors.ts';

/** What a worker needs to rebuild the same project: each model's last good text. */
export interface ProjectTexts {
  dir: string;
  version: string;
  models: { id: string; file: string; text: string }[];
}

export interface Snapshot {
  project: Project;
  /** Changes whenever any file in the folder changes. */
  version: string;
  texts: ProjectTexts;
  /** Content key of a model: its own text and, transitively, its imports'. */
  keyOf(id: string): string | null;
}

export class LiveProject {
  private snapshot: Snapshot | null = null;
  private signature = '';

  constructor(readonly dir: string) {}

  /** The current snapshot, reloaded first if any file changed since the last call. */
  current(): Snapshot {
    const sig = this.stat();
    if (!this.snapshot || sig !== this.signature) {
      this.snapshot = this.reload(this.snapshot);
      this.signature = sig;
    }
    return this.snapshot;
  }

  private stat(): string {
    let names: string[];
    try {
      names = readdirSync(this.dir).sort();
    } catch {
      return 'missing';
    }
    const parts: string[] = [];
    for (const n of names) {
      if (extname(n) !== '.yaml' && extname(n) !== '.yml') continue;
      try {
        const s = statSync(join(this.dir, n), { bigint: true });
        parts.push(`${n}:${s.size}:${s.mtimeNs}:${s.ino}`);
      } catch {
        parts.push(`${n}:gone`);
      }
    }
    return parts.join('|');
  }

  private reload(previous: Snapshot | null): Snapshot {
    const project = loadProject(this.dir, previous?.project);
    const oldTexts = new Map(previous?.texts.models.map((m) => [m.id, m]) ?? []);
    const models: ProjectTexts['models'] = [];
    for (const [id, model] of project.models) {
      const old = oldTexts.get(id);
      if (project.stale.has(id) && old) {
        models.push(old);
        continue;
      }
      const text = readText(model);
      if (text !== null) models.push({ id, file: model.file, text });
      else if (old) models.push(old);
    }
    const version = createHash('sha256')
      .update(models.map((m) => `${m.id}:${hashText(m.text)}`).join('\n'))
      .update(project.errors.map((e) => `${e.code} ${formatError(e)}`).join('\n'))
      .digest('hex')
      .slice(0, 16);
    const keys = new Map<string, string>();
    const keyOf = (id: string, trail: Set<string> = new Set()): string | null => {
      const known = keys.get(id);
      if (known) return known;
      const m = project.models.get(id);
      if (!m || trail.has(id)) return null;
      trail.add(id);
      const h = createHash('sha256').update(m.hash);
      for (const imp of Object.values(m.imports)) h.update(`|${imp.alias}=${keyOf(imp.modelId, trail) ?? 'missing'}`);
      const key = h.digest('hex').slice(0, 16);
      keys.set(id, key);
      return key;
    };
    return { project, version, texts: { dir: this.dir, version, models }, keyOf: (id) => keyOf(id) };
  }
}

function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The file's text if it is still the text the model was loaded from (an edit may race the load). */
function readText(model: Model): string | null {
  try {
    const text = readFileSync(model.file, 'utf8');
    return hashText(text) === model.hash ? text : null;
  } catch {
    return null;
  }
}

/** Rebuild a project from texts (in a worker): the same models, already checked by the main thread. */
export function projectFromTexts(texts: ProjectTexts): Project {
  const models = new Map<string, Model>();
  for (const m of texts.models) {
    const r = loadModelText(m.text, m.file, m.id);
    if (r.ok) models.set(m.id, r.value);
  }
  return { dir: texts.dir, models, errors: [], stale: new Set() };
}
