// `npm run schema` (with the model file's): write the JSON Schema of the analyses' results to
// schema/api.schema.json (a test checks that the committed file is what this writes), and the
// key of the inputs it was generated from to schema/api.schema.key.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_SCHEMA_KEY_PATH, API_SCHEMA_PATH, apiSchemaText, schemaKey } from './api-schema.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const text = apiSchemaText();
writeFileSync(join(root, API_SCHEMA_PATH), text);
writeFileSync(join(root, API_SCHEMA_KEY_PATH), schemaKey(text));
console.log(`wrote ${API_SCHEMA_PATH} and ${API_SCHEMA_KEY_PATH}`);
