// `npm run schema`: write the JSON Schema of model files generated from the zod schema to
// schema/model.schema.json (a test checks that the committed file is what this writes).

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODEL_SCHEMA_PATH, modelFileJsonSchemaText } from '../src/model/json-schema.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, MODEL_SCHEMA_PATH), modelFileJsonSchemaText());
console.log(`wrote ${MODEL_SCHEMA_PATH}`);
