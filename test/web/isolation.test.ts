// Isolation between parts: a track record that cannot be read leaves models, charts and
// analyses serving (pages say what failed), and a model file deleted or renamed under a running
// server leaves the models that import it on its last good version, with a banner that says
// what is missing. Failures are provoked deterministically (a store that throws, files removed).

import { describe, it, expect, afterEach, vi } from 'vitest';
import request from 'supertest';
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, type Fixture } from './helpers.ts';
import { UNTIL_READY_MS } from '../support/waits.ts';
import { BUILT_WORKERS } from '../support/built-workers.ts';

let f: Fixture | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await f?.close();
  f = null;
});

const RUN = '/api/models/p-scheming/run?samples=2000';

describe('a track record that cannot be read', () => {
  it('leaves model pages and runs serving the same numbers, with a notice and no server path', async () => {
    f = await fixture();
    const app = f.web.app;
    const before = await request(app).get(RUN);
    expect(before.status).toBe(200);
    const page = await request(app).get('/models/p-scheming?samples=2000');
    expect(page.text).not.toContain('The track record cannot be read');

    vi.spyOn(f.web.site.track!, 'refresh').mockRejectedValue(
      new Error('SQLITE_CORRUPT: database disk image is malformed (/srv/credence/credence.db)'),
    );
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const run = await request(app).get(RUN);
    expect(run.status).toBe(200);
    expect(run.body.nodes).toEqual(before.body.nodes);
    for (const url of ['/models/p-scheming?samples=2000', '/', '/predictions']) {
      const res = await request(app).get(url);
      expect(res.status, url).toBe(200);
      expect(res.text, url).toContain('The track record cannot be read just now.');
      expect(res.text, url).toContain('SQLITE_CORRUPT: database disk image is malformed (…)');
      expect(res.text, url).not.toContain('/srv/credence');
    }
    expect((await request(app).get('/charts/p-scheming/distribution.svg?samples=2000')).status).toBe(200);

    // Once the store answers again, the notice goes.
    vi.mocked(f.web.site.track!.refresh).mockRestore();
    const again = await request(app).get('/models/p-scheming?samples=2000');
    expect(again.status).toBe(200);
    expect(again.text).not.toContain('The track record cannot be read');
  }, 300_000); // pages of the home and predictions at their defaults: slow on a loaded machine, never wrong
});

describe('the predictions API when the track record cannot be read', () => {
  it('is a 503 with the code database and the reason, never an empty or stale list; models keep answering', async () => {
    f = await fixture();
    const app = f.web.app;
    const listed = await request(app).get('/api/predictions');
    expect(listed.status).toBe(200);
    expect(listed.body.predictions.length).toBeGreaterThan(0);
    const pid = listed.body.predictions[0].id as string;

    vi.spyOn(f.web.site.track!, 'refresh').mockRejectedValue(
      new Error('SQLITE_CORRUPT: database disk image is malformed (/srv/credence/credence.db)'),
    );
    vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const url of ['/api/predictions', `/api/predictions/${pid}`, '/api/track-record', '/api/track-record.csv']) {
      const res = await request(app).get(url);
      expect(res.status, url).toBe(503);
      expect(res.headers['retry-after'], url).toBe('5');
      expect(res.body.code, url).toBe('database');
      expect(res.body.error, url).toContain('SQLITE_CORRUPT: database disk image is malformed (…)');
      expect(res.text, url).not.toContain('/srv/credence');
    }
    expect((await request(app).get('/api/models/speed-costs/run?samples=1000')).status).toBe(200);

    vi.mocked(f.web.site.track!.refresh).mockRestore();
    const again = await request(app).get('/api/predictions');
    expect(again.status).toBe(200);
    expect(again.body.predictions).toEqual(listed.body.predictions);
  });
});

describe('a model file deleted or renamed while the server runs', () => {
  it('leaves the models above it on their last good version, the banner naming what is missing', async () => {
    // The page is asserted with its headline: it waits for it however long the run takes.
    f = await fixture({ firstScreenMs: UNTIL_READY_MS });
    const app = f.web.app;
    const before = await request(app).get(RUN);
    expect(before.status).toBe(200);

    rmSync(join(f.modelsDir, 'speed-costs.yaml'));
    const run = await request(app).get(RUN);
    expect(run.status).toBe(200);
    expect(run.body.nodes).toEqual(before.body.nodes);
    const page = await request(app).get('/models/p-scheming');
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="headline"');
    expect(page.text).toContain('there is no file for the model &#x27;speed-costs&#x27; any more (deleted or renamed)');
    const list = await request(app).get('/api/models');
    const byId = new Map((list.body.models as { id: string; stale: boolean }[]).map((m) => [m.id, m]));
    expect(byId.get('speed-costs')?.stale).toBe(true);
    expect(byId.get('counting-argument')?.stale).toBe(false);
    expect(list.body.errors.map((e: { code: string }) => e.code)).toEqual(['file-missing']);
  });

  it('a renamed import: the new name loads as a model, the importers keep the last good version', async () => {
    f = await fixture();
    const app = f.web.app;
    const before = await request(app).get(RUN);
    renameSync(join(f.modelsDir, 'counting-argument.yaml'), join(f.modelsDir, 'counting.yaml'));
    const run = await request(app).get(RUN);
    expect(run.status).toBe(200);
    expect(run.body.nodes).toEqual(before.body.nodes);
    expect((await request(app).get('/models/counting')).status).toBe(200);
    const page = await request(app).get('/models/carlsmith-conjunctive');
    expect(page.status).toBe(200);
    expect(page.text).toContain('counting-argument');
  });

  it('with no earlier version (missing at start), the importers are a 503 that says why, not a false message', async () => {
    f = await fixture();
    rmSync(join(f.modelsDir, 'speed-costs.yaml'));
    await f.web.close();
    const { createApp } = await import('../../src/web/app.ts');
    const web = await createApp({
      modelsDir: f.modelsDir,
      dbPath: null,
      workers: 0,
      rateLimit: false,
      budgetMs: 50,
      workerEntries: BUILT_WORKERS,
    });
    f.web = web;
    const res = await request(web.app).get('/api/models/counting-argument/run?samples=100');
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('import-missing');
    expect(res.body.error).toBe(
      "the model 'counting-argument' cannot run: its file or one of its imports has the errors below",
    );
    expect(res.body.errors.join('\n')).toContain("imports 'speed-costs', but there is no model file speed-costs.yaml");
    expect((await request(web.app).get('/api/models/iterative-chain/run?samples=100')).status).toBe(200);
  });
});
