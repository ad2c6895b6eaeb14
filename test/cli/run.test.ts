// `credence run`: the --json shape, the human table, and exit codes with one clear line for
// each bad argument. Commands are called as functions with a capturing IO; two checks spawn the
// real executable.

import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import run from '../../src/cli/run.ts';
import { captureIO, cleanupTemp, tempProject } from '../engine/helpers.ts';

afterAll(cleanupTemp);

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const FILES = {
  'base.yaml': 'title: Base\ninputs:\n  p: beta(2, 3)\nnodes:\n  q: p * 2\noutput: q\n',
  'top.yaml': [
    'title: Top model',
    'imports:',
    '  b: base',
    'inputs:',
    '  p_step: 0.98',
    '  x: uniform(0, 1)',
    'nodes:',
    '  chain: p_step ^ 1000',
    '  y: b.q + x',
    'output: y',
    'scenarios:',
    '  low: { x: 0.1 }',
    'evidence:',
    '  saw: { likelihood: x }',
    '  later: { likelihood: "1 - x", applied: false }',
    '',
  ].join('\n'),
  'broken.yaml': 'title: Broken\ninputs:\n  a: beta(0, 1)\nnodes:\n  y: a + zz\noutput: y\n',
  'cyc.yaml': 'title: cyc\nimports:\n  d: cyc2\nnodes:\n  y: d.y\noutput: y\n',
  'cyc2.yaml': 'title: cyc2\nimports:\n  c: cyc\nnodes:\n  y: 1\noutput: y\n',
  'sd.yaml': 'title: sd\ninputs:\n  s: uniform(-1, 1)\n  v: normal(0, s)\noutput: v\n',
};

const STATS = ['mean', 'sd', 'p5', 'p25', 'p50', 'p75', 'p95', 'mcse'];

async function cli(args: string[], files: Record<string, string> = FILES) {
  const dir = tempProject(files);
  const io = captureIO(dir);
  const code = await run(args, io);
  return { code, out: io.stdout, err: io.stderr, dir };
}

describe('credence run --json', () => {
  it('prints exactly the documented keys; inputs appear among the nodes, imported ones under dotted names', async () => {
    const { code, out, err } = await cli(['top', '--json', '--samples', '2000', '--evidence', 'none']);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const report = JSON.parse(out.join('\n'));
    expect(Object.keys(report)).toEqual([
      'model',
      'samples',
      'seed',
      'sampler',
      'scenario',
      'evidence',
      'output',
      'nodes',
      'posterior',
      'ess',
      'warnings',
    ]);
    expect(report).toMatchObject({
      model: 'top',
      samples: 2000,
      seed: 1,
      scenario: null,
      output: 'y',
      posterior: null,
      ess: null,
    });
    expect(Object.keys(report.nodes).sort()).toEqual(['b.p', 'b.q', 'chain', 'p_step', 'x', 'y']);
    for (const stats of Object.values(report.nodes)) {
      expect(Object.keys(stats as object)).toEqual(STATS);
      for (const v of Object.values(stats as object)) expect(typeof v).toBe('number');
    }
    expect(report.nodes.p_step).toEqual({
      mean: 0.98,
      sd: 0,
      p5: 0.98,
      p25: 0.98,
      p50: 0.98,
      p75: 0.98,
      p95: 0.98,
      mcse: 0,
    });
  });

  it('fills posterior (same keys, every node) and ess when evidence applies, by default', async () => {
    const { code, out } = await cli(['top', '--json', '--samples', '2000', '--seed', '7', '--scenario', 'low']);
    expect(code).toBe(0);
    const report = JSON.parse(out.join('\n'));
    expect(report.seed).toBe(7);
    expect(report.scenario).toBe('low');
    expect(Object.keys(report.posterior).sort()).toEqual(Object.keys(report.nodes).sort());
    for (const stats of Object.values(report.posterior)) expect(Object.keys(stats as object)).toEqual(STATS);
    // Under `low`, x = 0.1 everywhere: the likelihood is constant, so the ESS is all the samples.
    expect(report.ess).toBeCloseTo(2000, 6);
  });

  it('--evidence all applies entries marked applied: false; --evidence NAME only that one', async () => {
    const all = JSON.parse((await cli(['top', '--json', '--samples', '5000', '--evidence', 'all'])).out.join('\n'));
    const later = JSON.parse((await cli(['top', '--json', '--samples', '5000', '--evidence', 'later'])).out.join('\n'));
    // x ~ U(0, 1): weighting by x(1 − x) keeps the mean at 1/2, by 1 − x moves it to 1/3.
    const n = 5000;
    // Posterior sds: Beta(2, 2) √(1/20), Beta(1, 2) √(1/18); ESS ≥ n/2 for both weightings.
    expect(Math.abs(all.posterior.x.mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 20 / (n / 2)));
    expect(Math.abs(later.posterior.x.mean - 1 / 3)).toBeLessThan(5 * Math.sqrt(1 / 18 / (n / 2)));
  });

  it('a negative seed is a seed', async () => {
    const { code, out } = await cli(['top', '--json', '--samples', '10', '--seed', '-3']);
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n')).seed).toBe(-3);
  });
});

describe('credence run, human output', () => {
  it('prints a table in which small probabilities keep their digits', async () => {
    const { code, out } = await cli(['top', '--samples', '1000', '--evidence', 'none']);
    expect(code).toBe(0);
    expect(out[0]).toBe('Top model (top)');
    expect(out[1]).toBe('1,000 samples, seed 1, Monte Carlo');
    const chain = out.find((l) => l.startsWith('chain '))!;
    // 0.98^1000 = e^(1000·ln 0.98) = 1.68296…e-9.
    const want = Math.exp(1000 * Math.log(0.98))
      .toExponential(3)
      .replace('-', '\u2212');
    expect(want).toBe('1.683e\u22129');
    expect(chain.split(/\s+/).slice(1, 3)).toEqual([want, '0']);
    expect(out.find((l) => l.startsWith('y (output)'))).toBeDefined();
  });

  it('names the sampler and the evidence applied, with the effective sample size', async () => {
    const { out } = await cli(['top', '--samples', '1000', '--sampler', 'lhs']);
    expect(out[1]).toBe('1,000 samples, seed 1, Latin hypercube');
    expect(out[out.length - 1]).toMatch(/^evidence applied: saw; effective sample size [\d,]+ of 1,000$/);
    expect(out[3]).toMatch(/^node\s+mean\s+sd\s+p5\s+p50\s+p95\s+mcse\s+post mean\s+post p5\s+post p95$/);
  });

  it('warns on stderr, naming the node and counting the bad samples', async () => {
    const { code, err } = await cli(['sd', '--samples', '1000']);
    expect(code).toBe(0);
    expect(err).toHaveLength(2);
    expect(err[0]).toMatch(
      /^warning: v: normal\(mean, sd\): the standard deviation must be positive \(got [-\d.e]+\), in (\d+) of 1000 samples \(those samples are NaN\)$/,
    );
    const count = /in (\d+) of/.exec(err[0]!)![1];
    expect(err[1]).toBe(
      `warning: v: ${count} of 1000 samples are NaN or infinite; its statistics use the other ${1000 - Number(count)}`,
    );
  });
});

describe('credence run exit codes', () => {
  const usage = "see 'credence run --help'";
  const cases: [string, string[], string | RegExp][] = [
    ['negative samples', ['--samples', '-5'], 'samples must be from 1 to 100,000,000'],
    ['negative samples with =', ['--samples=-5'], 'samples must be from 1 to 100,000,000'],
    ['zero samples', ['--samples', '0'], 'samples must be from 1 to 100,000,000'],
    ['more than 100,000,000 samples', ['--samples', '100000001'], 'samples must be from 1 to 100,000,000'],
    [
      'zero threads',
      ['--threads', '0'],
      "--threads must be a whole number from 1 to 256 (got '0'); see 'credence run --help'",
    ],
    [
      'threads that are not a number',
      ['--threads', 'all'],
      "--threads must be a whole number from 1 to 256 (got 'all'); see 'credence run --help'",
    ],
    ['fractional samples', ['--samples', '100.5'], 'samples must be a whole number'],
    ['a seed that is not an integer', ['--seed', '1.5'], 'seed must be a whole number'],
    ['a seed that is not a number', ['--seed', 'abc'], 'seed must be a number'],
    ['an empty seed', ['--seed', ''], 'seed must be a number'],
    ['an unknown sampler', ['--sampler', 'halton'], "sampler must be 'mc', 'lhs' or 'sobol'"],
    [
      'an unknown scenario',
      ['--scenario', 'lw'],
      /^model 'top' has no scenario 'lw' \(did you mean 'low'\?\); it has 'low'$/,
    ],
    [
      'a scenario named like an object member',
      ['--scenario', 'constructor'],
      /^model 'top' has no scenario 'constructor'; it has 'low'$/,
    ],
    [
      'an unknown evidence name',
      ['--evidence', 'nope'],
      "model 'top' has no evidence named 'nope'; it has 'saw', 'later'",
    ],
    ['an unknown option', ['--smaples', '10'], `unknown option '--smaples'; ${usage}`],
    ['an option without its value', ['--samples'], `option '--samples <value>' argument missing; ${usage}`],
    ['a malformed --set', ['--set', 'x'], "--set 'x': write it as name=expression, e.g. --set p_step=0.99"],
  ];
  for (const [what, args, line] of cases) {
    it(`${what}: exit 2 with one line`, async () => {
      const { code, out, err } = await cli(['top', ...args]);
      expect(code).toBe(2);
      expect(out).toEqual([]);
      expect(err).toHaveLength(1);
      if (typeof line === 'string') expect(err[0]).toBe(line);
      else expect(err[0]).toMatch(line);
    });
  }

  it('no model, two models, or an unknown model: exit 2', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['top', 'base'])).code).toBe(2);
    const unknown = await cli(['nosuch']);
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toMatch(/^there is no model 'nosuch' in .*; known models: /);
  });

  it('a model with errors: exit 1 with its located errors', async () => {
    const { code, out, err, dir } = await cli(['broken']);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([`${dir}/broken.yaml:5:10: unknown name 'zz' in node 'y'`]);
  });

  it('a model that can only fail at compile time (an impossible constant): exit 1 with the error', async () => {
    const { code, err, dir } = await cli(['m'], { 'm.yaml': 'title: t\ninputs:\n  a: uniform(3, 2)\noutput: a\n' });
    expect(code).toBe(1);
    expect(err).toEqual([
      `${dir}/m.yaml:3:6: impossible uniform(low, high): the lower bound must be below the upper bound (got 3 and 2)`,
    ]);
  });

  it('a model in an import cycle: exit 1 with the cycle at its import', async () => {
    const { code, err, dir } = await cli(['cyc']);
    expect(code).toBe(1);
    expect(err).toEqual([`${dir}/cyc.yaml:3:6: imports 'cyc2', which cannot run: circular import: cyc → cyc2 → cyc`]);
  });

  it('a path to a model file runs it with its folder as the project', async () => {
    const dir = tempProject(FILES);
    const io = captureIO('/nonexistent');
    expect(await run([join(dir, 'top.yaml'), '--json', '--samples', '10'], io)).toBe(0);
    expect(JSON.parse(io.stdout.join('\n')).model).toBe('top');
  });
});

describe('the credence executable', () => {
  const credence = (args: string[], cwd: string) =>
    spawnSync(process.execPath, [join(REPO, 'bin', 'credence.js'), ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, CREDENCE_MODELS: join(cwd, 'models') },
    });

  // Each spawn loads the whole engine through tsx (seconds of start-up), so there are two, and
  // the second fails before any command module loads.
  it('prints the JSON report and exits 0', async () => {
    const dir = tempProject({});
    const models = join(dir, 'models');
    mkdirSync(models);
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(models, name), text);
    const ok = credence(['run', 'top', '--json', '--samples', '500'], dir);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(Object.keys(JSON.parse(ok.stdout))).toEqual([
      'model',
      'samples',
      'seed',
      'sampler',
      'scenario',
      'evidence',
      'output',
      'nodes',
      'posterior',
      'ess',
      'warnings',
    ]);
  });

  it('exits 2 with one line for an unknown command', async () => {
    const bad = credence(['rnu'], REPO);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(bad.stderr).toMatch(/^unknown command 'rnu'; the commands are check, run, .* \(see 'credence --help'\)\n$/);
  });
});
