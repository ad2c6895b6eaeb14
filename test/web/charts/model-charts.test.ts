// The charts of the model's shape and of its output across inputs: the sweep (one line per
// input, small multiples beyond six), the two-input heatmap on viridis, and the graph of
// quantities with the imported model as one box, laid out by the width it is given.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as d3 from 'd3';
import type { ChartData } from '../../../src/web/charts/index.ts';
import { MAX_LINES } from '../../../src/web/charts/sweep.ts';
import { chartData, cleanup } from './fixtures.ts';
import { absX, absY, all, num, render, translateOf, xMap, yMap } from './svg-reading.ts';

let data: ChartData;

beforeAll(() => {
  data = chartData();
});
afterAll(cleanup);

describe('sweep', () => {
  it('draws one line per input with a point per percentile', () => {
    const d = data.sweep;
    expect(d.series.length).toBeLessThanOrEqual(MAX_LINES);
    const root = render('sweep', d);
    expect(all(root, '.line')).toHaveLength(d.series.length);
    expect(all(root, '.point')).toHaveLength(d.series.reduce((a, s) => a + s.points.length, 0));
    expect(all(root, '.legend-item')).toHaveLength(d.series.length + 1);
    const x = xMap(root);
    const y = yMap(root);
    const p = d.series[0]!.points[0]!;
    const c = all(root, '.point')[0]!;
    expect(absX(c, 'cx')).toBeCloseTo(x(p.percentile), 0);
    expect(absY(c, 'cy')).toBeCloseTo(y(p.mean), 0);
  });

  it('switches to small multiples beyond six inputs', () => {
    const base = data.sweep;
    const series = Array.from({ length: 8 }, (_, i) => ({
      ...base.series[i % base.series.length]!,
      input: `in${i}`,
      label: `Input ${i}`,
    }));
    const root = render('sweep', { ...base, series });
    expect(all(root, '.panel')).toHaveLength(8);
    expect(all(root, '.line')).toHaveLength(8);
    expect(all(root, '.baseline')).toHaveLength(8);
  });
});

describe('heatmap', () => {
  it('draws rows × columns cells coloured on viridis, with a colour legend', () => {
    const d = data.heatmap;
    const root = render('heatmap', d);
    const cells = all(root, '.cell');
    expect(cells).toHaveLength(d.x.values.length * d.y.values.length);
    expect(d.x.values.length).toBeGreaterThanOrEqual(21);
    expect(all(root, '.legend-step').length).toBeGreaterThan(10);
    const flat = d.means.flat();
    const max = Math.max(...flat);
    const min = Math.min(...flat);
    const top = cells.find((c) => Number(c.getAttribute('data-value')) === max)!;
    const bottom = cells.find((c) => Number(c.getAttribute('data-value')) === min)!;
    expect(top.getAttribute('fill')).toBe(d3.interpolateViridis(1));
    expect(bottom.getAttribute('fill')).toBe(d3.interpolateViridis(0));
    // Cell (i, j) sits at column i from the left and row j from the bottom.
    const c = cells.find((e) => e.getAttribute('data-i') === '0' && e.getAttribute('data-j') === '0')!;
    const c2 = cells.find((e) => e.getAttribute('data-i') === '1' && e.getAttribute('data-j') === '1')!;
    expect(num(c2, 'x')).toBeGreaterThan(num(c, 'x'));
    expect(num(c2, 'y')).toBeLessThan(num(c, 'y'));
    expect(root.querySelector('.x-label')?.textContent).toContain('Chance a');
    expect(root.querySelector('.y-label')?.textContent).toContain('Weight w');
  });
});

describe('graph', () => {
  it('draws every node and link, the imported model as one box', () => {
    const d = data.graph;
    const root = render('graph', d);
    expect(all(root, '.node')).toHaveLength(d.nodes.length);
    expect(all(root, '.link')).toHaveLength(d.edges.length);
    expect(all(root, '.node-output')).toHaveLength(1);
    expect(all(root, '.node-imported')).toHaveLength(1);
    expect(all(root, '.node-input')).toHaveLength(3);
    expect(root.querySelector('.node-imported')?.getAttribute('data-id')).toBe('c');
    expect(root.querySelector('.node-output')?.getAttribute('data-id')).toBe('out');
  });

  it('lays layers out left to right when wide and top to bottom when narrow', () => {
    const d = data.graph;
    const pos = (root: Element, id: string) => translateOf(root.querySelector(`.node[data-id="${id}"]`)!);
    const wide = render('graph', d, 1280);
    expect(pos(wide, 'a')[0]).toBeLessThan(pos(wide, 'mid')[0]);
    expect(pos(wide, 'mid')[0]).toBeLessThan(pos(wide, 'out')[0]);
    const narrow = render('graph', d, 360);
    expect(pos(narrow, 'a')[1]).toBeLessThan(pos(narrow, 'mid')[1]);
    expect(pos(narrow, 'mid')[1]).toBeLessThan(pos(narrow, 'out')[1]);
  });
});
