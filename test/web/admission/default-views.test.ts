// A default view (an address with no query) is the same for every reader and computed once per
// version of the models, so it is never refused for a reader's allowance; the same route with
// parameters is charged as before.

import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import request from 'supertest';
import { appWith, type Fixture } from '../helpers.ts';
import { jobCost } from '../../../src/web/admission/cost.ts';
import { parseRequest, NOTHING_OUTSIDE } from '../../../src/analysis/registry/index.ts';
import { WEB_LIMITS } from '../../../src/web/query.ts';
import { isDefaultView } from '../../../src/web/admission/context.ts';

const MODEL = 'title: M\ninputs:\n  a: beta(2, 5)\n  b: normal(1, 0.5)\nnodes:\n  y: a * b\noutput: y\n';

let f: Fixture;
/** What a 2,000-sample run of the model costs. */
let runCost: number;

beforeAll(async () => {
  // An allowance of one 2,000-sample run and a half, refilled by one cell a second.
  const probe = await appWith({ 'm.yaml': MODEL });
  const parsed = parseRequest('run', { model: 'm', samples: 2000 }, WEB_LIMITS);
  if (!parsed.ok) throw new Error(parsed.message);
  runCost = jobCost(probe.web.site.live.current().project, {
    analysis: 'run',
    request: parsed.value,
    outside: NOTHING_OUTSIDE,
  });
  await probe.close();
  f = await appWith({ 'm.yaml': MODEL }, { budget: { burst: Math.floor(1.5 * runCost), perSecond: 1 } });
});
afterAll(() => f?.close());

describe('a default view', () => {
  it('is a GET or HEAD whose address has no query (an empty one counts as none)', () => {
    expect(isDefaultView('GET', '/models/m')).toBe(true);
    expect(isDefaultView('HEAD', '/api/models/m/run')).toBe(true);
    expect(isDefaultView('GET', '/models/m?')).toBe(true);
    expect(isDefaultView('GET', '/models/m?set.a=0.5')).toBe(false);
    expect(isDefaultView('POST', '/api/predictions/1/forecasts')).toBe(false);
  });

  it('is computed for a reader whose allowance is spent, while the same route with parameters is a 429', async () => {
    const app = f.web.app;
    expect((await request(app).get('/api/models/m/run?samples=2000&seed=1')).status).toBe(200);
    // Half a run is left: a second run with parameters is refused, with when to come back.
    const refused = await request(app).get('/api/models/m/run?samples=2000&seed=2');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The default run (more samples than the allowance holds) and the model's page still come.
    const run = await request(app).get('/api/models/m/run');
    expect(run.status).toBe(200);
    // Its samples (the same model) cost more than the whole allowance.
    expect(run.body.samples).toBeGreaterThan(1.5 * 2000);
    expect((await request(app).get('/models/m')).status).toBe(200);
    expect((await request(app).get('/api/models/m/sensitivity')).status).toBe(200);
    // And the allowance is what it was: parameters are still refused.
    expect((await request(app).get('/api/models/m/run?samples=2000&seed=3')).status).toBe(429);
  });

  it('is not counted against the computations a client may start per window', async () => {
    // The window is counted on a clock that does not move: one computation with parameters.
    const now = Date.UTC(2026, 0, 1);
    const limited = await appWith({ 'm.yaml': MODEL }, { rateLimit: { windowMs: 60_000, limit: 1, clock: () => now } });
    try {
      const app = limited.web.app;
      expect((await request(app).get('/api/models/m/run?samples=500&seed=1')).status).toBe(200);
      const second = await request(app).get('/api/models/m/run?samples=500&seed=2');
      expect(second.status).toBe(429);
      expect(second.body.error).toMatch(/too many computations/);
      for (const url of ['/api/models/m/run', '/models/m', '/api/models/m/sensitivity', '/api/models/m/summary'])
        expect((await request(app).get(url)).status, url).toBe(200);
      expect((await request(app).get('/api/models/m/run?samples=500&seed=3')).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
