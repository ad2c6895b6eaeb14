// `npm run schema` (with the model file's): write the JSON Schema of the analyses' results to
// schema/api.schema.json (a test checks that the committed file is what this writes).

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_SCHEMA_PATH, apiSchemaText } from './api-schema.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, API_SCHEMA_PATH), apiSchemaText());
console.log(`wrote ${API_SCHEMA_PATH}`);
