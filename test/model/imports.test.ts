// The documented example file as written, imports (values, dotted names, dotted overrides, nested
// and repeated imports), and cycles that only overrides create.

import { describe, it, expect, afterAll } from 'vitest';
import { loadProject } from '../../src/model/project.ts';
import { prepare } from '../../src/engine/run.ts';
import { runReport } from '../../src/analysis/report.ts';
import { parseOverride } from '../../src/model/overrides.ts';
import { formatError } from '../../src/model/errors.ts';
import { cleanupTemp, project, runIn, sampleMean, sampleVariance, se, tempProject, within } from '../engine/helpers.ts';

afterAll(cleanupTemp);

const K = 5;

/** The example from the model-format section of the engine's specification, verbatim. */
const EXAMPLE = `title: Iterative alignment chain
description: Each AI generation aligns a slightly more capable successor.
sources:
  - "002: 98% per-step survival, base case must be aligned"
inputs:
  p_step:
    label: P(alignment survives one generation)
    dist: beta(49, 1)
  n_steps:
    label: Generations between now and the target capability
    dist: uniform(5, 31)
  p_base: { dist: "beta(6, 4)" }
nodes:
  p_success: p_base * p_step ^ floor(n_steps)
output: p_success
scenarios:
  optimist: { p_step: 0.99, p_base: "beta(9, 1)" }
evidence:
  observed_failure: { likelihood: "1 - p_success", note: "a chain that failed" }
imports:
  chain: other-model-id      # then \`chain.p_success\` is usable in expressions
`;

const OTHER = `title: Another chain
inputs:
  p: beta(3, 7)
nodes:
  p_success: p ^ 2
output: p_success
`;

/** Averages over k = 5..30 (floor of uniform(5, 31) is uniform on those 26 integers). */
const avgK = (f: (k: number) => number) => {
  let s = 0;
  for (let k = 5; k <= 30; k++) s += f(k);
  return s / 26;
};

describe("the specification's example model", () => {
  const p = project({ 'example.yaml': EXAMPLE, 'other-model-id.yaml': OTHER });
  const model = p.models.get('example')!;

  it('loads as written, flow mappings included', () => {
    expect(model.title).toBe('Iterative alignment chain');
    expect(model.sources).toEqual(['002: 98% per-step survival, base case must be aligned']);
    expect(Object.keys(model.inputs)).toEqual(['p_step', 'n_steps', 'p_base']);
    expect(model.inputs.p_step!.label).toBe('P(alignment survives one generation)');
    expect(model.inputs.p_base!.text).toBe('beta(6, 4)');
    expect(model.nodes.p_success!.text).toBe('p_base * p_step ^ floor(n_steps)');
    expect(model.scenarios.optimist!.overrides.map((o) => [o.name, o.text])).toEqual([
      ['p_step', '0.99'],
      ['p_base', 'beta(9, 1)'],
    ]);
    expect(model.evidence.observed_failure!.text).toBe('1 - p_success');
    expect(model.evidence.observed_failure!.note).toBe('a chain that failed');
    expect(model.imports.chain!.modelId).toBe('other-model-id');
  });

  const n = 200_000;
  // E[p_step^k] = 49/(49 + k) for Beta(49, 1); E[p_base^j] = ∏(6 + i)/(10 + i).
  const m1 = 0.6 * avgK((k) => 49 / (49 + k));
  const m2 = ((6 * 7) / (10 * 11)) * avgK((k) => 49 / (49 + 2 * k));
  const m3 = ((6 * 7 * 8) / (10 * 11 * 12)) * avgK((k) => 49 / (49 + 3 * k));

  it('p_success has the closed-form prior mean and variance', () => {
    const r = runIn(p, 'example', { samples: n, seed: 1, evidence: 'none' });
    const v = m2 - m1 * m1;
    within(sampleMean(r.columns.p_success!), m1, K * se.mean(v, n), 'mean');
    // Var of a [0, 1] variable: μ4 ≤ v, so √((μ4 − v²)/n) ≤ √(v/n).
    within(sampleVariance(r.columns.p_success!), v, K * Math.sqrt(v / n), 'variance');
  });

  it('the evidence applies by default: posterior mean of p_success is E[X(1 − X)]/E[1 − X]', () => {
    const r = runIn(p, 'example', { samples: n, seed: 2 });
    const report = runReport(r);
    const postMean = (m1 - m2) / (1 - m1);
    const postVar = (m2 - m3) / (1 - m1) - postMean ** 2;
    within(report.posterior!.p_success!.mean, postMean, K * se.mean(postVar, report.ess!), 'posterior mean');
    expect(report.ess!).toBeGreaterThan(0.5 * n);
  });

  it('the optimist scenario replaces p_step by 0.99 and p_base by beta(9, 1)', () => {
    const r = runIn(p, 'example', { samples: n, seed: 3, evidence: 'none' }, { scenario: 'optimist' });
    expect(r.columns.p_step!.every((x) => x === 0.99)).toBe(true);
    const o1 = 0.9 * avgK((k) => 0.99 ** k);
    const o2 = ((9 * 10) / (10 * 11)) * avgK((k) => 0.99 ** (2 * k));
    within(sampleMean(r.columns.p_success!), o1, K * se.mean(o2 - o1 * o1, n), 'optimist mean');
  });

  it('the imported model is usable under its alias', () => {
    const r = runIn(p, 'example', { samples: 1000, seed: 1 });
    expect(Object.keys(r.columns)).toEqual(expect.arrayContaining(['chain.p', 'chain.p_success']));
    r.columns['chain.p_success']!.forEach((v, i) => expect(v).toBe(r.columns['chain.p']![i]! ** 2));
  });
});

describe('imports', () => {
  const BASE =
    'title: base\ninputs:\n  p: beta(2, 3)\n  k: uniform(0, 1)\nnodes:\n  q: p * k\noutput: q\nevidence:\n  obs: { likelihood: p, applied: false }\n';
  const TOP =
    'title: top\nimports:\n  b: base\ninputs:\n  t: 0.25\nnodes:\n  r: b.q + 1\noutput: r\nscenarios:\n  half: { b.p: 0.5 }\n  twice_t: { b.p: t * 2 }\n';
  const files = {
    'base.yaml': BASE,
    'top.yaml': TOP,
    'outer.yaml': 'title: outer\nimports:\n  tt: top\noutput: tt.b.q\n',
  };
  const n = 100_000;

  it("an imported node's values follow the standalone model's distribution", () => {
    const p = project(files);
    const top = runIn(p, 'top', { samples: n, seed: 4 });
    const alone = runIn(p, 'base', { samples: n, seed: 5 });
    // q = p·k with p ~ Beta(2, 3), k ~ U(0, 1): E q = 0.4·0.5, E q² = (2·3)/(5·6)·(1/3).
    const mean = 0.2;
    const v = (6 / 30) * (1 / 3) - mean * mean;
    within(sampleMean(top.columns['b.q']!), mean, K * se.mean(v, n), 'imported mean');
    within(sampleMean(alone.columns.q!), mean, K * se.mean(v, n), 'standalone mean');
    within(sampleMean(top.columns['b.q']!) - sampleMean(alone.columns.q!), 0, K * Math.sqrt((2 * v) / n), 'difference');
    within(sampleVariance(top.columns['b.q']!), v, K * Math.sqrt(v / n), 'imported variance');
    top.columns.r!.forEach((x, i) => {
      if (x !== top.columns['b.q']![i]! + 1) throw new Error(`r[${i}]`);
    });
  });

  it('imported quantities appear under dotted names, nested imports under doubly dotted ones', () => {
    const p = project(files);
    expect(Object.keys(runIn(p, 'top', { samples: 10, seed: 1 }).columns).sort()).toEqual([
      'b.k',
      'b.p',
      'b.q',
      'r',
      't',
    ]);
    const outer = runIn(p, 'outer', { samples: 10, seed: 1 });
    expect(Object.keys(outer.columns).sort()).toEqual(['tt.b.k', 'tt.b.p', 'tt.b.q', 'tt.r', 'tt.t']);
    expect(outer.output).toBe('tt.b.q');
  });

  it("an imported model's evidence comes along under its dotted name, off when it is off there", () => {
    const prepared = prepare(project(files), 'top');
    expect(prepared.ok && prepared.value.evidence.map((e) => [e.name, e.applied])).toEqual([['b.obs', false]]);
  });

  it("dotted overrides of imported inputs: scenario and --set, reading the importing model's names", () => {
    const p = project(files);
    const half = runIn(p, 'top', { samples: 1000, seed: 6 }, { scenario: 'half' });
    expect(half.columns['b.p']!.every((x) => x === 0.5)).toBe(true);
    half.columns['b.q']!.forEach((x, i) => expect(x).toBe(0.5 * half.columns['b.k']![i]!));
    const viaT = runIn(p, 'top', { samples: 1000, seed: 6 }, { scenario: 'twice_t' });
    expect(viaT.columns['b.p']!.every((x) => x === 0.5)).toBe(true);
    const set = parseOverride('b.p', 'beta(1, 1)', '--set b.p');
    if (!set.ok) throw new Error('override did not parse');
    const r = runIn(p, 'top', { samples: n, seed: 7 }, { overrides: [set.value] });
    within(sampleMean(r.columns['b.p']!), 0.5, K * se.mean(1 / 12, n), 'overridden input mean');
    // The other imported input keeps its stream.
    expect(r.columns['b.k']).toEqual(runIn(p, 'top', { samples: n, seed: 7 }).columns['b.k']);
  });

  it('the same model imported twice gives two independent copies', () => {
    const p = project({
      'base.yaml': BASE,
      'two.yaml': 'title: two\nimports:\n  x: base\n  y: base\nnodes:\n  d: x.p - y.p\noutput: d\n',
    });
    const r = runIn(p, 'two', { samples: n, seed: 8 });
    const v = (2 * 3) / (25 * 6);
    within(sampleVariance(r.columns.d!), 2 * v, K * Math.sqrt((2 * 2 * v) / n), 'Var(x.p − y.p) = 2·Var p');
  });

  it('an override that closes a cycle is reported as a circular definition', () => {
    const dir = tempProject({ 'm.yaml': 'title: m\ninputs:\n  a: 1\nnodes:\n  y: a + 1\noutput: y\n' });
    const set = parseOverride('a', 'y * 2', '--set a');
    if (!set.ok) throw new Error('override did not parse');
    const prepared = prepare(loadProject(dir), 'm', { overrides: [set.value] });
    expect(prepared.ok ? [] : prepared.errors.map((e) => formatError(e).replace(`${dir}/`, ''))).toEqual([
      'm.yaml:5:6: circular definition: a → y → a',
    ]);
  });

  it('a model in an import cycle, or importing a missing model, is not runnable and says why', () => {
    const dir = tempProject({
      'a.yaml': 'title: a\nimports:\n  b: b\nnodes:\n  y: b.y\noutput: y\n',
      'b.yaml': 'title: b\nimports:\n  a: a\nnodes:\n  y: 1\noutput: y\n',
      'c.yaml': 'title: c\ninputs:\n  x: 1\noutput: x\n',
    });
    const p = loadProject(dir);
    expect([...p.models.keys()]).toEqual(['c']);
    expect(p.errors.map((e) => formatError(e).replace(`${dir}/`, ''))).toEqual([
      'b.yaml:3:6: circular import: a → b → a',
      "a.yaml:3:6: imports 'b', which cannot run: circular import: a → b → a",
    ]);
  });
});
