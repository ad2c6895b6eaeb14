// Quantities whose unit is a probability (or a share) stay in [0, 1]: a constant outside it, or a
// distribution whose support leaves it (alone or through arithmetic on draws), is an
// 'out-of-range' error where it is written — in the file, a scenario, an import's `set:` or a
// `--set` — while anything that reads another quantity, or might not leave it, is left alone.

import { describe, it, expect, afterAll } from 'vitest';
import { checkFolder } from '../../src/model/check.ts';
import { checkPlans } from '../../src/engine/check.ts';
import { formatError } from '../../src/model/errors.ts';
import { buildGraph } from '../../src/model/graph.ts';
import { parseOverride } from '../../src/model/overrides.ts';
import { isProbabilityUnit } from '../../src/model/probability.ts';
import { cleanupTemp, project, tempProject } from '../engine/helpers.ts';

afterAll(cleanupTemp);

function problems(files: Record<string, string>): string[] {
  const dir = tempProject(files);
  return checkFolder(dir, [checkPlans]).errors.map((e) => formatError(e).replace(`${dir}/`, ''));
}

const withInput = (dist: string, unit = 'probability') =>
  problems({ 'm.yaml': `title: t\ninputs:\n  p:\n    unit: ${unit}\n    dist: ${JSON.stringify(dist)}\noutput: p\n` });

const must = (unit: string, rest: string) => `'p' is a ${unit} and must lie between 0 and 1, but it ${rest}`;
const hint = '; use a distribution on [0, 1] (beta, beta_ci90 or logitnormal) or bound it with clamp(…, 0, 1)';

describe('a probability input', () => {
  it.each([
    ['1.2', 'is 1.2'],
    ['-0.1', 'is -0.1'],
    ['1 + 1e-9', 'is 1.000000001'],
  ])('refuses the constant %s, at the value', (dist, rest) => {
    expect(withInput(dist)).toEqual([`m.yaml:5:12: ${must('probability', rest)}`]);
  });

  it.each([
    ['normal(0.5, 0.1)', 'values below 0 and above 1'],
    ['lognormal(-3, 0.5)', 'values above 1'],
    ['ci90(0.1, 0.3)', 'values above 1'],
    ['ci90(-0.1, 0.3)', 'values below 0 and above 1'],
    ['uniform(-0.1, 0.5)', 'values down to -0.1'],
    ['triangular(0, 0.5, 1.2)', 'values up to 1.2'],
    ['pert(0.1, 0.2, 1.5)', 'values up to 1.5'],
    ['pert_ci90(0.1, 0.5, 1.1)', 'values up to 1.1'],
    ['normal(0.5 * 1, 1 / 10)', 'values below 0 and above 1'],
  ])('refuses %s, whose support leaves [0, 1]', (dist, range) => {
    expect(withInput(dist)).toEqual([`m.yaml:5:12: ${must('probability', `is ${dist}, which takes ${range}`)}${hint}`]);
  });

  it.each([
    // [typed, as shown, what it reaches]: interval arithmetic over independent draws
    ['2 * beta(2, 2)', 'values up to 2'],
    ['0.5 + normal(0, 0.1)', 'values below 0 and above 1'],
    ['1 - uniform(0, 1.5)', 'values down to -0.5'],
    ['beta(2, 2) / 0.5', 'values up to 2'],
    ['bernoulli(0.5) + bernoulli(0.5)', 'values up to 2'],
    ['max(0, normal(0.5, 0.1))', 'values above 1'],
    ['-beta(1, 1)', 'values down to -1'],
  ])('refuses %s, whose draws certainly leave [0, 1]', (dist, range) => {
    const [shown] = withInput(dist);
    expect(shown).toMatch(
      /^m\.yaml:5:12: 'p' is a probability and must lie between 0 and 1, but it is .+, which takes /,
    );
    expect(shown!.endsWith(`which takes ${range}${hint}`)).toBe(true);
  });

  it.each([
    '0',
    '1',
    '2 / 3',
    '1 - 0.98 ^ 10',
    'beta(2, 3)',
    'beta_ci90(0.1, 0.3)',
    'logitnormal(0, 1)',
    'bernoulli(0.3)',
    'uniform(0.2, 0.4)',
    'pert(0, 0.2, 1)',
    'mixture(beta(1, 1), 0.5, [0.5, 0.5])',
    'clamp(normal(0.5, 0.2), 0, 1)',
    'min(1, 2 * beta(2, 2))',
    '1 - beta(2, 3)',
    'beta(2, 2) * beta(3, 3)',
    '0 * normal(0, 1)',
    'uniform(0, 1) ^ 2',
  ])('accepts %s', (dist) => {
    expect(withInput(dist)).toEqual([]);
  });

  it('leaves alone what reads another quantity, or might stay inside', () => {
    const model = (dist: string) =>
      problems({
        'm.yaml': `title: t\ninputs:\n  s: uniform(0, 0.1)\n  p:\n    unit: probability\n    dist: ${JSON.stringify(dist)}\noutput: p\n`,
      });
    for (const dist of ['s * 20', 'normal(0.5, s)', 'uniform(0, s)', 'beta(2, 2) + s', 'bernoulli(s) * 2'])
      expect([dist, model(dist)]).toEqual([dist, []]);
    // The spread of a normal fixes its support whatever its mean.
    expect(model('normal(s, 0.1)')).toEqual([
      `m.yaml:6:12: ${must('probability', 'is normal(s, 0.1), which takes values below 0 and above 1')}${hint}`,
    ]);
  });

  it('reads nodes that read no other quantity too', () => {
    const text = (y: string) =>
      `title: t\ninputs:\n  a: beta(2, 2)\nnodes:\n  y:\n    unit: probability\n    expr: ${y}\noutput: y\n`;
    expect(problems({ 'm.yaml': text('1.5') })).toEqual([
      `m.yaml:7:11: ${must('probability', 'is 1.5').replace("'p'", "'y'")}`,
    ]);
    expect(problems({ 'm.yaml': text('a * 3') })).toEqual([]);
  });

  it('is recognised by its unit: probability, share or fraction, not bits', () => {
    expect(
      ['probability', 'Share', 'fraction', 'probability of a draw', 'share of compute'].map(isProbabilityUnit),
    ).toEqual([true, true, true, true, true]);
    expect(['bits', 'probabilityish', 'odds', '', null].map(isProbabilityUnit)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(withInput('normal(0, 1)', 'bits')).toEqual([]);
    expect(withInput('normal(0, 1)', 'share of compute')).toEqual([
      `m.yaml:5:12: ${must('share of compute', 'is normal(0, 1), which takes values below 0 and above 1')}${hint}`,
    ]);
  });
});

describe('overrides of a probability input are checked where they are written', () => {
  const base = 'title: t\ninputs:\n  p: { unit: probability, dist: "beta(2, 2)" }\noutput: p\n';

  it('in a scenario', () => {
    expect(problems({ 'm.yaml': `${base}scenarios:\n  s: { p: 1.5 }\n` })).toEqual([
      `m.yaml:6:11: ${must('probability', 'is 1.5')}`,
    ]);
  });

  it('in an import', () => {
    expect(
      problems({
        'm.yaml': base,
        'top.yaml': 'title: top\nimports:\n  c:\n    model: m\n    set:\n      p: normal(0.5, 0.1)\noutput: c.p\n',
      }),
    ).toEqual([
      `top.yaml:6:10: 'c.p' is a probability and must lie between 0 and 1, but it is normal(0.5, 0.1), which takes values below 0 and above 1${hint}`,
    ]);
  });

  it('on the command line and in a what-if, at the column of what was typed', () => {
    const p = project({ 'm.yaml': base });
    const o = parseOverride('p', '-0.2', '--set p');
    const g = buildGraph(p, 'm', o.ok ? [o.value] : []);
    expect(g.ok ? [] : g.errors.map((e) => [e.code, formatError(e)])).toEqual([
      ['out-of-range', `--set p:3: ${must('probability', 'is -0.2')}`],
    ]);
    const fine = parseOverride('p', '0.2', '--set p');
    expect(buildGraph(p, 'm', fine.ok ? [fine.value] : []).ok).toBe(true);
  });
});
