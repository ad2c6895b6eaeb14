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

const CREDENCE_SAMPLES = 100_000;
const SQUIGGLE_SAMPLES = 5_000;

/** Mean and sd of a Squiggle program's final expression, sampled as a SampleSet. */
async function squiggleMoments(code: string, output: string): Promise<{ mean: number; sd: number }> {
  const program = `${code}\n__out = SampleSet.fromDist(${output})\n[mean(__out), stdev(__out)]`;
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
    // sd of x² under beta(2,2) is below 0.25, so 5 standard errors at 5,000 samples < 0.018.
    expect(Math.abs(mean - 0.3)).toBeLessThan(0.018);
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
