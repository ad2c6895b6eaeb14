// `credence export`: Squiggle code on standard output or into a file, exit 2 for a wrong
// command line (format, scenario, model), exit 1 with located errors for what cannot be exported.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import exportCommand from '../../src/cli/export.ts';
import type { CliIO } from '../../src/cli/io.ts';

function io(modelsDir = resolve('models')): CliIO & { outs: string[]; errs: string[] } {
  const outs: string[] = [];
  const errs: string[] = [];
  return { outs, errs, out: (s) => outs.push(s), err: (s) => errs.push(s), modelsDir, dbPath: '/nonexistent/db' };
}

describe('credence export', () => {
  it('prints Squiggle code ending with the output, or writes it to --out', async () => {
    const a = io();
    expect(await exportCommand(['iterative-chain', '--to', 'squiggle'], a)).toBe(0);
    const code = a.outs.join('\n');
    expect(code).toMatch(/^\/\/ .*exported from Credence/);
    expect(code).toContain('p_success = SampleSet.mapN([p_base, p_chain], {|xs| (xs[0] * xs[1])})');
    expect(code.trimEnd().split('\n').at(-1)).toBe('// output: p_success');
    const out = join(mkdtempSync(join(tmpdir(), 'credence-export-')), 'chain.squiggle');
    expect(
      await exportCommand(['iterative-chain', '--to', 'squiggle', '--scenario', 'critic', '--out', out], io()),
    ).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('// output: p_success');
  });

  it.each([
    [['iterative-chain'], /^--to must be one of squiggle; usage/],
    [['iterative-chain', '--to', 'excel'], /^--to must be one of squiggle, not 'excel'/],
    [['iterative-chain', '--to', 'squiggle', '--scenario', 'nope'], /has no scenario 'nope'/],
    [['no-such-model', '--to', 'squiggle'], /there is no model 'no-such-model'/],
  ])('%j is a wrong command line (exit 2, one line)', async (args, message) => {
    const x = io();
    expect(await exportCommand(args, x)).toBe(2);
    expect(x.errs).toHaveLength(1);
    expect(x.errs[0]).toMatch(message);
  });

  it('refuses a model Squiggle cannot express with a located error (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-export-'));
    writeFileSync(
      join(dir, 'trig.yaml'),
      'title: Trig\ninputs:\n  a: uniform(0, 1)\nnodes:\n  b: 1 + sin(a)\noutput: b\n',
    );
    const x = io(dir);
    expect(await exportCommand(['trig', '--to', 'squiggle'], x)).toBe(1);
    expect(x.errs).toHaveLength(1);
    expect(x.errs[0]).toMatch(/trig\.yaml:5:10: b: sin\(\) has no Squiggle equivalent; the model cannot be exported$/);
  });
});
