// The server the web benchmarks measure: the app as `npm start` builds and runs it (dist/), in a
// process of its own on a loopback port, so the load tool or browser does not share its thread.
// A benchmark calls `startServer()`; the forked child runs this same file and serves.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildAll } from '../bin/build.js';
import { buildIsStale, distEntry } from '../bin/dist.js';

async function serve(dbPath: string): Promise<void> {
  const { loadApp } = (await import(distEntry('server'))) as typeof import('../src/web/server.ts');
  const { createApp } = await loadApp();
  const web = await createApp({ modelsDir: resolve('models'), dbPath });
  const s = web.app.listen(0, '127.0.0.1', () => process.send!({ port: (s.address() as AddressInfo).port }));
  process.on('disconnect', () => void web.close().then(() => process.exit(0)));
}

export async function startServer(): Promise<{ base: string; pid: number; close(): Promise<void> }> {
  if (buildIsStale()) await buildAll();
  const dir = mkdtempSync(join(tmpdir(), 'credence-bench-'));
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, CREDENCE_BENCH_SERVER: join(dir, 'bench.db') },
  });
  const port = await new Promise<number>((ok, fail) => {
    child.once('message', (m) => ok((m as { port: number }).port));
    child.once('exit', (code) => fail(new Error(`the server exited with ${code}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async close() {
      child.disconnect();
      await new Promise((ok) => child.once('exit', ok));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (process.env.CREDENCE_BENCH_SERVER && process.send) await serve(process.env.CREDENCE_BENCH_SERVER);
