// Server CPU per request: `node --import tsx bench/server-cpu.ts`. The server runs in its own
// process (bench/server.ts); its CPU time (every thread: the request thread and the compute
// workers, from /proc/<pid>/stat) is read before a request and again once the server is idle,
// so work a response left running (panels still computing) is counted. CPU time is what load
// from other processes does not inflate, unlike wall time; both are printed with the load.
//   - a cold model page (new seed) and the panels its script asks for at once;
//   - a what-if edit: the API's distribution, then the panels the page refreshes at once.

import { loadavg } from 'node:os';
import { startServer } from './server.ts';
import { cpuMs, idle } from './process-cpu.ts';

const MODEL = process.env.BENCH_MODEL ?? 'p-scheming';
const REPS = Number(process.env.BENCH_REPS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The non-deferred pending panels of a page, as its script would fetch them. */
function pendingPanels(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<section [^>]*data-panel-src="([^"]+)"([^>]*)>/g))
    if (!/data-panel-defer/.test(m[2]!)) out.push(m[1]!.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'));
  return out;
}

async function measure(pid: number, work: () => Promise<void>): Promise<{ cpu: number; wall: number }> {
  await idle(pid);
  const c0 = cpuMs(pid);
  const t0 = performance.now();
  await work();
  const wall = performance.now() - t0;
  await idle(pid);
  return { cpu: cpuMs(pid) - c0, wall };
}

async function main(): Promise<void> {
  const server = await startServer();
  const get = async (path: string) => {
    const res = await fetch(server.base + path);
    const text = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text.slice(0, 200)}`);
    return text;
  };
  try {
    console.log(
      `Credence server CPU per request: ${MODEL}, ${REPS} runs each; load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    // Warm: the first request compiles the engine's code and checks the page's request.
    const warm = await get(`/models/${MODEL}?seed=9999`);
    await Promise.all(pendingPanels(warm).map(get));
    const input = /name="set\.([^"]+)"/.exec(warm)![1]!;
    const rows: [string, { cpu: number; wall: number }[]][] = [];
    const page: { cpu: number; wall: number }[] = [];
    const headline: { cpu: number; wall: number }[] = [];
    for (let i = 0; i < REPS; i++) {
      const seed = 20_001 + i;
      headline.push(
        await measure(server.pid, async () => void (await get(`/models/${MODEL}/panels/headline?seed=${seed + 500}`))),
      );
      page.push(
        await measure(server.pid, async () => {
          const html = await get(`/models/${MODEL}?seed=${seed}`);
          await Promise.all(pendingPanels(html).map(get));
        }),
      );
    }
    rows.push(['cold page, its panels computed at load (new seed)', page]);
    rows.push(['headline panel alone (new seed)', headline]);
    const whatif: { cpu: number; wall: number }[] = [];
    for (let i = 0; i < REPS; i++) {
      const q = `set.${encodeURIComponent(input)}=${encodeURIComponent(`beta(${2 + i}, ${7 + i})`)}`;
      whatif.push(
        await measure(server.pid, async () => {
          await get(`/api/models/${MODEL}/distribution?${q}`);
        }),
      );
    }
    rows.push([`what-if: /api/models/${MODEL}/distribution with set.${input}`, whatif]);
    console.log('| request | server CPU (median) | CPU per run | wall per run |');
    console.log('| --- | ---: | --- | --- |');
    for (const [what, xs] of rows)
      console.log(
        `| ${what} | ${Math.round(median(xs.map((x) => x.cpu)))} ms | ${xs.map((x) => Math.round(x.cpu)).join(', ')} | ${xs.map((x) => Math.round(x.wall)).join(', ')} |`,
      );
    console.log(
      `load average after: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await server.close();
  }
}

await main();
