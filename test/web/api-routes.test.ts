// The JSON API and the server's SVG charts: models listed and described, runs equal to
// `credence run --json`, prior and posterior, ETag/304, each sensitivity method, the crux, samples
// as CSV, the OpenAPI description, predictions, results cached by model content; charts drawn
// with the same query parameters.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { fixture, cli, editModel, getSvg, type Fixture } from './helpers.ts';
import { UNTIL_READY_MS } from '../support/waits.ts';

const FAST = 'samples=2000';
let f: Fixture;

beforeAll(async () => {
  f = await fixture();
});
afterAll(async () => {
  await f?.close();
});

const get = (url: string) => request(f.web.app).get(url);

describe('API', () => {
  it('lists the models', async () => {
    const res = await get('/api/models');
    expect(res.status).toBe(200);
    expect(res.body.models.map((m: { id: string }) => m.id)).toContain('p-scheming');
    expect(res.body.errors).toEqual([]);
  });

  it('describes one model', async () => {
    const res = await get('/api/models/iterative-chain');
    expect(res.status).toBe(200);
    expect(res.body.inputs.p_step.dist).toBe('0.98');
    expect(Object.keys(res.body.scenarios)).toContain('critic');
  });

  it('runs a model with exactly the JSON `credence run --json` prints', async () => {
    const args = ['--samples', '3000', '--seed', '5', '--scenario', 'critic', '--set', 'p_jump=beta(2, 2)'];
    const res = await get(
      '/api/models/iterative-chain/run?samples=3000&seed=5&scenario=critic&set.p_jump=beta(2,%202)',
    );
    expect(res.status).toBe(200);
    const { out, code } = await cli(['run', 'iterative-chain', ...args, '--json'], f.modelsDir);
    expect(code).toBe(0);
    expect(res.body).toEqual(JSON.parse(out.join('\n')));
  });

  it('returns prior and posterior with the effective sample size when evidence applies', async () => {
    const res = await get('/api/models/evidence-2025/run?samples=2000');
    expect(res.status).toBe(200);
    expect(res.body.posterior).not.toBeNull();
    expect(res.body.ess).toBeGreaterThan(0);
    const none = await get('/api/models/evidence-2025/run?samples=2000&evidence=none');
    expect(none.body.posterior).toBeNull();
  });

  it('answers 304 to a repeat request with its ETag', async () => {
    const url = `/api/models/iterative-chain/run?${FAST}&seed=11`;
    const first = await get(url);
    expect(first.status).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await get(url).set('If-None-Match', etag);
    expect(again.status).toBe(304);
    // A page is kept with its ETag once its first screen is computed (a page still computing has none).
    const pageUrl = `/models/iterative-chain?${FAST}`;
    await expect
      .poll(async () => (await get(pageUrl)).headers.etag, { timeout: UNTIL_READY_MS, interval: 250 })
      .toBeTruthy();
    const page = await get(pageUrl);
    const pageAgain = await get(pageUrl).set('If-None-Match', page.headers.etag as string);
    expect(pageAgain.status).toBe(304);
  });

  it('runs each sensitivity method', async () => {
    const tornado = await get(`/api/models/iterative-chain/sensitivity?method=tornado&${FAST}`);
    expect(tornado.status).toBe(200);
    expect(tornado.body.analysis).toBe('tornado');
    const inputs = Object.keys((await get('/api/models/iterative-chain')).body.inputs);
    expect(tornado.body.rows.length + tornado.body.excluded.length).toBe(inputs.length);
    for (const method of ['sweep', 'importance']) {
      const r = await get(`/api/models/iterative-chain/sensitivity?method=${method}&samples=1000`);
      expect(r.status).toBe(200);
      expect(r.body.analysis).toBe(method);
    }
    const grid = await get(
      '/api/models/iterative-chain/sensitivity?method=grid&samples=500&inputs=p_aligned_if_not_scheming,n_generations',
    );
    expect(grid.status).toBe(200);
    expect(grid.body.x.input).toBe('p_aligned_if_not_scheming');
    const sobol = await get('/api/models/iterative-chain/sensitivity?method=sobol&samples=256');
    expect(sobol.status).toBe(200);
    expect(sobol.body.rows[0]).toHaveProperty('firstCI');
    const threshold = await get('/api/models/iterative-chain/sensitivity?method=threshold&threshold=0.3&samples=500');
    expect(threshold.status).toBe(200);
  });

  it('decomposes the gap between two scenarios', async () => {
    const res = await get(`/api/models/p-scheming/crux?from=carlsmith-2023&to=roger-2025&samples=1000`);
    expect(res.status).toBe(200);
    expect(res.body.analysis).toBe('crux');
    const sum = res.body.parts.reduce((s: number, p: { shapley: number }) => s + p.shapley, 0);
    expect(sum).toBeCloseTo(res.body.difference, 10);
  });

  it('serves the samples of any node as CSV', async () => {
    const res = await get('/api/models/iterative-chain/samples.csv?samples=100&node=p_base');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv');
    expect(res.headers['content-disposition']).toContain('iterative-chain-p_base.csv');
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('sample,p_base');
    expect(lines).toHaveLength(101);
    const weighted = await get('/api/models/evidence-2025/samples.csv?samples=50');
    expect(weighted.text.split('\n')[0]).toMatch(/,weight$/);
    expect((await get('/api/models/iterative-chain/samples.csv?node=nope&samples=10')).status).toBe(400);
  });

  it('serves distribution and graph data', async () => {
    const d = await get(`/api/models/iterative-chain/distribution?${FAST}&node=p_base`);
    expect(d.status).toBe(200);
    expect(d.body.node).toBe('p_base');
    expect(d.body.prior.bins.length).toBeGreaterThan(5);
    const g = await get('/api/models/iterative-chain/graph');
    expect(g.status).toBe(200);
    expect(g.body.nodes.length).toBeGreaterThan(5);
  });

  it('describes itself as OpenAPI 3.1', async () => {
    const res = await get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const p of [
      '/api/models',
      '/api/models/{id}',
      '/api/models/{id}/run',
      '/api/models/{id}/sensitivity',
      '/api/models/{id}/crux',
      '/api/models/{id}/samples.csv',
    ])
      expect(res.body.paths).toHaveProperty([p]);
    // The write routes, with the bodies their zod schemas accept and the bearer token they need.
    const resolve = res.body.paths['/api/predictions/{pid}/resolution'].post;
    expect(resolve.security).toEqual([{ bearer: [] }]);
    const body = resolve.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['outcome', 'note', 'version']);
    expect(body.properties.outcome.enum).toEqual(['yes', 'no', 'ambiguous', 'annulled', 'unresolved']);
    expect(body.additionalProperties).toBe(false);
    expect(Object.keys(resolve.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '422', '429']);
    const forecast =
      res.body.paths['/api/predictions/{pid}/forecasts'].post.requestBody.content['application/json'].schema;
    expect(forecast.properties.credence).toMatchObject({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 });
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('caches results by model content: an edit gives new numbers, and the old ones come back with the old text', async () => {
    const url = '/api/models/iterative-chain/run?samples=500';
    const before = (await get(url)).body.nodes.p_step.mean;
    editModel(f.modelsDir, 'iterative-chain', (t) => t.replace('dist: 0.98', 'dist: 0.9'));
    const after = (await get(url)).body.nodes.p_step.mean;
    expect(before).toBe(0.98);
    expect(after).toBe(0.9);
    editModel(f.modelsDir, 'iterative-chain', (t) => t.replace('dist: 0.9\n', 'dist: 0.98\n'));
    expect((await get(url)).body.nodes.p_step.mean).toBe(0.98);
  });

  it('lists the predictions and one prediction with its history', async () => {
    const list = await get('/api/predictions');
    expect(list.status).toBe(200);
    expect(list.body.predictions.length).toBeGreaterThan(0);
    const id = list.body.predictions[0].id;
    const one = await get(`/api/predictions/${id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id, status: 'open', version: 0 });
    expect((await get('/api/predictions/nope')).status).toBe(404);
  });
});

describe('charts as SVG', () => {
  it('draws a standalone SVG with the same query parameters', async () => {
    const res = await getSvg(f.web.app, `/charts/iterative-chain/tornado.svg?${FAST}`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('image/svg+xml');
    expect(res.text.startsWith('<?xml')).toBe(true);
    expect(res.text).toContain('xmlns="http://www.w3.org/2000/svg"');
    const tornado = (await get(`/api/models/iterative-chain/sensitivity?method=tornado&${FAST}`)).body;
    expect(res.text.match(/class="bar"/g)?.length).toBe(tornado.rows.length);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    // Kept with its ETag like the API's bodies: a reader who has it gets a 304.
    const again = await get(`/charts/iterative-chain/tornado.svg?${FAST}`).set('If-None-Match', res.headers.etag!);
    expect(again.status).toBe(304);
  });

  it.each(['distribution', 'cdf', 'sobol', 'sweep', 'heatmap', 'crux', 'graph', 'worldviews'])(
    'draws %s',
    async (chart) => {
      const res = await getSvg(f.web.app, `/charts/iterative-chain/${chart}.svg?samples=500&width=640`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<svg');
      expect(res.text).toContain('viewBox="0 0 640 ');
    },
  );

  it('rejects unknown charts and bad sizes', async () => {
    expect((await get('/charts/iterative-chain/nope.svg')).status).toBe(404);
    expect((await get('/charts/iterative-chain/tornado.svg?width=5')).status).toBe(400);
    expect((await get('/charts/nope/tornado.svg')).status).toBe(404);
  });
});

describe('CLI', () => {
  it('lists the serve command', async () => {
    const { out } = await cli(['help'], f.modelsDir);
    expect(out.join('\n')).toMatch(/serve\s+serve the web app/);
  });
});
