// Summaries by hand: mean, sd, type-7 quantiles, the Monte Carlo standard error, bad samples
// counted and left out, and the weighted (posterior) versions.

import { describe, it, expect } from 'vitest';
import { summarize, effectiveSampleSize } from '../../src/stats/summary.ts';

describe('plain summaries', () => {
  it('1..10: mean 5.5, sd √(82.5/9), R type-7 quantiles, mcse sd/√10', () => {
    const s = summarize(Float64Array.from({ length: 10 }, (_, i) => 10 - i));
    const sd = Math.sqrt(82.5 / 9);
    expect(s.mean).toBe(5.5);
    expect(s.sd).toBeCloseTo(sd, 14);
    expect([s.p5, s.p25, s.p50, s.p75, s.p95].map((v) => Math.round(v * 1e12) / 1e12)).toEqual([
      1.45, 3.25, 5.5, 7.75, 9.55,
    ]);
    expect(s.mcse).toBeCloseTo(sd / Math.sqrt(10), 14);
    expect(s.bad).toBe(0);
  });

  it('NaN and ±Infinity are counted as bad and left out of every statistic', () => {
    const s = summarize(Float64Array.of(1, Number.NaN, 2, Infinity, 3, -Infinity));
    expect(s.bad).toBe(3);
    expect(s.mean).toBe(2);
    expect(s.sd).toBe(1);
    expect(s.p50).toBe(2);
    expect(s.mcse).toBeCloseTo(1 / Math.sqrt(3), 14);
  });

  it('a column of only bad samples summarises to NaN with every sample counted', () => {
    const s = summarize(Float64Array.of(Number.NaN, Infinity));
    expect(s.bad).toBe(2);
    expect([s.mean, s.sd, s.p5, s.p95, s.mcse].every(Number.isNaN)).toBe(true);
  });

  it('one sample: its value everywhere, sd 0', () => {
    const s = summarize(Float64Array.of(0.25));
    expect([s.mean, s.p5, s.p50, s.p95, s.sd, s.mcse]).toEqual([0.25, 0.25, 0.25, 0.25, 0, 0]);
  });

  it('does not reorder the column it summarises', () => {
    const col = Float64Array.of(3, 1, 2, 5, 4);
    summarize(col);
    expect([...col]).toEqual([3, 1, 2, 5, 4]);
  });

  it('stays accurate for values far from zero (sd of 1e9 + 0.1, 0.2, 0.3 is 0.1)', () => {
    const s = summarize(Float64Array.of(1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3));
    expect(s.sd).toBeCloseTo(0.1, 6);
  });

  it('keeps tiny probabilities: a column near 1e-12 has a mean near 1e-12, not 0', () => {
    const s = summarize(Float64Array.of(1e-12, 2e-12, 3e-12));
    expect(s.mean).toBeCloseTo(2e-12, 24);
    expect(s.p5).toBeGreaterThan(0);
  });
});

describe('weighted summaries', () => {
  it('by hand: x = 1 2 3 4, w = 1 0 1 2', () => {
    const s = summarize(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 0, 1, 2));
    // Σw = 4; mean (1 + 3 + 8)/4 = 3; Σw(x − 3)²/Σw = (4 + 0 + 2)/4 = 1.5; ESS = 16/6.
    expect(s.mean).toBeCloseTo(3, 14);
    expect(s.sd).toBeCloseTo(Math.sqrt(1.5), 14);
    expect([s.p5, s.p25, s.p50, s.p75, s.p95]).toEqual([1, 1, 3, 4, 4]);
    expect(s.mcse).toBeCloseTo(Math.sqrt(1.5) / Math.sqrt(16 / 6), 14);
    expect(effectiveSampleSize(Float64Array.of(1, 0, 1, 2))).toBeCloseTo(16 / 6, 14);
  });

  it('bad samples are counted and left out, whatever their weight', () => {
    const s = summarize(Float64Array.of(1, Number.NaN, 3), Float64Array.of(1, 5, 1));
    expect(s.bad).toBe(1);
    expect(s.mean).toBe(2);
  });

  it('weights all zero give NaN statistics', () => {
    const s = summarize(Float64Array.of(1, 2), Float64Array.of(0, 0));
    expect(Number.isNaN(s.mean)).toBe(true);
  });

  it('equal weights give the plain mean', () => {
    const x = Float64Array.from({ length: 101 }, (_, i) => Math.sin(i));
    const s = summarize(x, new Float64Array(101).fill(0.3));
    expect(s.mean).toBeCloseTo(summarize(x).mean, 13);
  });
});
