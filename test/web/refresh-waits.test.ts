// Who waits for a refresh of the models folder. The vetter here answers only when the test opens
// its gate, so a request that waits cannot go on before then, whatever the machine's speed: a
// request about one model's results waits only when a changed file is linked to that model by
// imports (either way); pages and lists over every model wait for any change; a request that did
// not wait is answered from the models as they were.

import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import { LiveProject } from '../../src/web/live-project.ts';
import type { LoadVetter, Verdict } from '../../src/web/loading/vetter.ts';
import { modelOfRequest, refreshModels } from '../../src/web/app-middleware.ts';
import { UNTIL_READY_MS } from '../support/waits.ts';

const leaf = (x: number) => `title: Leaf\ninputs:\n  x: ${x}\nnodes:\n  y:\n    expr: x * 3\noutput: y\n`;
const top = `title: Top\nimports:\n  a: a\nnodes:\n  z:\n    expr: a.y + 1\noutput: z\n`;

/** A vetter that answers (leaving each file to load in the calling thread) when `open` is called. */
function gatedVetter() {
  const gates: (() => void)[] = [];
  const vetter = {
    vet: () => new Promise<Map<string, Verdict>>((resolve) => gates.push(() => resolve(new Map()))),
    close: async () => {},
  } as unknown as LoadVetter;
  return { vetter, open: () => gates.splice(0).forEach((g) => g()) };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** a (x = 2) imported by b; c on its own; the project loaded. */
async function folder() {
  dir = mkdtempSync(join(tmpdir(), 'credence-refresh-'));
  writeFileSync(join(dir, 'a.yaml'), leaf(2));
  writeFileSync(join(dir, 'b.yaml'), top);
  writeFileSync(join(dir, 'c.yaml'), leaf(7));
  const { vetter, open } = gatedVetter();
  const live = new LiveProject(dir, vetter);
  const first = live.refresh();
  open();
  await first;
  return { live, open, middleware: refreshModels(live, UNTIL_READY_MS, undefined) };
}

/** Send a request for `path` through the middleware; whether it has gone on, and its end. */
function ask(middleware: ReturnType<typeof refreshModels>, path: string) {
  const state = { next: false };
  const done = middleware({ path } as Request, {} as Response, () => void (state.next = true));
  return { state, done };
}

describe('a request during a refresh of the models folder', () => {
  it('about a model no changed file reaches: goes on at once, from the models as they were', async () => {
    const { live, open, middleware } = await folder();
    writeFileSync(join(dir, 'c.yaml'), leaf(8));
    const run = ask(middleware, '/api/models/b/run');
    const chart = ask(middleware, '/charts/a/histogram.svg');
    await settle();
    expect([run.state.next, chart.state.next]).toEqual([true, true]);
    expect(live.current().project.models.get('c')?.inputs.x).toMatchObject({ text: '7' });
    // The refresh was started all the same: once its load ends, the change shows.
    open();
    await live.refresh();
    expect(live.current().project.models.get('c')?.inputs.x).toMatchObject({ text: '8' });
  });

  it('about a model whose file, or an import of it, or an importer of it changed: waits for it', async () => {
    for (const [file, asked] of [
      ['a', 'a'],
      ['a', 'b'],
      ['b', 'a'],
    ] as const) {
      const { live, open, middleware } = await folder();
      writeFileSync(join(dir, `${file}.yaml`), file === 'a' ? leaf(5) : top.replace('+ 1', '+ 2'));
      const r = ask(middleware, `/api/models/${asked}/run`);
      await settle();
      expect(r.state.next, `${file} changed, ${asked} asked for`).toBe(false);
      open();
      await r.done;
      expect(r.state.next).toBe(true);
      const m = live.current().project.models.get(file)!;
      expect(file === 'a' ? m.inputs.x : m.nodes.z).toMatchObject(file === 'a' ? { text: '5' } : { text: 'a.y + 2' });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('for a page, a list of every model or a model not yet known: waits for any change', async () => {
    const { open, middleware } = await folder();
    writeFileSync(join(dir, 'c.yaml'), leaf(8));
    const asked = ['/models/b', '/api/models', '/', '/api/models/d/run'].map((p) => ask(middleware, p));
    await settle();
    expect(asked.map((r) => r.state.next)).toEqual([false, false, false, false]);
    open();
    await Promise.all(asked.map((r) => r.done));
    expect(asked.map((r) => r.state.next)).toEqual([true, true, true, true]);
  });

  it('names the model of the API routes under /api/models/:id and of the charts, nothing else', () => {
    expect(modelOfRequest('/api/models/p-scheming')).toBe('p-scheming');
    expect(modelOfRequest('/api/models/p-scheming/samples.csv')).toBe('p-scheming');
    expect(modelOfRequest('/charts/speed-costs/tornado.svg')).toBe('speed-costs');
    expect(modelOfRequest('/api/models/a%20b/run')).toBe('a b');
    for (const p of ['/api/models', '/api/models/', '/models/p-scheming', '/api/voi', '/api/models/%E0/run'])
      expect(modelOfRequest(p), p).toBeNull();
  });
});
