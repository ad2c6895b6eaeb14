// The server the web benchmarks measure: the app as `npm start` builds and runs it (dist/), in a
// process of its own on a loopback port, so the load tool or browser does not share its thread.
// A benchmark calls `startServer()`; the forked child runs this same file and serves. The child
// also watches its own event loop (perf_hooks' delay histogram, and the main thread's CPU time
// between two ticks from /proc) and its CPU time (every thread), which a benchmark reads with
// `probe()` and starts afresh with `resetProbe()`.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildAll } from '../bin/build.js';
import { buildIsStale, distEntry } from '../bin/dist.js';

/** The server's event loop and CPU since the last reset. */
export interface Probe {
  /** Longest wait of a 5 ms timer past its time, and the 99th percentile (ms): what a request saw. */
  stallMaxMs: number;
  stallP99Ms: number;
  /**
   * The same gaps in the main thread's own CPU time (ms): what the server did without yielding,
   * which load from other processes does not inflate (the rest of a stall is the machine).
   */
  busyMaxMs: number;
  busyP99Ms: number;
  /** CPU time of the whole process (request thread and workers), user + system (ms). */
  cpuMs: number;
  wallMs: number;
}

/** The main thread's time on a CPU (ns), from the kernel's scheduler statistics. */
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
const onCpuNs = () => Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[0]);

/** Watch the event loop: a 5 ms timer, its lateness in wall time and in the main thread's CPU time. */
function watchLoop(): { reset(): void; probe(): Probe } {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let busy: number[] = [];
  let last = onCpuNs();
  const tick = setInterval(() => {
    const now = onCpuNs();
    busy.push((now - last) / 1e6);
    last = now;
  }, 5);
  tick.unref();
  let since = { cpu: process.cpuUsage(), at: performance.now() };
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))] ?? 0;
  // The histogram counts the timer's whole interval; what it waited beyond it is the stall.
  const stall = (ns: number) => Math.max(0, ns / 1e6 - 5);
  return {
    reset() {
      loop.reset();
      busy = [];
      since = { cpu: process.cpuUsage(), at: performance.now() };
    },
    probe() {
      const cpu = process.cpuUsage(since.cpu);
      return {
        stallMaxMs: stall(loop.max),
        stallP99Ms: stall(loop.percentile(99)),
        busyMaxMs: pct(busy, 1),
        busyP99Ms: pct(busy, 0.99),
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs: performance.now() - since.at,
      };
    },
  };
}

async function serve(dbPath: string, modelsDir: string): Promise<void> {
  const { loadApp } = (await import(distEntry('server'))) as typeof import('../src/web/server.ts');
  const { createApp } = await loadApp();
  const web = await createApp({ modelsDir, dbPath });
  const watch = watchLoop();
  process.on('message', (m) => {
    if (m === 'reset') {
      watch.reset();
      process.send!({ reset: true });
    } else if (m === 'probe') process.send!({ probe: watch.probe() });
  });
  const s = web.app.listen(0, '127.0.0.1', () => process.send!({ port: (s.address() as AddressInfo).port }));
  process.on('disconnect', () => void web.close().then(() => process.exit(0)));
}

export interface BenchServer {
  base: string;
  pid: number;
  /** Start the event-loop and CPU figures afresh. */
  resetProbe(): Promise<void>;
  /** The event loop's stalls and the CPU used since the last reset. */
  probe(): Promise<Probe>;
  close(): Promise<void>;
}

/** Start the built server on a free port, serving `modelsDir` (default: the repository's models/). */
export async function startServer(options: { modelsDir?: string } = {}): Promise<BenchServer> {
  if (buildIsStale()) await buildAll();
  const dir = mkdtempSync(join(tmpdir(), 'credence-bench-'));
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      CREDENCE_BENCH_SERVER: join(dir, 'bench.db'),
      CREDENCE_BENCH_MODELS: resolve(options.modelsDir ?? 'models'),
    },
  });
  const port = await new Promise<number>((ok, fail) => {
    child.once('message', (m) => ok((m as { port: number }).port));
    child.once('exit', (code) => fail(new Error(`the server exited with ${code}`)));
  });
  const ask = <T>(what: string, key: string) =>
    new Promise<T>((ok) => {
      const on = (m: unknown) => {
        if (m && typeof m === 'object' && key in m) {
          child.off('message', on);
          ok((m as Record<string, T>)[key]!);
        }
      };
      child.on('message', on);
      child.send(what);
    });
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    resetProbe: () => ask<boolean>('reset', 'reset').then(() => undefined),
    probe: () => ask<Probe>('probe', 'probe'),
    async close() {
      child.disconnect();
      await new Promise((ok) => child.once('exit', ok));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (process.env.CREDENCE_BENCH_SERVER && process.send)
  await serve(process.env.CREDENCE_BENCH_SERVER, process.env.CREDENCE_BENCH_MODELS ?? resolve('models'));
