// The pure parts of the charts' axes: how many ticks fit, a domain from data that may hold
// non-finite values, padding, decade ticks on a log scale, and the density cap that keeps one
// spike from flattening the rest. Expected values are worked out by hand from the rules.

import { describe, expect, it } from 'vitest';
import * as d3 from 'd3';
import { densityCap, extent, padDomain, scaleTicks, tickCount } from '../../../src/web/charts/axes.ts';

describe('tickCount', () => {
  it('puts one tick per 60 px below 400 px and per 80 px above, between 2 and 10', () => {
    expect(tickCount(300)).toBe(5); // floor(300 / 60)
    expect(tickCount(400)).toBe(5); // floor(400 / 80)
    expect(tickCount(100)).toBe(2); // floor(100 / 60) = 1, raised to 2
    expect(tickCount(2000)).toBe(10); // floor(2000 / 80) = 25, cut to 10
    expect(tickCount(300, 100)).toBe(3);
  });
});

describe('extent', () => {
  it('skips NaN and infinities, and falls back when nothing finite is left', () => {
    expect(extent([3, NaN, -2, Infinity, 7, -Infinity])).toEqual([-2, 7]);
    expect(extent([NaN, Infinity])).toEqual([0, 1]);
    expect(extent([], [5, 6])).toEqual([5, 6]);
  });
});

describe('padDomain', () => {
  it('widens a domain by a share of its width on each side', () => {
    expect(padDomain([10, 20], 0.05)).toEqual([9.5, 20.5]);
    expect(padDomain([10, 20])).toEqual([10, 20]);
  });

  it('opens a single point by a tenth of its size, or by one at zero', () => {
    expect(padDomain([50, 50])).toEqual([45, 55]);
    expect(padDomain([-4, -4])).toEqual([-4.4, -3.6]);
    expect(padDomain([0, 0])).toEqual([-1, 1]);
  });
});

describe('scaleTicks', () => {
  it('gives the decades of a log scale, with a step when there are too many for the count', () => {
    const log = (lo: number, hi: number) => d3.scaleLog().domain([lo, hi]).range([0, 100]);
    expect(scaleTicks(log(1, 1e4), 5)).toEqual([1, 10, 100, 1000, 1e4]);
    // decades 0..8 are nine, more than count 4: every third (ceil(9 / 4)) is kept
    expect(scaleTicks(log(1, 1e8), 4)).toEqual([1, 1000, 1e6]);
  });

  it('adds 2 and 5 times each decade when fewer than three decades fall inside', () => {
    const s = d3.scaleLog().domain([3, 300]).range([0, 100]);
    expect(scaleTicks(s, 5)).toEqual([5, 10, 20, 50, 100, 200]);
  });

  it("uses d3's ticks on a linear scale", () => {
    expect(scaleTicks(d3.scaleLinear().domain([0, 1]).range([0, 100]), 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe('densityCap', () => {
  it('caps at 1.6 times the second-highest bar when the highest is over 2.5 times it', () => {
    const { cap, clipped } = densityCap([[1, 10, 3, 2]]);
    expect(cap).toBeCloseTo(4.8, 12);
    expect(clipped).toBe(true);
  });

  it('caps at 1.6 times the third when the two highest both stand out', () => {
    const { cap, clipped } = densityCap([[20, 10, 1]]);
    expect(cap).toBeCloseTo(1.6, 12);
    expect(clipped).toBe(true);
  });

  it('does not clip bars of similar height, and takes the widest cap over several series', () => {
    expect(densityCap([[4, 3, 2]])).toEqual({ cap: 4, clipped: false });
    const two = densityCap([
      [4, 3, 2],
      [1, 10, 3],
    ]);
    expect(two.cap).toBeCloseTo(4.8, 12);
    expect(two.clipped).toBe(true);
  });
});
