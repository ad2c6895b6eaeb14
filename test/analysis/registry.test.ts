// The registry of analyses: every analysis parses its request with its defaults, refuses what
// it does not take with one sentence, and gives the same numbers whichever entry computes them.

import { afterAll, describe, expect, it } from 'vitest';
import {
  ANALYSIS_NAMES,
  NOTHING_OUTSIDE,
  SAMPLES,
  parseRequest,
  runAnalysis,
  type AnalysisName,
  type RequestOf,
  type ResultOf,
} from '../../src/analysis/registry/index.ts';
import { CLI_LIMITS } from '../../src/analysis/request.ts';
import { cleanup, ok, projectOf } from './helpers.ts';

afterAll(cleanup);

const project = projectOf({
  'm.yaml': `title: M
inputs:
  a: beta(2, 5)
  b: normal(1, 0.5)
nodes:
  y: a * b
output: y
scenarios:
  high:
    a: beta(5, 2)
evidence:
  seen:
    likelihood: a
`,
});

function request<N extends AnalysisName>(name: N, raw: Record<string, unknown>): RequestOf<N> {
  const r = parseRequest(name, raw, CLI_LIMITS);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const run = <N extends AnalysisName>(name: N, raw: Record<string, unknown>): ResultOf<N> =>
  ok(runAnalysis(project, { analysis: name, request: request(name, raw), outside: NOTHING_OUTSIDE }));

describe('requests', () => {
  it('fill every default: the samples of each analysis from the one table', () => {
    for (const name of ANALYSIS_NAMES) {
      const raw = name === 'threshold' ? { model: 'm', threshold: 0.1 } : { model: 'm' };
      const r = request(name, name === 'implied' ? {} : raw);
      expect(r.seed).toBe(1);
      expect('samples' in r ? r.samples : undefined).toBe(SAMPLES[name].default ?? undefined);
    }
  });

  it('refuse a parameter an analysis does not take, naming it and what it takes', () => {
    const r = parseRequest('tornado', { model: 'm', points: '9' }, CLI_LIMITS);
    expect(r).toEqual({
      ok: false,
      message: expect.stringMatching(/^points: unknown parameter; tornado takes samples,/),
    });
  });

  it("name the parameter of a mistake, with the surface's own sample cap", () => {
    expect(parseRequest('run', { model: 'm', samples: '2000000' }, { maxSamples: 1_000_000 })).toEqual({
      ok: false,
      message: 'samples must be from 1 to 1,000,000',
    });
    expect(parseRequest('threshold', { model: 'm' }, CLI_LIMITS)).toEqual({
      ok: false,
      message: 'threshold: the threshold analysis needs a threshold, e.g. 0.1',
    });
    expect(parseRequest('grid', { model: 'm', points: 9 }, CLI_LIMITS)).toEqual({
      ok: false,
      message: 'points must be from 21 to 201',
    });
  });
});

describe('entries', () => {
  it("give a page's report the numbers of the full report", () => {
    const full = run('run', { model: 'm', samples: 4000, seed: 3 });
    const page = run('summary', { model: 'm', samples: 4000, seed: 3 });
    expect(page.report.nodes.y).toEqual(full.nodes.y);
    expect(page.report.posterior?.y).toEqual(full.posterior?.y);
    expect(page.distribution.prior.stats).toEqual(full.nodes.y);
    const dist = run('distribution', { model: 'm', samples: 4000, seed: 3, node: 'a' });
    expect(dist.prior.stats).toEqual(full.nodes.a);
  });

  it('draw each worldview as a run of its scenario', () => {
    const w = run('worldviews', { model: 'm', samples: 2000, evidence: 'none' });
    expect(w.series.map((s) => s.label)).toEqual(['The model as written', 'high']);
    const high = run('run', { model: 'm', samples: 2000, evidence: 'none', scenario: 'high' });
    expect(w.series[1]!.dist.prior.stats.mean).toBe(high.nodes.y!.mean);
  });

  it('compare by default the model as written with its first scenario', () => {
    const c = run('crux', { model: 'm', samples: 2000 });
    expect([c.from.label, c.to.label]).toEqual(['The model as written', 'high']);
    expect(c.parts.map((p) => p.input)).toEqual(['a']);
    expect(c.parts[0]!.shapley).toBeCloseTo(c.difference, 12);
  });

  it('answer a quantity the model does not have with an error that has a code', () => {
    const r = runAnalysis(project, {
      analysis: 'distribution',
      request: request('distribution', { model: 'm', node: 'nope' }),
      outside: NOTHING_OUTSIDE,
    });
    expect(r.ok ? null : r.errors.map((e) => e.code)).toEqual(['unknown-name']);
  });
});
