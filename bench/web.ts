// Web benchmark: `node --import tsx bench/web.ts`. Starts the server in its own process on
// 127.0.0.1 (so the load tool does not share its thread), times cold runs of the overall model at
// 100,000 samples (computed, not cached), then loads a model page and its API run with
// autocannon at 50 concurrent connections once cached, for a bounded time.
// Targets: cached median < 50 ms and p99 < 200 ms; cold run < 300 ms.

import { createRequire } from 'node:module';
import { startServer } from './server.ts';

interface AutocannonResult {
  latency: { p50: number; p99: number; average: number; max: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;

const MODEL = process.env.BENCH_MODEL ?? 'p-scheming';
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function timed(base: string, url: string): Promise<{ ms: number; status: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(base + url);
  const body = await res.text();
  return { ms: performance.now() - t0, status: res.status, body };
}

/** Cold runs of the model's API run and of the model page's summary panel, a new seed each. */
async function coldRuns(base: string): Promise<void> {
  // The first computation after start also compiles the engine's code; it is timed on its
  // own. Two more warm the worker as any served traffic does; then each seed is a new,
  // uncached run.
  const first = await timed(base, `/api/models/${MODEL}/run?samples=100000&seed=100`);
  if (first.status !== 200) throw new Error(`cold run answered ${first.status}: ${first.body.slice(0, 200)}`);
  console.log(`first run after start (GET /api/models/${MODEL}/run at 100,000 samples): ${fmt(first.ms)}`);
  for (const seed of [98, 99]) await timed(base, `/api/models/${MODEL}/run?samples=100000&seed=${seed}`);
  const cold: number[] = [];
  for (let seed = 101; seed <= 107; seed++) {
    const r = await timed(base, `/api/models/${MODEL}/run?samples=100000&seed=${seed}`);
    if (r.status !== 200) throw new Error(`cold run answered ${r.status}: ${r.body.slice(0, 200)}`);
    cold.push(r.ms);
  }
  console.log(
    `cold run of ${MODEL} at 100,000 samples, every quantity prior and posterior (GET /api/models/${MODEL}/run, a new seed each time): median ${fmt(median(cold))} (${cold.map((x) => x.toFixed(0)).join(', ')} ms)  ${median(cold) < 300 ? 'OK' : 'MISSED'} (target < 300 ms)`,
  );

  const coldPanel: number[] = [];
  for (let seed = 201; seed <= 207; seed++) {
    const r = await timed(base, `/models/${MODEL}/panels/summary?seed=${seed}`);
    if (r.status !== 200) throw new Error(`summary panel answered ${r.status}`);
    coldPanel.push(r.ms);
  }
  console.log(
    `cold summary panel of the model page at 100,000 samples (what a reader waits for: output, posterior, inputs): median ${fmt(median(coldPanel))} (${coldPanel.map((x) => x.toFixed(0)).join(', ')} ms)  ${median(coldPanel) < 300 ? 'OK' : 'MISSED'} (target < 300 ms)`,
  );
}

/** The model page and its API run under load once cached, compressed and not. */
async function cachedLoad(base: string, autocannon: Autocannon): Promise<void> {
  // Fill the caches: every panel the page lists (computing, or deferred until a reader reaches
  // it) from its own URL, which answers once the panel is computed.
  const pageUrl = `/models/${MODEL}`;
  const t0 = performance.now();
  const page = await timed(base, pageUrl);
  if (page.status !== 200) throw new Error(`${pageUrl} answered ${page.status}`);
  const panels = [...page.body.matchAll(/data-panel-src="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
  for (const url of panels) {
    const r = await timed(base, url);
    if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
  }
  console.log(
    `model page's ${panels.length} panels computed (each from its own URL) after ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await timed(base, `/api/models/${MODEL}/run`);

  console.log(`cached, ${CONNECTIONS} concurrent connections, ${DURATION} s each:`);
  const runs: [string, string, Record<string, string>][] = [
    [pageUrl, 'gzip, as browsers ask', { 'accept-encoding': 'gzip, deflate, br' }],
    [`/api/models/${MODEL}/run`, 'gzip, as browsers ask', { 'accept-encoding': 'gzip, deflate, br' }],
    [pageUrl, 'uncompressed', {}],
    [`/api/models/${MODEL}/run`, 'uncompressed', {}],
  ];
  for (const [url, how, headers] of runs) {
    const r = await autocannon({ url: base + url, connections: CONNECTIONS, duration: DURATION, headers });
    const ok = r.latency.p50 < 50 && r.latency.p99 < 200 && r.non2xx === 0 && r.errors === 0;
    console.log(
      `  GET ${url.padEnd(28)} ${how.padEnd(22)} median ${fmt(r.latency.p50).padStart(9)}  p99 ${fmt(r.latency.p99).padStart(9)}  ${Math.round(r.requests.average).toString().padStart(6)} req/s  (${r.requests.total} requests, ${r.non2xx} non-2xx, ${r.errors} errors)  ${ok ? 'OK' : 'MISSED'} (median < 50 ms, p99 < 200 ms)`,
    );
  }
}

async function bench(): Promise<void> {
  const server = await startServer();
  try {
    const base = server.base;
    const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
    console.log(
      `Credence web benchmark: ${MODEL}, ${CONNECTIONS} connections, ${DURATION} s per route, server at ${base}`,
    );
    await coldRuns(base);
    await cachedLoad(base, autocannon);
  } finally {
    await server.close();
  }
}

await bench();
