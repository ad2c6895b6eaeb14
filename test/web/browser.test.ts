// Browser tests: Debian's Chromium through playwright-core loads every page, checks that each
// chart drew its marks, edits an input, follows a permalink, breaks a model file, and takes
// screenshots at 1280 and 390 px wide into test-output/screenshots/.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_MISSING } from '../support/chromium.ts';
import { browse, patience, type Browsing } from '../support/browser.ts';
import { fixture, editModel, type Fixture } from './helpers.ts';
import { createToken, recordForecast } from '../../src/predictions/index.ts';

const SHOTS = resolve('test-output/screenshots');
const WIDTHS = [1280, 390] as const;
const LONG = 15 * 60_000;

const patient = patience(LONG);

let f: Fixture;
let served: Browsing;
let base: string;
let browser: Browser;

/** Open a page and wait until every panel has arrived and every chart has drawn. */
async function open(page: Page, url: string): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A panel refused as busy (429/503 with Retry-After) is asked for again by the page.
    if (m.type() === 'error' && !/status of (429|503)/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  const res = await page.goto(base + url, { waitUntil: 'load' });
  expect(res?.status(), url).toBeLessThan(500);
  // Panels below the first screen compute when the reader reaches them: scroll through the page.
  await page.waitForFunction(
    () => {
      window.scrollBy(0, window.innerHeight);
      return document.querySelectorAll('[data-panel-src]').length === 0;
    },
    null,
    { timeout: LONG, polling: 250 },
  );
  const failed = await page.locator('[data-panel-failed]').allTextContents();
  problems.push(...failed.map((t) => `panel failed: ${t.trim().slice(0, 200)}`));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(
    () => Array.from(document.querySelectorAll<HTMLElement>('[data-chart]')).every((el) => el.dataset.drawn),
    null,
    { timeout: LONG },
  );
  return problems;
}

/** Marks of one chart, and the data it was drawn from. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the chart's own data shape
async function marks(page: Page, chart: string, selector: string): Promise<{ count: number; data: any }> {
  return page.evaluate(
    ([chart, selector]) => {
      const el = document.querySelector<HTMLElement>(`[data-chart="${chart}"]`);
      if (!el) return { count: -1, data: null };
      const script = document.getElementById(el.dataset.src ?? '');
      return {
        count: el.querySelectorAll(selector).length,
        data: script ? JSON.parse(script.textContent ?? 'null') : null,
      };
    },
    [chart, selector] as const,
  );
}

const AXE = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations of the page as it stands, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol, so the page's CSP stays as it is.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(d: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    const { violations } = await axe.run(document);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** The editor has run the model in its workers: the headline and the tornado are in. */
async function editorReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('#headline')?.getAttribute('data-mean') !== null &&
      document.querySelector('[data-editor-chart="tornado"]')?.getAttribute('data-drawn') === 'true',
    null,
    { timeout: LONG, polling: 100 },
  );
}

const meanMarker = (page: Page) =>
  page.locator('[data-chart="distribution"] .marker-mean').first().getAttribute('data-value');

describe.skipIf(CHROMIUM_MISSING !== null)('in a browser', () => {
  beforeAll(async () => {
    f = await fixture({ workers: 1, budgetMs: 250 });
    served = await browse(f.web.app);
    ({ base, browser } = served);
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await served?.close();
    await f?.close();
  });

  it(
    'draws every chart of a model page with the expected marks',
    async () => {
      const page = patient(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
      const problems = await open(page, '/models/iterative-chain');
      expect(problems).toEqual([]);
      const tornado = await marks(page, 'tornado', '.bar');
      expect(tornado.count).toBe(tornado.data.rows.length);
      expect(tornado.data.rows.length + tornado.data.excluded.length).toBe(
        await page.locator('input[name^="set."]').count(),
      );
      const dist = await marks(page, 'distribution', '.bin');
      expect(dist.count).toBe(dist.data.prior.bins.length);
      expect((await marks(page, 'cdf', '.line')).count).toBeGreaterThanOrEqual(1);
      const sobol = await marks(page, 'sobol', '.sobol-row');
      expect(sobol.count).toBe(sobol.data.rows.length);
      const sweep = await marks(page, 'sweep', '.line');
      expect(sweep.count).toBe(sweep.data.series.length);
      const heat = await marks(page, 'heatmap', '.cell');
      expect(heat.count).toBe(heat.data.x.values.length * heat.data.y.values.length);
      const crux = await marks(page, 'crux', '.step');
      expect(crux.count).toBe(crux.data.parts.length);
      const graph = await marks(page, 'graph', '.node');
      expect(graph.count).toBe(graph.data.nodes.length);
      // The inputs table has its percentiles.
      expect(await page.locator('td[data-stat="p_base"]').count()).toBe(0);
      expect(await page.locator('td[data-stat="p_not_scheming"]').first().textContent()).toMatch(/%$/);
      await page.close();
    },
    LONG,
  );

  it(
    'draws the worldviews on the home page, one outline per view',
    async () => {
      const page = patient(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
      expect(await open(page, '/')).toEqual([]);
      const w = await marks(page, 'worldviews', '.density');
      expect(w.count).toBe(w.data.series.length);
      expect(w.count).toBeGreaterThanOrEqual(2);
      expect(await page.locator('.model-card').count()).toBeGreaterThanOrEqual(8);
      await page.close();
    },
    LONG,
  );

  it(
    'recomputes an edit in place: no page load, scroll kept, the address a permalink to the same numbers',
    async () => {
      const page = patient(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
      await open(page, '/models/iterative-chain');
      const before = await page.locator('#headline').getAttribute('data-mean');
      await page.evaluate(() => ((window as unknown as { unloaded: boolean }).unloaded = false));
      const field = page.locator('input[name="set.p_aligned_if_not_scheming"]');
      await field.scrollIntoViewIfNeeded();
      const scrolled = await page.evaluate(() => window.scrollY);
      await field.fill('beta(1, 9)');
      await expect.poll(() => page.url(), { timeout: LONG }).toMatch(/set\.p_aligned_if_not_scheming=beta/);
      await expect.poll(() => page.locator('#headline').getAttribute('data-mean')).not.toBe(before);
      const after = await page.locator('#headline').getAttribute('data-mean');
      expect(Number(after)).toBeLessThan(Number(before));
      // The distribution chart follows: its mean marker is the headline's mean.
      await expect.poll(() => meanMarker(page).then(Number), { timeout: LONG }).toBeCloseTo(Number(after), 5);
      // The same document (no navigation), at the same place.
      expect(await page.evaluate(() => (window as unknown as { unloaded?: boolean }).unloaded)).toBe(false);
      expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(40);
      // Unchanged inputs stay out of the link; the link reproduces the numbers.
      expect(page.url()).not.toContain('set.p_step');
      const other = patient(await browser.newPage({ viewport: { width: 390, height: 800 } }));
      await open(other, page.url().slice(base.length));
      expect(await other.locator('#headline').getAttribute('data-mean')).toBe(after);
      expect(await other.inputValue('input[name="set.p_aligned_if_not_scheming"]')).toBe('beta(1, 9)');
      await other.close();
      await page.close();
    },
    LONG,
  );

  it(
    "shows an invalid entry's error beside its field in the field's terms, keeping the last good results",
    async () => {
      const page = patient(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
      await open(page, '/models/iterative-chain');
      const url = page.url();
      const before = await page.locator('#headline').getAttribute('data-mean');
      await page.fill('input[name="set.p_not_scheming"]', 'beta(17,');
      const error = page.locator('#err-p_not_scheming');
      await expect.poll(() => error.isVisible(), { timeout: LONG }).toBe(true);
      expect(await error.textContent()).toMatch(/^At character 9: /);
      expect(await page.inputValue('input[name="set.p_not_scheming"]')).toBe('beta(17,');
      expect(await page.locator('#headline').getAttribute('data-mean')).toBe(before);
      expect(page.url()).toBe(url);
      await page.close();
    },
    LONG,
  );

  // Every page at each width: no serious or critical axe-core violation, no sideways scroll, a
  // screenshot. One test a page, so each has the whole bound however loaded the machine is.
  const shipped = readdirSync(resolve('models'))
    .filter((n) => /\.ya?ml$/.test(n) && !/^predictions\.ya?ml$/.test(n))
    .map((n) => n.replace(/\.ya?ml$/, ''))
    .sort();
  const pages: [string, string][] = [
    ['home', '/'],
    ...shipped.map((id): [string, string] => [`model-${id}`, `/models/${id}`]),
    ['compare-p-scheming', '/models/p-scheming/compare?a=carlsmith-2023&b=roger-2025'],
    ['predictions', '/predictions'],
    ['prediction-1', '/predictions/1'],
    ['file-p-scheming', '/models/p-scheming/file'],
    ['edit-p-scheming', '/models/p-scheming/edit'],
    ['new-model', '/models/new'],
    ['not-found', '/no-such-page'],
  ];
  it.each(pages)(
    'shows %s (%s) at 1280 and 390 px with no serious accessibility violation, and takes its screenshots',
    async (name, url) => {
      for (const width of WIDTHS) {
        const page = patient(await browser.newPage({ viewport: { width, height: 900 } }));
        const problems = await open(page, url);
        // The 404 page's own status is the one error its console may show.
        const notFound = (p: string) => name === 'not-found' && /status of 404/.test(p);
        expect(
          problems.filter((p) => !notFound(p)),
          url,
        ).toEqual([]);
        if (/\/(edit|new)$/.test(url)) await editorReady(page);
        expect(await seriousViolations(page), `${url} at ${width} px`).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${url} at ${width} px scrolls sideways`).toBeLessThanOrEqual(1);
        await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
        await page.close();
      }
    },
    LONG,
  );

  it(
    'resolves a prediction in the browser: no outcome chosen for you, a review with the shift, a confirmation, and the headline moves',
    async () => {
      const token = await createToken(f.web.site.track!.store, 'rita', 'resolver');
      if (!token.ok) throw new Error('could not create a resolver token');
      const page = patient(await browser.newPage({ viewport: { width: 390, height: 900 } }));
      await open(page, '/');
      const before = Number(await page.locator('#headline').getAttribute('data-mean'));
      const id = '3b';
      await page.goto(`${base}/sign-in?next=${encodeURIComponent(`/predictions/${id}/write`)}`);
      await page.fill('#token', token.token);
      await Promise.all([page.waitForURL(`**/predictions/${id}/write`), page.click('main form button[type="submit"]')]);
      expect(await page.locator('.nav-session').textContent()).toContain('rita');
      expect(await page.locator('input[name="outcome"]:checked').count()).toBe(0);
      expect(await seriousViolations(page), 'the resolve form').toEqual([]);
      await page.screenshot({ path: `${SHOTS}/resolve-form-390.png`, fullPage: true });
      await page.check('input[name="outcome"][value="no"]');
      await page.fill('#note', 'Resolved in the browser test.');
      await page.click('text=Review: see what it changes');
      await page.waitForSelector('text=Confirm: record this resolution', { timeout: LONG });
      const review = (await page.locator('main').textContent()) ?? '';
      expect(review).toMatch(/P\(scheming\)[^]*→/);
      expect(await seriousViolations(page), 'the review').toEqual([]);
      await page.screenshot({ path: `${SHOTS}/resolve-review-390.png`, fullPage: true });
      await Promise.all([page.waitForURL(/resolved=1/), page.click('text=Confirm: record this resolution')]);
      const flash = (await page.locator('.flash').textContent()) ?? '';
      expect(flash).toMatch(new RegExp(`prediction ${id} resolved no`));
      expect(flash).toMatch(/P\(scheming\)[^]*→/);
      await page.screenshot({ path: `${SHOTS}/resolve-confirmed-390.png`, fullPage: true });
      // The home page now reads the posterior after the resolution, and its timeline has the step.
      await open(page, '/');
      const after = Number(await page.locator('#headline').getAttribute('data-mean'));
      expect(after).not.toBe(before);
      expect(Number(await page.locator('[data-impact-now]').getAttribute('data-impact-now'))).toBeCloseTo(after, 12);
      expect(await page.locator(`.impact__steps a[href="/predictions/${id}#resolution-1"]`).count()).toBe(1);
      expect(await seriousViolations(page), 'the home page after a resolution').toEqual([]);
      await page.screenshot({ path: `${SHOTS}/home-after-resolution-390.png`, fullPage: true });
      await page.close();
    },
    LONG,
  );

  it(
    "draws a prediction's credence over time: forecasts, their median and the model moved by another resolution",
    async () => {
      // After 3b resolved (the test above), two forecasters on 3a, which reads the same model.
      const store = f.web.site.track!.store;
      const catalog = f.web.site.track!.catalog(f.web.site.live.current()).catalog!;
      for (const [who, credence] of [
        ['alice', 0.4],
        ['bob', 0.7],
        ['alice', 0.55],
      ] as const)
        expect((await recordForecast(store, catalog, '3a', { credence }, { name: who, via: 'api' })).ok).toBe(true);
      for (const width of WIDTHS) {
        const page = patient(await browser.newPage({ viewport: { width, height: 900 } }));
        expect(await open(page, '/predictions/3a')).toEqual([]);
        const chart = await marks(page, 'credence', '.series[data-series="model"] .point');
        // The start and the step after 3b's resolution.
        expect(chart.data.implied.map((m: { detail: string }) => m.detail)).toEqual([
          'Before any resolution',
          'Prediction 3b resolved no',
        ]);
        expect(chart.count).toBe(2);
        expect((await marks(page, 'credence', '.series[data-series="median"] .point')).count).toBe(3);
        expect(await page.locator('#panel-credence .chart-table').count()).toBe(1);
        expect(await seriousViolations(page), `/predictions/3a at ${width} px`).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(1);
        await page.screenshot({ path: `${SHOTS}/prediction-3a-credence-${width}.png`, fullPage: true });
        await page.close();
      }
    },
    LONG,
  );

  it(
    'says on a shared link whose numbers changed since that they did, and links to the current view',
    async () => {
      for (const width of WIDTHS) {
        const page = patient(await browser.newPage({ viewport: { width, height: 900 } }));
        // Made before 3b resolved, from other model files.
        expect(await open(page, '/predictions/3a?asof=0&v=000000000000')).toEqual([]);
        const notice = page.locator('[data-link-changed]');
        expect(await notice.isVisible()).toBe(true);
        expect(await notice.textContent()).toMatch(/resolution has been recorded since[^]*model files have changed/);
        expect(await notice.locator('a').getAttribute('href')).toBe('/predictions/3a');
        // Pinned before 3b resolved: the model's line has the start alone.
        expect((await marks(page, 'credence', '.series[data-series="model"] .point')).count).toBe(1);
        expect(await page.locator('[data-permalink]').getAttribute('href')).toMatch(
          /^\/predictions\/3a\?asof=0&v=[0-9a-f]{12}$/,
        );
        expect(await seriousViolations(page), `pinned /predictions/3a at ${width} px`).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/link-changed-${width}.png`, fullPage: false });
        await page.close();
      }
    },
    LONG,
  );

  it(
    'shows a banner for a broken model file and keeps the last good version',
    async () => {
      const page = patient(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
      await open(page, '/models/counting-argument');
      const title = await page.locator('h1').textContent();
      editModel(f.modelsDir, 'counting-argument', (t) => t.replace(/^output:/m, 'output: [broken\noutput_was:'));
      await open(page, '/models/counting-argument');
      const banner = page.locator('.banner');
      expect(await banner.isVisible()).toBe(true);
      expect(await banner.textContent()).toMatch(/counting-argument\.yaml:\d+:\d+: /);
      expect(await page.locator('h1').textContent()).toBe(title);
      await page.screenshot({ path: `${SHOTS}/broken-model-banner-1280.png`, fullPage: false });
      await page.close();
    },
    LONG,
  );
});
