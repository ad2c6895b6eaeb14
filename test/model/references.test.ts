// References inside one model file, checked as it loads: unknown names (with a suggestion),
// dotted names of models that are not imported, an alias used as a value, the output, scenarios
// overriding nodes or nothing, and cycles, each at the place that causes it.

import { describe, expect, it } from 'vitest';
import { loadModelText } from '../../src/model/load.ts';
import { formatError } from '../../src/model/errors.ts';

/** The load errors of a file as `code line:col message`. */
function errorsOf(text: string): string[] {
  const r = loadModelText(text, 'm.yaml', 'm');
  return r.ok ? [] : r.errors.map((e) => `${e.code} ${formatError(e)}`);
}

describe('names an expression reads', () => {
  it('must be quantities of the file, with the nearest name suggested', () => {
    expect(errorsOf('title: T\ninputs:\n  p_step: beta(2, 2)\nnodes:\n  y: p_stp * 2\noutput: y\n')).toEqual([
      "unknown-name m.yaml:5:6: unknown name 'p_stp' in node 'y' (did you mean 'p_step'?)",
    ]);
    expect(
      errorsOf('title: T\ninputs:\n  a: beta(2, 2)\noutput: a\nevidence:\n  e: { likelihood: "a * qq" }\n'),
    ).toEqual(["unknown-name m.yaml:6:25: unknown name 'qq' in evidence 'e'"]);
  });

  it('when dotted, must start with an imported model; an alias alone is not a value', () => {
    expect(errorsOf('title: T\ninputs:\n  a: beta(2, 2)\nnodes:\n  y: ch.x * a\noutput: y\n')).toEqual([
      "unknown-model m.yaml:5:6: 'ch' in 'ch.x' is not an imported model of node 'y'; add it under imports:",
    ]);
    expect(
      errorsOf('title: T\ninputs:\n  a: beta(2, 2)\nnodes:\n  y: ch * a\nimports:\n  ch: base\noutput: y\n'),
    ).toEqual([
      "unknown-name m.yaml:5:6: unknown name 'ch' in node 'y' ('ch' is an imported model: name one of its quantities, e.g. ch.<name>)",
    ]);
  });

  it('may be constants and dotted names of imports, whose quantities the project checks', () => {
    expect(
      errorsOf('title: T\ninputs:\n  a: beta(2, 2)\nnodes:\n  y: a * pi + ch.x\nimports:\n  ch: base\noutput: ch.y\n'),
    ).toEqual([]);
  });
});

describe('the output', () => {
  it('must be a quantity of the file or name an imported model', () => {
    expect(errorsOf('title: T\ninputs:\n  a: beta(2, 2)\noutput: aa\n')).toEqual([
      "unknown-name m.yaml:4:9: the output 'aa' is not an input or node of this model (did you mean 'a'?)",
    ]);
    expect(errorsOf('title: T\ninputs:\n  a: beta(2, 2)\noutput: zz.a\n')).toEqual([
      "unknown-model m.yaml:4:9: the output 'zz.a' names a model that is not imported",
    ]);
  });
});

describe('scenarios', () => {
  it('override inputs only, with expressions over the file’s names', () => {
    const text =
      'title: T\ninputs:\n  a: beta(2, 2)\nnodes:\n  y: a * 2\noutput: y\nscenarios:\n  s1: { y: 3, aa: 2, a: "q" }\n';
    expect(errorsOf(text).map((e) => e.replace(/ m\.yaml:\d+:\d+:/, ''))).toEqual([
      "not-an-input 'y' is a node; a scenario can only override inputs",
      "unknown-name scenario 's1' overrides 'aa', which is not an input of this model (did you mean 'a'?)",
      "unknown-name unknown name 'q' in scenario 's1' (did you mean 'a'?)",
    ]);
  });
});

describe('cycles', () => {
  it('are reported once each, with the path, at the reference that closes them', () => {
    expect(errorsOf('title: T\ninputs:\n  a: b + 1\n  b: c * 2\n  c: a\nnodes:\n  y: y + a\noutput: y\n')).toEqual([
      'cycle m.yaml:5:6: circular definition: a → b → c → a',
      'cycle m.yaml:7:6: circular definition: y → y',
    ]);
  });
});
