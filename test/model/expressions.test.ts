// The expression allow-list: each forbidden construct is a located load error, nothing written
// in a file reaches generated JavaScript, and what is allowed computes what math says.

import { describe, it, expect, afterAll } from 'vitest';
import { checkFolder } from '../../src/model/check.ts';
import { checkPlans } from '../../src/engine/check.ts';
import { formatError } from '../../src/model/errors.ts';
import { parseExpression, inlineSource } from '../../src/model/expression.ts';
import { LIMITS } from '../../src/model/limits.ts';
import { prepare } from '../../src/engine/run.ts';
import { cleanupTemp, columnsOf, project, tempProject } from '../engine/helpers.ts';

afterAll(cleanupTemp);

/**
 * The problems of a model whose node `y` is `expr`, relative to the folder. The expression is
 * written as a plain YAML scalar when it can be, else single-quoted (without quotes inside).
 */
function problemsOf(expr: string): string[] {
  const plain = /^[A-Za-z0-9(+-]/.test(expr) && !/: | #/.test(expr);
  if (!plain && expr.includes("'")) throw new Error('write this case as a plain scalar');
  const dir = tempProject({
    'm.yaml': `title: t\ninputs:\n  a: 1\nnodes:\n  y: ${plain ? ` ${expr}` : `'${expr}'`}\noutput: y\n`,
  });
  return checkFolder(dir, [checkPlans]).errors.map((e) => formatError(e).replace(`${dir}/`, ''));
}

// Line 5 is `  y:  <expr>` or `  y: '<expr>'`: the expression's first character is column 7.
const at = (offset: number) => `m.yaml:5:${7 + offset}`;
const ALLOWED =
  'min, max, abs, exp, log, log2, log10, log1p, expm1, sqrt, pow, floor, ceil, round, clamp, sigmoid, logit, sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, erf, sum, prod, cdf, pdf, quantile';

describe('the allow-list rejects each forbidden construct, at its place', () => {
  const cases: [string, string, number, string][] = [
    ['assignment', 'x = 1', 0, 'assignment (=) is not allowed in an expression; define a node instead'],
    ['function definition', 'f(x) = x', 0, 'defining a function is not allowed in a model file'],
    [
      'import(...)',
      'import(1)',
      0,
      `'import' is not an allowed function; allowed are ${ALLOWED} and the distributions`,
    ],
    [
      'evaluate("1")',
      'a + evaluate("1")',
      4,
      `'evaluate' is not an allowed function; allowed are ${ALLOWED} and the distributions`,
    ],
    [
      'createUnit("foo")',
      'createUnit("foo")',
      0,
      `'createUnit' is not an allowed function; allowed are ${ALLOWED} and the distributions`,
    ],
    [
      'property access on a non-import',
      'a.b',
      0,
      "'a' in 'a.b' is not an imported model of node 'y'; add it under imports:",
    ],
    ['index access', 'a[1]', 1, 'property or index access is not allowed (only `alias.name` for an imported model)'],
    [
      'string index access',
      "a['b']",
      1,
      'property or index access is not allowed (only `alias.name` for an imported model)',
    ],
    ['a string', '2 * "abc"', 5, 'text ("abc") is not allowed in an expression; use numbers'],
    ['a matrix outside mixture weights', '[1, 2]', 0, 'a list [...] is only allowed as the weights of mixture(...)'],
    [
      'mixture weights not in last place',
      'mixture([0.5, 0.5], 1, 2)',
      0,
      'a list [...] is only allowed as the weights of mixture(...)',
    ],
    ['a range', '1:3', 0, 'ranges (a:b) are not allowed in an expression'],
    [
      'factorial',
      'a + 3!',
      5,
      "the operator '!' (factorial) is not allowed; allowed are + - * / ^ %, comparisons, and, or, not, xor and ?:",
    ],
    [
      'bitwise and',
      'a & 1',
      2,
      "the operator '&' is not allowed; allowed are + - * / ^ %, comparisons, and, or, not, xor and ?:",
    ],
    ['a unit', '5 cm', 2, "unknown name 'cm' in node 'y'"],
    ['a block', '1; 2', 0, 'only one expression is allowed here (no ";" or line-separated statements)'],
    [
      'an unknown function',
      'a + sec(1)',
      4,
      `'sec' is not an allowed function; allowed are ${ALLOWED} and the distributions`,
    ],
    ['an object literal', '{a: 1}', 0, 'objects are not allowed in an expression'],
    ['a function name without a call', 'max + 1', 0, "'max' is a function: call it with arguments, e.g. max(…)"],
    ['a constant called as a function', 'pi(2)', 0, "'pi' is a constant, not a function"],
    ['too many arguments', 'a + abs(1, 2)', 4, 'abs(…) takes 1 argument, not 2'],
    ['too few arguments', 'clamp(a, 0)', 0, 'clamp(…) takes 3 arguments, not 2'],
    ['a number that is not finite', '2 * 1e400', 0, "'Infinity' is not a finite number"],
    ['a call of a property', 'a.b(1)', 0, 'only named functions can be called'],
  ];
  for (const [what, expr, offset, message] of cases) {
    it(`${what}: ${expr}`, () => {
      expect(problemsOf(expr)).toEqual([`${at(offset)}: ${message}`]);
    });
  }
});

describe('nothing from a file reaches JavaScript', () => {
  it('identifiers like constructor, __proto__, process, globalThis, Function are unknown names', () => {
    for (const name of [
      'constructor',
      '__proto__',
      'process',
      'globalThis',
      'Function',
      'eval',
      'require',
      'this',
      'prototype',
      'hasOwnProperty',
    ]) {
      expect(problemsOf(`a + ${name}`)).toEqual([`${at(4)}: unknown name '${name}' in node 'y'`]);
    }
  });

  it('quantities named like JavaScript globals work as plain names, and the compiled loops contain only column indices, numbers and the fixed helpers', () => {
    const p = project({
      'm.yaml': [
        'title: t',
        'inputs:',
        '  process: normal(0, 1)',
        '  constructor: beta(2, 2)',
        '  Function: 1e-7',
        'nodes:',
        '  globalThis: "process * constructor + Function"',
        '  require: "globalThis > 0 ? sigmoid(process) : logit(constructor) % 2"',
        '  toString: max(require, -1) ^ 2 + clamp(process, -1, 1) + log(2, 8) + pi',
        'output: toString',
      ].join('\n'),
    });
    const prepared = prepare(p, 'm');
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    const helpers = new Set([
      'function',
      'column',
      'cols',
      'out',
      'n',
      'const',
      'for',
      'let',
      'i',
      'Math',
      'F',
      'min',
      'max',
      'pow',
      'log',
      'cond',
      'lt',
      'le',
      'mod',
      'sigmoid',
      'logit',
      'clamp',
      'round',
    ]);
    const sources = prepared.value.plan.steps
      .filter((s) => s.kind === 'eval')
      .map((s) => (s.kind === 'eval' ? s.fn.toString() : ''));
    expect(sources.length).toBeGreaterThan(2);
    for (const src of sources) {
      // Numbers (including 1e-7) first, then every remaining word must be a helper or a column.
      const words = src.replace(/\d+(\.\d+)?(e[-+]?\d+)?/g, '0').match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? [];
      for (const w of words) expect(helpers.has(w) || /^c\d+$/.test(w), `'${w}' in ${src}`).toBe(true);
      expect(src).not.toMatch(/["'`\\]/);
    }
    const r = prepared.value.run({ samples: 1000, seed: 1 });
    const cols = new Map(Object.entries(r.columns));
    const x = cols.get('process')!;
    const c = cols.get('constructor')!;
    cols.get('globalThis')!.forEach((v, i) => expect(v).toBe(x[i]! * c[i]! + 1e-7));
  });

  it('text that looks like code is rejected as text', () => {
    expect(problemsOf('1 + "x); process.exit(1); (y"')).toEqual([
      `${at(5)}: text ("x); process.exit(1); (y") is not allowed in an expression; use numbers`,
    ]);
  });

  it('a deeply nested expression is an error, not a crash', () => {
    const deep = `${'('.repeat(3000)}1${')'.repeat(3000)}`;
    const r = parseExpression(deep, inlineSource(deep, 'x'));
    const tooDeep = 'the expression is nested too deeply, over the limit of 200 levels (expression-depth)';
    expect(r.ok ? null : r.error.message).toBe(tooDeep);
    expect(r.ok ? null : r.error).toMatchObject({
      code: 'limit-exceeded',
      limit: { name: 'expression-depth', max: 200 },
    });
    const minus = `${'-'.repeat(300)}1`;
    const r2 = parseExpression(minus, inlineSource(minus, 'x'));
    expect(r2.ok ? null : r2.error.message).toBe(tooDeep);
    const nestedCalls = `${'abs('.repeat(250)}1${')'.repeat(250)}`;
    const r3 = parseExpression(nestedCalls, inlineSource(nestedCalls, 'x'));
    expect(r3.ok ? null : r3.error.message).toBe(tooDeep);
  });

  it('an over-long expression is an error', () => {
    const long = `${'1+'.repeat(LIMITS['expression-length'] / 2)}1`;
    const r = parseExpression(long, inlineSource(long, 'x'));
    expect(r.ok ? null : r.error.message).toBe(
      'the expression is 250,001 characters long, over the limit of 250,000 characters (expression-length)',
    );
  });

  it('a long flat sum within the limits compiles and adds up', () => {
    const terms = Array.from({ length: 150 }, (_, i) => `${i + 1}`).join(' + ');
    const r = columnsOf({}, { y: terms }, { samples: 3, seed: 1 });
    expect([...r.columns.y!]).toEqual([11325, 11325, 11325]);
  });
});

describe('what is allowed computes what math says', () => {
  const cases: [string, number][] = [
    ['1 + 2 * 3 - 4 / 8', 6.5],
    ['2 ^ 3 ^ 2', 512],
    ['-2 ^ 2', -4],
    ['-7 % 3', 2],
    ['7 mod -3', -2],
    ['5 % 0', 5],
    ['+3', 3],
    ['min(3, 1, 2) + max(3, 1, 2)', 4],
    ['abs(-2.5)', 2.5],
    ['exp(1)', Math.E],
    ['log(e ^ 2)', 2],
    ['log2(1024) + log10(1000)', 13],
    ['log(1024, 2)', 10],
    ['log1p(0) + expm1(0)', 0],
    ['sqrt(16) + pow(2, 10)', 1028],
    ['floor(-2.5) + ceil(-2.5)', -5],
    ['round(2.5) + round(-2.5) + round(0.4)', 0],
    ['round(-0.5)', -1],
    ['clamp(5, 0, 1) + clamp(-5, 0, 1) + clamp(0.5, 0, 1)', 1.5],
    ['sigmoid(0) + logit(0.5)', 0.5],
    ['2 pi', 2 * Math.PI],
    ['1 < 2', 1],
    ['2 <= 1', 0],
    ['3 > 2 and 2 >= 2', 1],
    ['1 == 1 or 0 != 0', 1],
    ['not 0', 1],
    ['1 xor 1', 0],
    ['1 < 2 < 3', 1],
    ['3 > 2 > 1', 1],
    ['1 < 3 < 2', 0],
    ['0 ? 10 : 20', 20],
    ['true + false', 1],
  ];
  it.each(cases)('%s = %d', (expr, want) => {
    const r = columnsOf({}, { y: expr }, { samples: 1, seed: 1 });
    expect(r.columns.y![0]).toBeCloseTo(want, 12);
  });

  it('ternaries and logic over columns pick per sample, and NaN conditions stay NaN', () => {
    const r = columnsOf(
      { x: 'uniform(-1, 1)' },
      { y: 'x > 0 ? 1 : -1', z: 'sqrt(x) > 0 ? 1 : 0', w: 'not (x > 0) and x < 2' },
      { samples: 500, seed: 2 },
    );
    const x = r.columns.x!;
    x.forEach((v, i) => {
      expect(r.columns.y![i]).toBe(v > 0 ? 1 : -1);
      expect(r.columns.z![i]).toBe(v < 0 ? Number.NaN : 1);
      expect(r.columns.w![i]).toBe(v > 0 ? 0 : 1);
    });
  });
});
