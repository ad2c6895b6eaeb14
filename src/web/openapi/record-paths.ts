// The API's paths that describe the models and predictions as they stand, and the writes of the
// track record (resolutions, forecasts) with the JSON Schema of their zod bodies.

import * as z from 'zod';
import { ResolutionRequest, ForecastRequest, IdempotencyKey } from '../../predictions/index.ts';
import { MODEL_PARAMETER, type Parameter } from './parameters.ts';
import { PUBLIC, json, ref } from './responses.ts';

/** A request body's JSON Schema, from the zod schema the route validates it with. */
const bodySchema = (schema: z.ZodType) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
};

const pid: Parameter = {
  name: 'pid',
  in: 'path',
  required: true,
  description: 'The prediction id.',
  schema: { type: 'string' },
};

const { description: keyDescription, ...keySchema } = bodySchema(IdempotencyKey);
const idempotencyKey: Parameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: String(keyDescription),
  schema: keySchema,
};

const writeErrors = {
  '400': json(ref('ApiError'), 'The body or the Idempotency-Key is not valid: the message names the field'),
  '401': json(ref('ApiError'), 'No token, or an unknown or revoked one'),
  '403': json(ref('ApiError'), 'The token does not have the role this needs'),
  '404': json(ref('ApiError'), 'No such prediction'),
  '422': json(ref('ApiError'), 'The Idempotency-Key was used for a different request (code idempotency-conflict)'),
  '429': json(ref('ApiError'), "Too many wrong secrets for this token's id: locked until Retry-After (code locked)"),
};

/** A public GET route that describes the models and predictions as they stand. */
export const describingGet = (
  operationId: string,
  summary: string,
  parameters: Parameter[],
  responses: Record<string, unknown>,
) => ({
  get: { operationId, summary, tags: ['models and predictions'], security: PUBLIC, parameters, responses },
});

export function describingPaths(): Record<string, unknown> {
  const get = (operationId: string, summary: string, type: string, parameters: Parameter[] = [], errors = {}) =>
    describingGet(operationId, summary, parameters, { '200': json(ref(type), summary), ...errors });
  const notFound = { '404': { $ref: '#/components/responses/NotFound' } };
  const badRequest = { '400': { $ref: '#/components/responses/BadRequest' } };
  return {
    '/api/models': get(
      'listModels',
      'The models, and the load errors of the models folder',
      'ModelList',
      [],
      badRequest,
    ),
    '/api/models/{id}': get(
      'getModel',
      "A model's file: inputs, nodes, scenarios, evidence, imports, sources",
      'ModelJson',
      [MODEL_PARAMETER],
      { ...badRequest, ...notFound, '503': { $ref: '#/components/responses/Unavailable' } },
    ),
    '/api/predictions': get(
      'listPredictions',
      'The predictions with their status, and the scoreboard',
      'PredictionsJson',
      [],
      notFound,
    ),
    '/api/predictions/{pid}': get(
      'getPrediction',
      'One prediction with its version, resolution and full history',
      'PredictionJson',
      [pid],
      notFound,
    ),
    '/api/predictions/{pid}/credence': get(
      'predictionCredence',
      "One prediction's credences over time: the author's, each forecast, the forecasters' median, and the credence its linked model implies before any resolution and after each resolution of another prediction (the implied analysis as of that point)",
      'CredenceData',
      [pid],
      { ...notFound, ...badRequest, '503': { $ref: '#/components/responses/Unavailable' } },
    ),
  };
}

export function writePaths(): Record<string, unknown> {
  const post = (operationId: string, summary: string, body: z.ZodType, created: string, conflict: object) => ({
    post: {
      operationId,
      summary,
      tags: ['track record'],
      security: [{ bearer: [] }],
      parameters: [pid, idempotencyKey],
      requestBody: { required: true, content: { 'application/json': { schema: bodySchema(body) } } },
      responses: { '201': json(ref(created), 'Recorded'), ...writeErrors, '409': conflict },
    },
  });
  return {
    '/api/predictions/{pid}/resolution': post(
      'resolvePrediction',
      "Record a prediction's resolution (a resolver's token); `version` is the number of resolutions so far, so two resolvers never overwrite each other unseen",
      ResolutionRequest,
      'ResolutionEvent',
      json(ref('ApiConflict'), 'The prediction has changed since that version: the current version and resolution'),
    ),
    '/api/predictions/{pid}/forecasts': post(
      'forecastPrediction',
      "Record a forecast on an open prediction (a forecaster's token)",
      ForecastRequest,
      'ForecastEvent',
      json(ref('ApiError'), 'The prediction is resolved: forecasts are closed'),
    ),
  };
}
