// The model editor's Web Worker: loads the edited text with the server's loader, fetches the
// models it imports from the server, and runs the engine, so typing never waits on the page.
// Only the newest request is worked on: requests that arrive during a run replace any still
// queued, and a run gives way between its stages (headline, checks) when a newer one waits.
//
// Messages in:  EditorRequest. Messages out: EditorReply (see protocol.ts).

import { loadEdited } from './project.ts';
import { prepareEdited, headlineOf, tornadoOf, scenarioErrors } from './evaluate.ts';
import type { EditorReply, EditorRequest, ReplyBody } from './protocol.ts';
import type { CredenceError } from '../../model/errors.ts';

interface WorkerScope {
  postMessage(message: EditorReply): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<EditorRequest>) => void): void;
}
const scope = globalThis as unknown as WorkerScope;

/** Server model texts by id (null: no such model), fetched once per worker. */
const texts = new Map<string, string | null>();

async function fetchModel(id: string): Promise<string | null> {
  const res = await fetch(`/models/${encodeURIComponent(id)}.yaml`, { headers: { Accept: 'text/yaml' } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`the server answered ${res.status} for the model '${id}'`);
  return res.text();
}

const tick = () => new Promise<void>((ok) => setTimeout(ok, 0));
let latest: EditorRequest | null = null;
let running = false;

async function loadWithImports(req: EditorRequest) {
  for (let round = 0; ; round++) {
    const edited = loadEdited(req.id, req.text, texts);
    if (edited.missing.length === 0 || round > 50) return edited;
    await Promise.all(
      edited.missing.map(async (id) => {
        texts.set(id, await fetchModel(id));
      }),
    );
  }
}

async function handle(req: EditorRequest): Promise<void> {
  const t0 = performance.now();
  const reply = (r: ReplyBody) => scope.postMessage({ ...r, gen: req.gen, ms: performance.now() - t0 });
  let edited;
  try {
    edited = await loadWithImports(req);
  } catch (e) {
    return reply({ kind: 'failed', message: (e as Error).message });
  }
  if (edited.errors.length > 0) return reply({ kind: 'errors', errors: edited.errors });
  const prepared = prepareEdited(edited.project, req.id);
  if (!prepared.ok) return reply({ kind: 'errors', errors: prepared.errors });
  const settings = { samples: req.samples, seed: req.seed };
  if (req.want === 'tornado') {
    const t = tornadoOf(prepared.value, settings);
    return reply(t.ok ? { kind: 'tornado', tornado: t.value } : { kind: 'errors', errors: t.errors });
  }
  reply({ kind: 'headline', headline: headlineOf(prepared.value, settings) });
  await tick();
  if (latest) return;
  const errors: CredenceError[] = scenarioErrors(edited.project, req.id);
  reply({ kind: 'checked', errors });
}

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  try {
    while (latest) {
      const req = latest;
      latest = null;
      try {
        await handle(req);
      } catch (e) {
        scope.postMessage({ kind: 'failed', gen: req.gen, ms: 0, message: (e as Error).message });
      }
      await tick();
    }
  } finally {
    running = false;
  }
}

scope.addEventListener('message', (e) => {
  latest = e.data;
  void drain();
});
