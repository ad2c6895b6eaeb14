// The models folder as the web app sees it: the server refreshes it before each request (a
// middleware awaits `refresh()`, so an edit shows on the next page load) and request handlers read
// `current()`, which never loads anything once the server runs. A refresh stats the files, has
// the changed ones loaded in a worker with a time and memory budget (loading/vetter.ts), and
// rebuilds the project from the models the worker built (posted as data, loading/portable.ts) and
// the kept results of unchanged files, keeping the last good version of a broken file, with a
// content key per model for caching.

import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, isAbsolute, relative, sep } from 'node:path';
import { loadProject, modelFiles, type Project } from '../model/project.ts';
import { loadModelText, modelIdOf, type Model } from '../model/load.ts';
import { formatError, type CredenceError, type Result } from '../model/errors.ts';
import type { LoadVetter, Verdict } from './loading/vetter.ts';
import { loadFile } from './loading/load-file.ts';
import { revivedModel } from './loading/revived.ts';

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
  /**
   * The text of model `id`'s file as of this snapshot (even when it has errors), else its last
   * good text; null when neither is known (no file, or one that could not be read).
   */
  sourceOf(id: string): string | null;
}

/** Each model file's size, modification time and inode, by path: what says a file changed. */
type Stats = Map<string, string>;

export class LiveProject {
  private snapshot: Snapshot | null = null;
  private signature = '';
  /** Each file's text and load result as of its stats, so an unchanged file is never loaded again. */
  private files = new Map<string, { stat: string; text: string | null; result: Result<Model> }>();
  private refreshing: Promise<void> | null = null;

  /** Without a vetter, files load in the calling thread (the command line, tests of other parts). */
  constructor(
    readonly dir: string,
    readonly vetter: LoadVetter | null = null,
  ) {}

  /**
   * The current snapshot. Only the first call before any refresh loads (in this thread); once a
   * server has refreshed, this returns what the last refresh built.
   */
  current(): Snapshot {
    if (!this.snapshot) {
      const stats = this.stat();
      this.rebuild(stats, new Map());
    }
    return this.snapshot!;
  }

  /**
   * Bring the snapshot up to date with the folder: changed files are vetted (off this thread when
   * there is a vetter) and the project rebuilt. Concurrent callers share one refresh.
   */
  refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    const stats = this.stat();
    if (this.snapshot && signatureOf(stats) === this.signature) return Promise.resolve();
    const changed = [...stats].filter(([path, stat]) => this.files.get(path)?.stat !== stat).map(([path]) => path);
    const vetted = this.vetter
      ? this.vetter.vet(changed, this.dir, (path) => this.shown(path))
      : Promise.resolve(new Map<string, Verdict>());
    this.refreshing = vetted
      .then((verdicts) => this.rebuild(stats, verdicts))
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /**
   * Whether model `id` may read differently once the folder is up to date: a file changed since
   * the last refresh ended (or is loading) whose model is linked to `id` by imports, either way
   * (an import's edit is held back while an importer disagrees with it, so an importer's edit can
   * change what its import serves), or `id` is not a model yet. A request about a model no
   * changed file reaches need not wait for the refresh.
   */
  changedFor(id: string): boolean {
    const project = this.snapshot?.project;
    if (!project?.models.has(id)) return true;
    const stats = this.stat();
    const changed = new Set<string>();
    for (const [path, stat] of stats) if (this.files.get(path)?.stat !== stat) changed.add(modelIdOf(path));
    for (const path of this.files.keys()) if (!stats.has(path)) changed.add(modelIdOf(path));
    if (changed.size === 0) return false;
    const links = new Map<string, string[]>();
    const link = (a: string, b: string) => void (links.get(a) ?? links.set(a, []).get(a)!).push(b);
    for (const [from, m] of project.models)
      for (const imp of Object.values(m.imports)) {
        link(from, imp.modelId);
        link(imp.modelId, from);
      }
    const seen = new Set([id]);
    for (const next of seen) {
      if (changed.has(next)) return true;
      for (const other of links.get(next) ?? []) seen.add(other);
    }
    return false;
  }

  async close(): Promise<void> {
    await this.vetter?.close();
  }

  private stat(): Stats {
    const stats: Stats = new Map();
    for (const path of modelFiles(this.dir).paths) {
      try {
        const s = statSync(path, { bigint: true });
        stats.set(path, `${s.size}:${s.mtimeNs}:${s.ino}`);
      } catch {
        stats.set(path, 'gone');
      }
    }
    return stats;
  }

  /**
   * A file's name as people are shown it: the folder's name and the file's, never where the
   * folder is on the server (`models/p-scheming.yaml`).
   */
  private shown(path: string): string {
    const inside = relative(this.dir, path);
    const name =
      inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside.split(sep).join('/') : basename(path);
    return `${basename(this.dir)}/${name}`;
  }

  private rebuild(stats: Stats, verdicts: ReadonlyMap<string, Verdict>): void {
    const load = (path: string, root: string): Result<Model> => {
      const stat = stats.get(path) ?? 'gone';
      const kept = this.files.get(path);
      if (kept && kept.stat === stat) return kept.result;
      const verdict = verdicts.get(path);
      const file = this.shown(path);
      const loaded =
        verdict === undefined || (verdict.text === null && verdict.errors.length === 0)
          ? loadFile(path, root, file)
          : {
              text: verdict.text,
              result: vettedResult(verdict, file, modelIdOf(path)),
            };
      this.files.set(path, { stat, ...loaded });
      return loaded.result;
    };
    const project = loadProject(this.dir, this.snapshot?.project, load);
    // The project's own errors (two files for one id, too many files) name paths too.
    project.errors = project.errors.map((e) => this.withoutServerPath(e));
    for (const path of this.files.keys()) if (!stats.has(path)) this.files.delete(path);
    const texts = new Map<string, string>();
    for (const [path, f] of this.files)
      if (f.text !== null && !texts.has(modelIdOf(path))) texts.set(modelIdOf(path), f.text);
    this.snapshot = snapshotOf(project, texts);
    this.signature = signatureOf(stats);
  }

  private withoutServerPath(e: CredenceError): CredenceError {
    if (e.file === undefined || !isAbsolute(e.file)) return e;
    return { ...e, file: e.file === this.dir ? basename(this.dir) : this.shown(e.file) };
  }
}

/** What a vetted file loads to: its errors, the model the worker built, or (failing that) its text parsed here. */
function vettedResult(verdict: Verdict, file: string, id: string): Result<Model> {
  if (verdict.errors.length > 0 || verdict.text === null) return { ok: false, errors: verdict.errors };
  if (verdict.model) return { ok: true, value: revivedModel(verdict.model) };
  return loadModelText(verdict.text, file, id);
}

function signatureOf(stats: Stats): string {
  return [...stats].map(([path, stat]) => `${path}:${stat}`).join('|');
}

function snapshotOf(project: Project, texts: ReadonlyMap<string, string>): Snapshot {
  const models = [...project.models].map(([id, m]) => ({ id, file: m.file, text: m.text }));
  const version = createHash('sha256')
    .update([...project.models].map(([id, m]) => `${id}:${m.hash}`).join('\n'))
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
  return {
    project,
    version,
    texts: { dir: project.dir, version, models },
    keyOf: (id) => keyOf(id),
    sourceOf: (id) => texts.get(id) ?? project.models.get(id)?.text ?? null,
  };
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
