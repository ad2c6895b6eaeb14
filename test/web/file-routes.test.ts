// The routes that show a model's file (/models/:id.yaml, /file, /edit) show only what the server
// loaded from inside its models folder, within the size limit: a link out of the folder shows
// nothing of its target, an oversized file is never read, and no response names where the server
// keeps its files (every path is the folder's name and the file's: models/x.yaml).

import { describe, it, expect, afterAll, afterEach } from 'vitest';
import request from 'supertest';
import { mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, type Fixture } from './helpers.ts';

let f: Fixture | null = null;
afterEach(async () => {
  await f?.close();
  f = null;
});

// The two tests that read the overview (whose computations cost seconds of CPU) share one app:
// the link's test first, on the folder as shipped plus its link; the paths test after it asserts
// only what its own files add (arrayContaining), so the link left in the folder changes nothing
// it checks, and its pages are scanned with the link's secret there to leak.
let overview: Fixture | null = null;
const overviewFixture = async () => (overview ??= await fixture());
afterAll(async () => {
  await overview?.close();
});

const SECRET = 'title: outside-secret-title\ninputs:\n  hidden_key_name: 1\noutput: hidden_key_name\n';
const FILE_ROUTES = (id: string) => [`/models/${id}.yaml`, `/models/${id}/file`, `/models/${id}/edit`];

/** Every response of `urls`: never the server's folder, never the secret's names. */
async function expectNothingLeaks(f: Fixture, urls: string[]) {
  for (const url of urls) {
    const res = await request(f.web.app).get(url);
    expect(res.text, url).not.toContain(f.dir);
    expect(res.text, url).not.toContain('outside-secret-title');
    expect(res.text, url).not.toContain('hidden_key_name');
  }
}

describe('a link in the models folder', () => {
  it('to a file outside it: the file routes show nothing of the target, and the error names only the link', async () => {
    const f = await overviewFixture();
    const outside = join(f.dir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.yaml'), SECRET);
    symlinkSync(join(outside, 'secret.yaml'), join(f.modelsDir, 'leak.yaml'));
    for (const url of FILE_ROUTES('leak')) {
      const res = await request(f.web.app).get(url);
      expect(res.status, url).toBe(404);
    }
    const api = await request(f.web.app).get('/api/models');
    expect(api.body.models.map((m: { id: string }) => m.id)).not.toContain('leak');
    expect(api.body.errors).toEqual([expect.objectContaining({ code: 'link-outside', file: 'models/leak.yaml' })]);
    await expectNothingLeaks(f, [...FILE_ROUTES('leak'), '/api/models', '/', '/models/leak']);
  });

  it('replacing a model file: the routes keep showing its last good text, never the target', async () => {
    f = await fixture();
    const good = readFileSync(join(f.modelsDir, 'speed-costs.yaml'), 'utf8');
    expect((await request(f.web.app).get('/models/speed-costs.yaml')).text).toBe(good);
    writeFileSync(join(f.dir, 'secret.yaml'), SECRET);
    rmSync(join(f.modelsDir, 'speed-costs.yaml'));
    symlinkSync(join(f.dir, 'secret.yaml'), join(f.modelsDir, 'speed-costs.yaml'));
    const raw = await request(f.web.app).get('/models/speed-costs.yaml');
    expect(raw.status).toBe(200);
    expect(raw.text).toBe(good);
    await expectNothingLeaks(f, [...FILE_ROUTES('speed-costs'), '/api/models', '/models/speed-costs']);
  });
});

describe('a model file over the size limit', () => {
  it('is never read: the routes say it cannot be shown, naming the limit', async () => {
    f = await fixture();
    const big = join(f.modelsDir, 'big.yaml');
    writeFileSync(big, SECRET);
    // 400 MB on paper, a few bytes on disk: reading it whole would show in memory and time.
    truncateSync(big, 400_000_000);
    for (const url of FILE_ROUTES('big')) {
      const res = await request(f.web.app).get(url);
      expect(res.status, url).toBe(404);
      expect(res.text, url).toContain('file-size');
    }
    const api = await request(f.web.app).get('/api/models');
    expect(api.body.errors).toEqual([
      expect.objectContaining({
        code: 'limit-exceeded',
        file: 'models/big.yaml',
        limit: { name: 'file-size', max: 1_000_000 },
      }),
    ]);
    await expectNothingLeaks(f, [...FILE_ROUTES('big'), '/api/models']);
  });
});

describe('paths in responses', () => {
  it('are the folder and file names, never the server path: models, errors, runs, pages', async () => {
    const f = await overviewFixture();
    writeFileSync(
      join(f.modelsDir, 'broken.yaml'),
      'title: broken\ninputs:\n  x: 1\nnodes:\n  y: x + nowhere\noutput: y\n',
    );
    writeFileSync(join(f.modelsDir, 'speed-costs.yml'), readFileSync(join(f.modelsDir, 'speed-costs.yaml')));
    const api = await request(f.web.app).get('/api/models');
    expect(api.body.models.find((m: { id: string }) => m.id === 'p-scheming').file).toBe('models/p-scheming.yaml');
    expect(api.body.errors.map((e: { code: string; file: string }) => [e.code, e.file])).toEqual(
      expect.arrayContaining([
        ['unknown-name', 'models/broken.yaml'],
        ['duplicate-name', 'models/speed-costs.yml'],
      ]),
    );
    const run = await request(f.web.app).get('/api/models/broken/run');
    expect(run.status).toBe(503);
    expect(run.body.issues[0]).toMatchObject({ code: 'unknown-name', file: 'models/broken.yaml', line: 5 });
    const file = await request(f.web.app).get('/models/broken/file');
    expect(file.status).toBe(200);
    expect(file.text).toContain('nowhere');
    await expectNothingLeaks(f, [
      '/api/models',
      '/api/models/broken',
      '/api/models/broken/run',
      '/api/models/p-scheming',
      '/models/broken',
      '/models/broken/file',
      '/models/broken/edit',
      '/',
    ]);
  });
});
