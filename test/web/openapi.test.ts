// The API's OpenAPI description: generated from the request schemas and the code's types, it
// passes Redocly's recommended rules (offline, in-process: the engine of `redocly lint`), every
// analysis route is described with its own parameters, and the answers the server actually
// sends conform to the schemas it declares. The committed schema of the bodies is what
// `npm run schema` writes.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { openApi } from '../../src/web/openapi/index.ts';
import type { WebApp } from '../../src/web/app.ts';
import { appWith, type Fixture } from './helpers.ts';
import {
  API_SCHEMA_KEY_PATH,
  API_SCHEMA_PATH,
  apiSchemaText,
  schemaInputs,
  schemaKey,
} from '../../scripts/api-schema.ts';

type Spec = {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string; style?: string }[]; responses: Record<string, unknown> }>
  >;
  components: { schemas: Record<string, unknown> };
};
const spec = openApi() as Spec;
/** This machine's record of the last inputs the committed schema was checked against. */
const LOCAL_KEY = 'node_modules/.cache/credence/api.schema.key';

describe('the OpenAPI description', () => {
  it("passes Redocly's recommended rules with no error or warning", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(spec), absoluteRef: '/openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('describes each analysis route with the parameters its schema takes, `set` as the server reads it', () => {
    const params = (path: string) => spec.paths[path]!.get!.parameters!.map((p) => p.name);
    expect(params('/api/models/{id}/run')).toEqual(['id', 'samples', 'seed', 'sampler', 'scenario', 'set', 'evidence']);
    expect(params('/api/models/{id}/crux')).toContain('fromSet');
    expect(params('/api/models/{id}/crux')).not.toContain('scenario');
    expect(params('/api/models/{id}/sensitivity')).toEqual(
      expect.arrayContaining(['method', 'points', 'bootstrap', 'threshold', 'inputs']),
    );
    expect(params('/api/voi')).toEqual(['samples', 'seed', 'sampler', 'model']);
    const set = spec.paths['/api/models/{id}/run']!.get!.parameters!.find((p) => p.name === 'set')!;
    expect(set.style).toBe('deepObject');
  });

  it('is generated from the committed schema of the bodies, which is what `npm run schema` writes', () => {
    const committed = readFileSync(API_SCHEMA_PATH, 'utf8');
    // A key written beside it (by `npm run schema`) or by an earlier run of this check on this
    // machine still names these inputs and this text: the generator, given the same inputs,
    // writes the same text, so it need not run again.
    const key = schemaKey(committed);
    const written = [API_SCHEMA_KEY_PATH, LOCAL_KEY].map((f) => (existsSync(f) ? readFileSync(f, 'utf8') : ''));
    if (written.includes(key)) return;
    expect(committed).toBe(apiSchemaText());
    mkdirSync(dirname(LOCAL_KEY), { recursive: true });
    writeFileSync(LOCAL_KEY, key);
  }, 120_000);

  it('keys the committed schema on every file its types come from', () => {
    const inputs = schemaInputs();
    // The roots, modules they import, and what fixes the packages' types.
    expect(inputs).toEqual(
      expect.arrayContaining([
        'src/analysis/registry/results.ts',
        'src/web/api-types.ts',
        'src/analysis/tornado.ts',
        'src/web/charts/credence.ts',
        'package-lock.json',
        'tsconfig.json',
      ]),
    );
    const key = schemaKey('{}\n');
    expect(key).toMatch(/^inputs [0-9a-f]{64}\nschema [0-9a-f]{64}\n$/);
    expect(schemaKey('{ }\n')).not.toBe(key);
  });
});

/** A schema with every declared object closed: a field the server sends must be declared. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, closed(v)]));
  if ('properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

function closedValidator(schema: unknown) {
  const ajv = new Ajv2020({ strict: false });
  for (const [name, s] of Object.entries(spec.components.schemas))
    ajv.addSchema(closed(s) as object, `#/components/schemas/${name}`);
  return ajv.compile(closed(schema) as object);
}

describe('the answers', () => {
  let app: Fixture;
  let web: WebApp;
  beforeAll(async () => {
    app = await appWith({
      'm.yaml':
        'title: M\ninputs:\n  a: beta(2, 5)\n  b: normal(1, 0.5)\nnodes:\n  y: a * b\noutput: y\nscenarios:\n  high:\n    a: beta(5, 2)\nevidence:\n  seen:\n    likelihood: a\n',
      'predictions.yaml': [
        'predictions:',
        '  - id: "1"',
        '    statement: A is high.',
        '    credence: 0.3',
        '    stated: "2025-11-20"',
        '    criteria: Yes if a is high.',
        '    model: m',
        '    p_yes: a',
        '    yes_means: higher',
        '    yes_means_because: a multiplies y.',
        '  - id: 2b',
        '    statement: B is low.',
        '    credence: 0.6',
        '    stated: "2025-11-20"',
        '    criteria: Yes if b is low.',
        '    model: m',
        '    p_yes: b < 1',
        '',
      ].join('\n'),
    });
    web = app.web;
  });
  afterAll(() => app?.close());

  it('reads `set` as OpenAPI sends a deepObject (`set[b]=…`) and as links write it (`set.b=…`)', async () => {
    const mean = async (q: string) =>
      (await request(web.app).get(`/api/models/m/run?samples=500${q}`).expect(200)).body.nodes.b.mean as number;
    const deep = await mean('&set[b]=normal(2,%200.1)');
    expect(await mean('&set.b=normal(2,%200.1)')).toBe(deep);
    // 500 draws: the mean's standard error is 0.1/√500 overridden and 0.5/√500 as in the file.
    expect(Math.abs(deep - 2)).toBeLessThan(4 * (0.1 / Math.sqrt(500)));
    expect(Math.abs((await mean('')) - 1)).toBeLessThan(4 * (0.5 / Math.sqrt(500)));
  });

  it.each([
    ['/api/models', '/api/models', 200],
    ['/api/models/{id}', '/api/models/m', 200],
    ['/api/models/{id}/run', '/api/models/m/run?samples=500&set[b]=normal(2,%200.1)', 200],
    ['/api/models/{id}/summary', '/api/models/m/summary?samples=500', 200],
    ['/api/models/{id}/distribution', '/api/models/m/distribution?samples=500&node=a', 200],
    ['/api/models/{id}/graph', '/api/models/m/graph', 200],
    ['/api/models/{id}/worldviews', '/api/models/m/worldviews?samples=500', 200],
    ['/api/models/{id}/crux', '/api/models/m/crux?samples=500', 200],
    ['/api/models/{id}/sensitivity', '/api/models/m/sensitivity?method=sobol&samples=128&bootstrap=10', 200],
    ['/api/models/{id}/sensitivity', '/api/models/m/sensitivity?method=threshold&threshold=0.3&samples=300', 200],
    ['/api/models/{id}/sensitivity', '/api/models/m/sensitivity?method=tornado&samples=300', 200],
    ['/api/models/{id}/sensitivity', '/api/models/m/sensitivity?method=sweep&inputs=a&points=9&samples=300', 200],
    ['/api/models/{id}/sensitivity', '/api/models/m/sensitivity?method=importance&samples=300', 200],
    ['/api/predictions', '/api/predictions', 200],
    ['/api/predictions/{pid}', '/api/predictions/1', 200],
    ['/api/predictions/{pid}', '/api/predictions/2b', 200],
    ['/api/predictions/{pid}', '/api/predictions/nope', 404],
    ['/api/predictions/{pid}/credence', '/api/predictions/1/credence', 200],
    ['/api/voi', '/api/voi?samples=300', 200],
    ['/api/implied', '/api/implied?samples=300', 200],
    ['/api/track-record', '/api/track-record?samples=300', 200],
    ['/api/models/{id}/run', '/api/models/m/run?samples=0', 400],
    ['/api/models/{id}/run', '/api/models/m/run?set.nope=1', 400],
  ])('%s: %s (%i) conforms to the declared schema', async (path, url, status) => {
    const res = await request(web.app).get(url);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(status);
    const declared = spec.paths[path]!.get!.responses[String(res.status)] as
      { content?: Record<string, { schema: unknown }>; $ref?: string } | undefined;
    expect(declared, `${url} answered ${res.status}`).toBeDefined();
    const response = declared!.$ref
      ? (
          spec as unknown as {
            components: { responses: Record<string, { content: Record<string, { schema: unknown }> }> };
          }
        ).components.responses[declared!.$ref.split('/').pop()!]!
      : declared!;
    const validate = closedValidator(response.content!['application/json']!.schema);
    expect(validate(res.body), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });
});
