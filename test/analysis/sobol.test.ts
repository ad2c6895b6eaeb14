// Sobol indices against closed forms: the Ishigami function and the Sobol G-function through the
// pure estimator, the G-function and a linear model through a model file. Every index must lie
// within its 95% bootstrap interval and within 5 bootstrap standard errors of the truth, and the
// bootstrap error must agree with the first-order (delta-method) error computed here from the
// per-row terms, so intervals are neither absurdly wide nor too narrow.

import { afterAll, describe, expect, it } from 'vitest';
import { sobol } from '../../src/analysis/sobol.ts';
import { sobolIndices, type SobolIndex } from '../../src/stats/sobol-indices.ts';
import { streamFor } from '../../src/engine/random.ts';
import { cleanup, ok, prepared, projectOf, Z } from './helpers.ts';

afterAll(cleanup);

function uniformColumns(k: number, n: number, seed: number, lo: number, hi: number): Float64Array[] {
  return Array.from({ length: k }, (_, i) => {
    const rng = streamFor(seed, `x${i}`);
    return Float64Array.from({ length: n }, () => lo + (hi - lo) * rng.uniform());
  });
}

// Ishigami: f = sin x1 + a sin² x2 + b x3⁴ sin x1, xᵢ ~ U(−π, π), a = 7, b = 0.1. The closed
// forms (Ishigami & Homma 1990; Sobol' & Levitan 1999):
//   V   = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2
//   V1  = (1 + bπ⁴/5)²/2,  V2 = a²/8,  V3 = 0,  V13 = b²π⁸(1/18 − 1/50) = 8b²π⁸/225
//   S1 = V1/V = 0.3139, S2 = V2/V = 0.4424, S3 = 0
//   ST1 = (V1 + V13)/V = 0.5576, ST2 = V2/V = 0.4424, ST3 = V13/V = 0.2437
const A_ISH = 7;
const B_ISH = 0.1;
const PI4 = Math.PI ** 4;
const PI8 = Math.PI ** 8;
const V_ISH = (A_ISH * A_ISH) / 8 + (B_ISH * PI4) / 5 + (B_ISH * B_ISH * PI8) / 18 + 0.5;
const V1_ISH = 0.5 * (1 + (B_ISH * PI4) / 5) ** 2;
const V2_ISH = (A_ISH * A_ISH) / 8;
const V13_ISH = (8 * B_ISH * B_ISH * PI8) / 225;
const ISHIGAMI = {
  first: [V1_ISH / V_ISH, V2_ISH / V_ISH, 0],
  total: [(V1_ISH + V13_ISH) / V_ISH, V2_ISH / V_ISH, V13_ISH / V_ISH],
};

function ishigami(cols: Float64Array[]): Float64Array {
  const [x1, x2, x3] = cols as [Float64Array, Float64Array, Float64Array];
  const out = new Float64Array(x1.length);
  for (let i = 0; i < out.length; i++) {
    const s2 = Math.sin(x2[i]!);
    out[i] = Math.sin(x1[i]!) + A_ISH * s2 * s2 + B_ISH * x3[i]! ** 4 * Math.sin(x1[i]!);
  }
  return out;
}

// Sobol G-function: f = Π (|4xᵢ − 2| + aᵢ)/(1 + aᵢ), xᵢ ~ U(0, 1). Each factor has mean 1 and
// variance Vᵢ = 1/(3(1 + aᵢ)²); V = Π(1 + Vᵢ) − 1, Sᵢ = Vᵢ/V, STᵢ = Vᵢ Π_{j≠i}(1 + Vⱼ)/V.
const G_A = [0, 1, 4.5, 9, 99, 99];
function gTruth(a: number[]): { first: number[]; total: number[] } {
  const Vi = a.map((ai) => 1 / (3 * (1 + ai) ** 2));
  const prod = Vi.reduce((p, v) => p * (1 + v), 1);
  const V = prod - 1;
  return { first: Vi.map((v) => v / V), total: Vi.map((v) => (v * prod) / (1 + v) / V) };
}

function gFunction(cols: Float64Array[]): Float64Array {
  const out = new Float64Array(cols[0]!.length).fill(1);
  cols.forEach((x, k) => {
    const a = G_A[k]!;
    for (let i = 0; i < out.length; i++) out[i]! *= (Math.abs(4 * x[i]! - 2) + a) / (1 + a);
  });
  return out;
}

/** First-order standard errors of both estimators, from the per-row terms (V taken as known). */
function deltaErrors(
  f: (c: Float64Array[]) => Float64Array,
  A: Float64Array[],
  B: Float64Array[],
): { first: number[]; total: number[] } {
  const n = A[0]!.length;
  const yA = f(A);
  const yB = f(B);
  let m = 0;
  for (let j = 0; j < n; j++) m += yA[j]! + yB[j]!;
  m /= 2 * n;
  let v = 0;
  for (let j = 0; j < n; j++) v += ((yA[j]! - m) ** 2 + (yB[j]! - m) ** 2) / (2 * n);
  const sd = (t: Float64Array) => {
    const mu = t.reduce((s, x) => s + x, 0) / n;
    return Math.sqrt(t.reduce((s, x) => s + (x - mu) ** 2, 0) / (n - 1));
  };
  const first: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < A.length; i++) {
    const cols = A.slice();
    cols[i] = B[i]!;
    const yAB = f(cols);
    const t1 = new Float64Array(n);
    const t2 = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const a = yA[j]! - m;
      const b = yB[j]! - m;
      const ab = yAB[j]! - m;
      t1[j] = b * (ab - a);
      t2[j] = 0.5 * (a - ab) ** 2;
    }
    first.push(sd(t1) / Math.sqrt(n) / v);
    total.push(sd(t2) / Math.sqrt(n) / v);
  }
  return { first, total };
}

function expectRecovered(
  got: SobolIndex[],
  truth: { first: number[]; total: number[] },
  delta?: { first: number[]; total: number[] },
): void {
  got.forEach((g, i) => {
    for (const [est, ci, se, t, d] of [
      [g.first, g.firstCI, g.firstMcse, truth.first[i]!, delta?.first[i]],
      [g.total, g.totalCI, g.totalMcse, truth.total[i]!, delta?.total[i]],
    ] as const) {
      expect(ci[0]).toBeLessThanOrEqual(t);
      expect(ci[1]).toBeGreaterThanOrEqual(t);
      expect(Math.abs(est - t)).toBeLessThanOrEqual(Z * se);
      // A 95% interval is about ±1.96 bootstrap standard errors wide.
      expect(ci[1] - ci[0]).toBeLessThan(2 * 1.96 * se * 1.25);
      if (d !== undefined && d > 1e-12) {
        expect(se / d).toBeGreaterThan(0.5);
        expect(se / d).toBeLessThan(2);
      }
    }
  });
}

describe('sobolIndices (pure)', () => {
  const N = 16384;

  it('recovers the Ishigami indices (a = 7, b = 0.1)', () => {
    expect(ISHIGAMI.first[0]).toBeCloseTo(0.3139, 4);
    expect(ISHIGAMI.first[1]).toBeCloseTo(0.4424, 4);
    expect(ISHIGAMI.total[0]).toBeCloseTo(0.5576, 4);
    expect(ISHIGAMI.total[2]).toBeCloseTo(0.2437, 4);
    const A = uniformColumns(3, N, 11, -Math.PI, Math.PI);
    const B = uniformColumns(3, N, 12, -Math.PI, Math.PI);
    const r = sobolIndices(ishigami, A, B, { bootstrap: 1000, seed: 1 });
    expect(r.evaluations).toBe(N * 5);
    expect(r.rowsUsed).toBe(N);
    expect(r.variance / V_ISH).toBeGreaterThan(0.9);
    expect(r.variance / V_ISH).toBeLessThan(1.1);
    expectRecovered(r.indices, ISHIGAMI, deltaErrors(ishigami, A, B));
  });

  it('recovers the G-function indices (a = 0, 1, 4.5, 9, 99, 99)', () => {
    const A = uniformColumns(6, N, 21, 0, 1);
    const B = uniformColumns(6, N, 22, 0, 1);
    const r = sobolIndices(gFunction, A, B, { bootstrap: 1000, seed: 2 });
    expectRecovered(r.indices, gTruth(G_A), deltaErrors(gFunction, A, B));
  });

  it('leaves out rows with a non-finite output and says so', () => {
    const A = uniformColumns(2, 1000, 31, 0, 1);
    const B = uniformColumns(2, 1000, 32, 0, 1);
    const f = (c: Float64Array[]) => Float64Array.from(c[0]!, (x, j) => (x < 0.01 ? NaN : x + c[1]![j]!));
    const r = sobolIndices(f, A, B, { bootstrap: 50 });
    expect(r.rowsUsed).toBeLessThan(1000);
    expect(r.rowsUsed).toBeGreaterThan(950);
    expect(Number.isFinite(r.indices[0]!.first)).toBe(true);
  });

  it('is deterministic for a given bootstrap seed', () => {
    const A = uniformColumns(3, 2000, 41, -Math.PI, Math.PI);
    const B = uniformColumns(3, 2000, 42, -Math.PI, Math.PI);
    const a = sobolIndices(ishigami, A, B, { bootstrap: 100, seed: 5 });
    const b = sobolIndices(ishigami, A, B, { bootstrap: 100, seed: 5 });
    expect(a).toEqual(b);
  });
});

const G_MODEL = `title: G-function
inputs:
${G_A.map((_, i) => `  x${i + 1}: uniform(0, 1)`).join('\n')}
nodes:
${G_A.map((a, i) => `  g${i + 1}: (abs(4 * x${i + 1} - 2) + ${a}) / (1 + ${a})`).join('\n')}
  y: ${G_A.map((_, i) => `g${i + 1}`).join(' * ')}
output: y
`;

// y = Σ cᵢxᵢ with independent inputs: Sᵢ = STᵢ = cᵢ²σᵢ²/Σⱼ cⱼ²σⱼ².
const LINEAR = [
  { name: 'x1', dist: 'normal(0, 1)', c: 2, variance: 1 },
  { name: 'x2', dist: 'normal(3, 2)', c: 1, variance: 4 },
  { name: 'x3', dist: 'normal(-1, 0.5)', c: -3, variance: 0.25 },
  { name: 'x4', dist: 'uniform(0, 1)', c: 4, variance: 1 / 12 },
];
export const LINEAR_MODEL = `title: Linear
inputs:
${LINEAR.map((x) => `  ${x.name}: ${x.dist}`).join('\n')}
  unused: beta(2, 2)
  fixed: 5
nodes:
  y: ${LINEAR.map((x) => `${x.c} * ${x.name}`).join(' + ')} + 0 * fixed
output: y
`;

describe('sobol (on a model)', () => {
  it('recovers the G-function indices from a model file', () => {
    const project = projectOf({ 'g.yaml': G_MODEL });
    const r = ok(sobol(prepared(project, 'g'), { samples: 16384, seed: 3, bootstrap: 1000 }));
    expect(r.analysis).toBe('sobol');
    expect(r.baseRows).toBe(16384);
    expect(r.evaluations).toBe(16384 * 8);
    expect(r.seeds).toEqual({ A: 3, B: 4 });
    expect(r.latent).toEqual([]);
    const truth = gTruth(G_A);
    const byInput = G_A.map((_, i) => r.rows.find((x) => x.input === `x${i + 1}`)!);
    expectRecovered(byInput, truth);
    // Sorted by total index.
    expect(r.rows.map((x) => x.input).slice(0, 2)).toEqual(['x1', 'x2']);
  });

  it('recovers cᵢ²σᵢ²/Σ for a linear model, and leaves out unused and fixed inputs', () => {
    const project = projectOf({ 'linear.yaml': LINEAR_MODEL });
    const r = ok(sobol(prepared(project, 'linear'), { samples: 16384, seed: 1 }));
    const total = LINEAR.reduce((s, x) => s + x.c * x.c * x.variance, 0);
    const truth = {
      first: LINEAR.map((x) => (x.c * x.c * x.variance) / total),
      total: LINEAR.map((x) => (x.c * x.c * x.variance) / total),
    };
    expectRecovered(
      LINEAR.map((x) => r.rows.find((row) => row.input === x.name)!),
      truth,
    );
    expect(r.excluded).toEqual([
      { input: 'unused', reason: 'unused' },
      { input: 'fixed', reason: 'constant' },
    ]);
    expect(Math.abs(r.sumTotal - 1)).toBeLessThan(Z * Math.hypot(...r.rows.map((x) => x.totalMcse)));
  });

  it('keeps randomness that is not an independent input out of every row, and names it', () => {
    const project = projectOf({
      'dep.yaml': `title: Dependent
inputs:
  mu: normal(0, 1)
  z: normal(mu, 1)
nodes:
  y: z + normal(0, 1)
output: y
`,
    });
    const r = ok(sobol(prepared(project, 'dep'), { samples: 8192, seed: 1, bootstrap: 200 }));
    expect(r.rows.map((x) => x.input)).toEqual(['mu']);
    expect(r.latent).toEqual(['z', 'y']);
    // Var y = 1 (mu) + 1 (z | mu) + 1 (node noise): mu explains a third.
    const row = r.rows[0]!;
    expect(Math.abs(row.first - 1 / 3)).toBeLessThan(Z * row.firstMcse);
    expect(Math.abs(row.total - 1 / 3)).toBeLessThan(Z * row.totalMcse);
  });

  it('refuses to treat a dependent input as a factor', () => {
    const project = projectOf({ 'dep.yaml': `title: D\ninputs:\n  mu: normal(0, 1)\n  z: normal(mu, 1)\noutput: z\n` });
    const r = sobol(prepared(project, 'dep'), { samples: 100, seed: 1, inputs: ['z'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/independent inputs/);
  });
});
