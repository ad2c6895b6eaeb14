// The beta quantile tables against @stdlib's inverse incomplete beta function and the closed
// forms of Beta(a, 1) and Beta(1, b): 1e-10 relative to min(x, 1 − x), tails included.

import { describe, it, expect } from 'vitest';
import betaincinv from '@stdlib/math-base-special-betaincinv';
import { betaTable, tableQuantile, tableQuantiles } from '../../src/engine/beta-table.ts';
import { PROBS, SHAPES, expectNear } from './quantile-grid.ts';

describe('betaTable and tableQuantile', () => {
  it('a table is exact to 1e-10 of min(x, 1 − x) across (0, 1), tails included', () => {
    for (const [a, b] of SHAPES) {
      const t = betaTable(a, b);
      expect(t, `beta(${a}, ${b}) has a table`).not.toBeNull();
      for (const p of PROBS) {
        const want = betaincinv(p, a, b);
        const wantUpper = betaincinv(1 - p, b, a);
        expectNear(tableQuantile(t!, p), want, wantUpper, 1e-10, `table Q(${p}; ${a}, ${b})`);
      }
    }
  });

  it('a table matches the closed forms of Beta(a, 1) = U^(1/a) and Beta(1, b) = 1 − (1 − U)^(1/b)', () => {
    const up = betaTable(7.5, 1)!;
    const down = betaTable(1, 3)!;
    for (const p of PROBS) {
      const x = Math.exp(Math.log(p) / 7.5);
      expectNear(tableQuantile(up, p), x, -Math.expm1(Math.log(p) / 7.5), 1e-10, `Beta(7.5, 1) at ${p}`);
      const w = Math.exp(Math.log1p(-p) / 3); // 1 − x
      expectNear(tableQuantile(down, p), -Math.expm1(Math.log1p(-p) / 3), w, 1e-10, `Beta(1, 3) at ${p}`);
    }
  });

  it('a distribution too extreme for a table gets none (its draws fall back to exact methods)', () => {
    expect(betaTable(0.002, 0.002)).toBeNull();
  });
});

describe('tableQuantiles', () => {
  it('is lo + range · tableQuantile for the first m values, tails included, and leaves the rest', () => {
    const t = betaTable(6, 4)!;
    const us = Float64Array.from([0.5, 1e-9, 0.25, 1 - 1e-9, 0.999, 0.7]);
    const out = new Float64Array(6).fill(-7);
    tableQuantiles(t, us, 10, 5, out, 5);
    for (let i = 0; i < 5; i++) expect(out[i]).toBeCloseTo(10 + 5 * tableQuantile(t, us[i]!), 12);
    expect(out[5]).toBe(-7);
  });
});
