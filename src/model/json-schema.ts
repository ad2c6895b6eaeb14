// The JSON Schema of a model file, generated from the zod schema (never written by hand), so
// editors can check and complete model files: schema/model.schema.json is this, committed, and a
// model file opts in with `# yaml-language-server: $schema=../schema/model.schema.json`.

import * as z from 'zod';
import { ModelFileSchema } from './schema.ts';

/** Where the generated schema is committed, relative to the repository root. */
export const MODEL_SCHEMA_PATH = 'schema/model.schema.json';

export function modelFileJsonSchema(): Record<string, unknown> {
  // Draft 7 is what editors' YAML language servers read most widely; the input side of the
  // schema is what a file may contain (expressions may be numbers or booleans in YAML).
  const schema = z.toJSONSchema(ModelFileSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return { ...schema, title: 'Credence model file' };
}

/** The schema as committed: two-space JSON with a final newline. */
export function modelFileJsonSchemaText(): string {
  return `${JSON.stringify(modelFileJsonSchema(), null, 2)}\n`;
}

/** Every field name a model file can use, at any depth (for "did you mean" on unknown fields). */
export function modelFieldNames(): string[] {
  const names = new Set<string>();
  const stack: unknown[] = [modelFileJsonSchema()];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const props = (node as { properties?: Record<string, unknown> }).properties;
    if (props && typeof props === 'object') for (const k of Object.keys(props)) names.add(k);
    stack.push(...Object.values(node));
  }
  return [...names].sort();
}
