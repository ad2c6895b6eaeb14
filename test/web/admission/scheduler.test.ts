// The scheduler's admission and order, observed through a runner whose work finishes only when
// the test says so: what starts, in which order, and what is refused with which status. Nothing
// here depends on time except the budget's refill, whose clock the test drives.

import { describe, it, expect } from 'vitest';
import { Scheduler, Refusal, DEFAULT_QUEUE, type QueueSettings } from '../../../src/web/admission/scheduler.ts';
import { Budgets } from '../../../src/web/admission/budget.ts';
import type { ClientContext } from '../../../src/web/admission/context.ts';
import type { Lane, Runner, Work } from '../../../src/web/compute/computer.ts';
import type { Snapshot } from '../../../src/web/live-project.ts';

/** A runner that records what it was given and finishes each piece of work on demand. */
class Manual implements Runner {
  started: string[] = [];
  private open = new Map<string, () => void>();
  constructor(readonly lanes: Lane[]) {}
  run(lane: number, work: Work, _snapshot: Snapshot, threads = 1): Promise<unknown> {
    const name = work.kind === 'check' ? work.check.model : work.job.analysis;
    this.started.push(`${name}@${lane}${threads > 1 ? ` x${threads}` : ''}`);
    return new Promise((resolve) => this.open.set(name, () => resolve(name)));
  }
  finish(name: string): void {
    this.open.get(name)!();
    this.open.delete(name);
  }
  async close(): Promise<void> {}
}

const snapshot = {} as Snapshot;
/** A piece of work named `name` (the name is all the runner reads). */
const work = (name: string): Work => ({ kind: 'check', check: { model: name, request: {} as never, extra: [] } });
/** An analysis job named `name` (the runner reads only the name). */
const job = (name: string): Work => ({ kind: 'job', job: { analysis: name } as never });
const a: ClientContext = { client: 'a', urgency: 'interactive' };
const b: ClientContext = { client: 'b', urgency: 'interactive' };
const settle = () => new Promise((r) => setImmediate(r));

/** A scheduler on `lanes`; `clock.now` (ms) is the time it reads, which only the test moves. */
function scheduler(lanes: Lane[], queue: Partial<QueueSettings> = {}, budgets: Budgets | null = null) {
  const runner = new Manual(lanes);
  const clock = { now: 0 };
  const settings = { ...DEFAULT_QUEUE, smallCost: 10, activeMs: 5_000, ...queue };
  return { runner, clock, s: new Scheduler(runner, budgets, settings, () => clock.now) };
}

function refusal(f: () => unknown): Refusal {
  try {
    f();
  } catch (e) {
    if (e instanceof Refusal) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('order', () => {
  it("a client that asks later is served before a flooding client's queued work", async () => {
    const { runner, s } = scheduler([{ express: false }]);
    for (const n of ['a1', 'a2', 'a3', 'a4']) void s.submit(work(n), snapshot, 100, a);
    void s.submit(work('b1'), snapshot, 100, b);
    expect(runner.started).toEqual(['a1@0']);
    runner.finish('a1');
    await settle();
    expect(runner.started).toEqual(['a1@0', 'b1@0']);
    runner.finish('b1');
    await settle();
    expect(runner.started.at(-1)).toBe('a2@0');
  });

  it('small work takes the express lane while large work holds every general lane', async () => {
    const { runner, s } = scheduler([{ express: false }, { express: true }]);
    for (const n of ['big1', 'big2', 'big3']) void s.submit(work(n), snapshot, 1_000, a);
    // Large work never takes the express lane, however long the queue.
    expect(runner.started).toEqual(['big1@0']);
    const small = s.submit(work('small'), snapshot, 5, b);
    expect(runner.started).toEqual(['big1@0', 'small@1']);
    runner.finish('small');
    expect(await small).toBe('small');
    expect(runner.started).toEqual(['big1@0', 'small@1']);
  });

  it("within a client, what a reader waits on goes before panels further down; the server's own work last", async () => {
    const { runner, s } = scheduler([{ express: false }]);
    void s.submit(work('first'), snapshot, 100, a);
    void s.submit(work('warm'), snapshot, 100, { client: 'server', urgency: 'background' });
    void s.submit(work('panel'), snapshot, 100, { client: 'a', urgency: 'background' });
    void s.submit(work('whatif'), snapshot, 100, a);
    for (const n of ['first', 'whatif', 'panel']) {
      runner.finish(n);
      await settle();
    }
    expect(runner.started).toEqual(['first@0', 'whatif@0', 'panel@0', 'warm@0']);
  });
});

describe("lanes held for a job's engine threads", () => {
  it('a job that is not small, with nothing waiting, holds the idle general lanes until it ends', async () => {
    const { runner, clock, s } = scheduler([{ express: false }, { express: false }, { express: true }]);
    const run = s.submit(job('run'), snapshot, 1_000, a);
    expect(runner.started).toEqual(['run@0 x2']);
    expect(s.load).toEqual({ queued: 0, running: 1 });
    void s.submit(job('tornado'), snapshot, 1_000, b);
    void s.submit(work('small'), snapshot, 5, b);
    // The held lane takes no other work; small work still finds the express lane.
    expect(runner.started).toEqual(['run@0 x2', 'small@2']);
    // a was last given a lane longer ago than activeMs: b's tornado may take both cores.
    clock.now = 5_001;
    runner.finish('run');
    expect(await run).toBe('run');
    await settle();
    expect(runner.started).toEqual(['run@0 x2', 'small@2', 'tornado@0 x2']);
  });

  it('small work, checks and work started while others wait or run hold no lane', async () => {
    const { runner, s } = scheduler([{ express: false }, { express: false }]);
    void s.submit(job('small'), snapshot, 5, a);
    void s.submit(work('check'), snapshot, 1_000, b);
    expect(runner.started).toEqual(['small@0', 'check@1']);
    runner.finish('small');
    void s.submit(job('big1'), snapshot, 1_000, a);
    void s.submit(job('big2'), snapshot, 1_000, b);
    await settle();
    runner.finish('check');
    await settle();
    // big1 took lane 0 with big2 waiting; big2 then took lane 1 with lane 0 busy.
    expect(runner.started).toEqual(['small@0', 'check@1', 'big1@0', 'big2@1']);
  });
});

describe('one general lane per client while another client is active', () => {
  it("a flooding client's long jobs leave the other general lane to a reader, until the reader has gone", async () => {
    const { runner, clock, s } = scheduler([{ express: false }, { express: false }, { express: true }]);
    void s.submit(job('b1'), snapshot, 5, b);
    runner.finish('b1');
    await settle();
    // b was given a lane 1 s ago: a's first job runs on one thread, its next ones wait.
    clock.now = 1_000;
    for (const n of ['big1', 'big2', 'big3']) void s.submit(job(n), snapshot, 1_000, a);
    expect(runner.started).toEqual(['b1@0', 'big1@0']);
    expect(s.load).toEqual({ queued: 2, running: 1 });
    // b's next request, large or small, finds a general lane free at once.
    void s.submit(job('b2'), snapshot, 1_000, b);
    expect(runner.started.at(-1)).toBe('b2@1');
    // b's work ends after it was last given a lane more than activeMs ago: a may take both.
    clock.now = 6_001;
    runner.finish('b2');
    await settle();
    expect(runner.started.slice(2)).toEqual(['b2@1', 'big2@1']);
  });

  it('the same client, or only the server besides it, may hold every general lane', async () => {
    const { runner, s } = scheduler([{ express: false }, { express: false }]);
    const server: ClientContext = { client: 'server', urgency: 'background' };
    // Checks, which never hold lanes for threads, so each takes one lane.
    void s.submit(work('warm'), snapshot, 1_000, server);
    void s.submit(work('a1'), snapshot, 1_000, a);
    void s.submit(work('a2'), snapshot, 1_000, a);
    expect(runner.started).toEqual(['warm@0', 'a1@1']);
    runner.finish('warm');
    await settle();
    expect(runner.started).toEqual(['warm@0', 'a1@1', 'a2@0']);
  });
});

describe('admission', () => {
  it('refuses with 503 and Retry-After when the queue is full, in total or for one client', () => {
    const { s } = scheduler([{ express: false }], { maxQueued: 3, maxQueuedPerClient: 2, cellsPerSecond: 100 });
    void s.submit(work('running'), snapshot, 100, a);
    void s.submit(work('a1'), snapshot, 100, a);
    void s.submit(work('a2'), snapshot, 100, a);
    const mine = refusal(() => s.submit(work('a3'), snapshot, 100, a));
    expect(mine.status).toBe(503);
    expect(mine.message).toMatch(/2 of your computations/);
    void s.submit(work('b1'), snapshot, 100, b);
    const full = refusal(() => s.submit(work('b2'), snapshot, 100, b));
    expect(full.status).toBe(503);
    // 300 cells queued and 100 running, at 100 cells a second.
    expect(full.retryAfterS).toBe(4);
  });

  it("charges a computation before queueing it: 429 with the seconds until the client's allowance covers it", () => {
    let now = 0;
    const budgets = new Budgets({ burst: 1_000, perSecond: 100 }, () => now);
    const { runner, s } = scheduler([{ express: false }], {}, budgets);
    void s.submit(work('a1'), snapshot, 700, a);
    const r = refusal(() => s.submit(work('a2'), snapshot, 700, a));
    expect(r.status).toBe(429);
    // 300 left, 700 needed, 100 a second.
    expect(r.retryAfterS).toBe(4);
    // Refused work never reaches a lane, and another client's allowance is its own.
    void s.submit(work('b1'), snapshot, 700, b);
    expect(runner.started).toEqual(['a1@0']);
    now = 4_000;
    expect(() => s.submit(work('a2'), snapshot, 700, a)).not.toThrow();
  });

  it('refuses work larger than any allowance with 400, naming what to change', () => {
    const { s } = scheduler([{ express: false }], {}, new Budgets({ burst: 1_000, perSecond: 100 }));
    const r = refusal(() => s.submit(work('huge'), snapshot, 5_000, a));
    expect(r.status).toBe(400);
    expect(r.message).toMatch(/fewer samples/);
  });

  it("never charges or refuses the server's own work", () => {
    const { s } = scheduler([{ express: false }], { maxQueued: 1 }, new Budgets({ burst: 10, perSecond: 1 }));
    const server: ClientContext = { client: 'server', urgency: 'background' };
    for (let i = 0; i < 5; i++) expect(() => s.submit(work(`w${i}`), snapshot, 1_000, server)).not.toThrow();
  });
});

describe('budgets', () => {
  it('refill at their rate up to the burst, and forget clients that are full again', () => {
    let now = 0;
    const budgets = new Budgets({ burst: 100, perSecond: 10 }, () => now);
    expect(budgets.charge('x', 100).ok).toBe(true);
    expect(budgets.available('x')).toBe(0);
    now = 2_500;
    expect(budgets.available('x')).toBe(25);
    now = 60_000;
    expect(budgets.available('x')).toBe(100);
    expect(budgets.charge('y', 1).ok).toBe(true);
    // x was full again when y charged: dropped from the table (and full when it comes back).
    expect(budgets.available('x')).toBe(100);
  });
});
