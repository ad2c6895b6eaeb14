// The project a compute worker holds, parsed lazily. A snapshot's texts replace the worker's,
// but a model is parsed only when work first asks for it, and a model whose file and text are
// unchanged keeps its parsed form from the snapshot before. So after one file changes, a job on
// another model parses that model and its imports, if they are not parsed already — never the
// whole project (which a large folder made a wait of many seconds for the first job after every
// change). Work that looks at every model (iterating the map) parses all of them, once, and sees
// them in the files' order, exactly as a project parsed whole.

import { loadModelText, type Model } from '../../model/load.ts';
import type { Project } from '../../model/project.ts';
import type { Result } from '../../model/errors.ts';
import type { ProjectTexts } from '../live-project.ts';

/** How a model's text becomes a model (the loader's; tests count the calls). */
export type ParseModel = (text: string, file: string, id: string) => Result<Model>;

/** A model's file and text, and its parsed form once parsed (null: it did not load). */
interface Entry {
  file: string;
  text: string;
  model?: Model | null;
}

/** The models of one snapshot: parsed on first `get`/`has`, all of them when iterated. */
class LazyModels extends Map<string, Model> {
  private complete = false;

  constructor(
    private readonly known: ReadonlyMap<string, Entry>,
    private readonly parse: ParseModel,
  ) {
    super();
  }

  override get(id: string): Model | undefined {
    const e = this.known.get(id);
    if (!e) return undefined;
    if (e.model === undefined) {
      const r = this.parse(e.text, e.file, id);
      e.model = r.ok ? r.value : null;
    }
    return e.model ?? undefined;
  }

  override has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Parse every model and hold them in the files' order, for iteration. */
  private all(): void {
    if (!this.complete) {
      for (const id of this.known.keys()) {
        const m = this.get(id);
        if (m) super.set(id, m);
      }
      this.complete = true;
    }
  }

  override get size(): number {
    this.all();
    return super.size;
  }
  override keys() {
    this.all();
    return super.keys();
  }
  override values() {
    this.all();
    return super.values();
  }
  override entries() {
    this.all();
    return super.entries();
  }
  override [Symbol.iterator]() {
    return this.entries();
  }
  override forEach(fn: (value: Model, key: string, map: Map<string, Model>) => void, thisArg?: unknown): void {
    this.all();
    super.forEach(fn, thisArg);
  }
}

/** A worker's projects, one per snapshot, sharing what was parsed between snapshots. */
export class WorkerProjects {
  private kept = new Map<string, Entry>();

  constructor(private readonly parse: ParseModel = loadModelText) {}

  /** The project of a snapshot's texts (the models the main thread loaded and checked). */
  load(texts: ProjectTexts): Project {
    const next = new Map<string, Entry>();
    for (const { id, file, text } of texts.models) {
      const old = this.kept.get(id);
      next.set(id, old && old.file === file && old.text === text ? old : { file, text });
    }
    this.kept = next;
    return { dir: texts.dir, models: new LazyModels(next, this.parse), errors: [], stale: new Set() };
  }
}
