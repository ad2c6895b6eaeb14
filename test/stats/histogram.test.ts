// Histograms and empirical CDFs: counts, densities, weights by hand, bin rules, trimmed and log
// domains, thinning.

import { describe, expect, it } from 'vitest';
import { binEdges, chooseScale, ecdf, histogram } from '../../src/stats/histogram.ts';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
}

function normals(n: number, seed = 1): Float64Array {
  const u = lcg(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  return out;
}

function integral(bins: { x0: number; x1: number; density: number }[]): number {
  return bins.reduce((a, b) => a + b.density * (b.x1 - b.x0), 0);
}

describe('histogram', () => {
  it('counts every finite sample once and its densities integrate to 1', () => {
    const col = normals(10_000);
    const h = histogram(col, { domain: 'full' });
    expect(h.bins.reduce((a, b) => a + b.count, 0)).toBe(10_000);
    expect(h.n).toBe(10_000);
    expect(h.below + h.above + h.bad).toBe(0);
    expect(integral(h.bins)).toBeCloseTo(1, 12);
    // Contiguous bins covering min…max.
    for (let i = 1; i < h.bins.length; i++) expect(h.bins[i]!.x0).toBe(h.bins[i - 1]!.x1);
    expect(h.bins[0]!.x0).toBe(Math.min(...col));
    expect(h.bins[h.bins.length - 1]!.x1).toBe(Math.max(...col));
  });

  it('uses the Freedman–Diaconis width by default', () => {
    const col = normals(8000, 3);
    const sorted = Float64Array.from(col).sort();
    const q = (p: number) => {
      const h = (sorted.length - 1) * p;
      const lo = Math.floor(h);
      return sorted[lo]! + (sorted[lo + 1]! - sorted[lo]!) * (h - lo);
    };
    const width = 2 * (q(0.75) - q(0.25)) * 8000 ** (-1 / 3);
    const range = sorted[sorted.length - 1]! - sorted[0]!;
    const h = histogram(col, { domain: 'full', maxBins: 1000 });
    expect(h.bins.length).toBe(Math.ceil(range / width));
  });

  it('takes a fixed number of bins, and caps Freedman–Diaconis', () => {
    const col = normals(5000);
    expect(histogram(col, { bins: 7 }).bins).toHaveLength(7);
    expect(histogram(col, { maxBins: 12 }).bins.length).toBeLessThanOrEqual(12);
  });

  it('weights bins by hand', () => {
    const col = Float64Array.from([0.1, 0.2, 0.6, 0.9, 0.95]);
    const w = Float64Array.from([1, 3, 2, 0, 4]);
    const h = histogram(col, { weights: w, edges: [0, 0.5, 1] });
    // Total weight 10 (the zero-weight sample is left out); widths 0.5.
    expect(h.n).toBe(4);
    expect(h.bins.map((b) => b.count)).toEqual([2, 2]);
    expect(h.bins[0]!.density).toBeCloseTo(4 / (10 * 0.5), 12);
    expect(h.bins[1]!.density).toBeCloseTo(6 / (10 * 0.5), 12);
    expect(integral(h.bins)).toBeCloseTo(1, 12);
  });

  it('puts the maximum in the last bin and counts non-finite samples apart', () => {
    const col = Float64Array.from([0, 0.5, 1, NaN, Infinity]);
    const h = histogram(col, { edges: [0, 0.5, 1] });
    expect(h.bins.map((b) => b.count)).toEqual([1, 2]);
    expect(h.bad).toBe(2);
  });

  it('handles uneven edges by binary search', () => {
    const col = Float64Array.from([0.5, 1.5, 2.5, 9]);
    const h = histogram(col, { edges: [0, 1, 3, 10] });
    expect(h.bins.map((b) => b.count)).toEqual([1, 2, 1]);
    expect(integral(h.bins)).toBeCloseTo(1, 12);
    expect(() => histogram(col, { edges: [0, 0, 1] })).toThrow(/increasing/);
  });

  it('trims extreme tails, counting what falls outside', () => {
    const col = normals(10_000);
    col[0] = 1e6;
    col[1] = -1e6;
    const h = histogram(col);
    expect(h.below).toBeGreaterThan(0);
    expect(h.above).toBeGreaterThan(0);
    expect(h.bins.reduce((a, b) => a + b.count, 0) + h.below + h.above).toBe(10_000);
    // The densities integrate to the share inside the domain.
    expect(integral(h.bins)).toBeCloseTo(1 - (h.below + h.above) / 10_000, 12);
    expect(h.bins[h.bins.length - 1]!.x1).toBeLessThan(10);
  });

  it('gives a single value one narrow bin', () => {
    const h = histogram(new Float64Array(100).fill(0.25));
    expect(h.bins).toHaveLength(1);
    expect(h.bins[0]!.count).toBe(100);
    expect(integral(h.bins)).toBeCloseTo(1, 12);
  });

  it('bins positive data over many orders of magnitude in log space', () => {
    const col = normals(20_000).map((z) => Math.exp(2.5 * z));
    expect(chooseScale(col)).toBe('log');
    expect(chooseScale(normals(1000))).toBe('linear');
    const edges = binEdges(col, { scale: 'log', domain: 'full' });
    const ratios = edges.slice(1).map((e, i) => e / edges[i]!);
    for (const r of ratios) expect(r).toBeCloseTo(ratios[0]!, 6);
    const h = histogram(col, { edges });
    expect(h.bins.reduce((a, b) => a + b.count, 0)).toBe(20_000);
  });
});

describe('ecdf', () => {
  it('steps through every distinct value when there are few', () => {
    const pts = ecdf(Float64Array.from([3, 1, 2, 2, NaN]));
    expect(pts).toEqual([
      { x: 1, p: 0.25 },
      { x: 2, p: 0.75 },
      { x: 3, p: 1 },
    ]);
  });

  it('weights by hand', () => {
    const pts = ecdf(Float64Array.from([1, 2, 3]), { weights: Float64Array.from([1, 0, 3]) });
    expect(pts).toEqual([
      { x: 1, p: 0.25 },
      { x: 3, p: 1 },
    ]);
  });

  it('thins to at most 400 points, keeping the extremes and following the data', () => {
    const col = normals(50_000);
    const pts = ecdf(col);
    expect(pts.length).toBeLessThanOrEqual(400);
    expect(pts.length).toBeGreaterThan(300);
    expect(pts[0]!.x).toBe(Math.min(...col));
    expect(pts[pts.length - 1]).toEqual({ x: Math.max(...col), p: 1 });
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i]!.x).toBeGreaterThan(pts[i - 1]!.x);
      expect(pts[i]!.p).toBeGreaterThanOrEqual(pts[i - 1]!.p);
    }
    // The thinned curve still matches the empirical CDF at its points.
    const sorted = Float64Array.from(col).sort();
    for (const p of pts.slice(0, 50)) {
      let k = 0;
      while (k < sorted.length && sorted[k]! <= p.x) k++;
      expect(p.p).toBeCloseTo(k / sorted.length, 12);
    }
    // No probability gap larger than about one step.
    for (let i = 1; i < pts.length; i++) expect(pts[i]!.p - pts[i - 1]!.p).toBeLessThan(2 / 399 + 1e-9);
  });
});
