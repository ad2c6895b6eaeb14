// A report shared by two workers gives exactly the report of one thread: the same numbers, the
// same warnings in the same order. Also the protocol's fallbacks, on one thread: a lead whose
// helper failed computes what the helper left, and a helper whose lead gave up returns at once.

import { describe, it, expect, afterAll, beforeAll, vi } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool, InProcessComputer } from '../../../src/web/compute/computer.ts';
import { leadReport, helpReport, newControl, abandon } from '../../../src/web/compute/shared-report.ts';
import { LiveProject, type Snapshot } from '../../../src/web/live-project.ts';
import { runRequestSchema, resolveRequest } from '../../../src/analysis/request.ts';
import { runReport } from '../../../src/analysis/report.ts';
import { loadProject } from '../../../src/model/project.ts';
import type { Job } from '../../../src/web/compute/jobs.ts';
import { SHIPPED_MODELS } from '../helpers.ts';

// Many independent draws (so both workers find steps to take), rows with impossible parameters
// in two places (warnings from both workers, to be merged in plan order), and evidence.
const WIDE = [
  'title: wide',
  'inputs:',
  ...Array.from({ length: 24 }, (_, i) => `  x${i}: beta(${2 + (i % 5)}, ${3 + (i % 3)})`),
  '  s: uniform(-1, 1)',
  '  t: uniform(-1, 2)',
  '  bad1: normal(0, s)',
  '  bad2: lognormal(0, t)',
  'nodes:',
  `  total: ${Array.from({ length: 24 }, (_, i) => `x${i}`).join(' + ')}`,
  '  out: total / 24',
  'output: out',
  'evidence:',
  '  obs: { likelihood: "x0 * x1" }',
  '',
].join('\n');

let dir: string;
let snapshot: Snapshot;
let shipped: Snapshot;
let pool: WorkerPool;
const local = new InProcessComputer();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credence-shared-'));
  writeFileSync(join(dir, 'wide.yaml'), WIDE);
  snapshot = new LiveProject(dir).current();
  shipped = new LiveProject(SHIPPED_MODELS).current();
  pool = new WorkerPool(2);
});

afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

const report = (model: string, query: Record<string, unknown>): Job => ({
  kind: 'report',
  model,
  request: runRequestSchema().parse(query),
  extra: [],
});

describe('a report shared by two workers', () => {
  it('is the one-thread report exactly, warnings included, for every seed', async () => {
    const before = pool.sharedReports;
    for (const seed of [1, 2, 3]) {
      const job = report('wide', { samples: 20000, seed });
      const [alone, shared] = [await local.compute(job, snapshot), await pool.compute(job, snapshot)];
      expect(shared).toEqual(alone);
      const warnings = (alone as { value: { warnings: string[] } }).value.warnings;
      // The engine's warnings for the two draws (one raised by each worker, as it happens), then
      // the report's for their NaN rows.
      expect(warnings.map((w) => w.split(':')[0])).toEqual(['bad1', 'bad2', 'bad1', 'bad2']);
      expect(warnings.slice(0, 2).every((w) => w.includes('must be positive'))).toBe(true);
    }
    expect(pool.sharedReports - before).toBe(3);
    // The helpers did some of the work (their answers may arrive just after their leads').
    await vi.waitFor(() => expect(pool.helpedTasks).toBeGreaterThan(0));
  });

  it('gives the shipped overall model the same report under a scenario, with evidence off and with Latin hypercube sampling', async () => {
    for (const query of [
      { samples: 20000, seed: 5, scenario: 'critic' },
      { samples: 20000, seed: 6, evidence: 'none' },
      { samples: 20000, seed: 8, sampler: 'lhs' },
    ]) {
      const job = report('p-scheming', query);
      expect(await pool.compute(job, shipped)).toEqual(await local.compute(job, shipped));
    }
  });

  it('a request with an error is the same error from the pool, and the pool goes on serving', async () => {
    const job = report('wide', { samples: 1000, seed: 1, evidence: 'nope' });
    const r = await pool.compute(job, snapshot);
    expect(r).toEqual(await local.compute(job, snapshot));
    expect(r.ok).toBe(false);
    const next = report('wide', { samples: 1000, seed: 4 });
    expect(await pool.compute(next, snapshot)).toEqual(await local.compute(next, snapshot));
  });
});

describe('the protocol on one thread', () => {
  const prepared = () => {
    const p = loadProject(dir);
    const r = resolveRequest(p, 'wide', runRequestSchema().parse({ samples: 3000, seed: 9 }));
    if (!r.ok) throw new Error('wide does not resolve');
    return r.value;
  };

  it("a lead whose helper joined but failed does the helper's share itself", () => {
    const { prepared: m, options } = prepared();
    const control = newControl();
    // The words a helper leaves when it joined and then failed before sending anything
    // (JOIN = 1, DONE = -1): the lead must do every task itself and not wait for a message.
    control[1] = 1;
    control[2] = -1;
    const { port1, port2 } = new MessageChannel();
    try {
      const shared = leadReport(m, options, { role: 'lead', control, port: port1 });
      expect(shared).toEqual(runReport(m.run(options)));
    } finally {
      port1.close();
      port2.close();
    }
  });

  it('a helper whose lead gave up returns at once, without taking part', () => {
    const { prepared: m, options } = prepared();
    const control = newControl();
    const { port1, port2 } = new MessageChannel();
    try {
      abandon({ role: 'lead', control, port: port1 });
      expect(helpReport(m, options, { role: 'helper', control, port: port2 })).toBe(0);
      expect(control[1]).toBe(0);
    } finally {
      port1.close();
      port2.close();
    }
  });
});
