// Latin hypercube strata, seeded reproducibility, the columns of uniform inputs pinned against an
// independent BigInt implementation of the generator's segment streams, and one random stream
// per quantity and segment (the generator itself: test/engine/random).

import { describe, it, expect, afterAll } from 'vitest';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { sfc32Big, uniformBig } from './sfc32-reference.ts';
import { cleanupTemp, columnsOf, modelText, project, runIn, sampleMean, se, within } from './helpers.ts';

afterAll(cleanupTemp);

/** The first n uniforms of a quantity: 4096 from the stream of each segment in turn. */
function uniformColumn(seed: number, key: string, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let s = 0; s * 4096 < n; s++) {
    const next = sfc32Big(seed, key, s);
    for (let i = s * 4096; i < Math.min(n, (s + 1) * 4096); i++) out[i] = uniformBig(next);
  }
  return out;
}

describe('the streams of a run', () => {
  it('a uniform(0, 1) input is exactly its segment streams in turn, under its qualified name and the run seed', () => {
    const p = project({ 'm.yaml': modelText({ x: 'uniform(0, 1)', w: 'normal(0, 1)' }, { y: 'x + w' }) });
    for (const seed of [1, 42, -7]) {
      const r = runIn(p, 'm', { samples: 9000, seed });
      expect(r.columns.x).toEqual(uniformColumn(seed, 'x', 9000));
    }
  });

  it('an imported input draws from the streams of its dotted name', () => {
    const p = project({
      'base.yaml': modelText({ x: 'uniform(0, 1)' }),
      'top.yaml': 'title: top\nimports:\n  b: base\nnodes:\n  y: b.x * 2\noutput: y\n',
    });
    const r = runIn(p, 'top', { samples: 500, seed: 9 });
    expect(r.columns['b.x']).toEqual(uniformColumn(9, 'b.x', 500));
  });
});

describe('seeds', () => {
  const files = {
    'm.yaml': modelText(
      {
        a: 'normal(0, 1)',
        b: 'beta(2, 3)',
        c: 'mixture(0, lognormal(0, 1), [0.2, 0.8])',
        d: 'bernoulli(b)',
        t: 'triangular(0, 1, 3)',
      },
      { y: 'a * b + c + normal(0, 0.1) + d * t' },
    ),
  };

  it('the same seed gives identical columns, under every sampler', () => {
    const p = project(files);
    for (const sampler of ['mc', 'lhs', 'sobol'] as const) {
      const r1 = runIn(p, 'm', { samples: 2000, seed: 123, sampler });
      const r2 = runIn(project(files), 'm', { samples: 2000, seed: 123, sampler });
      for (const name of ['a', 'b', 'c', 'd', 't', 'y']) expect(r2.columns[name]).toEqual(r1.columns[name]);
    }
  });

  it('different seeds give different columns', () => {
    const p = project(files);
    for (const sampler of ['mc', 'lhs', 'sobol'] as const) {
      const r1 = runIn(p, 'm', { samples: 2000, seed: 1, sampler });
      const r2 = runIn(p, 'm', { samples: 2000, seed: 2, sampler });
      for (const name of ['a', 'b', 'c', 't', 'y']) {
        const same = r1.columns[name]!.filter((v, i) => v === r2.columns[name]![i]).length;
        expect(same, name).toBeLessThan(2000 * 0.3); // c is 0 in 20% of samples under both seeds
      }
    }
  });
});

describe('one stream per quantity', () => {
  it("adding an unrelated input, or changing another input, leaves an input's samples unchanged", () => {
    const before = project({ 'm.yaml': modelText({ a: 'normal(0, 1)', b: 'beta(2, 2)' }, { y: 'a + b' }) });
    const after = project({
      'm.yaml': modelText(
        { z: 'uniform(0, 1)', b: 'beta(5, 1)', q: 'pert(0, 1, 4)', a: 'normal(0, 1)' },
        { w: 'normal(z, 1)', y: 'a * b' },
      ),
    });
    for (const sampler of ['mc', 'lhs'] as const) {
      const r1 = runIn(before, 'm', { samples: 3000, seed: 5, sampler });
      const r2 = runIn(after, 'm', { samples: 3000, seed: 5, sampler });
      expect(r2.columns.a).toEqual(r1.columns.a);
    }
  });

  it("a scenario or --set override of one input leaves the other inputs' samples unchanged", () => {
    const p = project({
      'm.yaml': `${modelText({ a: 'normal(0, 1)', b: 'beta(2, 2)' }, { y: 'a + b' })}scenarios:\n  s: { b: 'uniform(0, 1)' }\n`,
    });
    const base = runIn(p, 'm', { samples: 1000, seed: 8 });
    const scen = runIn(p, 'm', { samples: 1000, seed: 8 }, { scenario: 's' });
    expect(scen.columns.a).toEqual(base.columns.a);
    expect(scen.columns.b).not.toEqual(base.columns.b);
  });

  it('two inputs with the same distribution are independent (correlation within 5/√n of 0)', () => {
    const n = 100_000;
    const r = columnsOf(
      { x: 'normal(0, 1)', y: 'normal(0, 1)', u: 'uniform(0, 1)', v: 'uniform(0, 1)' },
      {},
      { samples: n, seed: 3 },
    );
    const corr = (a: Float64Array, b: Float64Array) => {
      const ma = sampleMean(a);
      const mb = sampleMean(b);
      let sab = 0;
      let saa = 0;
      let sbb = 0;
      for (let i = 0; i < n; i++) {
        sab += (a[i]! - ma) * (b[i]! - mb);
        saa += (a[i]! - ma) ** 2;
        sbb += (b[i]! - mb) ** 2;
      }
      return sab / Math.sqrt(saa * sbb);
    };
    within(corr(r.columns.x!, r.columns.y!), 0, 5 / Math.sqrt(n), 'corr(x, y)');
    within(corr(r.columns.u!, r.columns.v!), 0, 5 / Math.sqrt(n), 'corr(u, v)');
  });

  it('two distributions in one node expression draw independently', () => {
    // y = normal(0, 1) − normal(0, 1): variance 2 (it would be 0 if both shared a stream).
    const n = 100_000;
    const r = columnsOf({}, { y: 'normal(0, 1) - normal(0, 1)' }, { samples: n, seed: 4 });
    const v = r.columns.y!.reduce((s, x) => s + x * x, 0) / n;
    within(v, 2, 5 * se.variance(2, 12, n), 'variance');
  });
});

describe('Latin hypercube marginals are exact per stratum, in each segment of 4096 rows', () => {
  // 10,000 rows: segments of 4096, 4096 and 1808 rows, each stratified on its own.
  const n = 10_000;
  const segments = [
    [0, 4096],
    [4096, 8192],
    [8192, 10_000],
  ] as const;
  /** In each segment of m rows, sorted x_(k) must satisfy Q(k/m) ≤ x_(k) < Q((k+1)/m): one sample per stratum. */
  const expectOnePerStratum = (x: Float64Array, q: (p: number) => number) => {
    for (const [start, end] of segments) {
      const m = end - start;
      const s = Float64Array.from(x.subarray(start, end)).sort();
      let misplaced = 0;
      for (let k = 0; k < m; k++) {
        const lo = k === 0 ? -Infinity : q(k / m);
        const hi = k === m - 1 ? Infinity : q((k + 1) / m);
        if (!(s[k]! >= lo && s[k]! < hi)) misplaced++;
      }
      expect(misplaced, `rows ${start}…${end}`).toBe(0);
    }
  };

  it('uniform, normal and beta (shapes above and below 1): exactly one sample in each [Q(k/m), Q((k+1)/m))', () => {
    const r = columnsOf(
      { u: 'uniform(2, 5)', z: 'normal(1, 2)', b: 'beta(2, 5)', h: 'beta(0.5, 0.5)', p: 'pert(1, 2, 6)' },
      {},
      { samples: n, seed: 17, sampler: 'lhs' },
    );
    expectOnePerStratum(r.columns.u!, (p) => 2 + 3 * p);
    expectOnePerStratum(r.columns.z!, (p) => normalQuantile(p, 1, 2));
    expectOnePerStratum(r.columns.b!, (p) => betaQuantile(p, 2, 5));
    expectOnePerStratum(r.columns.h!, (p) => betaQuantile(p, 0.5, 0.5));
    // pert(1, 2, 6) is 1 + 5·Beta(1 + 4·1/5, 1 + 4·4/5).
    expectOnePerStratum(r.columns.p!, (p) => 1 + 5 * betaQuantile(p, 1.8, 4.2));
  });

  it('stratifies the probability even when parameters vary by row: x − m is exactly stratified for x ~ normal(m, 1)', () => {
    const r = columnsOf({ m: 'uniform(0, 10)', x: 'normal(m, 1)' }, {}, { samples: n, seed: 18, sampler: 'lhs' });
    const z = r.columns.x!.map((v, i) => v - r.columns.m![i]!);
    expectOnePerStratum(z, (p) => normalQuantile(p, 0, 1));
  });

  it('a mixture under LHS gives each component exactly its share of each segment', () => {
    const r = columnsOf({ x: 'mixture(0, uniform(1, 2), [0.25, 0.75])' }, {}, { samples: n, seed: 19, sampler: 'lhs' });
    for (const [start, end] of segments)
      expect(r.columns.x!.subarray(start, end).filter((v) => v === 0).length).toBe((end - start) / 4);
  });
});
