// The shipped model files are standard YAML: any YAML parser reads them as Credence does. No
// flow collection (`{ … }`, `[ … ]`) holds an unquoted expression, so no pre-parse rewriting
// is needed, and the `yaml` package's plain `parse` gives the structure the loader uses.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { parse, parseDocument, visit, isCollection, isScalar, Scalar } from 'yaml';
import { readYaml } from '../../src/model/yaml-source.ts';
import { MODELS_DIR } from './helpers.ts';

const files = readdirSync(MODELS_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('shipped model files are standard YAML', () => {
  for (const f of files) {
    const text = readFileSync(join(MODELS_DIR, f), 'utf8');

    it(`${f}: a plain YAML parse gives the structure the loader reads`, () => {
      const loaded = readYaml(f, text);
      expect(loaded.ok).toBe(true);
      if (!loaded.ok) return;
      expect(parse(text)).toEqual(loaded.data);
    });

    it(`${f}: every plain scalar inside a flow collection is free of parentheses and commas`, () => {
      const doc = parseDocument(text);
      expect(doc.errors).toEqual([]);
      const offending: string[] = [];
      visit(doc, {
        Scalar(_key, node, path) {
          const inFlow = path.some((p) => isCollection(p) && p.flow);
          if (inFlow && isScalar(node) && node.type === Scalar.PLAIN && /[(),]/.test(String(node.source ?? node.value)))
            offending.push(String(node.value));
        },
      });
      expect(offending).toEqual([]);
    });
  }
});
