// A full run report of the overall model at 100,000 samples (every quantity, prior and
// posterior: what `GET /api/models/:id/run` computes), without HTTP:
// `node --import tsx bench/report.ts`. On one thread, split into the engine's run and the
// summaries; then as a compute job on a worker of the web app's pool, with the CPU time it takes.
// Each figure is the median of 7 runs with new seeds after two warm-up runs.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LiveProject } from '../src/web/live-project.ts';
import { WorkerPool } from '../src/web/compute/computer.ts';
import { DEFAULT_QUEUE, Scheduler } from '../src/web/admission/scheduler.ts';
import { CLI_LIMITS, resolveRequest } from '../src/analysis/request.ts';
import { runReport } from '../src/analysis/report.ts';
import { ColumnPool } from '../src/engine/column-pool.ts';
import { parseRequest, NOTHING_OUTSIDE, type Job, type RequestOf } from '../src/analysis/registry/index.ts';

const MODEL = process.env.BENCH_MODEL ?? 'p-scheming';
const SAMPLES = 100_000;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const snapshot = new LiveProject(join(ROOT, 'models')).current();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seeds = (from: number) => Array.from({ length: 9 }, (_, i) => from + i);
function request(seed: number): RequestOf<'run'> {
  const r = parseRequest('run', { model: MODEL, samples: SAMPLES, seed }, CLI_LIMITS);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
const job = (seed: number): Job => ({ analysis: 'run', request: request(seed), outside: NOTHING_OUTSIDE });

console.log(`full run report of ${MODEL} at ${SAMPLES.toLocaleString('en-US')} samples (median of 7 after 2 warm-ups)`);

{
  const pool = new ColumnPool();
  const engine: number[] = [];
  const summaries: number[] = [];
  let quantities = 0;
  let informed = 0;
  for (const [k, seed] of seeds(1).entries()) {
    const r = resolveRequest(snapshot.project, request(seed));
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const t0 = performance.now();
    const result = r.value.prepared.run({ ...r.value.options, pool });
    const t1 = performance.now();
    runReport(result);
    const t2 = performance.now();
    quantities = Object.keys(result.columns).length;
    informed = Object.keys(result.columns).filter((name) => result.weightsOf(name) !== null).length;
    result.release();
    if (k < 2) continue;
    engine.push(t1 - t0);
    summaries.push(t2 - t1);
  }
  console.log(
    `  one thread: engine ${median(engine).toFixed(0)} ms + summaries ${median(summaries).toFixed(0)} ms (${quantities} quantities, ${informed} of them informed by the evidence)`,
  );
}

{
  const workers = new WorkerPool(1);
  workers.warm(snapshot);
  const pool = new Scheduler(workers, null, DEFAULT_QUEUE);
  const times: number[] = [];
  // CPU time of the whole process: its worker threads' work, whichever thread did it.
  let cpu = 0;
  for (const [k, seed] of seeds(100).entries()) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await pool.compute(job(seed), snapshot);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    if (k >= 2) times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    if (k >= 2) cpu += (c.user + c.system) / 1000;
  }
  console.log(
    `  on a worker: ${median(times).toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')}), ${(cpu / times.length).toFixed(0)} ms of CPU each`,
  );
  await pool.close();
}
