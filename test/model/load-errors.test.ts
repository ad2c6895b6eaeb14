// Every class of load error, with its message and its exact file:line:col: YAML syntax, the
// file's shape, names, cycles, imports, scenarios, and impossible constant parameters.

import { describe, it, expect, afterAll } from 'vitest';
import { checkFolder } from '../../src/model/check.ts';
import { checkPlans } from '../../src/engine/check.ts';
import { formatError } from '../../src/model/errors.ts';
import { cleanupTemp, tempProject } from '../engine/helpers.ts';

afterAll(cleanupTemp);

/** Every problem `credence check` finds in a folder, as `file:line:col: message` relative to it. */
function problems(files: Record<string, string>): string[] {
  const dir = tempProject(files);
  return checkFolder(dir, [checkPlans]).errors.map((e) => formatError(e).replace(`${dir}/`, ''));
}

const one = (text: string) => problems({ 'm.yaml': text });

describe('YAML syntax errors', () => {
  it('an unclosed quote', () => {
    expect(one('title: "t\ninputs:\n  a: 1\noutput: a\n')).toEqual(['m.yaml:5:1: YAML syntax: Missing closing "quote']);
  });

  it('a duplicate key, at the second occurrence', () => {
    expect(one('title: t\ninputs:\n  a: 1\n  a: 2\noutput: a\n')).toEqual([
      "m.yaml:4:3: 'a' appears twice in this mapping (first at line 3); keys must be unique",
    ]);
  });

  it('a file that is not a mapping', () => {
    expect(one('- just\n- a list\n')).toEqual([
      'm.yaml:1:1: a model file must be a mapping with at least title, inputs or nodes, and output',
    ]);
  });
});

describe('the shape of the file', () => {
  it('an unknown top-level field, with a suggestion', () => {
    expect(one('title: t\ninpts:\n  a: 1\noutput: a\n')).toEqual([
      "m.yaml:2:1: unknown field 'inpts' in the file (did you mean 'inputs'?)",
    ]);
  });

  it('an unknown field of an input, with a suggestion, also for transposed letters', () => {
    expect(one('title: t\ninputs:\n  a: { dist: 1, lable: x }\n  b:\n    dist: 1\n    nots: y\noutput: a\n')).toEqual([
      "m.yaml:3:17: unknown field 'lable' in input 'a' (did you mean 'label'?)",
      "m.yaml:6:5: unknown field 'nots' in input 'b' (did you mean 'note'?)",
    ]);
  });

  it('a missing output', () => {
    expect(one('title: t\ninputs:\n  a: 1\n')).toEqual(["m.yaml:1:1: 'output' is missing: it must be text"]);
  });

  it('a field of the wrong type', () => {
    expect(one('title: t\nsources: a single string\ninputs:\n  a: 1\noutput: a\n')).toEqual([
      "m.yaml:2:10: 'sources' must be a list",
    ]);
  });

  it('an empty or unreadable expression', () => {
    expect(one('title: t\ninputs:\n  a: ""\n  b: 1 +\noutput: a\n')).toEqual([
      'm.yaml:3:6: the expression is empty',
      'm.yaml:4:9: cannot read the expression: Unexpected end of expression',
    ]);
  });
});

describe('names', () => {
  it('an unknown name, at the reference, with a suggestion', () => {
    expect(one('title: t\ninputs:\n  p_step: beta(49, 1)\nnodes:\n  y: 2 * p_stp\noutput: y\n')).toEqual([
      "m.yaml:5:10: unknown name 'p_stp' in node 'y' (did you mean 'p_step'?)",
    ]);
  });

  it('an unknown output, with a suggestion', () => {
    expect(one('title: t\ninputs:\n  p_step: 1\noutput: p_stp\n')).toEqual([
      "m.yaml:4:9: the output 'p_stp' is not an input or node of this model (did you mean 'p_step'?)",
    ]);
  });

  it('reserved names: functions, distributions, constants, operator words, invalid identifiers', () => {
    expect(one('title: t\ninputs:\n  max: 1\n  beta: 2\n  pi: 3\n  and: 4\n  2x: 5\n  ok: 6\noutput: ok\n')).toEqual([
      "m.yaml:3:3: 'max' is the name of a function and cannot name a quantity",
      "m.yaml:4:3: 'beta' is the name of a distribution and cannot name a quantity",
      "m.yaml:5:3: 'pi' is a constant (pi = 3.141592653589793) and cannot name a quantity",
      "m.yaml:6:3: 'and' is a reserved word and cannot name a quantity",
      "m.yaml:7:3: '2x' is not a valid name: use letters, digits and underscores, starting with a letter",
    ]);
  });

  it('a name defined both as an input and as a node', () => {
    expect(one('title: t\ninputs:\n  a: 1\nnodes:\n  a: 2\noutput: a\n')).toEqual([
      "m.yaml:5:3: 'a' is defined both as an input and as a node",
    ]);
  });

  it('names that JavaScript objects carry (constructor, toString, __proto__) are ordinary unknown names', () => {
    expect(one('title: t\ninputs:\n  a: 1\nnodes:\n  y: constructor + toString + a\noutput: y\n')).toEqual([
      "m.yaml:5:6: unknown name 'constructor' in node 'y'",
      "m.yaml:5:20: unknown name 'toString' in node 'y'",
    ]);
    expect(one('title: t\ninputs:\n  a: 1\nnodes:\n  y: __proto__ * a\noutput: y\n')).toEqual([
      "m.yaml:5:6: unknown name '__proto__' in node 'y'",
    ]);
  });

  it('quantities may be named constructor or toString like any other word', () => {
    expect(one('title: t\ninputs:\n  constructor: 1\nnodes:\n  toString: constructor + 1\noutput: toString\n')).toEqual(
      [],
    );
  });

  it('a __proto__ key is rejected where it stands instead of being dropped', () => {
    expect(one('title: t\ninputs:\n  __proto__: 1\n  a: 2\noutput: a\n')).toEqual([
      "m.yaml:3:3: '__proto__' cannot be used as a name or field",
    ]);
  });
});

describe('cycles between nodes', () => {
  it('a three-node cycle, at the reference that closes it', () => {
    expect(one('title: t\nnodes:\n  a: b + 1\n  b: c * 2\n  c: a\noutput: a\n')).toEqual([
      'm.yaml:5:6: circular definition: a → b → c → a',
    ]);
  });

  it('a node that reads itself', () => {
    expect(one('title: t\nnodes:\n  a: 1 + a\noutput: a\n')).toEqual(['m.yaml:3:10: circular definition: a → a']);
  });

  it('a distribution parameter that reads its own input', () => {
    expect(one('title: t\ninputs:\n  a: normal(a, 1)\noutput: a\n')).toEqual([
      'm.yaml:3:13: circular definition: a → a',
    ]);
  });
});

describe('scenarios', () => {
  it('overriding a node', () => {
    expect(one('title: t\ninputs:\n  x: 1\nnodes:\n  y: x\noutput: y\nscenarios:\n  s: { y: 2 }\n')).toEqual([
      "m.yaml:8:8: 'y' is a node; a scenario can only override inputs",
    ]);
  });

  it('overriding an unknown input, with a suggestion', () => {
    expect(
      one(
        'title: t\ninputs:\n  x_1: 1\noutput: x_1\nscenarios:\n  s:\n    label: a scenario\n    set:\n      x_2: 2\n',
      ),
    ).toEqual(["m.yaml:9:7: scenario 's' overrides 'x_2', which is not an input of this model (did you mean 'x_1'?)"]);
  });

  it('an override that reads an unknown name', () => {
    expect(one('title: t\ninputs:\n  x: 1\noutput: x\nscenarios:\n  s: { x: "2 * y" }\n')).toEqual([
      "m.yaml:6:16: unknown name 'y' in scenario 's' (did you mean 'x'?)",
    ]);
  });
});

describe('impossible constant parameters are load errors at the distribution', () => {
  it('beta(0, 1), uniform(3, 2), normal(0, -1), wrong arity, and the other families', () => {
    const text = [
      'title: t',
      'inputs:',
      '  a: beta(0, 1)',
      '  b: uniform(3, 2)',
      '  c: normal(0, -1)',
      '  d: beta(1)',
      '  f: bernoulli(1.5)',
      '  g: triangular(0, 5, 3)',
      '  h: mixture(1, 2, [0.5, -1])',
      '  i: 1 + lognormal(0, 0)',
      '  j: normal(0, 1, 2)',
      '  k: ci90(5, 1)',
      '  l: pert(0, 0, 0)',
      '  m: beta(2, 2)',
      '  n: logitnormal(0, -2 * pi)',
      'output: m',
    ].join('\n');
    expect(one(`${text}\n`)).toEqual([
      'm.yaml:3:6: impossible beta(alpha, beta): both parameters must be positive (got 0 and 1)',
      'm.yaml:4:6: impossible uniform(low, high): the lower bound must be below the upper bound (got 3 and 2)',
      'm.yaml:5:6: impossible normal(mean, sd): the standard deviation must be positive (got -1)',
      'm.yaml:6:6: beta takes 2 parameters: beta(alpha, beta); got 1',
      'm.yaml:7:6: impossible bernoulli(p): p must be a probability between 0 and 1 (got 1.5)',
      'm.yaml:8:6: impossible triangular(min, mode, max): the mode must lie between min and max (got 5)',
      'm.yaml:9:6: mixture weights must be non-negative numbers that do not all equal zero (got 0.5, -1)',
      'm.yaml:10:10: impossible lognormal(mu, sigma) with mu and sigma on the log scale: sigma must be positive (got 0)',
      'm.yaml:11:6: normal takes 2 parameters: normal(mean, sd); got 3',
      'm.yaml:12:6: impossible ci90(low, high), a 90% interval: the low end must be below the high end (got 5 and 1)',
      'm.yaml:13:6: impossible pert(min, mode, max): min must be below max (got 0 and 0)',
      `m.yaml:15:6: impossible logitnormal(mu, sigma) on the log-odds scale: sigma must be positive (got ${-2 * Math.PI})`,
    ]);
  });

  it('a mixture whose weights do not match its components', () => {
    expect(one('title: t\ninputs:\n  a: mixture(1, 2, [0.5])\noutput: a\n')).toEqual([
      'm.yaml:3:6: mixture(…) has 2 components but 1 weights',
    ]);
  });

  it("an impossible distribution in a scenario, at the scenario's text", () => {
    expect(
      one(
        'title: t\ninputs:\n  a: beta(2, 2)\n  b: 1\noutput: a\nscenarios:\n  s: { a: "beta(1, 1)", b: "uniform(1, 1)" }\n',
      ),
    ).toEqual([
      'm.yaml:7:29: impossible uniform(low, high): the lower bound must be below the upper bound (got 1 and 1)',
    ]);
  });
});

describe('imports', () => {
  it('an import of a missing model, at the import', () => {
    expect(problems({ 'a.yaml': 'title: a\nimports:\n  z: nothere\nnodes:\n  y: 1\noutput: y\n' })).toEqual([
      "a.yaml:3:6: imports 'nothere', but there is no model file nothere.yaml",
    ]);
  });

  it('an import cycle: every model in it reports the cycle at its import', () => {
    expect(
      problems({
        'a.yaml': 'title: a\nimports:\n  b: b\nnodes:\n  y: b.y\noutput: y\n',
        'b.yaml': 'title: b\nimports:\n  a: a\nnodes:\n  y: 1\noutput: y\n',
      }),
    ).toEqual([
      'b.yaml:3:6: circular import: a → b → a',
      "a.yaml:3:6: imports 'b', which cannot run: circular import: a → b → a",
    ]);
  });

  it('a model that imports a broken model says so at its import', () => {
    expect(
      problems({
        'c.yaml': 'title: c\nimports:\n  z: nothere\nnodes:\n  y: 1\noutput: y\n',
        'd.yaml': 'title: d\nimports:\n  cc: c\nnodes:\n  y: cc.y\noutput: y\n',
        'e.yaml': 'title: e\ninputs:\n  x: beta(0 1)\noutput: x\n',
        'f.yaml': 'title: f\nimports:\n  ee: e\nnodes:\n  y: 1\noutput: y\n',
      }),
    ).toEqual([
      'e.yaml:3:13: cannot read the expression: Parenthesis ) expected',
      "c.yaml:3:6: imports 'nothere', but there is no model file nothere.yaml",
      "d.yaml:3:7: imports 'c', which cannot run: imports 'nothere', but there is no model file nothere.yaml",
      "f.yaml:3:7: imports 'e', which has errors (see its file)",
    ]);
  });

  it('an unknown quantity of an imported model, and an override of one', () => {
    expect(
      problems({
        'b.yaml': 'title: b\ninputs:\n  x: 1\noutput: x\n',
        'a.yaml': 'title: a\nimports:\n  bb: b\nnodes:\n  y: bb.xx + 1\noutput: y\nscenarios:\n  s: { bb.zz: 1 }\n',
      }),
    ).toEqual([
      "a.yaml:5:6: unknown name 'bb.xx' in node 'y' (did you mean 'bb.x'?)",
      "a.yaml:8:8: 'bb.zz' is not an input of model 'a'",
    ]);
  });

  it('a dotted name whose head is not an import', () => {
    expect(one('title: t\ninputs:\n  a: 1\nnodes:\n  y: a.b\noutput: y\n')).toEqual([
      "m.yaml:5:6: 'a' in 'a.b' is not an imported model of node 'y'; add it under imports:",
    ]);
  });
});
