// Every page at 1280 and 390 px wide in Debian's Chromium: no serious or critical axe-core
// violation, no sideways scroll (and a full-page screenshot when asked for: `npm run shots`). The pages
// are shared between screens-a.test.ts and screens-b.test.ts so that two test workers take them
// side by side: each file's model pages are half the shipped models, taken alternately in name
// order, and the second file has the site's other pages too.
//
// Each page is loaded once, at 1280 px, and checked; then the window narrows to 390 px, the
// charts redraw at their new width (as they do for a reader who narrows the window), and it is
// checked again. The server's HTML does not depend on the width, and the page's script reads it
// only where the charts measure their containers, so the narrowed page is the page a 390 px
// reader loads; loading it again cost a second render of every panel and chart. Two pages are
// checked at a time: while the server computes one page's panels, Chromium checks the other.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM_MISSING } from '../support/chromium.ts';
import type { Page } from 'playwright-core';
import { browse, editorReady, open, patience, seriousViolations, shot, type Browsing } from '../support/browser.ts';
import { fixture, LOAD_WORKER, type Fixture } from './helpers.ts';

const WIDTHS = [1280, 390] as const;
const LONG = 15 * 60_000;

/** A page's name (its screenshots' file names) and address. */
export type Screen = [name: string, url: string];

/**
 * The model pages are checked at 2,000 samples (every panel's count capped there, as a reader
 * who asks for them gets): what a page shows and how it is laid out do not depend on the count,
 * and at the default counts the server's runs were two thirds of the test process's CPU in these
 * files (Chromium's aside).
 */
const SAMPLES = 'samples=2000';

/** The model pages of the shipped models at `half` (0 or 1) of the alternate places in name order. */
export function modelScreens(half: 0 | 1): Screen[] {
  return readdirSync(resolve('models'))
    .filter((n) => /\.ya?ml$/.test(n) && !/^predictions\.ya?ml$/.test(n))
    .map((n) => n.replace(/\.ya?ml$/, ''))
    .sort()
    .filter((_, i) => i % 2 === half)
    .map((id): Screen => [`model-${id}`, `/models/${id}?${SAMPLES}`]);
}

/** Every page that is not a model page. */
export const OTHER_SCREENS: Screen[] = [
  ['home', '/'],
  ['compare-p-scheming', `/models/p-scheming/compare?a=carlsmith-2023&b=roger-2025&${SAMPLES}`],
  ['predictions', '/predictions'],
  ['prediction-1', '/predictions/1'],
  ['file-p-scheming', '/models/p-scheming/file'],
  ['edit-p-scheming', '/models/p-scheming/edit'],
  ['new-model', '/models/new'],
  ['not-found', '/no-such-page'],
];

/** At most `n` of the returned function's tasks at a time, the rest waiting in order. */
function limit(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((go) => waiting.push(go));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

/** Narrow the window to `width` and wait until every drawn chart is drawn at its new width. */
async function narrow(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  // A chart redraws when its container's width is 24 px (charts.ts's REDRAW_STEP) or more from
  // the width it was drawn at, the SVG's viewBox width; the widths as charts.ts measures them.
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-chart][data-drawn="true"]')).every((el) => {
      const drawnAt = Number(
        el
          .querySelector('svg')
          ?.getAttribute('viewBox')
          ?.split(/[\s,]+/)[2],
      );
      const now = Math.max(280, Math.round(el.clientWidth || el.getBoundingClientRect().width || 640));
      return Math.abs(drawnAt - now) < 24;
    }),
  );
}

/** The tests of `screens`, over an app of their own and one browser. */
export function describeScreens(screens: Screen[]): void {
  const patient = patience(LONG);
  const twoAtATime = limit(2);
  let f: Fixture;
  let served: Browsing;

  describe.skipIf(CHROMIUM_MISSING !== null)('every page in a browser', () => {
    beforeAll(async () => {
      f = await fixture({ workers: 1, budgetMs: 250, loading: LOAD_WORKER });
      served = await browse(f.web.app);
    }, 120_000);

    afterAll(async () => {
      await served?.close();
      await f?.close();
    });

    // One test a page, so each has the whole bound however loaded the machine is (the bound
    // counts from when the test starts, the wait for its turn included).
    it.concurrent.each(screens)(
      'shows %s (%s) at 1280 and 390 px with no serious accessibility violation',
      (name, url) =>
        twoAtATime(async () => {
          const page = patient(await served.browser.newPage({ viewport: { width: WIDTHS[0], height: 900 } }));
          const problems = await open(page, served.base, url);
          // The 404 page's own status is the one error its console may show.
          const notFound = (p: string) => name === 'not-found' && /status of 404/.test(p);
          if (/\/(edit|new)$/.test(url)) await editorReady(page);
          for (const width of WIDTHS) {
            // The errors the page showed loading, or since, narrowing (axe-core's own run makes
            // the editor's page report a blocked inline style: not the page's doing).
            const seen = problems.length;
            if (width !== WIDTHS[0]) await narrow(page, width);
            expect(
              problems.slice(width === WIDTHS[0] ? 0 : seen).filter((p) => !notFound(p)),
              `${url} at ${width} px`,
            ).toEqual([]);
            expect(await seriousViolations(page), `${url} at ${width} px`).toEqual([]);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            expect(overflow, `${url} at ${width} px scrolls sideways`).toBeLessThanOrEqual(1);
            await shot(page, `${name}-${width}`, true);
          }
          await page.close();
        }),
      LONG,
    );
  });
}
