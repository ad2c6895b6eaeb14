// Browser benchmark: `node --import tsx bench/browser.ts`. What a reader waits for, timed inside
// Debian's Chromium (playwright-core) against the server as `npm start` runs it, in its own
// process on 127.0.0.1:
//   - a cold model page (a new seed, so nothing is cached; a new browser context, so no HTTP
//     cache) from navigation start to the headline shown and to the main chart drawn;
//   - a what-if edit committed (Enter) to the updated headline, and the same while typing
//     (which waits for a pause of 450 ms first);
//   - in the editor, a keystroke to the updated headline at 10,000 and at 100,000 samples.
// Times are the page's own clock (performance.now()), medians of REPS runs; the cold page and the
// what-if edits run interleaved, round by round. Beside them, CPU time, which load from other
// processes does not inflate as it does wall time: the server's (every thread, /proc) and the
// page's renderer process (Chromium's ProcessTime: the page, its workers, compositing), from the
// navigation or edit to what it waits for (a cold page's includes its renderer's start).
// Targets: page to headline ≤ 1 s, to chart ≤ 1.5 s; edit ≤ 500 ms; keystroke ≤ 300 ms (10k),
// ≤ 1 s (100k).

import { loadavg } from 'node:os';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer } from './server.ts';
import { cpuMs, idle } from './process-cpu.ts';

const MODEL = process.env.BENCH_MODEL ?? 'p-scheming';
const REPS = Number(process.env.BENCH_REPS ?? 5);
const CHROMIUM = '/usr/bin/chromium';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${Math.round(x).toLocaleString('en-GB')} ms`;

/** One timed run: the wall time the reader waits, and the CPU spent meanwhile (ms). */
interface Timed {
  wall: number;
  server?: number;
  page?: number;
}

/** A CPU column's median, or a dash where it was not measured (the editor runs in the browser alone). */
const cpuCell = (xs: Timed[], k: 'server' | 'page') =>
  xs.every((x) => x[k] !== undefined) ? ms(median(xs.map((x) => x[k]!))) : '—';
const row = (what: string, xs: Timed[], target: number) => {
  const wall = median(xs.map((x) => x.wall));
  const runs = xs.map((x) => Math.round(x.wall)).join(', ');
  const met = wall <= target ? 'met' : 'MISSED';
  console.log(
    `| ${what} | ${ms(wall)} | ${runs} | ≤ ${ms(target)} | ${met} | ${cpuCell(xs, 'server')} | ${cpuCell(xs, 'page')} |`,
  );
};

/**
 * CPU time the page's renderer process has used so far (ms; every thread: the page's, its Web
 * Workers', compositing): Chromium's own ProcessTime, which follows the page to a new process.
 */
async function pageCpu(context: BrowserContext, page: Page): Promise<() => Promise<number>> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'ProcessTime')?.value ?? 0) * 1000;
  };
}

/** Marks the page's own times of the headline shown and the main chart drawn (set before any script runs). */
const MARKS = `(() => {
  const mark = () => {
    const h = document.querySelector('#headline .headline__value');
    if (h && h.textContent.trim() && window.__headline === undefined) window.__headline = performance.now();
    const c = document.querySelector('[data-chart="distribution"][data-drawn="true"]');
    if (c && window.__chart === undefined) window.__chart = performance.now();
    if (window.__headline !== undefined && window.__chart !== undefined) observer.disconnect();
  };
  const observer = new MutationObserver(mark);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

async function coldPage(browser: Browser, base: string, seed: number, server: number): Promise<Timed[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(MARKS);
  const page = await context.newPage();
  const busy = await pageCpu(context, page);
  await idle(server);
  const c0 = cpuMs(server);
  await page.goto(`${base}/models/${MODEL}?seed=${seed}`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    () => {
      const w = window as unknown as { __headline?: number; __chart?: number };
      return w.__headline !== undefined && w.__chart !== undefined && { headline: w.__headline, chart: w.__chart };
    },
    null,
    { timeout: 120_000, polling: 20 },
  );
  const serverCpu = cpuMs(server) - c0;
  // The page's renderer from its start (navigating to the site may have started a new one).
  const renderer = await busy();
  const t = (await handle.jsonValue()) as { headline: number; chart: number };
  await context.close();
  // CPU until both were shown, on both rows (the counters are read once, after the chart).
  return [
    { wall: t.headline, server: serverCpu, page: renderer },
    { wall: t.chart, server: serverCpu, page: renderer },
  ];
}

/** Commit an edit of `input` and time it to the headline's new mean, in the page's clock. */
async function whatIf(page: Page, input: string, value: string, commit: 'enter' | 'typing'): Promise<number> {
  return page.evaluate(
    ([input, value, commit]) =>
      new Promise<number>((done, fail) => {
        setTimeout(
          () =>
            fail(
              new Error(
                `the headline did not change within 60 s (status: ${document.querySelector('.live-status')?.textContent})`,
              ),
            ),
          60_000,
        );
        const field = document.querySelector<HTMLInputElement>(`input[name="set.${input}"]`)!;
        // The headline element is replaced when its panel refreshes: read whichever is current.
        // (No named functions in here: tsx would wrap them in a helper the page does not have.)
        const before = document.getElementById('headline')?.dataset.mean;
        const t0 = performance.now();
        new MutationObserver((_, obs) => {
          if (document.getElementById('headline')?.dataset.mean !== before) {
            obs.disconnect();
            done(performance.now() - t0);
          }
        }).observe(document.body, { attributes: true, subtree: true, childList: true });
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
        if (commit === 'enter') field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      }),
    [input, value, commit] as const,
  );
}

async function keystroke(page: Page): Promise<number> {
  const gen = Number(await page.locator('[data-editor]').getAttribute('data-gen'));
  const t0 = await page.evaluate(() => performance.now());
  await page.keyboard.type('x');
  const handle = await page.waitForFunction(
    (g) => {
      const root = document.querySelector<HTMLElement>('[data-editor]')!;
      const w = window as unknown as { __shown?: number };
      return Number(root.dataset.gen) > g && root.dataset.state === 'current' && (w.__shown ?? 0);
    },
    gen,
    { timeout: 120_000, polling: 'raf' },
  );
  return ((await handle.jsonValue()) as number) - t0;
}

async function editorRuns(browser: Browser, base: string, samples: number): Promise<Timed[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const busy = await pageCpu(context, page);
  await page.addInitScript(`(() => {
    new MutationObserver(() => {
      const h = document.getElementById('headline');
      if (h) window.__shown = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-mean'] });
  })();`);
  await page.goto(`${base}/models/${MODEL}/edit`);
  await page.waitForFunction(() => document.querySelector('[data-editor]')?.getAttribute('data-state') === 'current');
  await page.selectOption('select[name="samples"]', String(samples));
  await page.waitForFunction(() => document.querySelector('[data-editor]')?.getAttribute('data-state') === 'current');
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# ');
  await page.waitForTimeout(samples >= 100_000 ? 3000 : 1000);
  const times: Timed[] = [];
  for (let i = 0; i < REPS; i++) {
    // A new seed each time, so the keystroke's run is not the same numbers as before.
    await page.fill('input[name="seed"]', String(1000 + i));
    await page.dispatchEvent('input[name="seed"]', 'change');
    await page.waitForTimeout(samples >= 100_000 ? 2500 : 800);
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    const b0 = await busy();
    const wall = await keystroke(page);
    times.push({ wall, page: (await busy()) - b0 });
  }
  await context.close();
  return times;
}

/** The model page kept open for what-if edits, each timed with the CPU it took. */
async function editPage(browser: Browser, base: string, server: number) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const busy = await pageCpu(context, page);
  await page.goto(`${base}/models/${MODEL}`);
  await page.waitForSelector('#headline .headline__value');
  const input = await page.evaluate(() =>
    document.querySelector<HTMLInputElement>('tr.input-row:not(.is-unused) input[name^="set."]')!.name.slice(4),
  );
  return {
    input,
    async edit(value: string, commit: 'enter' | 'typing'): Promise<Timed> {
      await page.waitForFunction(() => !document.querySelector('.is-updating, [aria-busy="true"]'));
      await idle(server);
      const [c0, b0] = [cpuMs(server), await busy()];
      const wall = await whatIf(page, input, value, commit);
      return { wall, server: cpuMs(server) - c0, page: (await busy()) - b0 };
    },
    close: () => context.close(),
  };
}

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const base = server.base;
    console.log(
      `Credence browser benchmark: ${MODEL}, ${REPS} runs each; load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    // Warm the server (the first computation after start compiles the engine's code).
    await coldPage(browser, base, 9_999, server.pid);
    const edits = await editPage(browser, base, server.pid);
    const headline: Timed[] = [];
    const chart: Timed[] = [];
    const enter: Timed[] = [];
    const typing: Timed[] = [];
    for (let i = 0; i < REPS; i++) {
      const [h, c] = await coldPage(browser, base, 10_001 + i, server.pid);
      headline.push(h!);
      chart.push(c!);
      enter.push(await edits.edit(`beta(${2 + i}, ${5 + i})`, 'enter'));
      typing.push(await edits.edit(`beta(${3 + i}, ${9 + i})`, 'typing'));
    }
    await edits.close();
    console.log('| what the reader waits for | median | runs | target | | server CPU | page CPU |');
    console.log('| --- | ---: | --- | ---: | --- | ---: | ---: |');
    row(`cold \`/models/${MODEL}\` (new seed) to the headline shown`, headline, 1000);
    row(`cold \`/models/${MODEL}\` (new seed) to the distribution chart drawn`, chart, 1500);
    row(`what-if edit of \`${edits.input}\` committed (Enter) to the updated headline`, enter, 500);
    row(`the same edit while typing (after the 450 ms pause it waits for)`, typing, 1000);
    row('editor, a keystroke to the updated headline, 10,000 samples', await editorRuns(browser, base, 10_000), 300);
    row('editor, a keystroke to the updated headline, 100,000 samples', await editorRuns(browser, base, 100_000), 1000);
    console.log(
      `load average after: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
