// Shapley values of cooperative games: a three-player game by hand, brute force over every
// ordering, a game sampled antithetic pairs get exactly, and an unbiased estimate of one they do not.

import { describe, expect, it } from 'vitest';
import { shapleyFromValues, shapleyPlan, shapleyValues } from '../../src/stats/shapley.ts';
import { streamFor } from '../../src/engine/random.ts';
import { Z } from '../analysis/helpers.ts';

describe('shapleyValues by hand', () => {
  it('splits the glove game L, R1, R2 as 2/3, 1/6, 1/6', () => {
    // v = 1 when the left glove and a right glove meet. Of the six orders, L completes a pair in
    // four (it comes second or third), R1 in one (L, R1, R2), R2 in one (L, R2, R1).
    const v = (m: Uint8Array) => (m[0] && (m[1] || m[2]) ? 1 : 0);
    const r = shapleyValues(3, v);
    expect(r.exact).toBe(true);
    expect(r.permutationSe).toBeNull();
    [2 / 3, 1 / 6, 1 / 6].forEach((want, i) => expect(r.values[i]).toBeCloseTo(want, 14));
  });

  it('gives a dummy player nothing and a symmetric pair equal parts, over a non-zero empty coalition', () => {
    // v(S) = 10 + 3·[a∈S] + 3·[b∈S] + 4·[a,b∈S]: the interaction 4 is split evenly (2 each), so
    // φa = φb = 5; c adds nothing; the parts sum to v(all) − v(none) = 10.
    const v = (m: Uint8Array) => 10 + 3 * m[0]! + 3 * m[1]! + 4 * m[0]! * m[1]!;
    const r = shapleyValues(3, v);
    expect(r.values[0]).toBeCloseTo(5, 14);
    expect(r.values[1]).toBeCloseTo(5, 14);
    expect(r.values[2]).toBeCloseTo(0, 14);
  });
});

describe('shapleyPlan', () => {
  it('lists every coalition when exact, and an even number of sampled orders beyond maxExact', () => {
    const exact = shapleyPlan(3);
    expect(exact.coalitions).toHaveLength(8);
    expect(exact.paths).toEqual([]);
    const sampled = shapleyPlan(4, { maxExact: 3, permutations: 5, seed: 1 });
    expect(sampled.exact).toBe(false);
    expect(sampled.permutations).toBe(6);
    expect(sampled.paths).toHaveLength(6);
    // Each path runs from the empty coalition to the full one, adding one player a step, and
    // the second of each pair is the first reversed.
    for (const { coalitions, order } of sampled.paths) {
      expect([...sampled.coalitions[coalitions[0]!]!]).toEqual([0, 0, 0, 0]);
      expect([...sampled.coalitions[coalitions[4]!]!]).toEqual([1, 1, 1, 1]);
      expect([...order].sort()).toEqual([0, 1, 2, 3]);
    }
    expect([...sampled.paths[1]!.order]).toEqual([...sampled.paths[0]!.order].reverse());
    // An additive game: every order gives each player its own weight, with no sampling error.
    const w = [1, 2, 4, 8];
    const vals = sampled.coalitions.map((m) => w.reduce((s, x, i) => s + x * m[i]!, 0));
    const r = shapleyFromValues(sampled, vals);
    r.values.forEach((x, i) => expect(x).toBeCloseTo(w[i]!, 12));
    r.permutationSe!.forEach((se) => expect(se).toBeCloseTo(0, 12));
  });
});

describe('shapleyValues (pure)', () => {
  it('matches brute force over every ordering', () => {
    const rng = streamFor(9, 'game');
    const table = Array.from({ length: 16 }, () => rng.uniform());
    table[0] = 0;
    const v = (m: Uint8Array) => table[m.reduce((s, x, i) => s + (x << i), 0)]!;
    const exact = shapleyValues(4, v);
    const brute = [0, 0, 0, 0];
    const perms: number[][] = [];
    const permute = (prefix: number[], rest: number[]) => {
      if (rest.length === 0) perms.push(prefix);
      rest.forEach((x, i) => permute([...prefix, x], [...rest.slice(0, i), ...rest.slice(i + 1)]));
    };
    permute([], [0, 1, 2, 3]);
    for (const order of perms) {
      const m = new Uint8Array(4);
      for (const p of order) {
        const before = v(m);
        m[p] = 1;
        brute[p]! += (v(m) - before) / perms.length;
      }
    }
    exact.values.forEach((x, i) => expect(x).toBeCloseTo(brute[i]!, 12));
    expect(exact.exact).toBe(true);
  });

  it('is exact for v(S) = w(S)² with antithetic permutations: φ_p = w_p · Σ w', () => {
    // The marginal of p after the set B is w_p² + 2w_p·w(B); an ordering and its reverse put
    // w(B) + w(B') = W − w_p before p, so each antithetic pair averages to w_p·W exactly.
    const w = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const W = w.reduce((s, x) => s + x, 0);
    const v = (m: Uint8Array) => w.reduce((s, x, i) => s + (m[i] ? x : 0), 0) ** 2;
    const r = shapleyValues(12, v, { permutations: 20, seed: 3 });
    expect(r.exact).toBe(false);
    r.values.forEach((x, i) => expect(x).toBeCloseTo(w[i]! * W, 9));
  });

  it('estimates the cubic game v(S) = w(S)³ without bias from sampled permutations', () => {
    const w = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const W = w.reduce((s, x) => s + x, 0);
    const v = (m: Uint8Array) => w.reduce((s, x, i) => s + (m[i] ? x : 0), 0) ** 3;
    const exact = shapleyValues(12, v, { maxExact: 12 });
    expect(exact.exact).toBe(true);
    const r = shapleyValues(12, v, { permutations: 400, seed: 3 });
    expect(r.exact).toBe(false);
    expect(r.permutations).toBe(400);
    expect(r.values.reduce((s, x) => s + x, 0)).toBeCloseTo(W ** 3, 6);
    r.values.forEach((x, i) => expect(Math.abs(x - exact.values[i]!)).toBeLessThan(Z * r.permutationSe![i]!));
  });
});
