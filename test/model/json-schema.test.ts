// The JSON Schema of model files is generated from the zod schema: the committed file is what
// the generator writes, every shipped model and the README's example pass it, and the mistakes
// the loader rejects for their shape are flagged by it too (so an editor shows them as you type).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { MODEL_SCHEMA_PATH, modelFieldNames, modelFileJsonSchemaText } from '../../src/model/json-schema.ts';
import { NON_MODEL_FILES } from '../../src/model/project.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const committed = readFileSync(join(ROOT, MODEL_SCHEMA_PATH), 'utf8');
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(committed));

describe('the JSON Schema of model files', () => {
  it('is committed exactly as the generator writes it (run `npm run schema` after changing schema.ts)', () => {
    expect(committed).toBe(modelFileJsonSchemaText());
  });

  const models = readdirSync(join(ROOT, 'models')).filter((f) => f.endsWith('.yaml') && !NON_MODEL_FILES.has(f));
  it.each(models)('accepts the shipped model %s', (f) => {
    const ok = validate(parse(readFileSync(join(ROOT, 'models', f), 'utf8')));
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it("accepts the README's example", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /```yaml\n(# yaml-language-server[^\n]*\n[\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const ok = validate(parse(block!));
    expect(ok ? [] : validate.errors).toEqual([]);
  });

  it.each([
    ['no title', { inputs: { a: 1 }, output: 'a' }],
    ['no output', { title: 't', inputs: { a: 1 } }],
    ['an unknown top-level field', { title: 't', inpts: { a: 1 }, output: 'a' }],
    ['an unknown field of an input', { title: 't', inputs: { a: { dist: 1, lable: 'x' } }, output: 'a' }],
    ['an input without dist', { title: 't', inputs: { a: { label: 'x' } }, output: 'a' }],
    ['a name that is not an identifier', { title: 't', inputs: { '2x': 1 }, output: 'a' }],
    ['a basis that is neither', { title: 't', inputs: { a: { dist: 1, basis: 'guess' } }, output: 'a' }],
    ['an import that is not a model id', { title: 't', imports: { c: 'not a file' }, output: 'a' }],
    ['sources that are not a list', { title: 't', sources: 'one', output: 'a' }],
  ])('rejects %s', (_, file) => {
    expect(validate(file)).toBe(false);
  });

  it('names every field the loader knows, for suggestions', () => {
    for (const f of [
      'title',
      'question',
      'inputs',
      'dist',
      'expr',
      'basis',
      'from',
      'likelihood',
      'applied',
      'set',
      'model',
    ])
      expect(modelFieldNames()).toContain(f);
  });
});
