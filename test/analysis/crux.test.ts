// Crux decomposition: Shapley parts sum to the difference exactly, match a two-input case
// computed by hand, and are sampled beyond 10 inputs (the games themselves: test/stats/shapley).

import { afterAll, describe, expect, it } from 'vitest';
import { crux, cruxSamples } from '../../src/analysis/crux.ts';
import { parseOverride, type InputOverride } from '../../src/model/overrides.ts';
import { cleanup, mean, ok, prepared, projectOf, Z } from './helpers.ts';

afterAll(cleanup);

const set = (name: string, text: string): InputOverride => ok(parseOverride(name, text, `--set ${name}`));

const PRODUCT = `title: Product
inputs:
  a: uniform(0, 2)
  b: uniform(1, 3)
  c: normal(0, 1)
  spare: beta(2, 2)
nodes:
  y: a * b + c
  side: spare * 2
output: y
scenarios:
  high:
    a: 3
    b: 5
    c: normal(0, 1)
  low:
    a: 0.5
    c: normal(0, 1)
    spare: 0.9
`;

describe('crux', () => {
  const project = projectOf({ 'product.yaml': PRODUCT });
  const N = 20_000;

  it('matches the two-input case by hand: y = a·b with a → 3 and b → 5', () => {
    const r = ok(crux(project, 'product', { scenario: null }, { scenario: 'high' }, { samples: N, seed: 11 }));
    // Common random numbers: every coalition sees the default run's columns.
    const base = prepared(project, 'product').run({ samples: N, seed: 11 });
    const { a, b, c } = base.columns as Record<string, Float64Array>;
    const ab = mean(a!.map((x, i) => x * b![i]!));
    const v0 = ab + mean(c!);
    const vA = 3 * mean(b!) + mean(c!);
    const vB = 5 * mean(a!) + mean(c!);
    const vAB = 15 + mean(c!);
    const phiA = (vA - v0 + (vAB - vB)) / 2;
    const phiB = (vB - v0 + (vAB - vA)) / 2;
    const part = (n: string) => r.parts.find((p) => p.input === n)!;
    expect(part('a').shapley).toBeCloseTo(phiA, 9);
    expect(part('b').shapley).toBeCloseTo(phiB, 9);
    expect(r.from.mean).toBeCloseTo(v0, 9);
    expect(r.to.mean).toBeCloseTo(vAB, 9);
    // In expectation (E a = 1, E b = 2, E ab = 2, E c = 0), by hand:
    // φ_a = ½[(v{a} − v{}) + (v{a,b} − v{b})] = ½[(3·2 − 2) + (15 − 5·1)] = 7,
    // φ_b = ½[(v{b} − v{}) + (v{a,b} − v{a})] = ½[(5·1 − 2) + (15 − 3·2)] = 6, summing to 15 − 2 = 13.
    expect(Math.abs(part('a').shapley - 7)).toBeLessThan(Z * part('a').mcse);
    expect(Math.abs(part('b').shapley - 6)).toBeLessThan(Z * part('b').mcse);
    expect(r.parts.reduce((s, p) => s + p.shapley, 0)).toBeCloseTo(r.difference, 12);
    expect(r.method).toBe('exact');
    expect(r.coalitions).toBe(4);
    // 'high' sets c to the model's own text: nothing to attribute.
    expect(r.unchanged).toEqual(['c']);
    expect(part('a')).toMatchObject({ from: 'uniform(0, 2)', to: '3' });
  });

  it('leaves out inputs set the same way, and gives inputs the output ignores a part of zero', () => {
    const r = ok(crux(project, 'product', { scenario: 'low' }, { scenario: 'high' }, { samples: 5000, seed: 2 }));
    expect(r.unchanged).toEqual(['c']);
    expect(r.noEffect).toEqual(['spare']);
    expect(r.parts.map((p) => p.input).sort()).toEqual(['a', 'b']);
    expect(r.parts.reduce((s, p) => s + p.shapley, 0)).toBeCloseTo(r.difference, 12);
    expect(r.from).toMatchObject({ scenario: 'low', overrides: { a: '0.5', c: 'normal(0, 1)', spare: '0.9' } });
  });

  it('takes --set overrides on top of a scenario', () => {
    const r = ok(
      crux(
        project,
        'product',
        { scenario: 'high' },
        { scenario: 'high', overrides: [set('b', '1')] },
        { samples: 5000, seed: 2 },
      ),
    );
    expect(r.parts.map((p) => p.input)).toEqual(['b']);
    // a = 3 in both views: the whole change is b from 5 to 1, i.e. 3·(1 − 5) = −12.
    expect(r.difference).toBeCloseTo(-12, 9);
    expect(r.parts[0]!.shapley).toBeCloseTo(-12, 9);
  });

  it('gives the same parts whether an override is a value or an expression over other inputs', () => {
    const plain = ok(
      crux(
        project,
        'product',
        { scenario: null },
        { scenario: null, overrides: [set('a', '3'), set('b', '5')] },
        { samples: 4000, seed: 5 },
      ),
    );
    const viaExpr = ok(
      crux(
        project,
        'product',
        { scenario: null },
        { scenario: null, overrides: [set('a', '3 + 0 * c'), set('b', '5')] },
        { samples: 4000, seed: 5 },
      ),
    );
    plain.parts.forEach((p) =>
      expect(viaExpr.parts.find((q) => q.input === p.input)!.shapley).toBeCloseTo(p.shapley, 9),
    );
  });

  it('samples permutations beyond 10 inputs; the parts still sum exactly', () => {
    const k = 12;
    const model = `title: Sum\ninputs:\n${Array.from({ length: k }, (_, i) => `  x${i}: normal(${i}, 1)`).join('\n')}\nnodes:\n  y: ${Array.from({ length: k }, (_, i) => `${i + 1} * x${i}`).join(' + ')} + x0 * x1\noutput: y\n`;
    const proj = projectOf({ 'sum.yaml': model });
    const to = Array.from({ length: k }, (_, i) => set(`x${i}`, '1'));
    const r = ok(
      crux(
        proj,
        'sum',
        { scenario: null },
        { scenario: null, overrides: to },
        { samples: 2000, seed: 3, permutations: 40 },
      ),
    );
    expect(r.method).toBe('permutations');
    expect(r.permutations).toBe(40);
    expect(r.parts.length).toBe(k);
    expect(r.parts.reduce((s, p) => s + p.shapley, 0)).toBeCloseTo(r.difference, 9);
    // The additive inputs' parts are exact whatever the order: (i + 1)·(1 − x̄ᵢ).
    const base = prepared(proj, 'sum').run({ samples: 2000, seed: 3 });
    for (let i = 2; i < k; i++)
      expect(r.parts.find((p) => p.input === `x${i}`)!.shapley).toBeCloseTo(
        (i + 1) * (1 - mean(base.columns[`x${i}`]!)),
        9,
      );
  });

  it('lowers the default samples when there are many coalitions', () => {
    expect(cruxSamples(4)).toBe(100_000);
    expect(cruxSamples(32)).toBe(100_000);
    expect(cruxSamples(128)).toBe(25_000);
    expect(cruxSamples(1024)).toBe(10_000);
    const r = ok(crux(project, 'product', { scenario: null }, { scenario: 'high' }, { seed: 1 }));
    expect(r.samples).toBe(100_000);
  });

  it('refuses an unknown scenario', () => {
    const r = crux(project, 'product', { scenario: 'nope' }, { scenario: 'high' }, { samples: 100, seed: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/has no scenario 'nope'/);
  });
});
