// The counting sort over value bins against a comparison sort: same values in the same order,
// weights carried along, non-finite values and non-positive weights left out.

import { describe, it, expect } from 'vitest';
import { rng } from '../analysis/helpers.ts';
import { sortedSamples } from '../../src/stats/sorted.ts';

describe('sortedSamples', () => {
  const r = rng(11);
  const normal = () => Math.sqrt(-2 * Math.log(r() || 1e-300)) * Math.cos(2 * Math.PI * r());
  const shapes: [string, () => number][] = [
    ['uniform', () => r()],
    ['heavy tail over thirty orders of magnitude', () => Math.exp(15 * normal())],
    ['point masses at 0 and 1 with a continuous part', () => (r() < 0.3 ? 0 : r() < 0.3 ? 1 : r())],
    ['both signs with heavy tails', () => normal() ** 5],
    ['concentrated far from zero', () => 1e6 + 1e-6 * normal()],
    ['non-finite values mixed in', () => (r() < 0.1 ? Number.NaN : r() < 0.05 ? Infinity : normal())],
  ];

  for (const [name, draw] of shapes) {
    it(`orders ${name} as a comparison sort does, carrying the weights`, () => {
      for (const n of [10, 5000, 40000]) {
        const x = Float64Array.from({ length: n }, draw);
        const w = Float64Array.from({ length: n }, () => (r() < 0.1 ? 0 : r()));
        const idx = [...x.keys()]
          .filter((i) => Number.isFinite(x[i]!) && w[i]! > 0)
          .sort((a, b) => x[a]! - x[b]! || a - b);
        const got = sortedSamples(x, w);
        expect([...got.xs]).toEqual(idx.map((i) => x[i]!));
        // Equal values may come in either order, so weights are compared as sums per value.
        const sums = (xs: number[], ws: number[]) => {
          const m = new Map<number, number>();
          xs.forEach((v, k) => m.set(v, (m.get(v) ?? 0) + ws[k]!));
          return m;
        };
        const want = sums(
          idx.map((i) => x[i]!),
          idx.map((i) => w[i]!),
        );
        for (const [v, s] of sums([...got.xs], [...got.ws!])) expect(s).toBeCloseTo(want.get(v)!, 9);
        const plain = sortedSamples(x);
        expect([...plain.xs]).toEqual([...x].filter(Number.isFinite).sort((a, b) => a - b));
        expect(plain.ws).toBeNull();
      }
    });
  }
});
