// Every page at 1280 and 390 px wide in Debian's Chromium: no serious or critical axe-core
// violation, no sideways scroll (and a full-page screenshot when asked for: `npm run shots`). The pages
// are shared between screens-a.test.ts and screens-b.test.ts so that two test workers take them
// side by side: each file's model pages are half the shipped models, taken alternately in name
// order, and the second file has the site's other pages too.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM_MISSING } from '../support/chromium.ts';
import { browse, editorReady, open, patience, seriousViolations, shot, type Browsing } from '../support/browser.ts';
import { fixture, type Fixture } from './helpers.ts';

const WIDTHS = [1280, 390] as const;
const LONG = 15 * 60_000;

/** A page's name (its screenshots' file names) and address. */
export type Screen = [name: string, url: string];

/** The model pages of the shipped models at `half` (0 or 1) of the alternate places in name order. */
export function modelScreens(half: 0 | 1): Screen[] {
  return readdirSync(resolve('models'))
    .filter((n) => /\.ya?ml$/.test(n) && !/^predictions\.ya?ml$/.test(n))
    .map((n) => n.replace(/\.ya?ml$/, ''))
    .sort()
    .filter((_, i) => i % 2 === half)
    .map((id): Screen => [`model-${id}`, `/models/${id}`]);
}

/** Every page that is not a model page. */
export const OTHER_SCREENS: Screen[] = [
  ['home', '/'],
  ['compare-p-scheming', '/models/p-scheming/compare?a=carlsmith-2023&b=roger-2025'],
  ['predictions', '/predictions'],
  ['prediction-1', '/predictions/1'],
  ['file-p-scheming', '/models/p-scheming/file'],
  ['edit-p-scheming', '/models/p-scheming/edit'],
  ['new-model', '/models/new'],
  ['not-found', '/no-such-page'],
];

/** The tests of `screens`, over an app of their own and one browser. */
export function describeScreens(screens: Screen[]): void {
  const patient = patience(LONG);
  let f: Fixture;
  let served: Browsing;

  describe.skipIf(CHROMIUM_MISSING !== null)('every page in a browser', () => {
    beforeAll(async () => {
      f = await fixture({ workers: 1, budgetMs: 250 });
      served = await browse(f.web.app);
    }, 120_000);

    afterAll(async () => {
      await served?.close();
      await f?.close();
    });

    // One test a page, so each has the whole bound however loaded the machine is.
    it.each(screens)(
      'shows %s (%s) at 1280 and 390 px with no serious accessibility violation',
      async (name, url) => {
        for (const width of WIDTHS) {
          const page = patient(await served.browser.newPage({ viewport: { width, height: 900 } }));
          const problems = await open(page, served.base, url);
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
          await shot(page, `${name}-${width}`, true);
          await page.close();
        }
      },
      LONG,
    );
  });
}
