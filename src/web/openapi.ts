// The API described as OpenAPI 3.1, served at /api/openapi.json.

import { SENSITIVITY_METHODS as METHODS, SAMPLES } from '../analysis/registry/index.ts';
import { WEB_LIMITS } from './query.ts';
import { DEFAULT_SEED } from '../analysis/request.ts';

const WEB_MAX_SAMPLES = WEB_LIMITS.maxSamples;
const DEFAULT_SAMPLES = SAMPLES.run.default;
import { ResolutionRequest, ForecastRequest } from '../predictions/index.ts';
import * as z from 'zod';

/** A request body's JSON Schema, from the zod schema the route validates it with. */
const bodySchema = (schema: z.ZodType) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const param = (
  name: string,
  description: string,
  schema: Record<string, unknown>,
  required = false,
  where = 'query',
) => ({ name, in: where, required, description, schema });
const json = (schema: unknown, description: string) => ({ description, content: { 'application/json': { schema } } });

const runParams = [
  { $ref: '#/components/parameters/samples' },
  { $ref: '#/components/parameters/seed' },
  { $ref: '#/components/parameters/sampler' },
  { $ref: '#/components/parameters/scenario' },
  { $ref: '#/components/parameters/evidence' },
  { $ref: '#/components/parameters/set' },
];
const idParam = { $ref: '#/components/parameters/id' };
const errors = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '404': { $ref: '#/components/responses/NotFound' },
  '429': { $ref: '#/components/responses/TooMany' },
};

const writeErrors = {
  '400': json(ref('Error'), 'The body is not valid: the message names the field'),
  '401': json(ref('Error'), 'No token, or an unknown or revoked one'),
  '403': json(ref('Error'), 'The token does not have the role this needs'),
  '404': json(ref('Error'), 'No such prediction'),
};

export function openApi() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Credence API',
      version: '1',
      description:
        'Probabilistic argument models: run them, analyse what drives their output, and compare scenarios. The shapes are those `credence run --json`, `credence sensitivity --json` and `credence crux --json` print. Results are cached by model content and parameters; responses carry an ETag.',
    },
    paths: {
      '/api/models': {
        get: {
          summary: 'The models and the load errors of the models folder',
          responses: { '200': json(ref('ModelList'), 'The models') },
        },
      },
      '/api/models/{id}': {
        get: {
          summary: "A model's file: inputs, nodes, scenarios, evidence, imports",
          parameters: [idParam],
          responses: { '200': json(ref('Model'), 'The model'), ...errors },
        },
      },
      '/api/models/{id}/run': {
        get: {
          summary: 'Run a model: every node summarised, prior and posterior (as `credence run --json`)',
          parameters: [idParam, ...runParams],
          responses: { '200': json(ref('RunReport'), 'The run report'), ...errors },
        },
      },
      '/api/models/{id}/distribution': {
        get: {
          summary: "One node's distribution: histogram and CDF, prior and posterior",
          parameters: [
            idParam,
            ...runParams,
            param('node', 'Qualified node name (default: the output)', { type: 'string' }),
          ],
          responses: { '200': json({ type: 'object' }, 'The distribution'), ...errors },
        },
      },
      '/api/models/{id}/sensitivity': {
        get: {
          summary: 'A sensitivity analysis (as `credence sensitivity --json`)',
          parameters: [
            idParam,
            ...runParams,
            param('method', 'The analysis', { type: 'string', enum: [...METHODS] }, true),
            param('inputs', 'Comma-separated inputs to analyse (grid: exactly two)', { type: 'string' }),
            param('threshold', 'Output value to cross (threshold analysis)', { type: 'number' }),
          ],
          responses: { '200': json({ type: 'object' }, 'The analysis'), ...errors },
        },
      },
      '/api/models/{id}/crux': {
        get: {
          summary:
            'The difference in the output mean between two scenarios, attributed to inputs by Shapley values (as `credence crux --json`)',
          parameters: [
            idParam,
            ...runParams,
            param('from', 'Scenario to start from (empty: the defaults)', { type: 'string' }),
            param('to', 'Scenario to end at', { type: 'string' }),
          ],
          responses: { '200': json({ type: 'object' }, 'The decomposition'), ...errors },
        },
      },
      '/api/models/{id}/graph': {
        get: {
          summary: 'The dependency graph of a model',
          parameters: [idParam, ...runParams],
          responses: { '200': json({ type: 'object' }, 'Nodes and edges'), ...errors },
        },
      },
      '/api/models/{id}/samples.csv': {
        get: {
          summary: 'The samples of one node as CSV (with their evidence weights when evidence applies)',
          parameters: [
            idParam,
            ...runParams,
            param('node', 'Qualified node name (default: the output)', { type: 'string' }),
          ],
          responses: {
            '200': {
              description: 'CSV: sample,<node>[,weight]',
              content: { 'text/csv': { schema: { type: 'string' } } },
            },
            ...errors,
          },
        },
      },
      '/api/predictions': {
        get: {
          summary: 'The predictions with their status and the scoreboard',
          responses: { '200': json({ type: 'object' }, 'The predictions') },
        },
      },
      '/api/predictions/{pid}': {
        get: {
          summary: 'One prediction with its version, resolution and full history',
          parameters: [param('pid', 'Prediction id', { type: 'string' }, true, 'path')],
          responses: {
            '200': json({ type: 'object' }, 'The prediction'),
            '404': { $ref: '#/components/responses/NotFound' },
          },
        },
      },
      '/api/predictions/{pid}/resolution': {
        post: {
          summary:
            "Record a prediction's resolution (a resolver's token); `version` is the number of resolutions so far, so two resolvers never overwrite each other unseen",
          security: [{ bearer: [] }],
          parameters: [param('pid', 'Prediction id', { type: 'string' }, true, 'path')],
          requestBody: { required: true, content: { 'application/json': { schema: bodySchema(ResolutionRequest) } } },
          responses: {
            '201': json({ type: 'object' }, 'The recorded resolution'),
            ...writeErrors,
            '409': json(
              {
                type: 'object',
                properties: { error: { type: 'string' }, currentVersion: { type: 'integer' }, current: {} },
              },
              'The prediction has changed since that version: the current version and resolution',
            ),
          },
        },
      },
      '/api/predictions/{pid}/forecasts': {
        post: {
          summary: "Record a forecast on an open prediction (a forecaster's token)",
          security: [{ bearer: [] }],
          parameters: [param('pid', 'Prediction id', { type: 'string' }, true, 'path')],
          requestBody: { required: true, content: { 'application/json': { schema: bodySchema(ForecastRequest) } } },
          responses: {
            '201': json({ type: 'object' }, 'The recorded forecast'),
            ...writeErrors,
            '409': json(ref('Error'), 'The prediction is resolved: forecasts are closed'),
          },
        },
      },
      '/charts/{id}/{chart}.svg': {
        get: {
          summary: 'A chart as a standalone SVG, drawn by the same code as the page',
          parameters: [
            idParam,
            param('chart', 'Chart name', { type: 'string' }, true, 'path'),
            ...runParams,
            param('width', 'Width in pixels (320–2000)', { type: 'integer' }),
            param('height', 'Height in pixels (200–2000)', { type: 'integer' }),
          ],
          responses: {
            '200': { description: 'SVG', content: { 'image/svg+xml': { schema: { type: 'string' } } } },
            ...errors,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'A token from `credence token create <name> --role resolver|forecaster`',
        },
      },
      parameters: {
        id: param(
          'id',
          'Model id: a file name in models/ without .yaml',
          { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' },
          true,
          'path',
        ),
        samples: param('samples', `Number of samples (1–${WEB_MAX_SAMPLES})`, {
          type: 'integer',
          minimum: 1,
          maximum: WEB_MAX_SAMPLES,
          default: DEFAULT_SAMPLES,
        }),
        seed: param('seed', 'Random seed: the same seed gives the same numbers', {
          type: 'integer',
          default: DEFAULT_SEED,
        }),
        sampler: param('sampler', 'Monte Carlo or Latin hypercube', {
          type: 'string',
          enum: ['mc', 'lhs', 'sobol'],
          default: 'mc',
        }),
        scenario: param('scenario', 'A scenario of the model', { type: 'string' }),
        evidence: param('evidence', "Evidence to apply: 'default', 'all', 'none' or comma-separated names", {
          type: 'string',
          default: 'default',
        }),
        set: {
          name: 'set',
          in: 'query',
          description: 'What-if overrides as `set.<input>=<expression>`, e.g. `set.p_step=beta(90,10)`',
          style: 'deepObject',
          schema: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
      responses: {
        BadRequest: json(
          ref('Error'),
          'A parameter is invalid, or an expression has an error (message names it, with its location)',
        ),
        NotFound: json(ref('Error'), 'No such model'),
        TooMany: json(ref('Error'), 'Too many computations from this address'),
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'string' }, errors: { type: 'array', items: { type: 'string' } } },
        },
        Stats: {
          type: 'object',
          required: ['mean', 'sd', 'p5', 'p25', 'p50', 'p75', 'p95', 'mcse'],
          properties: Object.fromEntries(
            ['mean', 'sd', 'p5', 'p25', 'p50', 'p75', 'p95', 'mcse'].map((k) => [k, { type: 'number' }]),
          ),
        },
        RunReport: {
          type: 'object',
          required: ['model', 'samples', 'seed', 'scenario', 'output', 'nodes', 'posterior', 'ess'],
          properties: {
            model: { type: 'string' },
            samples: { type: 'integer' },
            seed: { type: 'integer' },
            scenario: { type: ['string', 'null'] },
            output: { type: 'string' },
            nodes: { type: 'object', additionalProperties: ref('Stats') },
            posterior: { type: ['object', 'null'], additionalProperties: ref('Stats') },
            ess: { type: ['number', 'null'] },
          },
        },
        ModelList: {
          type: 'object',
          properties: {
            models: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string' },
                  title: { type: 'string' },
                  output: { type: 'string' },
                  file: { type: 'string' },
                  stale: { type: 'boolean' },
                  hash: { type: 'string' },
                },
              },
            },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  file: { type: 'string' },
                  line: { type: 'integer' },
                  col: { type: 'integer' },
                  message: { type: 'string' },
                },
              },
            },
          },
        },
        Model: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            title: { type: 'string' },
            description: { type: 'string' },
            inputs: {
              type: 'object',
              description:
                "Each input's label, unit, note, distribution text (`dist`) and provenance: `basis` is 'source' (a figure a source states; `from` names the document and passage) or 'assumption' (the modeller's; the reason is in `note`), null when undeclared",
              additionalProperties: {
                type: 'object',
                properties: {
                  dist: { type: 'string' },
                  basis: { type: ['string', 'null'], enum: ['source', 'assumption', null] },
                  from: { type: ['string', 'null'] },
                  note: { type: ['string', 'null'] },
                },
              },
            },
            nodes: { type: 'object' },
            scenarios: { type: 'object' },
            provenance: {
              type: 'object',
              description:
                "How many inputs rest on a source's figure, on an assumption, or on neither: this file's own (`own`) and with every input it imports (`withImports`)",
              properties: { own: ref('ProvenanceCount'), withImports: ref('ProvenanceCount') },
            },
          },
        },
        ProvenanceCount: {
          type: 'object',
          properties: {
            source: { type: 'integer' },
            assumption: { type: 'integer' },
            undeclared: { type: 'integer' },
            total: { type: 'integer' },
          },
        },
      },
    },
  };
}
