// `credence sensitivity`, `crux` and `voi`: the JSON shapes the web API shares (their keys are
// part of the contract), readable tables, and usage errors with exit code 2.

import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/main/credence.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { writeChainProject } from '../support/chain-project.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function setup(): { io: CliIO & { stdout: string[]; stderr: string[] }; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'credence-analysis-cli-'));
  dirs.push(dir);
  writeChainProject(dir);
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    dir,
    io: {
      out: (s) => stdout.push(s),
      err: (s) => stderr.push(s),
      modelsDir: dir,
      dbPath: join(dir, 'none.db'),
      stdout,
      stderr,
    },
  };
}

const json = (io: { stdout: string[] }) => JSON.parse(io.stdout.join('\n'));

const META_KEYS = [
  'model',
  'scenario',
  'overrides',
  'output',
  'outputLabel',
  'outputScale',
  'samples',
  'seed',
  'sampler',
  'evidence',
  'units',
];

describe('credence sensitivity', () => {
  it('tornado --json: the documented shape', async () => {
    const { io } = setup();
    expect(
      await main(['sensitivity', 'chain', '--method', 'tornado', '--samples', '5000', '--seed', '3', '--json'], io),
    ).toBe(0);
    const r = json(io);
    expect(Object.keys(r).sort()).toEqual(
      ['analysis', ...META_KEYS, 'baseline', 'percentiles', 'rows', 'excluded', 'warnings'].sort(),
    );
    expect(r).toMatchObject({
      analysis: 'tornado',
      model: 'chain',
      samples: 5000,
      seed: 3,
      output: 'p_success',
      outputScale: 'probability',
      percentiles: [0.1, 0.9],
    });
    expect(Object.keys(r.rows[0]).sort()).toEqual(['input', 'label', 'low', 'high', 'swing', 'swingMcse'].sort());
    expect(Object.keys(r.rows[0].low).sort()).toEqual(['percentile', 'value', 'mean', 'mcse'].sort());
    expect(r.rows.map((x: { input: string }) => x.input)).toEqual(['p_step', 'n']);
    expect(r.excluded).toEqual([{ input: 'extra', reason: 'unused' }]);
  });

  it('sobol --json: first, total, firstCI and totalCI per input', async () => {
    const { io } = setup();
    expect(
      await main(
        ['sensitivity', 'chain', '--method', 'sobol', '--samples', '2048', '--bootstrap', '100', '--json'],
        io,
      ),
    ).toBe(0);
    const r = json(io);
    expect(r).toMatchObject({
      analysis: 'sobol',
      baseRows: 2048,
      evaluations: 2048 * 4,
      bootstrap: 100,
      confidence: 0.95,
      seeds: { A: 1, B: 2 },
    });
    for (const row of r.rows) {
      expect(Object.keys(row).sort()).toEqual(
        ['input', 'label', 'first', 'total', 'firstCI', 'totalCI', 'firstMcse', 'totalMcse'].sort(),
      );
      expect(row.firstCI.length).toBe(2);
      expect(row.totalCI.length).toBe(2);
    }
  });

  it('prints readable tables for every method, in percent or bits', async () => {
    for (const [method, extra] of [
      ['tornado', []],
      ['sweep', []],
      ['grid', ['--inputs', 'p_step,n']],
      ['importance', []],
      ['sobol', ['--bootstrap', '50']],
      ['threshold', ['--threshold', '0.5']],
    ] as const) {
      const { io } = setup();
      expect(await main(['sensitivity', 'chain', '--method', method, '--samples', '2000', ...extra], io)).toBe(0);
      expect(io.stdout[0]).toBe('Chain (chain)');
      expect(io.stdout.join('\n')).toMatch(/p_step/);
    }
    const { io } = setup();
    expect(
      await main(['sensitivity', 'chain', '--samples', '2000', '--display', 'bits', '--scenario', 'long'], io),
    ).toBe(0);
    expect(io.stdout[0]).toBe('Chain (chain), scenario long');
    expect(io.stdout.join('\n')).toMatch(/bits/);
  });

  it('usage errors exit 2 with one sentence', async () => {
    const cases: string[][] = [
      ['sensitivity', 'chain', '--method', 'spiral'],
      ['sensitivity', 'chain', '--method', 'threshold'],
      ['sensitivity', 'chain', '--method', 'grid', '--inputs', 'p_step'],
      ['sensitivity', 'chain', '--inputs', 'nope'],
      ['sensitivity', 'chain', '--scenario', 'nope'],
      ['sensitivity', 'chain', '--display', 'odds'],
      ['sensitivity'],
    ];
    for (const args of cases) {
      const { io } = setup();
      expect(await main(args, io)).toBe(2);
      expect(io.stderr.length).toBeGreaterThan(0);
      expect(io.stdout).toEqual([]);
    }
  });
});

describe('credence crux', () => {
  it('--json: the documented shape, parts summing to the difference', async () => {
    const { io } = setup();
    expect(
      await main(['crux', 'chain', '--from', 'pessimist', '--to', 'long', '--samples', '5000', '--json'], io),
    ).toBe(0);
    const r = json(io);
    expect(Object.keys(r).sort()).toEqual(
      [
        'analysis',
        'model',
        'output',
        'outputLabel',
        'outputScale',
        'samples',
        'seed',
        'sampler',
        'evidence',
        'from',
        'to',
        'difference',
        'differenceMcse',
        'method',
        'permutations',
        'coalitions',
        'parts',
        'unchanged',
        'noEffect',
        'warnings',
      ].sort(),
    );
    expect(Object.keys(r.parts[0]).sort()).toEqual(['input', 'label', 'from', 'to', 'shapley', 'mcse', 'share'].sort());
    expect(r.from).toMatchObject({ scenario: 'pessimist', overrides: { p_step: 'beta(10, 1)' } });
    expect(r.parts.reduce((s: number, p: { shapley: number }) => s + p.shapley, 0)).toBeCloseTo(r.difference, 12);
  });

  it('a table, with --set on top of --from', async () => {
    const { io } = setup();
    expect(await main(['crux', 'chain', '--from', 'default', '--set', 'p_step=0.99', '--samples', '3000'], io)).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/from default: /);
    expect(out).toMatch(/to default with --set: /);
    expect(out).toMatch(/the parts sum to/);
  });

  it('usage errors exit 2', async () => {
    for (const args of [
      ['crux'],
      ['crux', 'chain', '--from', 'nope', '--to', 'long'],
      ['crux', 'chain', '--to', 'nope'],
      ['crux', 'chain', '--permutations', '1'],
      ['crux', 'chain', '--scenario', 'long'],
      ['crux', 'chain', '--set', 'p_step'],
    ]) {
      const { io } = setup();
      expect(await main(args, io)).toBe(2);
    }
  });
});

describe('credence voi', () => {
  it('--json: every prediction open without a database', async () => {
    const { io } = setup();
    expect(await main(['voi', '--samples', '5000', '--json'], io)).toBe(0);
    expect(io.stderr.join('\n')).toMatch(/every prediction is taken as open/);
    const r = json(io);
    expect(Object.keys(r).sort()).toEqual(
      ['analysis', 'mode', 'samples', 'seed', 'rows', 'models', 'skipped', 'warnings'].sort(),
    );
    expect(r.mode).toBe('linked');
    expect(Object.keys(r.rows[0]).sort()).toEqual(
      [
        'id',
        'statement',
        'linkedModel',
        'model',
        'output',
        'outputScale',
        'paths',
        'pYes',
        'pYesMcse',
        'mean',
        'meanIfYes',
        'meanIfNo',
        'meanIfYesMcse',
        'meanIfNoMcse',
        'expectedShift',
        'shiftMcse',
        'expectedShiftBits',
        'largestShift',
      ].sort(),
    );
    expect(r.rows[0].id).toBe('step-test');
  });

  it('a ranked table; --model must name a model', async () => {
    const { io } = setup();
    expect(await main(['voi', '--samples', '3000', '--model', 'chain'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/step-test/);
    const bad = setup();
    expect(await main(['voi', '--model', 'nope'], bad.io)).toBe(2);
  });
});
