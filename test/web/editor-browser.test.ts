// The model editor in a real browser (Debian's Chromium): the engine in its Web Workers gives
// exactly the command line's numbers, an edit updates the headline without a page load, an error
// is underlined at its line and listed while the last good numbers stay, a share link carries
// the text to another browser, and a draft survives a reload.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_MISSING } from '../support/chromium.ts';
import { browse, patience, type Browsing } from '../support/browser.ts';
import { fixture, cli, LOAD_WORKER, type Fixture } from './helpers.ts';

const LONG = 5 * 60_000;

const patient = patience(LONG);

let f: Fixture;
let served: Browsing;
let base: string;
let browser: Browser;

/** Wait until the headline shows the run of generation `after` or later; its mean. */
async function headlineAfter(page: Page, after = 0): Promise<number> {
  await page.waitForFunction(
    (g) => {
      const root = document.querySelector<HTMLElement>('[data-editor]');
      const h = document.querySelector<HTMLElement>('#headline');
      return Number(root?.dataset.gen) > g && root?.dataset.state === 'current' && h?.dataset.mean !== undefined;
    },
    after,
    { timeout: LONG, polling: 50 },
  );
  return Number(await page.locator('#headline').getAttribute('data-mean'));
}

const gen = (page: Page) => page.locator('[data-editor]').getAttribute('data-gen').then(Number);

/** Replace the editor's text as a person would: select all, then type (insert) the new text. */
async function typeText(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

const SIMPLE = 'title: T\ninputs:\n  a: 0.25\nnodes:\n  out: a * 2\noutput: out\n';
const BROKEN = 'title: T\ninputs:\n  a: beta(2,\nnodes:\n  out: a\noutput: out\n';

describe.skipIf(CHROMIUM_MISSING !== null)('the model editor in a browser', () => {
  beforeAll(async () => {
    f = await fixture({ workers: 1, loading: LOAD_WORKER });
    served = await browse(f.web.app);
    ({ base, browser } = served);
  }, 120_000);

  afterAll(async () => {
    await served?.close();
    await f?.close();
  });

  it(
    "computes in the browser exactly the command line's numbers, fetching the imports",
    async () => {
      const page = patient(await browser.newPage({ viewport: { width: 1280, height: 800 } }));
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${base}/models/p-scheming/edit`);
      const mean = await headlineAfter(page);
      const r = await cli(['run', 'p-scheming', '--samples', '10000', '--seed', '1', '--json'], f.modelsDir);
      const json = JSON.parse(r.out.join('\n'));
      // 7 significant digits: the page shows its numbers through the same rounding as page data.
      expect(mean).toBeCloseTo(json.posterior[json.output].mean, 12);
      expect(await page.locator('[data-headline-given]').textContent()).toMatch(/Given the evidence/);
      expect(errors).toEqual([]);
      await page.close();
    },
    LONG,
  );

  it(
    'updates the headline as you type, underlines an error at its line and keeps the last good numbers',
    async () => {
      const page = patient(await browser.newPage({ viewport: { width: 1280, height: 800 } }));
      await page.goto(`${base}/models/new`);
      await headlineAfter(page);
      const url = page.url();
      await typeText(page, SIMPLE);
      expect(await headlineAfter(page, (await gen(page)) - 1)).toBe(0.5);
      expect(page.url()).toBe(url);
      await typeText(page, BROKEN);
      const problem = page.locator('[data-editor-problems] .problem').first();
      await expect.poll(() => problem.isVisible(), { timeout: LONG }).toBe(true);
      expect(await problem.textContent()).toMatch(/^Line 3, column \d+: /);
      await expect.poll(() => page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-editor]').getAttribute('data-state')).toBe('stale');
      expect(await page.locator('#headline').getAttribute('data-mean')).toBe('0.5');
      // Choosing the problem puts the cursor on its line.
      await problem.click();
      expect(await page.locator('.cm-activeLine').textContent()).toBe('  a: beta(2,');
      await page.close();
    },
    LONG,
  );

  it(
    'shares the text in a link that another browser opens to the same model and numbers; drafts survive a reload',
    async () => {
      const page = patient(await browser.newPage({ viewport: { width: 1280, height: 800 } }));
      await page.goto(`${base}/models/iterative-chain/edit`);
      const original = await headlineAfter(page);
      const file = readFileSync(join(f.modelsDir, 'iterative-chain.yaml'), 'utf8');
      const edited = file.replace(/dist: 0\.98$/m, 'dist: 0.9');
      expect(edited).not.toBe(file);
      await typeText(page, edited);
      const mean = await headlineAfter(page, (await gen(page)) - 1);
      expect(mean).not.toBe(original);
      await page.locator('[data-editor-share]').click();
      // The link is written once the text is compressed, which happens after the click returns.
      await page.waitForFunction(() =>
        document.querySelector<HTMLInputElement>('[data-editor-link]')?.value.includes('#model='),
      );
      const link = await page.locator('[data-editor-link]').inputValue();
      expect(link).toMatch(/#model=[\w-]+$/);
      const other = patient(await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage());
      await other.goto(link);
      expect(await headlineAfter(other)).toBe(mean);
      expect(await other.locator('[data-editor-notice]').textContent()).toMatch(/carries an edited version/);
      await other.close();
      // The same browser, back without the link: the draft is restored, and says so.
      await page.goto(`${base}/models/iterative-chain/edit`);
      expect(await headlineAfter(page)).toBe(mean);
      expect(await page.locator('[data-editor-notice]').textContent()).toMatch(/unsaved edits/);
      await page.close();
    },
    LONG,
  );
});
