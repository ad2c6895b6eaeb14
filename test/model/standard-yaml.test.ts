// Model files are standard YAML: the loader reads what any YAML parser reads. An expression that
// a flow collection cut at a comma is reported at its place with the quoted form; the README's
// examples load as written.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import { parse } from 'yaml';
import { checkFolder } from '../../src/model/check.ts';
import { checkPlans } from '../../src/engine/check.ts';
import { formatError } from '../../src/model/errors.ts';
import { readYaml } from '../../src/model/yaml-source.ts';
import { loadModelText } from '../../src/model/load.ts';
import { cleanupTemp, tempProject } from '../engine/helpers.ts';

afterAll(cleanupTemp);

const ROOT = join(import.meta.dirname, '..', '..');

function load(text: string) {
  const dir = tempProject({ 'm.yaml': text });
  const p = checkFolder(dir, [checkPlans]);
  return {
    model: p.project.models.get('m'),
    errors: p.errors.map((e) => formatError(e).replace(`${dir}/`, '')),
    codes: p.errors.map((e) => e.code),
  };
}

const quote = (s: string) => JSON.stringify(s);

describe('an expression cut at a comma inside { … } or [ … ]', () => {
  it('is reported where YAML cut it, with the whole expression quoted, and nothing else', () => {
    const text = [
      'title: t',
      'inputs:',
      '  a: { dist: max(0.1, min(0.2, 0.3)) }',
      '  b: { dist: mixture(0, beta(1, 2), [0.5, 0.5]), label: B }',
      '  c: {',
      '    dist: beta(2, 3),',
      '    note: n',
      '  }',
      'output: a',
    ].join('\n');
    const r = load(`${text}\n`);
    const msg = (read: string, field: string, meant: string) =>
      `inside { … } a comma ends a plain value, so YAML reads only '${read}' here; quote the expression: ${field}: ${quote(meant)} (or write the mapping in block style)`;
    expect(r.errors).toEqual([
      `m.yaml:3:14: ${msg('max(0.1', 'dist', 'max(0.1, min(0.2, 0.3))')}`,
      `m.yaml:4:14: ${msg('mixture(0', 'dist', 'mixture(0, beta(1, 2), [0.5, 0.5])')}`,
      `m.yaml:6:11: ${msg('beta(2', 'dist', 'beta(2, 3)')}`,
    ]);
    expect(new Set(r.codes)).toEqual(new Set(['flow-split']));
  });

  it('in a scenario, and in a list', () => {
    const r = load(
      'title: t\nsources: [Smith (2020, p. 3)]\ninputs:\n  x: 1\noutput: x\nscenarios:\n  s: { x: beta(9, 1) }\n',
    );
    expect(r.errors).toEqual([
      `m.yaml:2:11: inside [ … ] a comma ends a plain value, so YAML reads only 'Smith (2020' here; quote the expression: ${quote('Smith (2020, p. 3)')}`,
      `m.yaml:7:11: inside { … } a comma ends a plain value, so YAML reads only 'beta(9' here; quote the expression: x: ${quote('beta(9, 1)')} (or write the mapping in block style)`,
    ]);
  });

  it('quoted, the same expressions load, and errors inside them point at their column', () => {
    const ok = load(
      'title: t\ninputs:\n  a: { dist: "max(0.1, min(0.2, 0.3))" }\n  b: { dist: \'beta(1, 2)\', label: B }\noutput: a\n',
    );
    expect(ok.errors).toEqual([]);
    expect([ok.model!.inputs.a!.text, ok.model!.inputs.b!.text]).toEqual(['max(0.1, min(0.2, 0.3))', 'beta(1, 2)']);
    expect(load('title: t\ninputs:\n  p_base: { dist: "beta(0, 4)" }\noutput: p_base\n').errors).toEqual([
      'm.yaml:3:20: impossible beta(alpha, beta): both parameters must be positive (got 0 and 4)',
    ]);
  });

  it('expressions without a comma are fine in flow style, as any YAML parser reads them', () => {
    const r = load('title: t\ninputs:\n  a: { dist: sqrt(4), label: A }\nnodes:\n  y: { expr: a * 2 }\noutput: y\n');
    expect(r.errors).toEqual([]);
    expect(r.model!.nodes.y!.text).toBe('a * 2');
  });
});

describe('the loader reads what any YAML parser reads', () => {
  it('braces, parentheses, commas and apostrophes in block-style text are left as written', () => {
    const text =
      "title: t\ndescription: |\n  a brace { opens (here, there)\n  {and (a, b)} on its own line\nsources:\n  - Smith {2020, (p. 3, 4)}\ninputs:\n  x:\n    label: P(x) in {A (b, c)}, the critic's view\n    dist: beta(1, 2)\n  y: { dist: 'beta(2, 2)' }\noutput: x\n";
    const r = load(text);
    expect(r.errors).toEqual([]);
    const read = readYaml('m.yaml', text);
    expect(read.ok && read.data).toEqual(parse(text));
    expect(r.model!.description).toBe('a brace { opens (here, there)\n{and (a, b)} on its own line\n');
    expect(r.model!.sources).toEqual(['Smith {2020, (p. 3, 4)}']);
    expect(r.model!.inputs.x!.label).toBe("P(x) in {A (b, c)}, the critic's view");
  });

  it('a duplicate key is an error at its second occurrence, also in a large mapping', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `  k${i}: 1`);
    keys.splice(2500, 0, '  k7: 2');
    const r = load(`title: t\ninputs:\n${keys.join('\n')}\noutput: k1\n`);
    expect(r.errors).toEqual([
      "m.yaml:2503:3: 'k7' appears twice in this mapping (first at line 10); keys must be unique",
    ]);
  });
});

describe("the README's examples", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => /^title:/m.test(b));

  it('include a model file', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks.map((b, i) => [i, b]))(
    'model example %i loads as written and reads as plain YAML does',
    (_, block) => {
      const r = loadModelText(block, 'example.yaml', 'example');
      expect(r.ok ? [] : r.errors.map(formatError)).toEqual([]);
      const read = readYaml('example.yaml', block);
      expect(read.ok && read.data).toEqual(parse(block));
    },
  );
});
