// Seeded fuzzing of expressions and model files: thousands of generated and mutated inputs, each
// of which must end in a value or in well-formed errors (a known code, one sentence, a place
// inside the text), never an exception. An expression that loads prints back (showExpr) to text
// that loads to the same tree.

import { describe, it, expect } from 'vitest';
import { parseExpression, inlineSource, showExpr, type Expr } from '../../src/model/expression.ts';
import { loadModelText } from '../../src/model/load.ts';
import { checkImports } from '../../src/model/imports.ts';
import { buildGraph } from '../../src/model/graph.ts';
import { ERROR_CODES, type CredenceError } from '../../src/model/errors.ts';
import type { Model } from '../../src/model/load.ts';

/** mulberry32: a small seeded generator, so every run fuzzes the same cases. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

const NAMES = [
  'a',
  'b',
  'p_step',
  'x1',
  'constructor',
  '__proto__',
  'toString',
  'chain.p',
  'e',
  'pi',
  'max',
  'beta',
  'and',
];
const FUNCS = ['min', 'max', 'abs', 'exp', 'log', 'sqrt', 'pow', 'clamp', 'sigmoid', 'evaluate', 'import', 'f'];
const DISTS = ['normal', 'lognormal', 'uniform', 'beta', 'triangular', 'pert', 'bernoulli', 'ci90', 'mixture'];
const BINARY = [
  '+',
  '-',
  '*',
  '/',
  '^',
  '%',
  '<',
  '<=',
  '==',
  '!=',
  'and',
  'or',
  'xor',
  'mod',
  '&',
  '|',
  '<<',
  '.*',
  'to',
];
const JUNK = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ';',
  '"',
  "'",
  '?',
  ':',
  '=',
  '.',
  '!',
  '\n',
  ' ',
  '#',
  '\\',
  '\u0000',
  'é',
  '∞',
  '1e309',
  'NaN',
];

function expression(r: Rng, depth: number, names: readonly string[] = NAMES): string {
  if (depth > 4 || r.next() < 0.3) return r.next() < 0.5 ? String(r.pick([0, 1, 0.5, -2, 1e-9, 3.75])) : r.pick(names);
  const sub = () => expression(r, depth + 1, names);
  switch (r.int(6)) {
    case 0:
      return `${sub()} ${r.pick(BINARY)} ${sub()}`;
    case 1:
      return `(${sub()})`;
    case 2:
      return `${r.pick(['-', '+', 'not ', '~'])}${sub()}`;
    case 3:
      return `${r.pick(FUNCS)}(${Array.from({ length: r.int(4) }, sub).join(', ')})`;
    case 4:
      return `${r.pick(DISTS)}(${Array.from({ length: r.int(4) }, sub).join(', ')}${r.next() < 0.2 ? `, [${sub()}, ${sub()}]` : ''})`;
    default:
      return `${sub()} ? ${sub()} : ${sub()}`;
  }
}

function mutate(r: Rng, text: string): string {
  let s = text;
  for (let k = r.int(3); k > 0; k--) {
    const at = r.int(s.length + 1);
    const op = r.int(3);
    if (op === 0) s = s.slice(0, at) + r.pick(JUNK) + s.slice(at);
    else if (op === 1) s = s.slice(0, at) + s.slice(at + 1 + r.int(3));
    else s = s.slice(0, at) + s.slice(at, at + r.int(8)).repeat(1 + r.int(4)) + s.slice(at);
  }
  return s;
}

function expectWellFormed(errors: readonly CredenceError[], text: string): void {
  const lineCount = text.split('\n').length;
  for (const e of errors) {
    expect(ERROR_CODES).toContain(e.code);
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.message).not.toMatch(/\n\s+at |TypeError|ReferenceError|undefined is not/);
    if (e.line !== undefined) {
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.line).toBeLessThanOrEqual(lineCount + 1);
    }
    if (e.col !== undefined) expect(e.col).toBeGreaterThanOrEqual(1);
  }
}

/** The tree without offsets, which printing does not keep. */
const shape = (e: Expr): unknown => JSON.parse(JSON.stringify(e, (k, v) => (k === 'at' ? undefined : v)));

describe('fuzzed expressions', () => {
  it('3,000 expressions: a tree that prints back to itself, or well-formed errors', () => {
    const r = rng(20261203);
    let loaded = 0;
    for (let i = 0; i < 3000; i++) {
      const text = r.next() < 0.6 ? expression(r, 0) : mutate(r, expression(r, 0));
      const parsed = parseExpression(text, inlineSource(text, 'x'));
      if (!parsed.ok) {
        expectWellFormed([parsed.error], text);
        const col = parsed.error.col!;
        expect(col).toBeLessThanOrEqual(text.length + 1);
        continue;
      }
      loaded++;
      const printed = showExpr(parsed.value.expr);
      const again = parseExpression(printed, inlineSource(printed, 'x'));
      expect(again.ok ? shape(again.value.expr) : again.error).toEqual(shape(parsed.value.expr));
    }
    // The generator reaches both outcomes in earnest.
    expect(loaded).toBeGreaterThan(300);
    expect(loaded).toBeLessThan(2700);
  });
});

const SAFE = ['a', 'b', 'c', 'p_step', 'constructor', 'toString'];

function modelFile(r: Rng): string {
  // Mostly sound files, so that loading and building are exercised past the first error.
  const names = [
    ...new Set(Array.from({ length: 1 + r.int(5) }, () => (r.next() < 0.9 ? r.pick(SAFE) : r.pick(NAMES)))),
  ];
  const refs = ['pi', 'e', ...names];
  const value = (i: number) => {
    const earlier = names.slice(0, i);
    return earlier.length > 0 && r.next() < 0.5
      ? expression(r, 3, earlier)
      : r.pick(['beta(2, 3)', '0.5', 'uniform(0, 1)', '1 + 2']);
  };
  const quantity = (i: number) =>
    r.pick([
      () => value(i),
      () => JSON.stringify(value(i)),
      () => `{ dist: ${JSON.stringify(value(i))}, label: ${r.pick(['L', "it's", '"q, r"', '[x]'])} }`,
      () => `{ dist: ${value(i)} }`,
      () => `\n    dist: ${value(i)}\n    unit: ${r.pick(['probability', 'x', '1'])}`,
      () => expression(r, 2, refs),
      () => r.pick(['', '~', '[1, 2]', '&a 1', '*a', '!!binary aGk=', '|\n      1 +\n      2']),
    ])();
  const parts = [
    r.pick(['title: t', 'title: t', 'title: t', 'title: ""', 'title: [t]', '']),
    'inputs:',
    ...names.map((n, i) => `  ${n}: ${quantity(i)}`),
    r.pick([
      'nodes:\n  y: ' + names.join(' + '),
      'nodes:\n  y: { expr: ' + JSON.stringify(`${names[0]} * 2`) + ' }',
      'nodes: {}',
      '',
    ]),
    `output: ${r.pick([...names, 'y', 'y', 'chain.y', ''])}`,
    r.pick([
      '',
      'scenarios:\n  s: { ' + names[0] + ': 1 }',
      'scenarios:\n  s:\n    set:\n      ' + names[0] + ': beta(1, 2)',
      'evidence:\n  e: { likelihood: ' + names[0] + ' }',
    ]),
    r.pick([
      '',
      '',
      'imports:\n  chain: other',
      'imports:\n  chain: { model: other, set: { x: ' + names[0] + ' } }',
      'imports:\n  ch: "bad id"',
    ]),
  ];
  return parts.join('\n');
}

describe('fuzzed model files', () => {
  it('2,000 files: a model whose graph builds, or well-formed located errors', () => {
    const r = rng(17);
    const other = loadModelText('title: o\ninputs:\n  x: 1\nnodes:\n  y: x\noutput: y\n', 'other.yaml', 'other');
    expect(other.ok).toBe(true);
    let built = 0;
    for (let i = 0; i < 2000; i++) {
      const text = r.next() < 0.6 ? modelFile(r) : mutate(r, modelFile(r));
      const m = loadModelText(text, 'm.yaml', 'm');
      if (!m.ok) {
        expectWellFormed(m.errors, text);
        expect(m.errors.every((e) => e.file === 'm.yaml')).toBe(true);
        continue;
      }
      const models = new Map<string, Model>([
        ['m', m.value],
        ['other', (other as { value: Model }).value],
      ]);
      const importErrors = checkImports(models, new Set());
      expectWellFormed(importErrors, text);
      if (!models.has('m')) continue;
      const g = buildGraph({ dir: '.', models, errors: [], stale: new Set() }, 'm');
      if (g.ok) built++;
      else expectWellFormed(g.errors, text);
    }
    expect(built).toBeGreaterThan(50);
  });
});
