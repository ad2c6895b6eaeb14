// The resolution-impact timeline against the command line: resolutions are scripted one by one,
// `credence run --json` is run after each (reading the same database), and the timeline drawn
// afterwards from the history must give, at every step, the numbers the command printed then.
// Only equality is tested: how far a resolution moves the output is the models' business.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp, type WebApp } from '../../src/web/app.ts';
import { BUILT_WORKERS } from '../support/built-workers.ts';
import { main } from '../../src/main/credence.ts';
import { recordResolution, loadCatalog } from '../../src/predictions/index.ts';
import { loadProject } from '../../src/model/project.ts';
import { impactOf, type Impact } from '../../src/web/impact.ts';

const MODELS: Record<string, string> = {
  'base.yaml': `title: Base
inputs:
  a:
    dist: beta(3, 4)
    unit: probability
  b:
    dist: uniform(0.2, 0.9)
    unit: probability
nodes:
  p_out:
    expr: a * b
    label: P(outcome) of the base
    unit: probability
output: p_out
`,
  'top.yaml': `title: Top
imports:
  base: base
inputs:
  c:
    dist: beta(2, 2)
    unit: probability
nodes:
  p_top:
    expr: base.p_out * 0.5 + c * 0.5
    label: P(top), everything combined
    unit: probability
output: p_top
`,
  'predictions.yaml': `predictions:
  - id: A
    statement: A happens.
    credence: 0.4
    stated: "2025-01-01"
    criteria: Whether A happens.
    model: base
    p_yes: a
  - id: B
    statement: B happens.
    credence: 0.6
    stated: "2025-01-01"
    criteria: Whether B happens.
    model: base
    p_yes: b
  - id: C
    statement: C happens.
    credence: 0.5
    stated: "2025-01-01"
    criteria: Whether C happens.
    model: top
    p_yes: c
`,
};

let dir: string;
let modelsDir: string;
let dbPath: string;
let web: WebApp;

interface Printed {
  mean: number;
  p5: number;
  p95: number;
  ess: number | null;
}

async function cliRun(model: string): Promise<Printed> {
  const out: string[] = [];
  const code = await main(['run', model, '--json'], { out: (s) => out.push(s), err: () => {}, modelsDir, dbPath });
  expect(code).toBe(0);
  const r = JSON.parse(out.join('\n')) as {
    output: string;
    nodes: Record<string, Printed>;
    posterior: Record<string, Printed> | null;
    ess: number | null;
  };
  const s = r.posterior?.[r.output] ?? r.nodes[r.output]!;
  return { mean: s.mean, p5: s.p5, p95: s.p95, ess: r.ess };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credence-impact-'));
  modelsDir = join(dir, 'models');
  mkdirSync(modelsDir);
  for (const [f, t] of Object.entries(MODELS)) writeFileSync(join(modelsDir, f), t);
  dbPath = join(dir, 'credence.db');
  web = await createApp({
    modelsDir,
    dbPath,
    workers: 0,
    rateLimit: false,
    budgetMs: 50,
    publicUrl: 'http://credence.test',
    workerEntries: BUILT_WORKERS,
  });
});

afterAll(async () => {
  await web.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the resolution-impact timeline', () => {
  it('gives at each step the numbers `credence run` printed after that resolution', async () => {
    const project = loadProject(modelsDir);
    const catalog = loadCatalog(project);
    if (!catalog.ok) throw new Error('catalog');
    const store = web.site.track!.store;
    const script: [string, 'yes' | 'no' | 'unresolved' | 'ambiguous'][] = [
      ['A', 'yes'],
      ['C', 'no'],
      ['A', 'unresolved'],
      ['B', 'ambiguous'],
      ['B', 'unresolved'],
      ['B', 'no'],
    ];
    const printed = { top: [await cliRun('top')], base: [await cliRun('base')] };
    const versions = new Map<string, number>();
    for (const [id, outcome] of script) {
      const version = versions.get(id) ?? 0;
      const r = await recordResolution(
        store,
        catalog.value,
        id,
        { outcome, note: 'scripted', version },
        { name: 't', via: 'cli' },
      );
      expect(r.ok).toBe(true);
      versions.set(id, version + 1);
      printed.top.push(await cliRun('top'));
      printed.base.push(await cliRun('base'));
    }
    await web.site.track!.refresh();
    const snapshot = web.site.live.current();
    const timeline = async (model: 'top' | 'base'): Promise<Impact> => {
      const r = await impactOf(web.site, snapshot, snapshot.project.models.get(model)!, 600_000);
      if (r?.state !== 'ready') throw new Error(`impact of ${model}: ${JSON.stringify(r)}`);
      return r.value;
    };
    // top: every resolution reaches it (C links it, A and B link its import) → 1 + 6 steps.
    const top = await timeline('top');
    expect(top.steps.map((s) => s.count)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(top.steps.map((s) => s.figures)).toEqual(
      printed.top.map((p) => expect.objectContaining({ mean: p.mean, p5: p.p5, p95: p.p95, ess: p.ess })),
    );
    expect(top.before.mean).toBe(printed.top[0]!.mean);
    expect(top.now.mean).toBe(printed.top[6]!.mean);
    // base: C (linked to top) does not reach it, so its step is left out.
    const base = await timeline('base');
    expect(base.steps.map((s) => s.count)).toEqual([0, 1, 3, 4, 5, 6]);
    expect(base.steps.map((s) => s.figures.mean)).toEqual([0, 1, 3, 4, 5, 6].map((i) => printed.base[i]!.mean));
    // Each step links to its resolution.
    expect(top.steps.map((s) => s.href)).toEqual([
      null,
      '/predictions/A#resolution-1',
      '/predictions/C#resolution-1',
      '/predictions/A#resolution-2',
      '/predictions/B#resolution-1',
      '/predictions/B#resolution-2',
      '/predictions/B#resolution-3',
    ]);
  }, 600_000);

  it('is on the home page and the model page, and pinned by asof to the numbers as they were', async () => {
    const home = await request(web.app).get('/impact/top');
    expect(home.status).toBe(200);
    expect(home.text).toContain('data-chart="timeline"');
    expect(home.text).toContain('href="/predictions/C#resolution-1"');
    const pinned = await request(web.app).get('/impact/top?asof=2');
    expect(pinned.status).toBe(200);
    const steps = (html: string) => (html.match(/<li>/g) ?? []).length;
    expect(steps(pinned.text)).toBe(3);
    // Before any resolution there is one figure, not the same number twice with a shift of 0.
    const none = await request(web.app).get('/impact/top?asof=0');
    expect(none.status).toBe(200);
    expect(none.text).toContain('with no prediction resolved yet');
    expect(none.text).not.toContain('data-before');
    expect(none.text).not.toContain('impact__shift');
  }, 600_000);
});
