// What every browser test starts with: the test's app served on 127.0.0.1 at a free port, and
// Debian's Chromium (test/support/chromium.ts) to open it; closed together after the tests. And
// what they read of a page: every panel in and every chart drawn, a chart's marks and data, and
// axe-core's serious violations. Screenshots are for people to look at, not for assertions: they
// are written only when asked for (`CREDENCE_SHOTS=<folder>`, as `npm run shots` does).

import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM } from './chromium.ts';

export interface Browsing {
  /** The server's address, e.g. http://127.0.0.1:41234. */
  base: string;
  browser: Browser;
  /** Close the browser, then the server (its open connections too, so nothing holds it). */
  close(): Promise<void>;
}

/** Serve `app` and launch the browser. */
export async function browse(app: { listen(port: number, host: string): Server }): Promise<Browsing> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  const stop = () => {
    server.closeAllConnections();
    return new Promise<void>((ok) => server.close(() => ok()));
  };
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    close: async () => {
      await browser.close();
      await stop();
    },
  };
}

/**
 * A loaded machine can take minutes to serve a page: pages whose every step waits up to the
 * test's own bound `ms`, never on Playwright's 30 s defaults.
 */
export function patience(ms: number): (page: Page) => Page {
  return (page) => {
    page.setDefaultTimeout(ms);
    page.setDefaultNavigationTimeout(ms);
    return page;
  };
}

/**
 * Open `url` and wait, as long as the page's patience, until every panel has arrived and every
 * chart has drawn; the page's errors, console errors and failed panels, one line each.
 */
export async function open(page: Page, base: string, url: string): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A panel refused as busy (429/503 with Retry-After) is asked for again by the page.
    if (m.type() === 'error' && !/status of (429|503)/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  const res = await page.goto(base + url, { waitUntil: 'load' });
  expect(res?.status(), url).toBeLessThan(500);
  // Panels below the first screen compute when the reader reaches them: go to the first one not
  // yet started, again at each poll until it starts. (Scrolling down a screen at a time reached
  // the bottom before a slow first screen was in, and the page, which watches for deferred
  // panels only from then on, never saw the ones in between come into view.)
  await page.waitForFunction(
    () => {
      document.querySelector('[data-panel-src][data-panel-defer]')?.scrollIntoView({ block: 'center' });
      return document.querySelectorAll('[data-panel-src]').length === 0;
    },
    null,
    { polling: 250 },
  );
  const failed = await page.locator('[data-panel-failed]').allTextContents();
  problems.push(...failed.map((t) => `panel failed: ${t.trim().slice(0, 200)}`));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-chart]')).every((el) => el.dataset.drawn),
  );
  return problems;
}

/** Marks of one chart (`count`, -1 without the chart), and the data it was drawn from. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the chart's own data shape
export async function marks(page: Page, chart: string, selector: string): Promise<{ count: number; data: any }> {
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

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations of the page as it stands, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol, so the page's CSP stays as it is; once
  // per document (a page checked at two widths keeps it).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Axe = { run(d: Document, o: object): Promise<{ violations: AxeViolation[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    // Every rule runs as by default; only the violations are reported in full (axe's
    // resultTypes), which spares it listing each node that passed (nearly a third of its time
    // on a long model page). Every rule runs at each width too: the page's CSS hides and
    // re-lays out parts below 640 px and the charts draw other legends and layouts when narrow,
    // and most of a run's cost is what any rule set pays (reading the page, colour contrast):
    // at 390 px the layout rules alone cost nine tenths of all of them on the long model pages.
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The editor has run the model in its workers: the headline and the tornado are in. */
export async function editorReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('#headline')?.getAttribute('data-mean') !== null &&
      document.querySelector('[data-editor-chart="tornado"]')?.getAttribute('data-drawn') === 'true',
    null,
    { polling: 100 },
  );
}

/** The folder screenshots go to, or null when none are asked for. */
export const SHOTS = process.env.CREDENCE_SHOTS ? resolve(process.env.CREDENCE_SHOTS) : null;

/**
 * `name`.png in SHOTS when screenshots are asked for (the whole page's length with `fullPage`, or
 * one element when `target` is a locator); nothing otherwise.
 */
export async function shot(target: Page | Locator, name: string, fullPage = false): Promise<void> {
  if (SHOTS === null) return;
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await ('mainFrame' in target ? target.screenshot({ path, fullPage }) : target.screenshot({ path }));
}
