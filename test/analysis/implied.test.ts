// The credence a model implies for a prediction moves with the resolutions of the others, by
// the same evidence as the posterior, and never with its own. Closed form: two predictions
// read one latent θ ~ Beta(2, 3) with P(yes | θ) = θ, so a resolution updates θ conjugately:
// yes gives Beta(3, 3) (mean 1/2), no gives Beta(2, 4) (mean 1/3), one of each Beta(3, 4)
// (mean 3/7); before any, the mean is 2/5. A third prediction reads an independent latent.

import { afterAll, describe, expect, it } from 'vitest';
import type { ResultOf } from '../../src/analysis/registry/index.ts';
import type { Status } from '../../src/predictions/history.ts';
import type { Project } from '../../src/model/project.ts';
import { runImplied } from '../support/implied.ts';
import { cleanup, projectOf, Z } from './helpers.ts';

afterAll(cleanup);

const project = projectOf({
  'shared.yaml': `title: One latent behind two predictions
inputs:
  theta: beta(2, 3)
  other: beta(5, 5)
nodes:
  y: theta
output: y
`,
  'predictions.yaml': `predictions:
  - id: a
    statement: The first coin lands heads
    credence: 0.3
    stated: 2025-01-01
    criteria: Heads.
    model: shared
    p_yes: theta
  - id: b
    statement: The second coin lands heads
    credence: 0.6
    stated: 2025-01-01
    criteria: Heads.
    model: shared
    p_yes: theta
  - id: d
    statement: The third coin lands heads
    credence: 0.4
    stated: 2025-01-01
    criteria: Heads.
    model: shared
    p_yes: theta
  - id: c
    statement: An unrelated coin lands heads
    credence: 0.5
    stated: 2025-01-01
    criteria: Heads.
    model: shared
    p_yes: other
`,
});

const SAMPLES = 200_000;

/** The implied analysis as the surfaces run it: every prediction, evidence from `statuses`. */
const implied = (p: Project, statuses: Record<string, Status>): ResultOf<'implied'> =>
  runImplied(p, statuses, { samples: SAMPLES, seed: 7 });

const byId = (r: ResultOf<'implied'>, id: string) => r.predictions.find((x) => x.id === id)!;

describe('the implied credence', () => {
  it('is the prior mean of p_yes before any resolution', () => {
    const r = implied(project, {});
    for (const [id, want] of [
      ['a', 2 / 5],
      ['b', 2 / 5],
      ['d', 2 / 5],
      ['c', 1 / 2],
    ] as const) {
      const x = byId(r, id);
      expect(Math.abs(x.implied! - want), id).toBeLessThan(Z * x.mcse!);
      expect(x.applied).toEqual([]);
      expect(x.ess).toBeNull();
    }
  });

  it.each([
    ['yes', 1 / 2],
    ['no', 1 / 3],
  ] as const)('of b moves to the conjugate posterior mean when a resolves %s', (outcome, want) => {
    const r = implied(project, { a: outcome });
    const b = byId(r, 'b');
    expect(b.applied).toEqual(['prediction_a']);
    // Beta(2,3) → Beta(3,3) or Beta(2,4): sd ≈ 0.19, so 5 standard errors at ESS ≥ 100,000 is < 0.004.
    expect(b.mcse!).toBeLessThan(0.001);
    expect(Math.abs(b.implied! - want)).toBeLessThan(Z * b.mcse!);
    // The move is many standard errors: this is the resolution's doing, not noise.
    expect(Math.abs(b.implied! - 2 / 5)).toBeGreaterThan(20 * b.mcse!);
    expect(b.ess!).toBeGreaterThan(SAMPLES / 2);
    expect(b.ess!).toBeLessThan(SAMPLES);
  });

  it("leaves out the prediction's own resolution", () => {
    const before = byId(implied(project, {}), 'a');
    const a = byId(implied(project, { a: 'yes' }), 'a');
    expect(a.applied).toEqual([]);
    expect(a.implied).toBe(before.implied);
  });

  it('of d reads both other resolutions: a yes and b no give Beta(3, 4)', () => {
    const d = byId(implied(project, { a: 'yes', b: 'no' }), 'd');
    expect(d.applied).toEqual(['prediction_a', 'prediction_b']);
    expect(Math.abs(d.implied! - 3 / 7)).toBeLessThan(Z * d.mcse!);
    expect(Math.abs(d.implied! - 2 / 5)).toBeGreaterThan(10 * d.mcse!);
  });

  it('of a prediction on an independent latent is exactly its prior, unweighted', () => {
    const c = byId(implied(project, { a: 'yes', b: 'no' }), 'c');
    expect(c.applied).toEqual(['prediction_a', 'prediction_b']);
    expect(c.implied).toBe(byId(implied(project, {}), 'c').implied);
    expect(c.ess).toBeNull();
  });
});
