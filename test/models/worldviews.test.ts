// The overall model's worldview scenarios reproduce their sources at the CLI's defaults and
// order as the sources say: critic > carlsmith-2023 > roger-2025. The default (no scenario)
// is a blend and must lie between the 2025 post and the critic.

import { describe, it, expect } from 'vitest';
import { project, run, stat, expectFigure, HEADLINE_TOLERANCE } from './helpers.ts';

const headline = (scenario: string | null) => stat(run('p-scheming', scenario), 'p_scheming');

describe('p-scheming worldviews', () => {
  it('every worldview scenario carries a label, a note and sources', () => {
    const model = project().models.get('p-scheming')!;
    expect(model.output).toBe('p_scheming');
    for (const name of ['carlsmith-2023', 'roger-2025', 'critic']) {
      const s = model.scenarios[name];
      expect(s, name).toBeDefined();
      expect(s!.label?.trim(), name).toBeTruthy();
      expect(s!.note?.trim(), name).toBeTruthy();
      expect(s!.sources.length, name).toBeGreaterThan(0);
    }
  });

  it('carlsmith-2023 reproduces ~25%', () => {
    expectFigure(headline('carlsmith-2023'), 0.25, HEADLINE_TOLERANCE);
  });

  it('roger-2025 reproduces ~15%', () => {
    expectFigure(headline('roger-2025'), 0.15, HEADLINE_TOLERANCE);
  });

  it('critic: a 3-to-1 update from even odds toward a near-certain worldview', () => {
    // P(MIRI-like | report) = 0.75; E[P(scheming | MIRI-like)] = mean of pert(0.5, 0.85, 0.98);
    // the Carlsmith-like branch is Carlsmith's ~25%.
    const miri = (0.5 + 4 * 0.85 + 0.98) / 6;
    expectFigure(headline('critic'), 0.75 * miri + 0.25 * 0.25, HEADLINE_TOLERANCE);
  });

  it('orders critic > carlsmith-2023 > roger-2025, each gap far beyond Monte Carlo error', () => {
    const c = headline('critic');
    const j = headline('carlsmith-2023');
    const f = headline('roger-2025');
    expect(c.mean - j.mean).toBeGreaterThan(5 * (c.mcse + j.mcse));
    expect(j.mean - f.mean).toBeGreaterThan(5 * (j.mcse + f.mcse));
    // "Clearly higher": more than twice Carlsmith's figure.
    expect(c.mean).toBeGreaterThan(2 * 0.25);
  });

  it('the default blend lies between the 2025 post and the critic', () => {
    const d = headline(null);
    expect(d.mean).toBeGreaterThan(headline('roger-2025').mean);
    expect(d.mean).toBeLessThan(headline('critic').mean);
  });

  it('a higher P(scheming) makes the iterative-alignment plan less likely to succeed', () => {
    const critic = stat(run('p-scheming', 'critic'), 'p_iterative_success');
    const roger = stat(run('p-scheming', 'roger-2025'), 'p_iterative_success');
    expect(critic.mean).toBeLessThan(roger.mean);
  });
});
