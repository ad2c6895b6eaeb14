// The check of a page's request (its what-if values parsed against the model) has a time budget
// of its own in the worker pool, and the work it may be given is bounded before it starts: the
// HTTP parser takes at most 16 KB of request line and headers, so the largest what-if a page can
// be asked for is a few thousand terms, which checks to the exact result.

import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import request from 'supertest';
import { InProcessRunner, WorkerPool, type Runner, type Work } from '../../../src/web/compute/computer.ts';
import { DEFAULT_QUEUE, Scheduler } from '../../../src/web/admission/scheduler.ts';
import { Results } from '../../../src/web/results.ts';
import { LiveProject, type Snapshot } from '../../../src/web/live-project.ts';
import type { CheckInput, CheckedRequest } from '../../../src/web/pages/request.ts';
import { appWith, SHIPPED_MODELS, type Fixture } from '../helpers.ts';

const SUM = 'title: Sum\ninputs:\n  a: 0\n  b: 0\nnodes:\n  total: a + b\noutput: total\n';
/** `-term` `n` times: a flat chain of subtractions (no character to escape) exact in doubles. */
const minus = (term: number, n: number) => `-${term}`.repeat(n);

const input = (set: Record<string, string> = {}): CheckInput => ({
  model: 'p-scheming',
  request: { model: 'p-scheming', samples: 1000, seed: 1, sampler: 'mc', scenario: null, set, evidence: 'default' },
  extra: [],
});

let shipped: Snapshot;
beforeAll(() => {
  shipped = new LiveProject(SHIPPED_MODELS).current();
});

describe("a page request's check", () => {
  it('is stopped past its own time budget, as a 400 naming check-time', async () => {
    // A fresh worker first loads every shipped model: far more than 1 ms before any check ends.
    const scheduler = new Scheduler(new WorkerPool(1, { checkTimeoutMs: 1 }), null, DEFAULT_QUEUE);
    try {
      const results = new Results(scheduler);
      const err = await results.check(shipped, input()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ status: 400, code: 'limit-exceeded' });
      expect((err as Error).message).toContain('(check-time)');
    } finally {
      await scheduler.close();
    }
  });

  it('is not kept when it was stopped: the next request checks afresh', async () => {
    class StopsOnce implements Runner {
      readonly lanes = [{ express: false }];
      private inner = new InProcessRunner();
      stopsLeft = 1;
      async run(lane: number, work: Work, snapshot: Snapshot): Promise<unknown> {
        if (this.stopsLeft-- > 0)
          return { ok: false, errors: [{ code: 'limit-exceeded', message: 'stopped (check-time)' }], stopped: true };
        return this.inner.run(lane, work, snapshot);
      }
      async close(): Promise<void> {}
    }
    const results = new Results(new Scheduler(new StopsOnce(), null, DEFAULT_QUEUE));
    await expect(results.check(shipped, input())).rejects.toMatchObject({ code: 'limit-exceeded' });
    const checked: CheckedRequest = await results.check(shipped, input());
    expect(checked.ok).toBe(true);
    expect(checked.inputs.length).toBeGreaterThan(0);
  });
});

describe('the largest what-if a page can be asked for', () => {
  let f: Fixture;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    f = await appWith({ 'sum.yaml': SUM });
    server = f.web.app.listen(0, '127.0.0.1');
    await new Promise((ok) => server.once('listening', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
    await f?.close();
  });

  const status = (path: string) =>
    new Promise<number>((resolve, reject) =>
      get(base + path, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      }).on('error', reject),
    );

  // 4,000 + 3,000 terms in 14,000 characters of query: under the parser's 16 KB.
  const query = `set.a=${minus(1, 4000)}&set.b=${minus(2, 3000)}`;

  it('is checked and run to the exact sum', async () => {
    expect(query.length).toBeGreaterThan(13_000);
    const page = await request(f.web.app).get(`/models/sum?${query}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('cannot read the expression');
    const run = await request(f.web.app).get(`/api/models/sum/run?samples=100&${query}`);
    expect(run.status).toBe(200);
    // Every sample is the same constant: −(4,000 × 1) − (3,000 × 2).
    expect(run.body.nodes.total.mean).toBe(-10_000);
    expect(run.body.nodes.total.sd).toBe(0);
  });

  it('is refused by the HTTP parser past 16 KB, before any check', async () => {
    expect(await status(`/models/sum?${query}&set.a=${minus(1, 1500)}`)).toBe(431);
  });
});
