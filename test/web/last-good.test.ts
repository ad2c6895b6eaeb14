// A model made unrunnable by another file's edit keeps serving its last good version: its import
// deleted, renamed, made invalid, turned into an import cycle, or pointed at a missing model.
// The page, the run, an analysis and a chart answer from the last good version; the banner names
// the file at fault and why; once the import is put right, the fresh version serves. A model that
// never ran stays an honest 503.
// Quantities are constants, so every figure is exact by hand: z = 3x + 1.

import { describe, it, expect, afterEach } from 'vitest';
import request from 'supertest';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bannerText, appWith, editModel, type Fixture } from './helpers.ts';

const base = (x: number, imports = ''): string =>
  `title: Base\n${imports}inputs:\n  x: ${x}\nnodes:\n  y:\n    expr: x * 3\noutput: y\n`;
const TOP = `title: Top\nimports:\n  b: b\nnodes:\n  z:\n    expr: b.y + 1\noutput: z\n`;

let f: Fixture | null = null;
afterEach(async () => {
  await f?.close();
  f = null;
});

/** z's mean from the run, and the status. */
async function runOf(app: Fixture['web']['app']): Promise<{ status: number; z: number | undefined }> {
  const res = await request(app).get('/api/models/a/run?samples=200');
  return { status: res.status, z: res.body.nodes?.z?.mean };
}

const BREAKS: { how: string; breakIt: (dir: string) => void; says: string[]; stale: string[] }[] = [
  {
    how: 'deleted',
    breakIt: (dir) => rmSync(join(dir, 'b.yaml')),
    says: ["models/b.yaml: there is no file for the model 'b' any more (deleted or renamed)"],
    stale: ['b'],
  },
  {
    how: 'renamed',
    breakIt: (dir) => renameSync(join(dir, 'b.yaml'), join(dir, 'b2.yaml')),
    says: ["models/b.yaml: there is no file for the model 'b' any more (deleted or renamed)"],
    stale: ['b'],
  },
  {
    how: 'made invalid',
    breakIt: (dir) => editModel(dir, 'b', (t) => t.replace('x * 3', 'x * * 3')),
    says: ['models/b.yaml:6:15: cannot read the expression'],
    stale: ['b'],
  },
  {
    how: 'turned into an import cycle',
    breakIt: (dir) => editModel(dir, 'b', () => base(2, 'imports:\n  a: a\n')),
    says: [
      'models/b.yaml:3:6: circular import: a → b → a',
      "models/a.yaml:3:6: imports 'b', which cannot run: circular import: a → b → a",
    ],
    stale: ['a', 'b'],
  },
  {
    how: 'pointed at a model that does not exist',
    breakIt: (dir) => editModel(dir, 'b', () => base(2, 'imports:\n  n: nowhere\n')),
    says: ["models/b.yaml:3:6: imports 'nowhere', but there is no model file nowhere.yaml"],
    stale: ['a', 'b'],
  },
];

describe('an importer whose import another edit breaks', () => {
  it.each(BREAKS)('import $how: last good version with a banner naming the file, then the fresh one', async (b) => {
    f = await appWith({ 'a.yaml': TOP, 'b.yaml': base(2) });
    const app = f.web.app;
    expect(await runOf(app)).toEqual({ status: 200, z: 7 });
    const chartBefore = await request(app).get('/charts/a/distribution.svg?samples=200');
    expect(chartBefore.status).toBe(200);

    b.breakIt(f.modelsDir);
    expect(await runOf(app)).toEqual({ status: 200, z: 7 });
    const analysis = await request(app).get('/api/models/a/distribution?samples=200');
    expect(analysis.status).toBe(200);
    expect(analysis.body.prior.stats.mean).toBe(7);
    const chart = await request(app).get('/charts/a/distribution.svg?samples=200');
    expect(chart.status).toBe(200);
    expect(chart.text).toBe(chartBefore.text);
    const page = await request(app).get('/models/a?samples=200');
    expect(page.status).toBe(200);
    const banner = bannerText(page.text);
    expect(banner).toContain('The last good version of');
    expect(banner).not.toContain('no earlier version');
    for (const line of b.says) expect(banner).toContain(line);
    const listed = await request(app).get('/api/models');
    const models = listed.body.models as { id: string; stale: boolean }[];
    expect(models.filter((m) => m.stale).map((m) => m.id)).toEqual(b.stale);

    // Put the import right, with a new value: the fresh version serves, the banner goes.
    rmSync(join(f.modelsDir, 'b2.yaml'), { force: true });
    writeFileSync(join(f.modelsDir, 'b.yaml'), base(5));
    editModel(f.modelsDir, 'b', (t) => t);
    expect(await runOf(app)).toEqual({ status: 200, z: 16 });
    const fresh = await request(app).get('/models/a?samples=200');
    expect(fresh.status).toBe(200);
    expect(bannerText(fresh.text)).toBeNull();
  });

  it('a cycle in files that never ran together is an honest 503 naming it', async () => {
    f = await appWith({ 'a.yaml': TOP, 'b.yaml': base(2, 'imports:\n  a: a\n') });
    const res = await request(f.web.app).get('/api/models/a/run?samples=200');
    expect(res.status).toBe(503);
    expect(res.body.error).toBe("the model 'a' cannot run: its file or one of its imports has the errors below");
    expect(res.body.errors.join('\n')).toContain('circular import: a → b → a');
  });
});
