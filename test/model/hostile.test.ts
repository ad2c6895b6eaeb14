// A corpus of hostile model folders, generated here where large: each ends in a correct result or
// in located errors (a limit named where it is exceeded), never a crash, a stack trace or
// unbounded work. Values are checked against closed forms; nothing here measures time.

import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import { loadProject } from '../../src/model/project.ts';
import { buildGraph } from '../../src/model/graph.ts';
import { scenarioOverrides, parseOverride } from '../../src/model/overrides.ts';
import { ERROR_CODES, formatError, type CredenceError } from '../../src/model/errors.ts';
import { LIMITS } from '../../src/model/limits.ts';
import { cleanupTemp, project, runIn, tempProject } from '../engine/helpers.ts';

afterAll(cleanupTemp);

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

/**
 * Every error is data: a known code, one sentence, and a line and column only with a file. The
 * folders here give thousands of errors: the ones that are not data are gathered and asserted
 * once, rather than three expect() calls each.
 */
function wellFormed(errors: readonly CredenceError[]): void {
  const bad = errors.filter(
    (e) =>
      !ERROR_CODES.includes(e.code) || /\n\s+at /.test(e.message) || (e.line !== undefined && e.file === undefined),
  );
  expect(bad).toEqual([]);
}

function loaded(files: Record<string, string>) {
  const dir = tempProject(files);
  const p = loadProject(dir);
  wellFormed(p.errors);
  return { dir, p, shown: p.errors.map((e) => formatError(e).replace(`${dir}/`, '')) };
}

describe('large models that are valid load and compute', () => {
  it('a chain of 5,000 nodes, each the one before plus one, ends at 5,000', () => {
    const text = `title: t\nnodes:\n  n0: 1\n${lines(4999, (i) => `  n${i + 1}: n${i} + 1`)}\noutput: n4999\n`;
    const r = runIn(project({ 'm.yaml': text }), 'm', { samples: 2, seed: 1 });
    expect([...r.columns.n4999!]).toEqual([5000, 5000]);
  });

  it('25,000 quantities load and build in evaluation order', () => {
    const text = `title: t\ninputs:\n${lines(12500, (i) => `  x${i}: uniform(0, 1)`)}\nnodes:\n${lines(12500, (i) => `  y${i}: x${i} + ${i === 0 ? 0 : `y${i - 1}`}`)}\noutput: y12499\n`;
    const { p } = loaded({ 'm.yaml': text });
    expect(p.errors).toEqual([]);
    const g = buildGraph(p, 'm');
    expect(g.ok).toBe(true);
    if (!g.ok) return;
    expect(g.value.entities.length).toBe(25000);
    const position = new Map(g.value.entities.map((e, i) => [e.name, i]));
    // Each dependency before its dependant (gathered: an expect() per pair would be 25,000 calls).
    const late = g.value.entities.flatMap((e) =>
      e.deps.filter((d) => !(position.get(d)! < position.get(e.name)!)).map((d) => `${d} after ${e.name}`),
    );
    expect(late).toEqual([]);
  });

  it('a flat sum of 10,000 terms is exact for integers, and a long product of x and 1/2·2 pairs is x', () => {
    const sum = lines(10000, (i) => `${i + 1}`).replace(/\n/g, ' + ');
    const prod = `x${' * 2 / 2'.repeat(5000)}`;
    let alternating = '1';
    for (let k = 2; k <= 10000; k++) alternating += `${k % 2 === 0 ? ' - ' : ' + '}${k}`;
    const text = `title: t\ninputs:\n  x: uniform(1, 2)\nnodes:\n  s: ${sum}\n  p: ${prod}\n  a: ${alternating}\noutput: s\n`;
    const r = runIn(project({ 'm.yaml': text }), 'm', { samples: 3, seed: 2 });
    expect([...r.columns.s!]).toEqual([50005000, 50005000, 50005000]);
    r.columns.x!.forEach((x, i) => expect(r.columns.p![i]).toBeCloseTo(x, 12));
    // 1 - 2 + 3 - 4 … : the terms alternate in the order written, whatever the grouping.
    let want = 1;
    for (let k = 2; k <= 10000; k++) want += (k % 2 === 0 ? -1 : 1) * k;
    expect(r.columns.a![0]).toBe(want);
  });
});

describe('mistakes at scale stay located and bounded', () => {
  it('5,000 unknown names in a model of 25,000 inputs: one located error each', () => {
    const text = `title: t\ninputs:\n${lines(25000, (i) => `  x${i}: 1`)}\nnodes:\n  y: ${lines(5000, (i) => `u${i}`).replace(/\n/g, ' + ')}\noutput: y\n`;
    const { p } = loaded({ 'm.yaml': text });
    expect(p.errors.length).toBe(5000);
    expect(p.errors.every((e) => e.code === 'unknown-name' && e.line === 25004)).toBe(true);
    expect(p.errors.slice(0, 2).map((e) => e.col)).toEqual([6, 11]);
    expect(p.errors[0]!.message).toBe("unknown name 'u0' in node 'y' (did you mean 'x0'?)");
  });

  it('a cycle through 5,000 nodes is one error, its path shortened', () => {
    const text = `title: t\nnodes:\n  n0: n4999\n${lines(4999, (i) => `  n${i + 1}: n${i} + 1`)}\noutput: n0\n`;
    const { shown } = loaded({ 'm.yaml': text });
    expect(shown).toEqual([
      'm.yaml:4:7: circular definition: n0 → n4999 → n4998 → n4997 → n4996 → n4995 → … 4988 more … → n6 → n5 → n4 → n3 → n2 → n1 → n0',
    ]);
  });

  it('5,000 expressions cut at commas in one flow mapping: an error at each', () => {
    const text = `title: t\ninputs:\n  a: { ${lines(5000, (i) => `k${i}: f(1, 2)`).replace(/\n/g, ', ')} }\noutput: a\n`;
    const { p } = loaded({ 'm.yaml': text });
    expect(p.errors.length).toBe(5000);
    expect(new Set(p.errors.map((e) => e.code))).toEqual(new Set(['flow-split']));
  });
});

describe('each limit is a located error that names it', () => {
  const limitOf = (e: CredenceError | undefined) => e?.limit?.name;

  it('a 200,000-character key and a 19,000-character name', () => {
    const { p } = loaded({ 'm.yaml': `title: t\ninputs:\n  ${'k'.repeat(200_000)}: 1\n  a: 1\noutput: a\n` });
    expect(p.errors.map((e) => [limitOf(e), e.line, e.col])).toContainEqual(['name-length', 3, 3]);
    const { shown } = loaded({ 'm.yaml': `title: t\ninputs:\n  a: 1\n  b: a + ${'z'.repeat(19_000)}\noutput: a\n` });
    expect(shown).toEqual([
      'm.yaml:4:10: a name here is 19,000 characters long, over the limit of 200 characters (name-length)',
    ]);
  });

  it('more inputs and nodes than the limit, at the section', () => {
    const n = LIMITS.quantities + 1;
    const { p } = loaded({ 'm.yaml': `title: t\ninputs:\n${lines(n, (i) => `  a${i}: 1`)}\noutput: a0\n` });
    expect(p.errors.map((e) => [e.code, limitOf(e), e.line, e.col])).toEqual([['limit-exceeded', 'quantities', 2, 1]]);
  });

  it('an expression past its length, size or depth', () => {
    const errorsOf = (expr: string) => loaded({ 'm.yaml': `title: t\nnodes:\n  y: ${expr}\noutput: y\n` }).p.errors;
    expect(errorsOf('1+'.repeat(LIMITS['expression-length'] / 2 + 1)).map(limitOf)).toEqual(['expression-length']);
    expect(errorsOf(`${'1+'.repeat(LIMITS['expression-size'] / 2)}1`).map(limitOf)).toEqual(['expression-size']);
    expect(errorsOf(`${'('.repeat(5000)}1${')'.repeat(5000)}`).map(limitOf)).toEqual(['expression-depth']);
    expect(errorsOf(`${'-'.repeat(300)}1`).map((e) => [limitOf(e), e.line, e.col])).toEqual([
      ['expression-depth', 3, 6],
    ]);
  });

  it('YAML nested past the limit, in flow and in block style', () => {
    const flow = loaded({ 'm.yaml': `title: t\nsources: ${'['.repeat(100_000)}${']'.repeat(100_000)}\noutput: a\n` }).p
      .errors;
    expect(flow.map(limitOf)).toContain('yaml-depth');
    const block = lines(80, (i) => `${'  '.repeat(i)}k${i}:`);
    const deep = loaded({ 'm.yaml': `title: t\ndescription:\n${block.replace(/^/gm, '  ')} 1\noutput: a\n` }).p.errors;
    expect(deep.map((e) => [limitOf(e), e.line !== undefined])).toEqual([['yaml-depth', true]]);
  });

  it('a file over the size limit is refused from its size, without reading it', () => {
    const dir = tempProject({ 'ok.yaml': 'title: t\ninputs:\n  a: 1\noutput: a\n' });
    writeFileSync(join(dir, 'big.yaml'), '');
    truncateSync(join(dir, 'big.yaml'), 400_000_000); // sparse: nothing to read but zeros
    const p = loadProject(dir);
    expect(p.errors.map((e) => [e.code, limitOf(e), e.line])).toEqual([['limit-exceeded', 'file-size', undefined]]);
    expect(p.errors[0]!.message).toBe('the file is 400,000,000 bytes, over the limit of 1,000,000 bytes (file-size)');
    expect([...p.models.keys()]).toEqual(['ok']);
  });

  it('more model files than the limit: the first ones load, and the folder says so', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i <= LIMITS['model-files']; i++)
      files[`m${String(i).padStart(5, '0')}.yaml`] = 'title: t\ninputs:\n  a: 1\noutput: a\n';
    const { p } = loaded(files);
    expect(p.errors.map(limitOf)).toEqual(['model-files']);
    expect(p.models.size).toBe(LIMITS['model-files']);
  });
});

describe('import graphs', () => {
  it('a chain of 1,500 imports: the limit at the import that passes it, and models above cannot run', () => {
    const files: Record<string, string> = {};
    const n = 1500;
    for (let i = 0; i < n; i++)
      files[`m${i}.yaml`] = `title: t\n${i < n - 1 ? `imports:\n  c: m${i + 1}\n` : ''}inputs:\n  x: 1\noutput: x\n`;
    const { p, shown } = loaded(files);
    const depth = LIMITS['import-depth'];
    const first = n - 1 - depth; // imports a chain of `depth` models, making depth + 1
    expect(shown).toContain(
      `m${first}.yaml:3:6: importing 'm${first + 1}' makes a chain of ${depth + 1} models, over the limit of ${depth} models (import-depth)`,
    );
    expect(p.errors.filter((e) => e.code === 'limit-exceeded').length).toBe(1);
    expect(p.models.size).toBe(depth);
    expect(p.models.has(`m${first + 1}`) && !p.models.has(`m${first}`)).toBe(true);
  });

  it('60 models each importing the next twice: sizes add up once per model, the limit stops the large ones', () => {
    const files: Record<string, string> = {};
    for (let k = 0; k < 60; k++)
      files[`d${k}.yaml`] =
        k < 59
          ? `title: t\nimports:\n  a: d${k + 1}\n  b: d${k + 1}\ninputs:\n  x: 1\nnodes:\n  y: x + a.y + b.y\noutput: y\n`
          : 'title: t\ninputs:\n  x: 1\nnodes:\n  y: x\noutput: y\n';
    const { p } = loaded(files);
    // A model h levels above the last holds 2 quantities and two copies of the one below:
    // 2^(h+2) - 2 in all, and y = 2^(h+1) - 1.
    const size = (h: number) => 2 ** (h + 2) - 2;
    let h = 0;
    while (size(h) <= LIMITS['expanded-quantities']) h++;
    const limits = p.errors.filter((e) => e.code === 'limit-exceeded');
    expect(limits.map((e) => [e.limit?.name, e.file?.endsWith(`d${59 - h}.yaml`), e.line])).toEqual([
      ['expanded-quantities', true, 4], // at the second import, where the sum passes the limit
    ]);
    expect(p.models.has(`d${59 - h + 1}`) && !p.models.has(`d${59 - h}`)).toBe(true);
    const r = runIn(p, 'd50', { samples: 1, seed: 1 });
    expect(r.columns.y![0]).toBe(2 ** 10 - 1);
  });
});

describe('bytes, links and names', () => {
  it('invalid UTF-8 is an error at its line and column', () => {
    const dir = tempProject({});
    const bytes = Buffer.concat([
      Buffer.from('title: t\ninputs:\n  a: 1\n  é: "'),
      Buffer.from([0xff]),
      Buffer.from('"\noutput: a\n'),
    ]);
    writeFileSync(join(dir, 'm.yaml'), bytes);
    const p = loadProject(dir);
    expect(p.errors.map((e) => [e.code, e.line, e.col])).toEqual([['invalid-utf8', 4, 7]]);
  });

  it('a link leading out of the models folder is refused; a link inside it loads', () => {
    const outside = tempProject({ 'secret.yaml': 'title: s\ninputs:\n  key_name: 1\noutput: key_name\n' });
    const dir = tempProject({ 'real.yaml': 'title: r\ninputs:\n  a: 1\noutput: a\n' });
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'leak.yaml'));
    symlinkSync(join(dir, 'real.yaml'), join(dir, 'alias.yaml'));
    mkdirSync(join(dir, 'sub'));
    const p = loadProject(dir);
    expect(p.errors.map((e) => [e.code, e.file?.endsWith('leak.yaml'), e.line])).toEqual([
      ['link-outside', true, undefined],
    ]);
    expect(p.errors[0]!.message).not.toContain('key_name');
    expect([...p.models.keys()].sort()).toEqual(['alias', 'real']);
  });

  it("names JavaScript objects carry never reach an object's members", () => {
    const members = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'prototype'];
    const text = [
      'title: t',
      'inputs:',
      ...members.map((m) => `  ${m}: 1`),
      'nodes:',
      `  total: ${members.join(' + ')}`,
      'output: total',
      'scenarios:',
      '  toString: { constructor: 2 }',
      'evidence:',
      '  valueOf: { likelihood: "1" }',
    ].join('\n');
    const { p } = loaded({
      'm.yaml': `${text}\n`,
      'i.yaml': 'title: i\nimports:\n  constructor: m\noutput: constructor.total\n',
    });
    expect(p.errors).toEqual([]);
    expect(runIn(p, 'm', { samples: 1, seed: 1 }).columns.total![0]).toBe(members.length);
    expect(runIn(p, 'm', { samples: 1, seed: 1 }, { scenario: 'toString' }).columns.total![0]).toBe(members.length + 1);
    expect(runIn(p, 'i', { samples: 1, seed: 1 }).columns['constructor.total']![0]).toBe(members.length);
    const m = p.models.get('m')!;
    for (const name of ['__proto__', 'hasOwnProperty', '__defineGetter__']) {
      const s = scenarioOverrides(m, name);
      expect(s.ok ? [] : s.errors.map((e) => e.code)).toEqual(['unknown-scenario']);
      const o = parseOverride(name, '1', `--set ${name}`);
      const g = buildGraph(p, 'm', o.ok ? [o.value] : []);
      expect(g.ok ? [] : g.errors.map((e) => e.code)).toEqual(name === 'hasOwnProperty' ? [] : ['unknown-name']);
    }
  });

  it('an alias bomb is refused, not expanded', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...lines(8, (i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`).split(
        '\n',
      ),
    ];
    const real = loaded({
      'm.yaml': `title: t\ndescription: x\nx:\n${bomb.map((l) => `  ${l}`).join('\n')}\noutput: a\n`,
    }).p.errors;
    expect(real.map((e) => e.code)).toEqual(['yaml-syntax']);
  });
});
