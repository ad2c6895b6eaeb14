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
/** What the default run and the default tornado of the model cost. */
let costs: { run: number; tornado: number };
let burst: number;

beforeAll(async () => {
  const probe = await appWith({ 'm.yaml': MODEL });
  const project = probe.web.site.live.current().project;
  const cost = (analysis: 'run' | 'tornado') => {
    const parsed = parseRequest(analysis, { model: 'm' }, WEB_LIMITS);
    if (!parsed.ok) throw new Error(parsed.message);
    return jobCost(project, { analysis, request: parsed.value, outside: NOTHING_OUTSIDE });
  };
  costs = { run: cost('run'), tornado: cost('tornado') };
  await probe.close();
  // An allowance a little over the larger default view (so each is within what one request may
  // ask for), refilled by one cell a second.
  burst = Math.ceil(1.2 * Math.max(costs.run, costs.tornado));
  f = await appWith({ 'm.yaml': MODEL }, { budget: { burst, perSecond: 1 } });
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
    // The same run as the default one, asked for with parameters, until the allowance is spent.
    let spent = 0;
    let refused: request.Response | null = null;
    for (let seed = 1; seed <= 10 && !refused; seed++) {
      const r = await request(app).get(`/api/models/m/run?seed=${seed + 100}`);
      if (r.status === 429) refused = r;
      else {
        expect(r.status).toBe(200);
        spent += costs.run;
      }
    }
    expect(refused, 'the allowance ran out').not.toBeNull();
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThan(0);
    // What is left (with up to an hour's refill of one cell a second) pays for neither
    // default view.
    const left = burst - spent + 3600;
    expect(left).toBeLessThan(Math.min(costs.run, costs.tornado));
    // The default views still come: the run, the model's page, the tornado.
    expect((await request(app).get('/api/models/m/run')).status).toBe(200);
    expect((await request(app).get('/models/m')).status).toBe(200);
    expect((await request(app).get('/api/models/m/sensitivity')).status).toBe(200);
    // And the allowance is what it was: parameters are still refused.
    expect((await request(app).get('/api/models/m/run?seed=99')).status).toBe(429);
  });

  it('larger than one request may ask for is refused like any request (400), not computed for free', async () => {
    const tight = await appWith({ 'm.yaml': MODEL }, { budget: { burst: Math.floor(costs.run / 2), perSecond: 1 } });
    try {
      const r = await request(tight.web.app).get('/api/models/m/run');
      expect(r.status).toBe(400);
      expect(r.body.error).toMatch(/larger than one request may ask for/);
    } finally {
      await tight.close();
    }
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
