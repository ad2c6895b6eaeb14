// Errors as data: every error a model file or a request can produce carries a stable code from
// ERROR_CODES and a place only where it has one (a line and column only inside a file).

import { describe, it, expect, afterAll } from 'vitest';
import { checkFolder } from '../../src/model/check.ts';
import { checkPlans } from '../../src/engine/check.ts';
import { ERROR_CODES, error, formatError, type CredenceError } from '../../src/model/errors.ts';
import { buildGraph } from '../../src/model/graph.ts';
import { parseOverride, scenarioOverrides } from '../../src/model/overrides.ts';
import { loadProject } from '../../src/model/project.ts';
import { cleanupTemp, tempProject } from '../engine/helpers.ts';

afterAll(cleanupTemp);

function errorsOf(files: Record<string, string>): CredenceError[] {
  return checkFolder(tempProject(files), [checkPlans]).errors;
}

const codes = (text: string) => errorsOf({ 'm.yaml': text }).map((e) => e.code);

describe('formatError', () => {
  it('prints only the parts of the place an error has', () => {
    expect(formatError(error('cycle', 'circular', { file: 'm.yaml', line: 3, col: 5 }))).toBe('m.yaml:3:5: circular');
    expect(formatError(error('file-unreadable', 'cannot read', { file: 'm.yaml' }))).toBe('m.yaml: cannot read');
    expect(formatError(error('expression-syntax', 'bad', { file: '--set p', col: 7 }))).toBe('--set p:7: bad');
    expect(formatError(error('unknown-scenario', 'no scenario'))).toBe('no scenario');
  });

  it('sets no place fields that the place does not have', () => {
    expect(error('unknown-model', 'none')).toEqual({ code: 'unknown-model', message: 'none' });
    expect(Object.keys(error('bad-model-id', 'x', { file: 'f.yaml' })).sort()).toEqual(['code', 'file', 'message']);
  });
});

describe('each class of load error has its code', () => {
  it.each([
    ['YAML syntax', 'title: "t\ninputs:\n  a: 1\noutput: a\n', ['yaml-syntax']],
    ['a duplicate key', 'title: t\ninputs:\n  a: 1\n  a: 2\noutput: a\n', ['duplicate-name']],
    ['not a mapping', '- a\n- b\n', ['not-a-mapping']],
    ['an unknown field', 'title: t\ninpts:\n  a: 1\noutput: a\n', ['unknown-field']],
    ['a missing field', 'title: t\ninputs:\n  a: 1\n', ['missing-field']],
    ['a wrong type', 'title: t\nsources: one\ninputs:\n  a: 1\noutput: a\n', ['wrong-type']],
    ['an unreadable expression', 'title: t\ninputs:\n  a: 1 +\noutput: a\n', ['expression-syntax']],
    ['a function outside the allow-list', 'title: t\ninputs:\n  a: evaluate(1)\noutput: a\n', ['not-allowed']],
    ['wrong arity', 'title: t\ninputs:\n  a: pow(1)\noutput: a\n', ['wrong-arguments']],
    ['impossible parameters', 'title: t\ninputs:\n  a: beta(0, 1)\noutput: a\n', ['bad-parameter']],
    ['an unknown name', 'title: t\ninputs:\n  a: 1\nnodes:\n  y: b\noutput: y\n', ['unknown-name']],
    ['a reserved name', 'title: t\ninputs:\n  max: 1\n  a: 1\noutput: a\n', ['bad-name']],
    ['an input and a node of one name', 'title: t\ninputs:\n  a: 1\nnodes:\n  a: 2\noutput: a\n', ['duplicate-name']],
    ['a cycle', 'title: t\nnodes:\n  a: b\n  b: a\noutput: a\n', ['cycle']],
    [
      'a scenario overriding a node',
      'title: t\ninputs:\n  x: 1\nnodes:\n  y: x\noutput: y\nscenarios:\n  s: { y: 2 }\n',
      ['not-an-input'],
    ],
    ['a dotted name without an import', 'title: t\ninputs:\n  a: 1\nnodes:\n  y: a.b\noutput: y\n', ['unknown-model']],
  ])('%s', (_, text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it('imports: missing, broken and circular', () => {
    const errors = errorsOf({
      'a.yaml': 'title: a\nimports:\n  b: b\nnodes:\n  y: b.y\noutput: y\n',
      'b.yaml': 'title: b\nimports:\n  a: a\nnodes:\n  y: 1\noutput: y\n',
      'c.yaml': 'title: c\nimports:\n  z: nothere\nnodes:\n  y: 1\noutput: y\n',
    });
    expect(errors.map((e) => e.code).sort()).toEqual(['import-broken', 'import-cycle', 'import-missing']);
  });

  it('a file name that is not a model id names the file and no line', () => {
    const [e] = errorsOf({ 'bad name.yaml': 'title: t\ninputs:\n  a: 1\noutput: a\n' });
    expect(e).toMatchObject({ code: 'bad-model-id' });
    expect(e!.file).toMatch(/bad name\.yaml$/);
    expect(e!.line).toBeUndefined();
  });
});

describe('errors of a request have no invented place', () => {
  const dir = tempProject({
    'm.yaml': 'title: t\ninputs:\n  x: 1\nnodes:\n  y: x\noutput: y\nscenarios:\n  low: { x: 0 }\n',
  });
  const project = loadProject(dir);

  it('an unknown model and an unknown scenario have a code and no place', () => {
    const g = buildGraph(project, 'nothere');
    expect(g.ok ? [] : g.errors).toEqual([{ code: 'unknown-model', message: "there is no model 'nothere'" }]);
    const s = scenarioOverrides(project.models.get('m')!, 'hi');
    expect(s.ok ? [] : s.errors.map((e) => [e.code, e.file, e.line])).toEqual([
      ['unknown-scenario', undefined, undefined],
    ]);
  });

  it('an override typed on the command line is located by column in what was typed', () => {
    const r = parseOverride('x', 'beta(2,', '--set x');
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.file, e.line, e.col])).toEqual([
      ['expression-syntax', '--set x', undefined, 10],
    ]);
    const o = parseOverride('y', '1', '--set y');
    const g = buildGraph(project, 'm', o.ok ? [o.value] : []);
    expect(g.ok ? [] : g.errors.map((e) => [e.code, formatError(e)])).toEqual([
      ['not-an-input', "--set y:1: 'y' is a node, not an input; only inputs can be overridden"],
    ]);
  });
});

describe('the codes', () => {
  it('are distinct kebab-case words', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const c of ERROR_CODES) expect(c).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
  });
});
