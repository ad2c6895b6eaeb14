// The cache of computed results and page-request checks, observed through a scheduler that
// counts what it is asked for: one computation however many ask at once, none for a kept
// answer, a refusal that is its asker's alone, a stopped computation never kept, and one bound
// over results and checks alike.

import { describe, it, expect } from 'vitest';
import { Results } from '../../src/web/results.ts';
import { Refusal, type Scheduler } from '../../src/web/admission/scheduler.ts';
import type { Work } from '../../src/web/compute/computer.ts';
import type { Job } from '../../src/analysis/registry/index.ts';
import type { Snapshot } from '../../src/web/live-project.ts';

/** A scheduler that answers each piece of work with `answer(work)` once the test lets it go. */
function counting(answer: (w: Work) => unknown = (w) => ({ ok: true, value: w.kind })) {
  const submitted: Work[] = [];
  let refuse = false;
  const waiting: (() => void)[] = [];
  const scheduler = {
    submit(work: Work): Promise<unknown> {
      if (refuse) throw new Refusal(429, 'too many computations from this address', 5);
      submitted.push(work);
      return new Promise((resolve) => waiting.push(() => resolve(answer(work))));
    },
  } as unknown as Scheduler;
  return {
    scheduler,
    submitted,
    refuse: (on: boolean) => (refuse = on),
    release: () => waiting.splice(0).forEach((go) => go()),
  };
}

const snapshot = { version: 1, keyOf: () => 'content', project: { models: new Map() } } as unknown as Snapshot;
const job = (seed: number) => ({ analysis: 'run', request: { model: 'm', samples: 100, seed }, outside: {} }) as Job;
const check = (model: string) => ({ model, request: { model, samples: 100, seed: 1 } as never, extra: [] });

describe('the result cache', () => {
  it('computes a result once for everyone who asks while it runs, and not again once kept', async () => {
    const s = counting();
    const results = new Results(s.scheduler);
    const both = Promise.all([results.get(job(1), snapshot), results.get(job(1), snapshot)]);
    expect(s.submitted).toHaveLength(1);
    expect(results.known(job(1), snapshot)).toBe(true);
    s.release();
    const [a, b] = await both;
    expect(a.result).toEqual({ ok: true, value: 'job' });
    expect(b).toBe(a);
    const again = await results.get(job(1), snapshot);
    expect(again.ms).toBe(0);
    expect(again.key).toBe(a.key);
    expect(s.submitted).toHaveLength(1);
    expect(results.peek(job(2), snapshot)).toBeUndefined();
  });

  it('rejects a refused request for its asker only, and keeps nothing for it', async () => {
    const s = counting();
    const results = new Results(s.scheduler);
    s.refuse(true);
    await expect(results.get(job(1), snapshot)).rejects.toBeInstanceOf(Refusal);
    expect(results.known(job(1), snapshot)).toBe(false);
    s.refuse(false);
    const p = results.get(job(1), snapshot);
    s.release();
    expect((await p).result.ok).toBe(true);
    expect(s.submitted).toHaveLength(1);
  });

  it('does not keep the answer of a computation stopped for its time or memory', async () => {
    const s = counting(() => ({ ok: false, errors: [], stopped: true }));
    const results = new Results(s.scheduler);
    const p = results.get(job(1), snapshot);
    s.release();
    await p;
    expect(results.known(job(1), snapshot)).toBe(false);
  });

  it('keeps checks beside results under one bound: the least recently used of either goes first', async () => {
    const s = counting((w) => (w.kind === 'check' ? { request: w.check.request, ok: true } : { ok: true, value: 1 }));
    const results = new Results(s.scheduler, 2);
    const kept = async <T>(p: Promise<T>) => {
      s.release();
      return p;
    };
    await kept(results.get(job(1), snapshot));
    await kept(results.check(snapshot, check('m')));
    await kept(results.get(job(2), snapshot));
    // Room for two: the first result went, the check and the second result stay.
    expect(results.known(job(1), snapshot)).toBe(false);
    expect(results.known(job(2), snapshot)).toBe(true);
    await results.check(snapshot, check('m'));
    expect(s.submitted.map((w) => w.kind)).toEqual(['job', 'check', 'job']);
  });

  it("gives a kept check with the asker's own samples and seed", async () => {
    const s = counting((w) => (w.kind === 'check' ? { request: w.check.request, ok: true } : null));
    const results = new Results(s.scheduler);
    const p = results.check(snapshot, check('m'));
    s.release();
    await p;
    const other = await results.check(snapshot, {
      model: 'm',
      request: { model: 'm', samples: 5000, seed: 9 } as never,
      extra: [],
    });
    expect(other.request).toMatchObject({ samples: 5000, seed: 9 });
    expect(s.submitted).toHaveLength(1);
  });
});
