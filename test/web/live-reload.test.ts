// Reloading the models folder off the request path: a changed file is loaded first in a worker
// under a time and a memory budget; a file over either is an error in the banner naming the file
// and the budget, while the server keeps answering with the last good models. The budgets are
// injected small, so what is asserted is that the watchdog or the heap limit stopped the worker,
// never how long anything took. The hostile file is the largest kind the loader's limits let
// through: ~44,000 quantities in just under 1 MB (a few seconds and over 100 MB to load).

import { describe, it, expect, afterEach, vi } from 'vitest';
import request from 'supertest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, editModel, LOAD_WORKER, type Fixture } from './helpers.ts';
import { LOAD_WORKER_ENTRY } from '../../src/web/loading/vetter.ts';
import { UNTIL_READY_MS } from '../support/waits.ts';

let f: Fixture | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await f?.close();
  f = null;
});

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
const WIDE = `title: wide\ninputs:\n${lines(22000, (i) => `  x${i}: uniform(0, 1)`)}\nnodes:\n${lines(22000, (i) => `  y${i}: x${i} * 2`)}\noutput: y0\n`;
const RUN = '/api/models/p-scheming/run?samples=2000';
// Pages are asserted with their headline: they wait for it however long the run takes.
const WHOLE_PAGES = { firstScreenMs: UNTIL_READY_MS };

async function expectServing(app: Fixture['web']['app'], before: { nodes: unknown }, file: string, budget: string) {
  const run = await request(app).get(RUN);
  expect(run.status).toBe(200);
  expect(run.body.nodes).toEqual(before.nodes);
  const page = await request(app).get('/models/p-scheming?samples=2000');
  expect(page.status).toBe(200);
  expect(page.text).toContain('id="headline"');
  expect(page.text).toMatch(new RegExp(`${file}[^<]*the server&#x27;s budget for one model file \\(${budget}\\)`));
  const list = await request(app).get('/api/models');
  const errors = list.body.errors as { code: string; file: string; limit?: { name: string } }[];
  expect(errors.map((e) => [e.code, e.file.endsWith(file), e.limit?.name])).toEqual([['limit-exceeded', true, budget]]);
  return list.body.models as { id: string; stale: boolean }[];
}

// Loading the hostile file and serving the pages around it takes a while on a loaded machine.
describe('a model file over the loading budget', { timeout: 300_000 }, () => {
  it('past the time budget: the watchdog stops its worker, the banner names the file, the last good models serve', async () => {
    f = await fixture({ ...WHOLE_PAGES, loading: LOAD_WORKER });
    const app = f.web.app;
    const live = f.web.site.live;
    const before = (await request(app).get(RUN)).body;
    expect(live.vetter).not.toBeNull();

    // No file of this size loads in a millisecond: the watchdog must end the worker.
    const budget = live.vetter!.budget;
    live.vetter!.budget = { ...budget, timeMs: 1 };
    writeFileSync(join(f.modelsDir, 'wide.yaml'), WIDE);
    const models = await expectServing(app, before, 'wide.yaml', 'load-time');
    expect(live.vetter!.stops).toBe(1);
    expect(models.map((m) => m.id)).not.toContain('wide');

    // The file is not loaded again while it is unchanged; an edit elsewhere shows as usual.
    live.vetter!.budget = budget;
    editModel(f.modelsDir, 'speed-costs', (t) => t.replace(/^title: .*$/m, 'title: Speed costs, edited'));
    const edited = await request(app).get('/models/speed-costs?samples=2000');
    expect(edited.text).toContain('Speed costs, edited');
    expect(live.vetter!.stops).toBe(1);
  });

  it('past the memory budget: an edit of a shipped model keeps its last good version serving, marked stale', async () => {
    // Enough heap for the worker started from the sources (it compiles the loader itself) and the
    // shipped models, not for the hostile file.
    f = await fixture({
      ...WHOLE_PAGES,
      loading: { heapMb: 72, timeMs: UNTIL_READY_MS },
      workerEntries: { load: LOAD_WORKER_ENTRY },
    });
    const app = f.web.app;
    const before = (await request(app).get(RUN)).body;
    writeFileSync(join(f.modelsDir, 'speed-costs.yaml'), WIDE);
    const models = await expectServing(app, before, 'speed-costs.yaml', 'load-memory');
    expect(f.web.site.live.vetter!.stops).toBe(1);
    expect(models.find((m) => m.id === 'speed-costs')?.stale).toBe(true);
    const page = await request(app).get('/models/speed-costs?samples=2000');
    expect(page.status).toBe(200);
    expect(page.text).toContain('The last good version of <code>speed-costs</code> is still being served');
  });

  it('a worker that cannot start leaves files loading in the server thread, and says so', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    f = await fixture({ loading: { heapMb: 1 } });
    expect(f.web.site.live.current().project.models.size).toBeGreaterThan(5);
    expect(log.mock.calls.flat().join(' ')).toContain('the model-loading worker could not start');
    editModel(f.modelsDir, 'speed-costs', (t) => t.replace(/^title: .*$/m, 'title: Speed costs, edited'));
    expect((await request(f.web.app).get('/models/speed-costs?samples=2000')).text).toContain('Speed costs, edited');
  });
});
