// Threshold by bisection against models with an analytic inverse. With common random numbers
// the pinned mean is an exact function of the pinned value given the sample (e.g. v + n̄), so
// the crossing is known to within the bisection tolerance.

import { afterAll, describe, expect, it } from 'vitest';
import { threshold } from '../../src/analysis/threshold.ts';
import { cleanup, mean, ok, prepared, projectOf } from './helpers.ts';

afterAll(cleanup);

const MODELS = {
  'shift.yaml':
    'title: Shift\ninputs:\n  x: uniform(0, 10)\n  noise: normal(0, 1)\nnodes:\n  y: x + noise\noutput: y\n',
  'square.yaml': 'title: Square\ninputs:\n  x: uniform(0, 2)\n  k: uniform(1, 3)\nnodes:\n  y: k * x ^ 2\noutput: y\n',
  'down.yaml':
    'title: Down\ninputs:\n  x: uniform(0, 10)\n  noise: normal(0, 1)\nnodes:\n  y: 10 - x + noise\noutput: y\n',
  'bowl.yaml': 'title: Bowl\ninputs:\n  x: uniform(0, 10)\nnodes:\n  y: (x - 5) ^ 2\noutput: y\n',
};

describe('threshold', () => {
  const project = projectOf(MODELS);
  const N = 20_000;

  it('inverts y = x + noise: the mean crosses t at x = t − n̄', () => {
    const p = prepared(project, 'shift');
    const r = ok(threshold(p, { samples: N, seed: 3, threshold: 4 }));
    const base = p.run({ samples: N, seed: 3 });
    const row = r.rows.find((x) => x.input === 'x')!;
    expect(row.crossings.length).toBe(1);
    const c = row.crossings[0]!;
    const truth = 4 - mean(base.columns.noise!);
    expect(Math.abs(c.value - truth)).toBeLessThanOrEqual(1e-6 * (row.range[1] - row.range[0]) + 1e-12);
    expect(c.direction).toBe('rising');
    expect(c.percentile).toBeCloseTo(base.columns.x!.filter((v) => v <= c.value).length / N, 12);
    // The crossing's error is the mean's error over a slope of 1: sd(noise)/√N ≈ 1/√N; the
    // estimated sd itself is off by about 1/√(2N) relative, far inside ±10%.
    expect(c.mcse / (1 / Math.sqrt(N))).toBeGreaterThan(0.9);
    expect(c.mcse / (1 / Math.sqrt(N))).toBeLessThan(1.1);
    // Pinning the noise instead: the mean is x̄ + v, which crosses 4 at v = 4 − x̄ (about −1).
    const noise = r.rows.find((x) => x.input === 'noise')!;
    expect(noise.crossings.length).toBe(1);
    expect(Math.abs(noise.crossings[0]!.value - (4 - mean(base.columns.x!)))).toBeLessThanOrEqual(
      1e-6 * (noise.range[1] - noise.range[0]) + 1e-12,
    );
  });

  it('inverts y = k·x²: x = √(t / k̄)', () => {
    const p = prepared(project, 'square');
    const r = ok(threshold(p, { samples: N, seed: 5, threshold: 2, inputs: ['x'] }));
    const kbar = mean(p.run({ samples: N, seed: 5 }).columns.k!);
    const c = r.rows[0]!.crossings[0]!;
    expect(Math.abs(c.value - Math.sqrt(2 / kbar))).toBeLessThanOrEqual(1e-6 * 2 + 1e-9);
    expect(r.rows[0]!.statement).toMatch(/crosses 2 \(rising\) when x = /);
  });

  it('finds falling crossings, and both crossings of a non-monotone mean', () => {
    const down = ok(threshold(prepared(project, 'down'), { samples: N, seed: 1, threshold: 3, inputs: ['x'] }));
    expect(down.rows[0]!.crossings[0]!.direction).toBe('falling');
    const bowl = ok(threshold(prepared(project, 'bowl'), { samples: N, seed: 1, threshold: 4 }));
    const cs = bowl.rows[0]!.crossings;
    expect(cs.map((c) => c.direction)).toEqual(['falling', 'rising']);
    expect(cs[0]!.value).toBeCloseTo(3, 4);
    expect(cs[1]!.value).toBeCloseTo(7, 4);
  });

  it('says plainly when no value in the 1–99% range reaches the threshold', () => {
    const r = ok(threshold(prepared(project, 'shift'), { samples: 5000, seed: 2, threshold: 100, inputs: ['x'] }));
    const row = r.rows[0]!;
    expect(row.crossings).toEqual([]);
    expect(row.meanSpan[1]).toBeLessThan(100);
    expect(row.statement).toMatch(/brings the output mean to 100: it stays between/);
  });
});
