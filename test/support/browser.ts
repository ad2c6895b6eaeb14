// What every browser test starts with: the test's app served on 127.0.0.1 at a free port, and
// Debian's Chromium (test/support/chromium.ts) to open it; closed together after the tests.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
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
