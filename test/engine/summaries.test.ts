// Summarising a run without keeping its columns: the same bits as summarising the kept columns,
// on 1, 2 or 3 threads and with any block of segments per claim; quantiles exact (the order
// statistics of the whole column, checked against a sort here); memory bounded by the engine's
// own count of what it holds (registers of one segment, no whole column), whatever the samples.

import { describe, it, expect, afterAll } from 'vitest';
import { prepare, type Prepared } from '../../src/engine/run.ts';
import { EngineThreads } from '../../src/engine/threads.ts';
import { PLANS_KEPT } from '../../src/engine/threads-protocol.ts';
import { SUMMARY_PS, type RunSummaries } from '../../src/engine/summarize.ts';
import type { PassExecutor } from '../../src/engine/pass-executors.ts';
import { cleanupTemp, modelText, project } from './helpers.ts';

afterAll(cleanupTemp);

/** A model with evidence, an atom-heavy input, a mixture, a wide-range node and rows that are NaN. */
const MODEL = `${modelText(
  {
    p: 'beta(3, 5)',
    k: 'bernoulli(0.3)',
    z: 'normal(0, 1)',
    m: 'mixture(0, lognormal(0, 2), [0.3, 0.7])',
    s: 'uniform(-1, 1)',
  },
  { tiny: 'p ^ (20 * m)', y: 'p * k + z', same: 'y', r: 'sqrt(s)', q: 'floor(10 * p)' },
  'y',
)}evidence:
  saw:
    likelihood: "p"
`;

function prepared(): Prepared {
  const p = prepare(project({ 'm.yaml': MODEL }), 'm');
  if (!p.ok) throw new Error(p.errors[0]!.message);
  return p.value;
}

/**
 * The index of the first value that differs (Object.is, as toEqual compares numbers: NaN is NaN,
 * -0 is not 0), or -1 when the columns are the same; toEqual would walk every index as a key.
 */
function firstDifference(a: Float64Array | undefined, b: Float64Array | undefined): number {
  if (!a || !b || a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

const bits = (s: RunSummaries) => JSON.stringify([s.prior, s.posterior, s.ess, s.warnings, s.quantities]);

/** The finite values, sorted: each column is sorted once for all its quantiles. */
const sortedFinite = (col: Float64Array) => Float64Array.from(col.filter((v) => Number.isFinite(v))).sort();

/** Type-7 quantile of sorted values (the definition, independently). */
function sortedQuantile(x: Float64Array, p: number): number {
  const h = (x.length - 1) * p;
  const k = Math.floor(h);
  return k + 1 < x.length ? x[k]! + (h - k) * (x[k + 1]! - x[k]!) : x[k]!;
}

describe('summaries without columns', () => {
  it('are the same bits as the summaries of the kept columns, and the quantiles are the order statistics', () => {
    const p = prepared();
    for (const sampler of ['mc', 'lhs', 'sobol'] as const) {
      const opts = { samples: 20_000, seed: 4, sampler, keepBytes: 0 };
      const streamed = p.summarize(opts);
      const run = p.run(opts);
      expect(bits(streamed)).toBe(bits(run.summarize()));
      for (const name of ['p', 'k', 'm', 'tiny', 'y', 'r', 'q']) {
        const col = run.columns[name]!;
        const s = streamed.prior[name]!;
        const got = [s.p5, s.p25, s.p50, s.p75, s.p95];
        const sorted = sortedFinite(col);
        expect(got, `${sampler} ${name}`).toEqual(SUMMARY_PS.map((q) => sortedQuantile(sorted, q)));
        expect(s.bad).toBe(col.filter((v) => !Number.isFinite(v)).length);
      }
    }
  });

  it('weighted quantiles: the smallest value whose cumulative weight reaches p of the total', () => {
    const p = prepared();
    const run = p.run({ samples: 20_000, seed: 5 });
    const s = p.summarize({ samples: 20_000, seed: 5, keepBytes: 0 });
    const x = run.columns.y!;
    const w = run.weights!;
    const idx = Array.from(x.keys())
      .filter((i) => Number.isFinite(x[i]!) && w[i]! > 0)
      .sort((a, b) => x[a]! - x[b]!);
    const total = idx.reduce((t, i) => t + w[i]!, 0);
    const want = SUMMARY_PS.map((q) => {
      let c = 0;
      for (const i of idx) if ((c += w[i]!) >= q * total) return x[i]!;
      return x[idx[idx.length - 1]!]!;
    });
    const post = s.posterior!.y!;
    expect([post.p5, post.p25, post.p50, post.p75, post.p95]).toEqual(want);
    // An input the evidence cannot inform keeps its prior exactly.
    expect(s.posterior!.z).toEqual(s.prior.z);
  });

  it('kept columns (one pass) when they fit, recomputed segments when they do not: the same bits', () => {
    const p = prepared();
    const kept = p.summarize({ samples: 30_000, seed: 8 });
    const streamed = p.summarize({ samples: 30_000, seed: 8, keepBytes: 0 });
    expect(kept.stats.wholeColumns).toBeGreaterThan(0);
    expect(streamed.stats.wholeColumns).toBe(0);
    expect(bits(kept)).toBe(bits(streamed));
  });

  it('a node defined as another quantity shares its summaries', () => {
    const s = prepared().summarize({ samples: 5000, seed: 1 });
    expect(s.prior.same).toEqual(s.prior.y);
  });

  it('with almost no room to collect values, finer bins narrow the brackets to the same exact answers', () => {
    const p = prepared();
    const roomy = p.summarize({ samples: 30_000, seed: 6, keepBytes: 0 });
    const tight = p.summarize({ samples: 30_000, seed: 6, keepBytes: 0, collectBudget: 64 });
    expect(tight.stats.collected).toBeLessThan(roomy.stats.collected / 10);
    expect(bits(tight)).toBe(bits(roomy));
  });

  it('holds registers of one segment and no whole column, as many at 40,000 samples as at 400,000', () => {
    const p = prepared();
    const small = p.summarize({ samples: 40_000, seed: 2, keepBytes: 0 });
    const large = p.summarize({ samples: 400_000, seed: 2, keepBytes: 0 });
    expect(large.stats.wholeColumns).toBe(0);
    expect(large.stats.registers).toBe(small.stats.registers);
    // Fewer registers than the run has columns: liveness hands registers on.
    expect(large.stats.registers).toBeLessThan(p.plan.steps.length);
  });
});

describe('values collected for exact quantiles', () => {
  it('never more at once than the budget, at 40,000 samples as at 400,000, with the same exact quantiles', () => {
    const p = prepared();
    for (const samples of [40_000, 400_000]) {
      const tight = p.summarize({ samples, seed: 3, keepBytes: 0, collectBudget: 300 });
      expect(tight.stats.mostCollected, `${samples}`).toBeGreaterThan(0);
      expect(tight.stats.mostCollected, `${samples}`).toBeLessThanOrEqual(300);
      expect(bits(tight), `${samples}`).toBe(bits(p.summarize({ samples, seed: 3 })));
    }
  });
});

describe('threads and blocks', () => {
  it('1, 2 and 3 threads, claiming 1, 2 or 3 segments at a time, give the same bits', async () => {
    const p = prepared();
    const opts = { samples: 5 * 4096 + 100, seed: 9, sampler: 'lhs' as const };
    const want = bits(p.summarize({ ...opts, keepBytes: 0 }));
    const alone = p.run(opts);
    const pool = new EngineThreads(3);
    try {
      for (const [threads, block] of [
        [2, 1],
        [2, 3],
        [3, 2],
      ] as const) {
        const executor = pool.executor(p.graph, p.plan, threads, block);
        const what = `${threads} threads, blocks of ${block}`;
        expect(bits(p.summarize({ ...opts, keepBytes: 0 }, executor)), `${what}, no column kept`).toBe(want);
        expect(bits(p.summarize(opts, executor)), `${what}, columns kept`).toBe(want);
        const run = p.run({ ...opts, executor });
        for (const name of Object.keys(alone.columns))
          expect(firstDifference(run.columns[name], alone.columns[name]), `${what}: ${name}`).toBe(-1);
      }
    } finally {
      await pool.close();
    }
  }, 600_000);

  it('a run that kept its columns in shared memory is summarised on the threads, from those columns', async () => {
    const p = prepared();
    const opts = { samples: 6 * 4096 + 7, seed: 12 };
    const want = bits(p.summarize({ ...opts, keepBytes: 0 }));
    const pool = new EngineThreads(2);
    try {
      const threads = pool.executor(p.graph, p.plan, 2, 1);
      const seen: { kind: string; read: boolean; shared: boolean }[] = [];
      const executor: PassExecutor = (task, progress) => {
        const shared = (task.kept ?? []).every(([, c]) => c.buffer instanceof SharedArrayBuffer);
        seen.push({ kind: task.job.kind, read: task.read === true, shared });
        return threads(task, progress);
      };
      const s = p.summarize(opts, executor);
      expect(s.stats.wholeColumns).toBeGreaterThan(0);
      expect(bits(s)).toBe(want);
      // One pass computes the columns; every later one reads them, on the same threads.
      expect(seen[0]).toEqual({ kind: 'columns', read: false, shared: true });
      expect(seen.length).toBeGreaterThan(1);
      for (const t of seen.slice(1)) expect(t).toMatchObject({ read: true, shared: true });
      // A run's own summaries read its columns the same way.
      seen.length = 0;
      expect(bits(p.run({ ...opts, executor }).summarize())).toBe(bits(p.run(opts).summarize()));
      expect(seen.slice(1).every((t) => t.read)).toBe(true);
    } finally {
      await pool.close();
    }
  }, 600_000);

  it('ready() settles once every worker has loaded the engine (at once with none), and passes after it give the same bits', async () => {
    const p = prepared();
    const opts = { samples: 8 * 4096 + 3, seed: 5 };
    const want = bits(p.summarize(opts));
    await new EngineThreads(1).ready();
    const pool = new EngineThreads(3);
    try {
      await pool.ready();
      expect(pool.workerLimits()).toHaveLength(2);
      expect(bits(p.summarize(opts, pool.executor(p.graph, p.plan)))).toBe(want);
      await pool.ready(); // again: the same workers, already loaded
      expect(bits(p.summarize({ ...opts, keepBytes: 0 }, pool.executor(p.graph, p.plan)))).toBe(want);
    } finally {
      await pool.close();
    }
  }, 600_000);

  it('a thread that dropped a plan it kept is sent it again: more plans than it keeps, then the first', async () => {
    const p = project({ 'm.yaml': MODEL });
    const preparedAgain = () => {
      const r = prepare(p, 'm');
      if (!r.ok) throw new Error(r.errors[0]!.message);
      return r.value;
    };
    const opts = { samples: 24 * 4096 + 1, seed: 4, keepBytes: 0 };
    const models = Array.from({ length: PLANS_KEPT + 2 }, preparedAgain);
    const want = bits(models[0]!.summarize(opts));
    const pool = new EngineThreads(2);
    try {
      for (const m of [...models, models[0]!, models[1]!])
        expect(bits(m.summarize(opts, pool.executor(m.graph, m.plan)))).toBe(want);
    } finally {
      await pool.close();
    }
  }, 600_000);
});
