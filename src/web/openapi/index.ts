// The API described as OpenAPI 3.1, served at /api/openapi.json and generated, never written by
// hand: each analysis route from its zod request schema and the generated JSON Schema of its
// result; the write routes from the zod schemas of their bodies.

import { analysisPaths, chartPaths } from './paths.ts';
import { describingPaths, writePaths } from './record-paths.ts';
import { RESPONSES, SCHEMAS } from './responses.ts';

let cached: object | null = null;

export function openApi(): object {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Credence API',
      version: '1',
      description:
        'Probabilistic argument models: run them, analyse what drives their output, compare views and value open predictions. Every analysis route answers with the JSON its command prints with `--json`, for the same parameters; results are cached by model content and parameters, and responses carry an ETag.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'This server' }],
    tags: [
      { name: 'analyses', description: 'The analyses of the registry, as the CLI runs them' },
      { name: 'models and predictions', description: 'The models and predictions as they stand' },
      { name: 'track record', description: 'Resolutions and forecasts, with a token' },
      { name: 'charts', description: 'Standalone SVG charts' },
    ],
    paths: { ...describingPaths(), ...analysisPaths(), ...writePaths(), ...chartPaths() },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A token from `credence token create <name> --role resolver|forecaster`',
        },
      },
      responses: RESPONSES,
      schemas: SCHEMAS,
    },
  };
  return cached;
}
