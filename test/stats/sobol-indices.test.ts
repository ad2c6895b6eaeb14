// The Sobol estimator (Saltelli 2010 first order, Jansen total) against closed forms: a tiny
// design by hand, the per-row definitions on a small one, the Ishigami function and the Sobol
// G-function with their bootstrap intervals and errors, non-finite rows, and determinism.

import { describe, expect, it } from 'vitest';
import { sobolIndices, type SobolEvaluate } from '../../src/stats/sobol-indices.ts';
import {
  G_A,
  ISHIGAMI,
  V_ISH,
  deltaErrors,
  expectRecovered,
  gFunction,
  gTruth,
  ishigami,
  uniformColumns,
} from './sobol-closed-forms.ts';

const f64 = (...xs: number[]) => Float64Array.from(xs);
const sum: SobolEvaluate = (c) => Float64Array.from(c[0]!, (x, j) => x + c[1]![j]!);

describe('sobolIndices by hand', () => {
  it('gives S = ST = 1 for both factors of x1 + x2 on a two-row design', () => {
    // A = (x1, x2) rows (0, 0), (1, 0); B rows (1, 1), (0, 1). f(A) = 0 1, f(B) = 2 1: pooled mean
    // 1, V = (1 + 0 + 1 + 0)/4 = 1/2. f(AB1) = 1 0, f(AB2) = 1 2. With a, b, ab centred:
    // S_i = mean(b·(ab − a))/V = (1/2)/(1/2) and ST_i = mean((a − ab)²/2)/V = (1/2)/(1/2).
    const r = sobolIndices(sum, [f64(0, 1), f64(0, 0)], [f64(1, 0), f64(1, 1)], { bootstrap: 0 });
    expect(r.mean).toBe(1);
    expect(r.variance).toBe(0.5);
    expect(r.evaluations).toBe(8);
    for (const x of r.indices) {
      expect(x.first).toBe(1);
      expect(x.total).toBe(1);
      expect(x.firstCI).toEqual([NaN, NaN]);
      expect(x.firstMcse).toBeNaN();
    }
  });

  it('follows the per-row definitions, and evaluates B with its own randomness', () => {
    const A = [f64(0.1, 0.7, 0.3, 0.9, 0.5), f64(0.4, 0.2, 0.8, 0.6, 0.1)];
    const B = [f64(0.6, 0.2, 0.5, 0.3, 0.8), f64(0.9, 0.3, 0.7, 0.2, 0.5)];
    const bases: string[] = [];
    const f: SobolEvaluate = (c, base) => {
      bases.push(base);
      return Float64Array.from(c[0]!, (x, j) => x * x + 3 * x * c[1]![j]! + (base === 'B' ? 0.25 : 0));
    };
    const r = sobolIndices(f, A, B, { bootstrap: 0 });
    expect(bases.sort()).toEqual(['A', 'A', 'A', 'B']);
    const g = (x: number, y: number) => x * x + 3 * x * y;
    const yA = A[0]!.map((x, j) => g(x, A[1]![j]!));
    const yB = B[0]!.map((x, j) => g(x, B[1]![j]!) + 0.25);
    const yAB = [A[0]!.map((_, j) => g(B[0]![j]!, A[1]![j]!)), A[0]!.map((x, j) => g(x, B[1]![j]!))];
    const m = [...yA, ...yB].reduce((s, x) => s + x, 0) / 10;
    const V = [...yA, ...yB].reduce((s, x) => s + (x - m) ** 2, 0) / 10;
    expect(r.variance).toBeCloseTo(V, 14);
    yAB.forEach((ab, i) => {
      let s1 = 0;
      let st = 0;
      for (let j = 0; j < 5; j++) {
        s1 += (yB[j]! - m) * (ab[j]! - yA[j]!);
        st += (yA[j]! - ab[j]!) ** 2;
      }
      expect(r.indices[i]!.first).toBeCloseTo(s1 / 5 / V, 12);
      expect(r.indices[i]!.total).toBeCloseTo(st / 10 / V, 12);
    });
  });

  it('refuses A and B of different shapes', () => {
    expect(() => sobolIndices(sum, [f64(1, 2), f64(3, 4)], [f64(1, 2)])).toThrow(RangeError);
    expect(() => sobolIndices(sum, [f64(1, 2), f64(3, 4)], [f64(1, 2), f64(3)])).toThrow(RangeError);
  });
});

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
