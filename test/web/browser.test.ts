// Browser tests: Debian's Chromium through playwright-core checks that each chart of a model page
// drew its marks, edits an input, follows a permalink, resolves a prediction, reads a shared link
// made before it, and breaks a model file (screenshots of resolving, of a prediction's chart and
// of the banner when asked for: `npm run shots`). Every page's accessibility check at both widths
// is in screens-a/b.test.ts.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_MISSING } from '../support/chromium.ts';
import { browse, marks, open as openIn, patience, seriousViolations, shot, type Browsing } from '../support/browser.ts';
import { fixture, editModel, LOAD_WORKER, type Fixture } from './helpers.ts';
import { createToken, recordForecast } from '../../src/predictions/index.ts';

const WIDTHS = [1280, 390] as const;
const LONG = 15 * 60_000;

const patient = patience(LONG);

let f: Fixture;
let served: Browsing;
let base: string;
let browser: Browser;

/** Open a page of the served app; see open() in test/support/browser.ts. */
const open = (page: Page, url: string) => openIn(page, base, url);

const meanMarker = (page: Page) =>
  page.locator('[data-chart="distribution"] .marker-mean').first().getAttribute('data-value');

describe.skipIf(CHROMIUM_MISSING !== null)('in a browser', () => {
  beforeAll(async () => {
    f = await fixture({ workers: 1, budgetMs: 250, loading: LOAD_WORKER });
    served = await browse(f.web.app);
    ({ base, browser } = served);
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
      await shot(page, 'resolve-form-390', true);
      await page.check('input[name="outcome"][value="no"]');
      await page.fill('#note', 'Resolved in the browser test.');
      await page.click('text=Review: see what it changes');
      await page.waitForSelector('text=Confirm: record this resolution', { timeout: LONG });
      const review = (await page.locator('main').textContent()) ?? '';
      expect(review).toMatch(/P\(scheming\)[^]*→/);
      expect(await seriousViolations(page), 'the review').toEqual([]);
      await shot(page, 'resolve-review-390', true);
      await Promise.all([page.waitForURL(/resolved=1/), page.click('text=Confirm: record this resolution')]);
      const flash = (await page.locator('.flash').textContent()) ?? '';
      expect(flash).toMatch(new RegExp(`prediction ${id} resolved no`));
      expect(flash).toMatch(/P\(scheming\)[^]*→/);
      await shot(page, 'resolve-confirmed-390', true);
      // The home page now reads the posterior after the resolution, and its timeline has the step.
      await open(page, '/');
      const after = Number(await page.locator('#headline').getAttribute('data-mean'));
      expect(after).not.toBe(before);
      expect(Number(await page.locator('[data-impact-now]').getAttribute('data-impact-now'))).toBeCloseTo(after, 12);
      expect(await page.locator(`.impact__steps a[href="/predictions/${id}#resolution-1"]`).count()).toBe(1);
      expect(await seriousViolations(page), 'the home page after a resolution').toEqual([]);
      await shot(page, 'home-after-resolution-390', true);
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
        await shot(page, `prediction-3a-credence-${width}`, true);
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
        await shot(page, `link-changed-${width}`);
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
      await shot(page, 'broken-model-banner-1280');
      await page.close();
    },
    LONG,
  );
});
