// A huge model's page and each of its panels: bytes sent and CPU time, the server's request
// thread apart from the whole process (request thread and compute workers), read from /proc
// before a request and again once the server is idle, so work a response left running is
// counted. `node --import tsx bench/huge-page.ts`; BENCH_SAMPLES (default 1,000) sets the page's
// samples, BENCH_HUGE (tree or wide) the model, BENCH_PANELS (comma-separated) the panels.
//   - tree: 22,000 inputs and 22,000 nodes, node i reading input i and nodes 2i+1 and 2i+2, so
//     every quantity reaches the output (as deep as a binary tree of 22,000 nodes);
//   - wide: the flood benchmark's file, 22,000 inputs each read by one node, the output one of them.
// The p-scheming model is served beside it, measured the same way for comparison.

import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.ts';
import { cpuMs, idle } from './process-cpu.ts';

const N = 22_000;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1000);
const KIND = process.env.BENCH_HUGE ?? 'tree';
const PANELS = (process.env.BENCH_PANELS ?? 'headline,summary,input-stats,formulas,graph,grid').split(',');
const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

/** The tree: short names keep 44,000 quantities under the loader's 1 MB. */
const tree = () =>
  `title: Huge tree\ninputs:\n${lines(N, (i) => `  a${i}: uniform(0,1)`)}\nnodes:\n${lines(N, (i) => {
    const kids = [2 * i + 1, 2 * i + 2].filter((k) => k < N).map((k) => `+b${k}`);
    return `  b${i}: a${i}${kids.join('')}`;
  })}\noutput: b0\n`;

/** As bench/flood-kinds.ts writes it. */
const wide = () =>
  `title: wide\ninputs:\n${lines(N, (i) => `  x${i}: uniform(0, 1)`)}\nnodes:\n${lines(N, (i) => `  y${i}: x${i} * 2`)}\noutput: y0\n`;

/** Main-thread CPU ms of a process (its first task), from /proc/<pid>/task/<pid>/stat. */
function mainCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'credence-huge-'));
  for (const f of readdirSync('models')) if (f.endsWith('.yaml')) copyFileSync(join('models', f), join(dir, f));
  writeFileSync(join(dir, 'huge.yaml'), KIND === 'wide' ? wide() : tree());
  const server = await startServer({ modelsDir: dir });
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  console.log(`Huge model page (${KIND}, ${2 * N} quantities), samples=${SAMPLES}; load average ${load()}`);
  console.log('| request | status | bytes | request-thread CPU (ms) | process CPU (ms) | wall (ms) |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const measure = async (path: string) => {
    await idle(server.pid);
    const c0 = cpuMs(server.pid);
    const m0 = mainCpuMs(server.pid);
    const t0 = performance.now();
    const res = await fetch(server.base + path);
    const body = Buffer.from(await res.arrayBuffer());
    const wall = performance.now() - t0;
    await idle(server.pid);
    const row = [path, res.status, body.length, mainCpuMs(server.pid) - m0, cpuMs(server.pid) - c0, Math.round(wall)];
    console.log(`| ${row.join(' | ')} |`);
    return body.toString();
  };
  try {
    // The huge file loads in the background (pages answer 503 meanwhile).
    for (let i = 0; i < 600; i++) {
      const res = await fetch(`${server.base}/api/models/huge`);
      await res.arrayBuffer();
      if (res.status === 200) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const model of ['huge', 'p-scheming']) {
      const q = `samples=${SAMPLES}&seed=${Date.now() % 100_000}`;
      // The first request loads the model and warms the engine; then the cold page and panels.
      await measure(`/models/${model}?samples=${SAMPLES}&seed=1`);
      await measure(`/models/${model}?${q}`);
      for (const p of PANELS) await measure(`/models/${model}/panels/${p}?${q}`);
      await measure(`/api/models/${model}/graph`);
      await measure(`/charts/${model}/graph.svg`);
    }
    console.log(`load average after: ${load()}`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
