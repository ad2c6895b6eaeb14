// Distributions fitted to stated quantiles (beta_ci90, pert_ci90) keep the quantiles they were
// given, in closed-form checks and in samples under every sampler, and say which stated quantiles
// no distribution of the family has; and the root finder they are solved with finds known roots
// (published constants and exact ones) to its tolerance.

import { describe, it, expect, afterAll } from 'vitest';
import { loadProject } from '../../src/model/project.ts';
import { prepare } from '../../src/engine/run.ts';
import { brent } from '../../src/engine/fit.ts';
import { cleanupTemp, columnsOf, fractionBelow, modelText, se, tempProject, within } from './helpers.ts';

afterAll(cleanupTemp);

/** Each node's column, for nodes given as text. */
function cols(inputs: Record<string, string>, nodes: Record<string, string>, samples: number) {
  return columnsOf(inputs, nodes, { samples, seed: 7 }).columns as Record<string, Float64Array>;
}

describe('distributions fitted to stated quantiles', () => {
  it('beta_ci90(lo, hi) has lo and hi as its 5th and 95th percentiles', () => {
    const c = cols(
      {},
      {
        a: 'cdf(beta_ci90(0.1, 0.4), 0.1)',
        b: 'cdf(beta_ci90(0.1, 0.4), 0.4)',
        q: 'quantile(beta_ci90(0.02, 0.9), 0.95)',
      },
      10,
    );
    expect(c.a![0]).toBeCloseTo(0.05, 10);
    expect(c.b![0]).toBeCloseTo(0.95, 10);
    expect(c.q![0]).toBeCloseTo(0.9, 9);
  });

  it('pert_ci90(lo, median, hi) has those as its 5th, 50th and 95th percentiles', () => {
    const c = cols(
      {},
      {
        a: 'quantile(pert_ci90(10, 25, 50), 0.05)',
        b: 'quantile(pert_ci90(10, 25, 50), 0.5)',
        d: 'quantile(pert_ci90(10, 25, 50), 0.95)',
      },
      10,
    );
    expect(c.a![0]).toBeCloseTo(10, 9);
    expect(c.b![0]).toBeCloseTo(25, 9);
    expect(c.d![0]).toBeCloseTo(50, 9);
  });

  it('samples of each put 5% below the low end and 5% above the high end, under every sampler', () => {
    const n = 100_000;
    for (const sampler of ['mc', 'lhs', 'sobol'] as const) {
      const r = columnsOf(
        { b: 'beta_ci90(0.2, 0.6)', p: 'pert_ci90(1, 2, 4)', k: '0.6', v: 'beta_ci90(0.2, k)' },
        {},
        { samples: n, seed: 3, sampler },
      ).columns;
      for (const [name, lo, hi] of [
        ['b', 0.2, 0.6],
        ['p', 1, 4],
        ['v', 0.2, 0.6],
      ] as const) {
        within(fractionBelow(r[name]!, lo), 0.05, 5 * se.proportion(0.05, n), `${sampler} ${name} below ${lo}`);
        within(fractionBelow(r[name]!, hi), 0.95, 5 * se.proportion(0.95, n), `${sampler} ${name} below ${hi}`);
      }
      within(fractionBelow(r.p!, 2), 0.5, 5 * se.proportion(0.5, n), `${sampler} p below its median`);
    }
  });

  it('says which stated quantiles no distribution of the family has', () => {
    const dir = tempProject({
      'm.yaml': modelText({ x: 'pert_ci90(10, 12, 50)', y: 'beta_ci90(0.5, 1.2)' }),
    });
    const p = prepare(loadProject(dir), 'm');
    expect(p.ok).toBe(false);
    if (!p.ok) {
      const text = p.errors.map((e) => e.message).join('\n');
      expect(text).toMatch(/a PERT's median lies between 27\.\d% and 72\.\d% of the way/);
      expect(text).toMatch(/need 0 < low < high < 1/);
    }
  });
});

describe("Brent's root finder", () => {
  it('finds roots known in closed form or published, to its tolerance', () => {
    // The Dottie number, cos x = x (OEIS A003957), and the real cube root of 2.
    expect(brent((x) => Math.cos(x) - x, 0, 1)).toBeCloseTo(0.7390851332151607, 12);
    expect(brent((x) => x ** 3 - 2, 0, 2)).toBeCloseTo(Math.cbrt(2), 12);
    // A root where the function is flat to fifth order, and one in a bracket given high end first.
    expect(Math.abs(brent((x) => (x - 0.3) ** 5, -1, 2) - 0.3)).toBeLessThan(1e-12);
    expect(brent(Math.sin, 4, 2)).toBeCloseTo(Math.PI, 12);
    // A looser tolerance stops sooner, within it.
    expect(Math.abs(brent((x) => x ** 3 - 2, 0, 2, 1e-4) - Math.cbrt(2))).toBeLessThan(1e-4);
  });

  it('returns an end that is a root, and NaN when the ends do not bracket one', () => {
    expect(brent((x) => x, 0, 1)).toBe(0);
    expect(brent((x) => x - 1, 0, 1)).toBe(1);
    expect(brent((x) => x * x + 1, -1, 1)).toBeNaN();
  });

  it('finds where a step function changes sign, however steep the function', () => {
    expect(brent((x) => (x < 0.3 ? -1 : 1), 0, 1)).toBeCloseTo(0.3, 12);
    expect(brent((x) => Math.exp(50 * x) - 2, -1, 1)).toBeCloseTo(Math.log(2) / 50, 12);
  });
});
