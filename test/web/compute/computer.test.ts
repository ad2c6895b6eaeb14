// The worker pool runs whole jobs in worker threads: its answers are those of the same job
// computed in-process, errors included, and a failed job leaves the pool serving.

import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool, InProcessRunner } from '../../../src/web/compute/computer.ts';
import { DEFAULT_QUEUE, Scheduler } from '../../../src/web/admission/scheduler.ts';
import { LiveProject, type Snapshot } from '../../../src/web/live-project.ts';
import { parseRequest, NOTHING_OUTSIDE, type Job } from '../../../src/analysis/registry/index.ts';
import { CLI_LIMITS } from '../../../src/analysis/request.ts';
import { SEGMENT } from '../../../src/engine/random.ts';
import { SHIPPED_MODELS } from '../helpers.ts';
import { BUILT_WORKERS } from '../../support/built-workers.ts';
import { UNTIL_READY_MS } from '../../support/waits.ts';

// Rows with impossible parameters in two places (warnings in plan order), and evidence.
const WIDE = [
  'title: wide',
  'inputs:',
  ...Array.from({ length: 6 }, (_, i) => `  x${i}: beta(${2 + (i % 5)}, ${3 + (i % 3)})`),
  '  s: uniform(-1, 1)',
  '  t: uniform(-1, 2)',
  '  bad1: normal(0, s)',
  '  bad2: lognormal(0, t)',
  'nodes:',
  `  total: ${Array.from({ length: 6 }, (_, i) => `x${i}`).join(' + ')}`,
  '  out: total / 6',
  'output: out',
  'evidence:',
  '  obs: { likelihood: "x0 * x1" }',
  '',
].join('\n');

let dir: string;
let snapshot: Snapshot;
let shipped: Snapshot;
let workers: WorkerPool;
let pool: Scheduler;
const local = new Scheduler(new InProcessRunner(), null, DEFAULT_QUEUE);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credence-pool-'));
  writeFileSync(join(dir, 'wide.yaml'), WIDE);
  snapshot = new LiveProject(dir).current();
  shipped = new LiveProject(SHIPPED_MODELS).current();
  // No job is stopped for time, however busy the machine.
  const patient = { timeoutMs: UNTIL_READY_MS, checkTimeoutMs: UNTIL_READY_MS };
  workers = new WorkerPool(2, { entry: BUILT_WORKERS.compute, ...patient });
  pool = new Scheduler(workers, null, DEFAULT_QUEUE);
});

afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

function report(model: string, query: Record<string, unknown>, analysis: Job['analysis'] = 'run'): Job {
  const r = parseRequest(analysis, { ...query, model }, CLI_LIMITS);
  if (!r.ok) throw new Error(r.message);
  return { analysis, request: r.value, outside: NOTHING_OUTSIDE } as Job;
}

describe('the worker pool', () => {
  it('gives the in-process report exactly, warnings included', async () => {
    const job = report('wide', { samples: 20000, seed: 3 });
    const [alone, pooled] = [await local.compute(job, snapshot), await pool.compute(job, snapshot)];
    expect(pooled).toEqual(alone);
    if (!alone.ok) throw new Error('the report failed');
    const { warnings } = alone.value as { warnings: string[] };
    // The engine's warnings for the two impossible draws, then the report's for their NaN rows.
    expect(warnings.map((w) => w.split(':')[0])).toEqual(['bad1', 'bad2', 'bad1', 'bad2']);
  });

  it('runs jobs given together, each with the answer it would have alone', async () => {
    const jobs = [
      report('p-scheming', { samples: 5000, seed: 5, scenario: 'critic' }),
      report('p-scheming', { samples: 5000, seed: 6, evidence: 'none' }),
      report('p-scheming', { samples: 5000, seed: 8, sampler: 'lhs' }),
    ];
    const pooled = await Promise.all(jobs.map((j) => pool.compute(j, shipped)));
    for (const [i, j] of jobs.entries()) expect(pooled[i]).toEqual(await local.compute(j, shipped));
  });

  it('answers a request with an error with the same error, and goes on serving', async () => {
    const job = report('wide', { samples: 1000, seed: 1, evidence: 'nope' });
    const r = await pool.compute(job, snapshot);
    expect(r).toEqual(await local.compute(job, snapshot));
    expect(r.ok).toBe(false);
    const next = report('wide', { samples: 1000, seed: 4 });
    expect(await pool.compute(next, snapshot)).toEqual(await local.compute(next, snapshot));
  });
});

describe("a job on the engine's threads", () => {
  // Two whole segments and part of a third: more segments than threads, so the engine shares
  // them between the threads, and a last segment shorter than the others.
  const samples = 2 * SEGMENT + SEGMENT / 2;
  const jobs = [
    report('p-scheming', { samples, seed: 2 }),
    report('p-scheming', { samples, seed: 9, sampler: 'sobol' }, 'summary'),
    report('p-scheming', { samples, seed: 4 }, 'tornado'),
  ];

  // On the pool's first worker (the tests run one after another, so it is idle): a worker
  // thread of its own would cost another start of the engine.
  it('gives the same answer on 2 threads as on one and in-process', async () => {
    for (const job of jobs) {
      const one = await workers.run(0, { kind: 'job', job }, shipped, 1);
      const two = await workers.run(0, { kind: 'job', job }, shipped, 2);
      expect((one as { ok: boolean }).ok).toBe(true);
      expect(two).toEqual(one);
      expect(two).toEqual(await local.compute(job, shipped));
    }
  });
});
