// `credence check`: one `path:line:col: message` line per problem and exit 1, or exit 0 on a
// clean folder; paths narrow the check to those files.

import { describe, it, expect, afterAll } from 'vitest';
import { join } from 'node:path';
import check from '../../src/cli/check.ts';
import { captureIO, cleanupTemp, tempProject } from '../engine/helpers.ts';

afterAll(cleanupTemp);

const CLEAN = {
  'a.yaml':
    'title: A\ninputs:\n  p:\n    basis: assumption\n    note: why\n    dist: beta(2, 3)\nnodes:\n  q: p * 2\noutput: q\nscenarios:\n  s: { p: 0.5 }\n',
  'b.yaml': 'title: B\nimports:\n  a: a\nnodes:\n  r: a.q + 1\noutput: r\n',
};

const BROKEN = {
  ...CLEAN,
  'c.yaml': 'title: C\ninputs:\n  x: beta(0, 1)\n  y: uniform(0, 1)\nnodes:\n  z: y + w\noutput: z\n',
  'd.yaml':
    'title: D\ninputs:\n  x: { basis: assumption, note: n, dist: 1 }\noutput: x\nscenarios:\n  bad: { x: "normal(0, -1)" }\n',
  'e.yaml': 'title: E\nimports:\n  c: c\nnodes:\n  z: 1\noutput: z\n',
  'f.yaml': 'title: F\ninputs:\n  x: 1\nnodes:\n  y: x = 2\noutput: y\n',
};

describe('credence check', async () => {
  it('a clean folder: exit 0, nothing on stdout, a count on stderr', async () => {
    const dir = tempProject(CLEAN);
    const io = captureIO(dir);
    expect(await check([], io)).toBe(0);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toEqual(['2 model files checked: no problems']);
  });

  it('problems: exit 1, one path:line:col: message line per problem', async () => {
    const dir = tempProject(BROKEN);
    const io = captureIO(dir);
    expect(await check([], io)).toBe(1);
    for (const line of io.stdout) expect(line).toMatch(/^\/.+\.yaml:\d+:\d+: \S.*$/);
    expect(io.stdout.map((l) => l.replace(`${dir}/`, ''))).toEqual([
      "c.yaml:6:10: unknown name 'w' in node 'z' (did you mean 'x'?)",
      'f.yaml:5:6: assignment (=) is not allowed in an expression; define a node instead',
      "e.yaml:3:6: imports 'c', which has errors (see its file)",
      'd.yaml:6:14: impossible normal(mean, sd): the standard deviation must be positive (got -1)',
    ]);
    expect(io.stderr).toEqual(['4 problems found']);
  });

  it('impossible constants show once the names are right', async () => {
    const dir = tempProject({
      'c.yaml': 'title: C\ninputs:\n  x:\n    basis: source\n    from: s\n    dist: beta(0, 1)\noutput: x\n',
    });
    const io = captureIO(dir);
    expect(await check([dir], io)).toBe(1);
    expect(io.stdout).toEqual([
      `${dir}/c.yaml:6:11: impossible beta(alpha, beta): both parameters must be positive (got 0 and 1)`,
    ]);
  });

  it('a file path checks only that file, with its folder for imports', async () => {
    const dir = tempProject(BROKEN);
    const io = captureIO('/nonexistent');
    expect(await check([join(dir, 'b.yaml')], io)).toBe(0);
    expect(io.stderr).toEqual(['1 model file checked: no problems']);
    const io2 = captureIO('/nonexistent');
    expect(await check([join(dir, 'd.yaml')], io2)).toBe(1);
    expect(io2.stdout).toEqual([
      `${dir}/d.yaml:6:14: impossible normal(mean, sd): the standard deviation must be positive (got -1)`,
    ]);
  });

  it('a path that does not exist, or an option: exit 2', async () => {
    const io = captureIO('/nonexistent');
    expect(await check(['/nonexistent/models'], io)).toBe(2);
    expect(io.stderr).toEqual(['/nonexistent/models: no such file or folder']);
    const io2 = captureIO('/nonexistent');
    expect(await check(['--strict'], io2)).toBe(2);
    expect(io2.stderr).toEqual(["unknown option '--strict'; see 'credence check --help'"]);
  });

  it('--json: the problems as [{file, line, col, code, message}], null where a part is missing', async () => {
    const dir = tempProject(BROKEN);
    const io = captureIO(dir);
    expect(await check(['--json'], io)).toBe(1);
    const problems = JSON.parse(io.stdout.join('\n')) as Record<string, unknown>[];
    expect(problems).toHaveLength(4);
    for (const p of problems) expect(Object.keys(p)).toEqual(['file', 'line', 'col', 'code', 'message']);
    expect(problems[0]).toEqual({
      file: `${dir}/c.yaml`,
      line: 6,
      col: 10,
      code: 'unknown-name',
      message: "unknown name 'w' in node 'z' (did you mean 'x'?)",
    });
    const clean = captureIO(tempProject(CLEAN));
    expect(await check(['--json'], clean)).toBe(0);
    expect(JSON.parse(clean.stdout.join('\n'))).toEqual([]);
  });
});
