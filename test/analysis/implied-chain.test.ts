// The implied credence is read inside the overall model, so a resolution linked to a model that
// imports another moves the predictions of the imported one too. Closed form: `base` has a
// latent θ ~ Beta(2, 3); `top` imports it and adds φ ~ Uniform(0, 1). Prediction x (linked to
// base) has P(yes) = θ; prediction t (linked to top) has P(yes) = φ·θ. Integrating φ out, t's
// likelihood is θ/2 for a yes (θ | yes ~ Beta(3, 3), mean 1/2) and 1 − θ/2 for a no (mean
// (E θ − E θ²/2)/(1 − E θ/2) = (0.4 − 0.1)/(1 − 0.2) = 3/8, with E θ² = 0.2 under Beta(2, 3)).
// x resolving yes makes θ ~ Beta(3, 3), so t's implied E[φθ] moves from 0.5·0.4 = 0.2 to 0.25.
// A third model, not imported by top, keeps its prediction to itself.

import { afterAll, describe, expect, it } from 'vitest';
import type { ResultOf } from '../../src/analysis/registry/index.ts';
import type { Status } from '../../src/predictions/history.ts';
import { runImplied } from '../support/implied.ts';
import { cleanup, projectOf, Z } from './helpers.ts';

afterAll(cleanup);

const prediction = (id: string, model: string, pYes: string) => `  - id: ${id}
    statement: ${id} happens
    credence: 0.5
    stated: 2025-01-01
    criteria: It happens.
    model: ${model}
    p_yes: ${pYes}
`;

const project = projectOf({
  'base.yaml': `title: Base
inputs:
  theta: beta(2, 3)
nodes:
  y: theta
output: y
`,
  'top.yaml': `title: Top
imports:
  base: base
inputs:
  phi: uniform(0, 1)
nodes:
  z: phi * base.theta
output: z
`,
  'lone.yaml': `title: Lone
inputs:
  psi: beta(1, 3)
output: psi
`,
  'predictions.yaml': `predictions:\n${prediction('x', 'base', 'theta')}${prediction('t', 'top', 'phi * base.theta')}${prediction('w', 'lone', 'psi')}`,
});

const SAMPLES = 200_000;

/** The implied analysis as the surfaces run it, evidence from `statuses`. */
const implied = (statuses: Record<string, Status>, extra: Record<string, unknown> = {}): ResultOf<'implied'> =>
  runImplied(project, statuses, { samples: SAMPLES, seed: 11, ...extra });

const byId = (r: ResultOf<'implied'>, id: string) => r.predictions.find((x) => x.id === id)!;

/** Within Z Monte Carlo standard errors of `want`, and more than `away` of them from `from`. */
function near(row: ReturnType<typeof byId>, want: number, from: number, away = 10): void {
  expect(row.error).toBeNull();
  expect(Math.abs(row.implied! - want), `${row.id}: ${row.implied} vs ${want}`).toBeLessThan(Z * row.mcse!);
  expect(Math.abs(row.implied! - from)).toBeGreaterThan(away * row.mcse!);
}

describe('the implied credence in the overall model', () => {
  it('reads every prediction inside the model that imports the most, the rest in their own', () => {
    const r = implied({});
    expect(r.model).toBe('top');
    expect(byId(r, 'x')).toMatchObject({ model: 'base', valuedIn: 'top', paths: ['base'] });
    expect(byId(r, 't')).toMatchObject({ model: 'top', valuedIn: 'top', paths: [''] });
    expect(byId(r, 'w')).toMatchObject({ model: 'lone', valuedIn: 'lone', paths: [''] });
    // Priors: E θ = 2/5, E φθ = 1/5, E ψ = 1/4.
    for (const [id, want] of [
      ['x', 2 / 5],
      ['t', 1 / 5],
      ['w', 1 / 4],
    ] as const)
      expect(Math.abs(byId(r, id).implied! - want), id).toBeLessThan(Z * byId(r, id).mcse!);
  });

  it.each([
    ['yes', 1 / 2],
    ['no', 3 / 8],
  ] as const)('of x (on base) moves when t (on top) resolves %s', (outcome, want) => {
    const x = byId(implied({ t: outcome }), 'x');
    expect(x.applied).toEqual(['prediction_t']);
    near(x, want, 2 / 5);
  });

  it('of t (on top) moves when x (on base) resolves yes', () => {
    const t = byId(implied({ x: 'yes' }), 't');
    expect(t.applied).toEqual(['prediction_x']);
    near(t, 1 / 4, 1 / 5);
  });

  it('leaves out the own resolution, and a model outside the overall one is left alone', () => {
    const before = implied({});
    const after = implied({ t: 'yes' });
    expect(byId(after, 't').implied).toBe(byId(before, 't').implied);
    expect(byId(after, 't').ess).toBeNull();
    expect(byId(after, 'w').implied).toBe(byId(before, 'w').implied);
    expect(byId(after, 'w').applied).toEqual([]);
  });

  it('reads in the model a request names: in base, x knows nothing of t', () => {
    const r = implied({ t: 'yes' }, { model: 'base' });
    expect(r.model).toBe('base');
    const x = byId(r, 'x');
    expect(x.valuedIn).toBe('base');
    expect(x.applied).toEqual([]);
    expect(Math.abs(x.implied! - 2 / 5)).toBeLessThan(Z * x.mcse!);
    // t's linked model is not inside base: it is read in top, where x's resolution is absent.
    expect(byId(r, 't').valuedIn).toBe('top');
  });
});
