// Sobol indices in closed form, shared by the estimator's tests and the model-file tests: the
// Ishigami function and the Sobol G-function with their indices, the first-order
// (delta-method) errors of both estimators computed from the per-row terms, and the check that
// an estimate lies within its interval and its error of the truth.

import { expect } from 'vitest';
import type { SobolIndex } from '../../src/stats/sobol-indices.ts';
import { streamFor } from '../../src/engine/random.ts';
import { Z } from '../analysis/helpers.ts';

export function uniformColumns(k: number, n: number, seed: number, lo: number, hi: number): Float64Array[] {
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
export const A_ISH = 7;
const B_ISH = 0.1;
const PI4 = Math.PI ** 4;
const PI8 = Math.PI ** 8;
export const V_ISH = (A_ISH * A_ISH) / 8 + (B_ISH * PI4) / 5 + (B_ISH * B_ISH * PI8) / 18 + 0.5;
const V1_ISH = 0.5 * (1 + (B_ISH * PI4) / 5) ** 2;
const V2_ISH = (A_ISH * A_ISH) / 8;
const V13_ISH = (8 * B_ISH * B_ISH * PI8) / 225;
export const ISHIGAMI = {
  first: [V1_ISH / V_ISH, V2_ISH / V_ISH, 0],
  total: [(V1_ISH + V13_ISH) / V_ISH, V2_ISH / V_ISH, V13_ISH / V_ISH],
};

export function ishigami(cols: Float64Array[]): Float64Array {
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
export const G_A = [0, 1, 4.5, 9, 99, 99];
export function gTruth(a: number[]): { first: number[]; total: number[] } {
  const Vi = a.map((ai) => 1 / (3 * (1 + ai) ** 2));
  const prod = Vi.reduce((p, v) => p * (1 + v), 1);
  const V = prod - 1;
  return { first: Vi.map((v) => v / V), total: Vi.map((v) => (v * prod) / (1 + v) / V) };
}

export function gFunction(cols: Float64Array[]): Float64Array {
  const out = new Float64Array(cols[0]!.length).fill(1);
  cols.forEach((x, k) => {
    const a = G_A[k]!;
    for (let i = 0; i < out.length; i++) out[i]! *= (Math.abs(4 * x[i]! - 2) + a) / (1 + a);
  });
  return out;
}

/** First-order standard errors of both estimators, from the per-row terms (V taken as known). */
export function deltaErrors(
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

export function expectRecovered(
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
