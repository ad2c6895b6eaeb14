// Without worker threads the check of a page's request runs in the request's own thread, where
// nothing can stop it from outside: it keeps to its time budget by looking at the clock between
// steps (before the model's graph, before each what-if text, before the graph with the edits).
// The clock here moves on by 1 ms at each look, so the budget runs out at a look fixed by hand,
// and a hostile request (300 what-if values) is stopped at a value known in advance.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessRunner } from '../../../src/web/compute/computer.ts';
import { wasStopped } from '../../../src/web/compute/check-budget.ts';
import { DEFAULT_QUEUE, Scheduler } from '../../../src/web/admission/scheduler.ts';
import { Results } from '../../../src/web/results.ts';
import { LiveProject, type Snapshot } from '../../../src/web/live-project.ts';
import type { CheckInput, CheckedRequest } from '../../../src/web/pages/request.ts';

const N = 300;
const names = Array.from({ length: N }, (_, i) => `x${i}`);
const MANY = `title: Many\ninputs:\n${names.map((n) => `  ${n}: 0\n`).join('')}nodes:\n  total: ${names.join(' + ')}\noutput: total\n`;

/** A clock read as 0, 1, 2, … ms: the budget is created at 0, and look k reads k. */
const ticking = (): (() => number) => {
  let t = 0;
  return () => t++;
};

const input = (set: Record<string, string>): CheckInput => ({
  model: 'many',
  request: { model: 'many', samples: 1000, seed: 1, sampler: 'mc', scenario: null, set, evidence: 'default' },
  extra: [],
});
const everyInput = Object.fromEntries(names.map((n) => [n, '-1'.repeat(30)]));
const run = (runner: InProcessRunner, set: Record<string, string>) =>
  runner.run(0, { kind: 'check', check: input(set) }, snapshot);

let dir: string;
let snapshot: Snapshot;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'credence-check-'));
  writeFileSync(join(dir, 'many.yaml'), MANY);
  snapshot = new LiveProject(dir).current();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a page request's check without worker threads", () => {
  it('stops a hostile request at its budget, with the error at the value it had reached', async () => {
    // Budget 100 ms: look 1 is before the graph, look i + 2 before the i-th value (from 0), so
    // look 101 (reading 101 > 100) is the one before x99.
    const answer = await run(new InProcessRunner({ checkTimeoutMs: 100, now: ticking() }), everyInput);
    expect(wasStopped(answer)).toBe(true);
    const [e] = (answer as { errors: unknown[] }).errors;
    expect(e).toMatchObject({ code: 'limit-exceeded', file: '--set x99', limit: { name: 'check-time', max: 100 } });
  });

  it('checks a request within the same budget to the end', async () => {
    const answer = (await run(new InProcessRunner({ checkTimeoutMs: 100, now: ticking() }), {
      x7: '-1'.repeat(30),
    })) as CheckedRequest;
    expect(wasStopped(answer)).toBe(false);
    expect(answer.ok).toBe(true);
    expect(answer.inputs).toHaveLength(N);
    expect(answer.inputs.find((i) => i.name === 'x7')).toMatchObject({ edited: true, errors: [] });
  });

  it('is a 400 naming the value and check-time for the page, and is not kept', async () => {
    const results = new Results(
      new Scheduler(new InProcessRunner({ checkTimeoutMs: 100, now: ticking() }), null, DEFAULT_QUEUE),
    );
    const err = await results.check(snapshot, input(everyInput)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ status: 400, code: 'limit-exceeded' });
    expect((err as Error).message).toMatch(
      /^--set x99: checking this page's what-if values took longer than 1 s \(check-time\)/,
    );
    // The same request again is checked afresh (the clock has moved on, so it stops again).
    await expect(results.check(snapshot, input(everyInput))).rejects.toMatchObject({ code: 'limit-exceeded' });
  });

  it('has a default budget of 10 s: 302 looks of 1 ms check the hostile request to the end', async () => {
    const answer = (await run(new InProcessRunner({ now: ticking() }), everyInput)) as CheckedRequest;
    expect(wasStopped(answer)).toBe(false);
    expect(answer.ok).toBe(true);
    expect(answer.inputs.filter((i) => i.edited)).toHaveLength(N);
  });
});
