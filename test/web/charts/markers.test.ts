// Percentile markers' labels: which row above the plot each name goes in, so that no two names
// closer than the gap share a row. Rows worked out by hand from the label spans.

import { describe, expect, it } from 'vitest';
import { labelRows, markerSpecs } from '../../../src/web/charts/markers.ts';

describe('labelRows', () => {
  it('keeps labels in the first row while they are apart by the gap', () => {
    // spans [0,20], [24,44], [48,68]: each starts exactly the gap (4) after the last ends
    expect(
      labelRows([
        { x: 10, w: 20 },
        { x: 34, w: 20 },
        { x: 58, w: 20 },
      ]),
    ).toEqual({ rows: [0, 0, 0], count: 1 });
  });

  it('moves a label up a row when it would come closer than the gap, in x order whatever the input order', () => {
    // sorted by x: a [0,20] row 0; b [21,41] too close, row 1; c [23,43] clashes with both, row 2;
    // d [46,66] fits after a in row 0
    const xs = [
      { x: 33, w: 20 }, // c
      { x: 10, w: 20 }, // a
      { x: 56, w: 20 }, // d
      { x: 31, w: 20 }, // b
    ];
    expect(labelRows(xs)).toEqual({ rows: [2, 0, 0, 1], count: 3 });
    // with no gap b fits after a, and only c needs a second row
    expect(labelRows(xs, 0)).toEqual({ rows: [1, 0, 0, 0], count: 2 });
  });

  it('counts one row when there are no labels', () => {
    expect(labelRows([])).toEqual({ rows: [], count: 1 });
  });
});

describe('markerSpecs', () => {
  it('marks p5, the median, the mean (dashed) and p95 at their values', () => {
    const specs = markerSpecs({ p5: 1, p50: 2, mean: 2.5, p95: 4 } as Parameters<typeof markerSpecs>[0]);
    expect(specs.map((s) => [s.name, s.value, s.dashed])).toEqual([
      ['p5', 1, false],
      ['median', 2, false],
      ['mean', 2.5, true],
      ['p95', 4, false],
    ]);
  });
});
