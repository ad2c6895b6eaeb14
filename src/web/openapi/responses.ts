// The bodies the API sends, as OpenAPI components: the JSON Schema generated from the code's
// own types (schema/api.schema.json, `npm run schema`), and the responses every route shares.

import bodies from '../../../schema/api.schema.json' with { type: 'json' };

/** References of the generated schema, pointed at the OpenAPI components. */
function relink<T>(v: T): T {
  if (Array.isArray(v)) return v.map(relink) as T;
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v))
    out[k] = k === '$ref' && typeof x === 'string' ? x.replace('#/definitions/', '#/components/schemas/') : relink(x);
  return out as T;
}

/** The roots that only gather the bodies for the generator, not bodies themselves. */
const ROOTS = new Set(['AnalysisResults', 'ApiBodies']);

export const SCHEMAS: Record<string, object> = relink(
  Object.fromEntries(Object.entries(bodies.definitions).filter(([name]) => !ROOTS.has(name))),
);

export const ref = (name: string) => {
  if (!(name in SCHEMAS)) throw new RangeError(`the API schema has no type '${name}'`);
  return { $ref: `#/components/schemas/${name}` };
};

export const json = (schema: unknown, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** Reading needs no token: an empty list of requirements. */
export const PUBLIC: never[] = [];

/** `Retry-After`, sent with a refusal that passes. */
const retryAfter = {
  'Retry-After': {
    description: 'Seconds to wait before asking again',
    schema: { type: 'integer', minimum: 0 },
  },
};

export const RESPONSES = {
  BadRequest: json(
    ref('ApiError'),
    'A parameter is invalid, the computation is larger than one request may ask for, or the model has a problem: the message names it, `issues` holds each problem with its code and place',
  ),
  NotFound: json(ref('ApiError'), 'No such model, prediction or route'),
  TooMany: {
    ...json(ref('ApiError'), 'This address has used its allowance of computation (cached answers stay available)'),
    headers: retryAfter,
  },
  Unavailable: {
    ...json(
      ref('ApiError'),
      "The server is busy (Retry-After says when to ask again), or the model's file has errors and no earlier version loaded",
    ),
    headers: retryAfter,
  },
};

/** The errors any computed route can answer with. */
export const COMPUTE_ERRORS = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '404': { $ref: '#/components/responses/NotFound' },
  '429': { $ref: '#/components/responses/TooMany' },
  '503': { $ref: '#/components/responses/Unavailable' },
};
