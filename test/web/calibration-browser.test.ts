// The calibration chart as the browser draws it on /predictions: the author and a forecaster
// each have one resolved prediction at 75% and one at 80%, so four count labels stand over two
// nearby points. Measured with the browser's own glyph boxes at 390 and 1280 px, no two labels
// intersect. (The server's SVG of the same chart: test/web/charts/calibration-labels.test.ts.)

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM_MISSING } from '../support/chromium.ts';
import { browse, patience, shot, type Browsing } from '../support/browser.ts';
import { UNTIL_READY_MS } from '../support/waits.ts';
import { appWith, LOAD_WORKER, type Fixture } from './helpers.ts';
import { recordForecast, recordResolution, loadCatalog } from '../../src/predictions/index.ts';
import { loadProject } from '../../src/model/project.ts';

const LONG = 10 * 60_000;
const patient = patience(LONG);

const prediction = (id: string, credence: number) => `  - id: ${id}
    statement: ${id} happens.
    credence: ${credence}
    stated: "2026-01-01"
    criteria: Whether ${id} happens.
    model: base
    p_yes: a
`;

const FILES = {
  'base.yaml': `title: Base
inputs:
  a:
    dist: beta(3, 7)
    unit: probability
output: a
`,
  'predictions.yaml': `predictions:\n${prediction('A', 0.75)}${prediction('B', 0.8)}`,
};

let f: Fixture;
let served: Browsing;
let base: string;
let browser: Browser;

describe.skipIf(CHROMIUM_MISSING !== null)('the calibration chart in a browser', () => {
  beforeAll(async () => {
    f = await appWith(FILES, { budgetMs: UNTIL_READY_MS, loading: LOAD_WORKER });
    const catalog = loadCatalog(loadProject(f.modelsDir));
    if (!catalog.ok) throw new Error('catalog');
    const store = f.web.site.track!.store;
    const who = { name: 'alice', via: 'api' as const };
    for (const [id, credence] of [
      ['A', 0.75],
      ['B', 0.8],
    ] as const)
      expect((await recordForecast(store, catalog.value, id, { credence }, who)).ok).toBe(true);
    for (const [id, outcome] of [
      ['A', 'yes'],
      ['B', 'no'],
    ] as const) {
      const r = await recordResolution(
        store,
        catalog.value,
        id,
        { outcome, note: 'as recorded', version: 0 },
        {
          name: 'rita',
          via: 'api',
        },
      );
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    served = await browse(f.web.app);
    ({ base, browser } = served);
  }, 120_000);

  afterAll(async () => {
    await served?.close();
    await f?.close();
  });

  for (const width of [390, 1280])
    it(
      `draws no count label over another at ${width} px`,
      async () => {
        const page = patient(await browser.newPage({ viewport: { width, height: 900 } }));
        const res = await page.goto(`${base}/predictions`, { waitUntil: 'load' });
        expect(res?.status()).toBe(200);
        // The client draws the chart after the page loads: wait for it to say so.
        await page.waitForFunction(
          () => document.querySelector<HTMLElement>('[data-chart="calibration"]')?.dataset.drawn === 'true',
          null,
          { timeout: LONG },
        );
        const boxes = await page.evaluate(() =>
          Array.from(document.querySelectorAll('[data-chart="calibration"] .count')).map((t) => {
            const r = t.getBoundingClientRect();
            return { text: t.textContent, series: t.closest('.series')?.getAttribute('data-series'), ...r.toJSON() };
          }),
        );
        expect(boxes.map((b) => b.series).sort()).toEqual(['alice', 'alice', 'author', 'author']);
        for (const b of boxes) expect(b.text).toMatch(/^(n = )?1$/);
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const [a, b] = [boxes[i]!, boxes[j]!];
            const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
            expect(overlap, `${JSON.stringify(a)} and ${JSON.stringify(b)}`).toBe(false);
          }
        await shot(page.locator('[data-chart="calibration"]'), `calibration-${width}`);
        await page.close();
      },
      LONG,
    );
});
