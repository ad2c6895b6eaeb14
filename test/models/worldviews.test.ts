// The overall model's worldview scenarios reproduce their sources at the CLI's defaults and
// order as the sources say: critic > carlsmith-2023 > roger-2025. The default (no scenario)
// is a blend and must lie between the 2025 post and the critic.

import { describe, it, expect } from 'vitest';
import { project, run, stat, column, expectFigure, HEADLINE_TOLERANCE } from './helpers.ts';

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

  it('critic: the report read as scheming takes even odds to about 3 to 1 for the MIRI-like world', () => {
    // The report alone would give exactly 0.75; the clean scratchpads (and the worldview's link
    // to the arguments) move it by a few points, so 0.75 within 0.1.
    const r = run('p-scheming', 'critic');
    expectFigure(stat({ ...r, weights: null }, 'p_miri_world'), 0.5, 0);
    expectFigure(stat(r, 'p_miri_world'), 0.75, 0.1);
  });

  it('the worldview comes from the arguments: its P(scheming) is the same mechanism, far higher in MIRI-like worlds', () => {
    const r = run('p-scheming', 'critic');
    const w = column(r, 'p_miri_world');
    const p = column(r, 'p_scheming');
    let miri = 0;
    let nm = 0;
    let other = 0;
    let no = 0;
    for (let i = 0; i < w.length; i++) {
      if (w[i] === 1) {
        miri += p[i]!;
        nm++;
      } else {
        other += p[i]!;
        no++;
      }
    }
    expect(miri / nm).toBeGreaterThan(2 * (other / no));
  });

  it('orders critic > carlsmith-2023 > roger-2025, each gap far beyond Monte Carlo error', () => {
    const c = headline('critic');
    const j = headline('carlsmith-2023');
    const f = headline('roger-2025');
    expect(c.mean - j.mean).toBeGreaterThan(5 * (c.mcse + j.mcse));
    expect(j.mean - f.mean).toBeGreaterThan(5 * (j.mcse + f.mcse));
    // "Clearly higher": at least half as much again as Carlsmith's figure.
    expect(c.mean).toBeGreaterThan(1.5 * j.mean);
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
