// Exporting models to Squiggle: the code runs in @quri/squiggle-lang and gives the same output
// mean (the prior) as Credence within Monte Carlo error, for every shipped model and the
// benchmark's reference models; quantities that share a draw stay correlated; what Squiggle
// cannot express is refused at its place in the file.

import { describe, expect, it } from 'vitest';
import { readdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run as squiggle } from '@quri/squiggle-lang';
import { loadProject, type Project } from '../../../src/model/project.ts';
import { exportSquiggle } from '../../../src/model/interop/squiggle-export.ts';
import { prepare } from '../../../src/engine/run.ts';
import { summarize } from '../../../src/stats/summary.ts';

// Squiggle costs ~20 times more per sample than Credence, so the cheapest pair of sample sizes
// for a given standard error of the difference has about 5 times more Credence samples
// (n_C/n_S = sqrt(cost_S/cost_C)). 1/30,000 + 1/6,000 = 2.0e-4 is below 1/100,000 + 1/5,000 =
// 2.1e-4: these detect a smaller difference of means than 100,000 and 5,000 did, in less time.
const CREDENCE_SAMPLES = 30_000;
const SQUIGGLE_SAMPLES = 6_000;

/** Mean and sd of a Squiggle program's final expression, sampled as a SampleSet. */
async function squiggleMoments(code: string, output: string): Promise<{ mean: number; sd: number }> {
  // The export ends with the model's output, bare, as the program's result: the moments take its place.
  const lines = code.trimEnd().split('\n');
  expect(lines.at(-1)).toMatch(/^\w+$/);
  const program = `${lines.slice(0, -1).join('\n')}\n__out = SampleSet.fromDist(${output})\n[mean(__out), stdev(__out)]`;
  const r = await squiggle(program, {
    environment: { sampleCount: SQUIGGLE_SAMPLES, xyPointLength: 1000, seed: 'credence' },
  });
  if (!r.result.ok) throw new Error(`Squiggle refused the export: ${r.result.value.toString()}\n${code}`);
  const [mean, sd] = JSON.parse(r.result.value.result.toString()) as [number, number];
  return { mean, sd };
}

function credenceMoments(project: Project, id: string): { mean: number; sd: number } {
  const prepared = prepare(project, id, {});
  if (!prepared.ok) throw new Error(prepared.errors.map((e) => e.message).join('; '));
  const result = prepared.value.run({ samples: CREDENCE_SAMPLES, seed: 7 });
  const s = summarize(result.columns[prepared.value.graph.output]!);
  return { mean: s.mean, sd: s.sd };
}

/** |difference of means| within five standard errors of the difference (both sample sizes). */
async function expectSameMean(project: Project, id: string): Promise<void> {
  const exported = exportSquiggle(project, id);
  if (!exported.ok) throw new Error(exported.errors.map((e) => e.message).join('; '));
  const ours = credenceMoments(project, id);
  const theirs = await squiggleMoments(exported.value.code, exported.value.output);
  const se = Math.sqrt(ours.sd ** 2 / CREDENCE_SAMPLES + Math.max(ours.sd, theirs.sd) ** 2 / SQUIGGLE_SAMPLES);
  expect(
    Math.abs(ours.mean - theirs.mean),
    `${id}: Credence ${ours.mean}, Squiggle ${theirs.mean}`,
  ).toBeLessThanOrEqual(5 * se + 1e-9 * Math.max(1, Math.abs(ours.mean)));
}

const modelIds = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== 'predictions.yaml')
    .map((f) => f.replace(/\.yaml$/, ''));

describe('export to Squiggle', () => {
  const shipped = loadProject(resolve('models'));
  it.each(modelIds(resolve('models')))('shipped model %s: same output mean in Squiggle', async (id) => {
    await expectSameMean(shipped, id);
  });

  const bench = loadProject(resolve('bench', 'models'));
  it.each(modelIds(resolve('bench', 'models')))('reference model %s: same output mean in Squiggle', async (id) => {
    await expectSameMean(bench, id);
  });

  function project(files: Record<string, string>): Project {
    const dir = mkdtempSync(join(tmpdir(), 'credence-squiggle-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return loadProject(dir);
  }

  it('keeps a shared draw correlated: x * x has mean E[x²], not E[x]²', async () => {
    // beta(2, 2): E[x] = 1/2, E[x²] = Var + E² = 1/20 + 1/4 = 0.3.
    const p = project({ 'sq.yaml': 'title: Square\ninputs:\n  x: beta(2, 2)\nnodes:\n  y: x * x\noutput: y\n' });
    const e = exportSquiggle(p, 'sq');
    if (!e.ok) throw new Error(e.errors[0]!.message);
    const { mean } = await squiggleMoments(e.value.code, e.value.output);
    // sd of x² under beta(2,2) is below 0.25: five standard errors are 5 · 0.25 / √n.
    expect(Math.abs(mean - 0.3)).toBeLessThan((5 * 0.25) / Math.sqrt(SQUIGGLE_SAMPLES));
  });

  it('draws distributions with random parameters as Credence does (moved standard draws, u < p)', async () => {
    // m ~ uniform(0, 1), s = 0.5: E[lognormal(m, s)] = E[e^m]·e^(s²/2) = (e − 1)·e^0.125;
    // E[y²] = E[e^2m]·e^(2s²) = (e² − 1)/2·e^0.5. normal(m, 0.1) has mean 1/2, variance 1/12 + 0.01.
    // bernoulli(m)·m has mean E[m²] = 1/3 only if the draw is tied to the same m.
    const p = project({
      'rp.yaml':
        'title: Random parameters\ninputs:\n  m: uniform(0, 1)\nnodes:\n  ln: lognormal(m, 0.5)\n  n: normal(m, 0.1)\n' +
        '  b: bernoulli(m) * m\n  u: uniform(m, m + 2)\n  out: ln\noutput: out\n',
    });
    const e = exportSquiggle(p, 'rp');
    if (!e.ok) throw new Error(e.errors[0]!.message);
    const mean = (Math.E - 1) * Math.exp(0.125);
    const sd = Math.sqrt(((Math.E ** 2 - 1) / 2) * Math.exp(0.5) - mean ** 2);
    const within = (got: number, want: number, sdOf: number) =>
      expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThan((5 * sdOf) / Math.sqrt(SQUIGGLE_SAMPLES));
    within((await squiggleMoments(e.value.code, 'ln')).mean, mean, sd);
    const n = await squiggleMoments(e.value.code, 'n');
    within(n.mean, 0.5, Math.sqrt(1 / 12 + 0.01));
    // A sample sd is within 5·sd/√(2n) of sd (its normal-theory standard error is sd/√(2n)).
    const sdN = Math.sqrt(1 / 12 + 0.01);
    expect(Math.abs(n.sd - sdN)).toBeLessThan((5 * sdN) / Math.sqrt(2 * SQUIGGLE_SAMPLES));
    within((await squiggleMoments(e.value.code, 'b')).mean, 1 / 3, 0.5);
    // uniform(m, m + 2) = m + 2·U: mean 1/2 + 1, variance 1/12 + 4/12.
    within((await squiggleMoments(e.value.code, 'u')).mean, 1.5, Math.sqrt(5 / 12));
  });

  it('refuses what Squiggle cannot express, at its place in the file', () => {
    const p = project({
      'trig.yaml': 'title: Trig\ninputs:\n  a: uniform(0, 1)\nnodes:\n  b: 1 + sin(a)\noutput: b\n',
    });
    const e = exportSquiggle(p, 'trig');
    expect(e.ok).toBe(false);
    if (e.ok) return;
    expect(e.errors[0]).toMatchObject({ code: 'unsupported', line: 5, col: 10 });
    expect(e.errors[0]!.message).toBe('b: sin() has no Squiggle equivalent; the model cannot be exported');
  });
});
