// The track record's pages and exports, from a scripted record with pinned clocks: the
// predictions list (author, model-implied, forecasters' median, status, value of information),
// a forecaster's page (scores and calibration), and the export as JSON and CSV. Expected
// figures are computed by hand in the comments.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { csvParse } from 'd3';
import { createApp, type WebApp } from '../../src/web/app.ts';
import { BUILT_WORKERS } from '../support/built-workers.ts';
import { UNTIL_READY_MS } from '../support/waits.ts';
import { recordForecast, recordResolution, loadCatalog } from '../../src/predictions/index.ts';
import { loadProject } from '../../src/model/project.ts';

const MODELS: Record<string, string> = {
  'base.yaml': `title: Base
inputs:
  a:
    dist: beta(3, 7)
    unit: probability
  b:
    dist: uniform(0.2, 0.6)
    unit: probability
nodes:
  p_out:
    expr: a * b
    label: P(outcome) of the base
    unit: probability
output: p_out
`,
  'predictions.yaml': `predictions:
  - id: A
    statement: A happens.
    credence: 0.4
    stated: "2026-01-01"
    criteria: Whether A happens.
    model: base
    p_yes: a
  - id: B
    statement: B happens.
    credence: 0.6
    stated: "2026-01-01"
    criteria: Whether B happens.
    model: base
    p_yes: b
`,
};

const day = (d: number) => () => new Date(Date.UTC(2026, 0, d));

let dir: string;
let web: WebApp;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credence-track-pages-'));
  const modelsDir = join(dir, 'models');
  mkdirSync(modelsDir);
  for (const [f, t] of Object.entries(MODELS)) writeFileSync(join(modelsDir, f), t);
  web = await createApp({
    modelsDir,
    dbPath: join(dir, 'credence.db'),
    workers: 0,
    rateLimit: false,
    // Pages are asserted with their values: they wait for them however long the runs take.
    budgetMs: UNTIL_READY_MS,
    refreshWaitMs: UNTIL_READY_MS,
    workerEntries: BUILT_WORKERS,
  });
  const catalog = loadCatalog(loadProject(modelsDir));
  if (!catalog.ok) throw new Error('catalog');
  const store = web.site.track!.store;
  const forecast = async (id: string, who: string, credence: number, d: number) =>
    expect(
      (await recordForecast(store, catalog.value, id, { credence }, { name: who, via: 'api' }, { now: day(d) })).ok,
    ).toBe(true);
  await forecast('A', 'alice', 0.2, 1);
  await forecast('A', 'bob', 0.3, 2);
  await forecast('B', 'carol', 0.9, 3);
  await forecast('A', 'alice', 0.8, 4);
  const r = await recordResolution(
    store,
    catalog.value,
    'A',
    { outcome: 'yes', note: 'it happened', version: 0 },
    { name: 'rita', via: 'api' },
    { now: day(5) },
  );
  expect(r.ok).toBe(true);
}, 120_000);

afterAll(async () => {
  await web?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A body of any type, as text. */
const getText = (url: string) =>
  request(web.app)
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => done(null, body));
    })
    .then((res) => ({ status: res.status, text: res.body as string }));

const attr = (html: string, name: string) => [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

describe('the predictions list', () => {
  it("shows the author's credence, the model's, the forecasters' median and the status side by side", async () => {
    const page = await request(web.app).get('/predictions');
    expect(page.status).toBe(200);
    const implied = (await request(web.app).get('/api/implied')).body as {
      predictions: { id: string; implied: number }[];
    };
    expect(attr(page.text, 'data-author').map(Number)).toEqual([0.4, 0.6]);
    // The model's credence is the implied analysis's (the same as `credence predictions`).
    expect(attr(page.text, 'data-implied').map(Number)).toEqual(implied.predictions.map((p) => p.implied));
    // A: the latest of alice (0.8) and bob (0.3): median 0.55; B: carol alone, 0.9.
    expect(attr(page.text, 'data-aggregate').map(Number)).toEqual([expect.closeTo(0.55, 12), 0.9]);
    expect(page.text).toMatch(/resolved yes/);
  }, 120_000);

  it('ranks the open predictions by value of information on the overall model, as /charts/…/voi.svg draws', async () => {
    const page = await request(web.app).get('/predictions');
    expect(page.text).toContain('data-chart="voi"');
    // Only B is open.
    const data = JSON.parse(
      /<script type="application\/json" id="chart-voi-voi">([\s\S]*?)<\/script>/.exec(page.text)![1]!,
    );
    expect(data.rows.map((r: { id: string }) => r.id)).toEqual(['B']);
    const svg = await getText('/charts/base/voi.svg');
    expect(svg.status).toBe(200);
    expect(svg.text).toContain('class="bar"');
  }, 120_000);

  it('scores each forecaster with Brier, time-weighted Brier and log, linked to their page', async () => {
    const page = await request(web.app).get('/predictions');
    expect(page.text).toContain('href="/forecasters/alice"');
    // Plain Brier (latest forecast before the resolution, yes): author 0.4 → 0.36, alice 0.8 →
    // 0.04, bob 0.3 → 0.49. Time-weighted: alice's 0.2 stood days 1–4 (3 days, 0.64), her 0.8
    // days 4–5 (1 day, 0.04): (3·0.64 + 0.04) / 4 = 0.49; bob's one forecast: 0.49.
    const brier = attr(page.text, 'data-brier').map(Number);
    const tw = attr(page.text, 'data-tw-brier').map(Number);
    expect(brier).toEqual([expect.closeTo(0.36, 12), expect.closeTo(0.04, 12), expect.closeTo(0.49, 12)]);
    expect(tw).toEqual([expect.closeTo(0.36, 12), expect.closeTo(0.49, 12), expect.closeTo(0.49, 12)]);
  }, 120_000);
});

describe("a forecaster's page", () => {
  it('gives their scores, every forecast, and calibration points at the mean credence of each bin', async () => {
    const page = await request(web.app).get('/forecasters/alice');
    expect(page.status).toBe(200);
    expect(attr(page.text, 'data-tw-brier').map(Number)).toEqual([expect.closeTo(0.49, 12)]);
    expect(page.text.match(/<time datetime="2026-01-0[14]/g)).toHaveLength(2);
    const data = JSON.parse(
      /<script type="application\/json" id="chart-calibration">([\s\S]*?)<\/script>/.exec(page.text)![1]!,
    );
    const bins = data.series[0].bins.filter((b: { count: number }) => b.count > 0);
    // Only the scored 0.8 counts: bin [0.8, 0.9) with mean credence 0.8, observed 1 of 1.
    expect(bins).toEqual([expect.objectContaining({ lo: 0.8, count: 1, yes: 1, meanCredence: 0.8, observed: 1 })]);
  });

  it("is the author's for 'author', and 404 for a name with no forecast", async () => {
    const author = await request(web.app).get('/forecasters/author');
    expect(author.status).toBe(200);
    expect(author.text).toContain('The author');
    expect((await request(web.app).get('/forecasters/nobody')).status).toBe(404);
  });
});

describe('the track-record export', () => {
  it('holds every resolution and forecast, the median and the scores, as JSON and as CSV', async () => {
    const json = await request(web.app).get('/api/track-record?samples=2000&seed=3');
    expect(json.status).toBe(200);
    expect(json.body.asof).toBe(1);
    expect(json.body.impliedRun).toEqual({ samples: 2000, seed: 3 });
    const a = json.body.predictions[0];
    expect([a.status, a.aggregate, a.resolutions.length, a.forecasts.length]).toEqual([
      'yes',
      expect.closeTo(0.55, 12),
      1,
      3,
    ]);
    const csv = await request(web.app).get('/api/track-record.csv?samples=2000&seed=3');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="credence-track-record-1\.csv"/);
    const rows = csvParse(csv.text);
    expect(rows.filter((r) => r.kind === 'forecast')).toHaveLength(4);
    expect(rows.filter((r) => r.kind === 'score').map((r) => [r.forecaster, Number(r.tw_brier)])).toEqual([
      ['author', expect.closeTo(0.36, 12)],
      ['alice', expect.closeTo(0.49, 12)],
      ['bob', expect.closeTo(0.49, 12)],
    ]);
  });

  it('as of no resolution: everything open, no scores', async () => {
    const json = await request(web.app).get('/api/track-record?asof=0&samples=2000');
    expect(json.body.asof).toBe(0);
    expect(json.body.predictions.map((p: { status: string }) => p.status)).toEqual(['open', 'open']);
    expect(json.body.scores.forecasters).toEqual([]);
  });
});

describe('permalinks', () => {
  /** Attribute text as the browser reads it. */
  const decoded = (s: string) => s.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  const permalinkOf = (html: string) =>
    decoded(/<a href="([^"]*)" rel="bookmark" data-permalink>/.exec(html)?.[1] ?? '');
  const noticeOf = (html: string) => decoded(/<div class="notice link-notice"[^]*?<\/div>/.exec(html)?.[0] ?? '');
  const version = () => web.site.live.current().version;

  it("pin the record seen and the models' version, and say nothing when nothing changed", async () => {
    const page = await request(web.app).get('/forecasters/alice');
    expect(page.status).toBe(200);
    // One resolution recorded (A, day 5).
    expect(permalinkOf(page.text)).toBe(`/forecasters/alice?asof=1&v=${version().slice(0, 12)}`);
    expect(page.text).not.toContain('data-link-changed');
    const again = await request(web.app).get(`/forecasters/alice?asof=1&v=${version().slice(0, 12)}`);
    expect(again.text).not.toContain('data-link-changed');
  });

  it('say when resolutions were recorded since the link, and link to the current view', async () => {
    const page = await request(web.app).get(`/forecasters/alice?asof=0&v=${version().slice(0, 12)}`);
    expect(page.status).toBe(200);
    const notice = noticeOf(page.text);
    expect(notice).toContain('The numbers changed since this link was made.');
    expect(notice).toContain('1 resolution has been recorded since');
    expect(notice).not.toContain('model files have changed');
    expect(notice).toContain('<a href="/forecasters/alice">See the current view</a>');
    // The page's own permalink keeps what it shows: the record as of 0.
    expect(permalinkOf(page.text)).toBe(`/forecasters/alice?asof=0&v=${version().slice(0, 12)}`);
  });

  it('say when the model files changed since the link, keeping the other parameters', async () => {
    const page = await request(web.app).get('/models/base?samples=2000&v=0123456789ab&asof=1');
    expect(page.status).toBe(200);
    const notice = noticeOf(page.text);
    expect(notice).toContain('The model files have changed since');
    expect(notice).not.toContain('resolution has been recorded');
    expect(notice).toContain('<a href="/models/base?samples=2000">See the current view</a>');
  });

  it('keep their pins in the addresses of the parts still to compute, with scripts and without', async () => {
    const page = await request(web.app).get('/models/base?samples=2000&asof=0&v=0123456789ab');
    expect(page.status).toBe(200);
    const srcs = [...page.text.matchAll(/data-panel-src="([^"]*)"/g)].map((m) => decoded(m[1]!));
    const opens = [...page.text.matchAll(/<noscript><p>This takes a moment: <a href="([^"]*)"/g)].map((m) =>
      decoded(m[1]!),
    );
    // The model page computes the panels below its first screen when they are reached.
    expect(srcs.length).toBeGreaterThan(0);
    expect(opens).toEqual(srcs);
    for (const src of srcs) {
      const q = new URLSearchParams(src.slice(src.indexOf('?') + 1));
      expect([q.get('asof'), q.get('v'), q.get('samples')], src).toEqual(['0', '0123456789ab', '2000']);
    }
    // An unpinned page links to the numbers now.
    const now = await request(web.app).get('/models/base?samples=2000');
    for (const m of now.text.matchAll(/data-panel-src="([^"]*)"/g)) expect(decoded(m[1]!)).not.toMatch(/asof=|v=/);
  });
});
