// A prediction's credences over time, from a scripted record with pinned clocks: forecasts,
// the forecasters' median, and the credence the linked model implies after each resolution of
// another prediction. Closed form: A and B read one latent θ ~ Beta(2, 3) with P(yes) = θ, C an
// independent one, so B's model credence is 2/5 before any resolution and E[θ | A yes] = 1/2
// after A resolves yes (C's resolution moves it only by Monte Carlo noise); B's own resolution
// never moves it. Each model point must equal /api/implied as of that point, and the page must
// carry the same data for its chart, or fill it in from the panel's own URL.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp, type WebApp } from '../../src/web/app.ts';
import { BUILT_WORKERS } from '../support/built-workers.ts';
import { recordForecast, recordResolution, loadCatalog } from '../../src/predictions/index.ts';
import { loadProject } from '../../src/model/project.ts';
import type { CredenceData } from '../../src/web/charts/index.ts';
import { scriptJson } from '../../src/web/format.ts';

const MODELS: Record<string, string> = {
  'shared.yaml': `title: One latent behind two predictions
inputs:
  theta:
    dist: beta(2, 3)
    unit: probability
  other:
    dist: beta(5, 5)
    unit: probability
nodes:
  y:
    expr: theta * other
    unit: probability
output: y
`,
  'predictions.yaml': `predictions:
  - id: A
    statement: The first coin lands heads.
    credence: 0.3
    stated: "2026-01-01"
    criteria: Heads.
    model: shared
    p_yes: theta
  - id: B
    statement: The second coin lands heads.
    credence: 0.6
    stated: "2026-01-01"
    criteria: Heads.
    model: shared
    p_yes: theta
  - id: C
    statement: An unrelated coin lands heads.
    credence: 0.5
    stated: "2026-01-01"
    criteria: Heads.
    model: shared
    p_yes: other
`,
};

const day = (d: number) => () => new Date(Date.UTC(2026, 0, d));
const iso = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();

let dir: string;
let web: WebApp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credence-history-'));
  const modelsDir = join(dir, 'models');
  mkdirSync(modelsDir);
  for (const [f, t] of Object.entries(MODELS)) writeFileSync(join(modelsDir, f), t);
  // A budget of 0: every computed panel is sent pending first, as on a busy server.
  web = await createApp({
    modelsDir,
    dbPath: join(dir, 'credence.db'),
    workers: 0,
    rateLimit: false,
    budgetMs: 0,
    workerEntries: BUILT_WORKERS,
  });
  const catalog = loadCatalog(loadProject(modelsDir));
  if (!catalog.ok) throw new Error('catalog');
  const store = web.site.track!.store;
  const forecast = async (who: string, credence: number, d: number) =>
    expect(
      (await recordForecast(store, catalog.value, 'B', { credence }, { name: who, via: 'api' }, { now: day(d) })).ok,
    ).toBe(true);
  const resolve = async (id: string, outcome: 'yes' | 'no', d: number) =>
    expect(
      (
        await recordResolution(
          store,
          catalog.value,
          id,
          { outcome, note: 'as scripted', version: 0 },
          { name: 'rita', via: 'api' },
          { now: day(d) },
        )
      ).ok,
    ).toBe(true);
  await forecast('alice', 0.3, 2);
  await forecast('bob', 0.7, 3);
  await resolve('A', 'yes', 4);
  await forecast('alice', 0.5, 5);
  await resolve('C', 'no', 6);
  await resolve('B', 'no', 7);
}, 120_000);

afterAll(async () => {
  await web?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a prediction's credence over time", () => {
  let h: CredenceData;

  it('gives each forecast, the median after each, and the resolutions of this prediction', async () => {
    const res = await request(web.app).get('/api/predictions/B/credence');
    expect(res.status).toBe(200);
    h = res.body as CredenceData;
    expect(h.author).toEqual({ credence: 0.6, stated: '2026-01-01' });
    expect(h.forecasters).toEqual([
      {
        forecaster: 'alice',
        points: [
          { at: iso(2), credence: 0.3 },
          { at: iso(5), credence: 0.5 },
        ],
      },
      { forecaster: 'bob', points: [{ at: iso(3), credence: 0.7 }] },
    ]);
    // Medians: 0.3 alone; (0.3 + 0.7)/2; (0.5 + 0.7)/2.
    expect(h.aggregate.map((a) => [a.at, a.n])).toEqual([
      [iso(2), 1],
      [iso(3), 2],
      [iso(5), 2],
    ]);
    expect(h.aggregate.map((a) => a.credence)).toEqual([0.3, expect.closeTo(0.5, 12), expect.closeTo(0.6, 12)]);
    expect(h.resolutions).toEqual([{ at: iso(7), outcome: 'no' }]);
    expect(Date.parse(h.from)).toBeLessThan(Date.parse(iso(2)));
    expect(Date.parse(h.to)).toBeGreaterThan(Date.parse(iso(7)));
  });

  it("moves the model's credence with A's resolution, by the closed form, and not with its own", () => {
    // Steps: the start, A yes (event 1), C no (event 2); B's own (event 3) is not a step.
    expect(h.implied.map((m) => [m.at, m.count, m.detail])).toEqual([
      [null, 0, 'Before any resolution'],
      [iso(4), 1, 'Prediction A resolved yes'],
      [iso(6), 2, 'Prediction C resolved no'],
    ]);
    const [start, afterA, afterC] = h.implied;
    expect(Math.abs(start!.implied - 2 / 5)).toBeLessThan(5 * start!.mcse);
    expect(Math.abs(afterA!.implied - 1 / 2)).toBeLessThan(5 * afterA!.mcse);
    expect(afterA!.implied - start!.implied).toBeGreaterThan(10 * afterA!.mcse);
    expect(Math.abs(afterC!.implied - 1 / 2)).toBeLessThan(5 * afterC!.mcse);
    expect(start!.ess).toBeNull();
    expect(afterA!.ess).toBeGreaterThan(0);
  });

  it('gives at each step what /api/implied gives as of that step', async () => {
    for (const m of h.implied) {
      const r = await request(web.app).get(`/api/implied?asof=${m.count}`);
      expect(r.status).toBe(200);
      const row = (r.body as { predictions: { id: string; implied: number; ess: number | null }[] }).predictions.find(
        (p) => p.id === 'B',
      )!;
      expect(row.implied).toBe(m.implied);
      expect(row.ess).toBe(m.ess);
    }
    // Pinned before A's resolution, the chart has the start alone.
    const pinned = (await request(web.app).get('/api/predictions/B/credence?asof=0')).body as CredenceData;
    expect(pinned.implied.map((m) => m.implied)).toEqual([h.implied[0]!.implied]);
    expect(pinned.resolutions).toEqual([]);
  });

  it('is drawn on the page from the data the API gives', async () => {
    const page = await request(web.app).get('/predictions/B');
    expect(page.status).toBe(200);
    // The runs are cached by now, so the page has the chart's data inline: the API's, as pages write JSON.
    const json = /<script type="application\/json" id="chart-credence-B">([\s\S]*?)<\/script>/.exec(page.text);
    expect(json).not.toBeNull();
    expect(json![1]).toBe(scriptJson(h));
    expect(page.text).toContain('data-chart="credence"');
  });

  it('sends a computing panel with its own URL, which gives the drawn panel', async () => {
    // A prediction whose runs were never asked for: pending at a budget of 0.
    const page = await request(web.app).get('/predictions/C');
    const src = /data-panel="credence"[^>]*data-panel-src="([^"]+)"/.exec(page.text);
    expect(src?.[1]).toBe('/predictions/C/panels/credence');
    const panel = await request(web.app).get(src![1]!);
    expect(panel.status).toBe(200);
    expect(panel.text).toContain('id="chart-credence-C"');
    expect(panel.text).not.toContain('data-panel-src');
    // What its resolution did to the models: also sent computing, also filled in from its URL.
    const impact = /data-panel="impact"[^>]*data-panel-src="([^"]+)"/.exec(page.text);
    expect(impact?.[1]).toBe('/predictions/C/panels/impact');
    expect(page.text).not.toContain('reload in a moment');
    const filled = await request(web.app).get(impact![1]!);
    expect(filled.text).toMatch(/Just before and just after its resolution:[\s\S]*→/);
    expect((await request(web.app).get('/predictions/C/panels/nope')).status).toBe(404);
    expect((await request(web.app).get('/predictions/Z/panels/credence')).status).toBe(404);
  });
});
