// A track-record database that fails while the server runs (here: its connection closed under
// the running app, so every query throws) leaves models, charts and analyses serving, with the
// server's own rate limit on as it is by default (its counts live in that database); predictions
// pages and the predictions API say what failed, a signed-in visitor's pages still render, and
// what needs the database (a form, signing in) is a 503 with its sentence, not a 500.

import { describe, it, expect, afterAll, beforeAll, vi } from 'vitest';
import request from 'supertest';
import { fixture, type Fixture } from './helpers.ts';
import { createToken } from '../../src/predictions/index.ts';

let f: Fixture;
let cookie: string;
const RUN = '/api/models/p-scheming/run?samples=4000';

beforeAll(async () => {
  f = await fixture({ rateLimit: { windowMs: 60_000, limit: 10_000 } });
  const t = await createToken(f.web.site.track!.store, 'fred', 'forecaster');
  if (!t.ok) throw new Error(t.message);
  const res = await request(f.web.app).post('/sign-in').type('form').send({ token: t.token });
  cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('credence_session='))!;
  cookie = cookie.split(';')[0]!;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await f?.close().catch(() => undefined);
});

type Nodes = Record<string, { mean: number; sd: number }>;

describe('a track-record database that fails at run time', () => {
  it('leaves runs, charts and model pages serving; predictions answer with the database error', async () => {
    const app = f.web.app;
    const before = await request(app).get(`${RUN}&seed=1`);
    expect(before.status).toBe(200);
    expect(before.headers['ratelimit-policy']).toBeDefined();

    vi.spyOn(console, 'error').mockImplementation(() => {});
    f.web.site.track!.store.sqlite!.close();

    // Computed now (another seed: nothing cached), through the rate limit whose counts are gone.
    const after = await request(app).get(`${RUN}&seed=2`);
    expect(after.status, after.text).toBe(200);
    const n = 4000;
    const [x, y] = [before.body.nodes as Nodes, after.body.nodes as Nodes];
    expect(Object.keys(y)).toEqual(Object.keys(x));
    // The output, a probability, from two independent runs of n samples (its prior, unweighted):
    // the means are within 5 standard errors of their difference.
    const [a, b] = [x[before.body.output]!, y[after.body.output]!];
    expect(Math.abs(b.mean - a.mean)).toBeLessThanOrEqual((5 * Math.hypot(a.sd, b.sd)) / Math.sqrt(n));
    expect((await request(app).get(`${RUN}&seed=1`)).body.nodes).toEqual(before.body.nodes);
    expect((await request(app).get('/charts/speed-costs/distribution.svg?samples=1000&seed=3')).status).toBe(200);
    for (const headers of [{}, { Cookie: cookie }]) {
      const page = await request(app).get('/models/speed-costs?samples=1000&seed=4').set(headers);
      expect(page.status).toBe(200);
      expect(page.text).toContain('id="headline"');
      expect(page.text).toContain('The track record cannot be read just now.');
    }
    const predictions = await request(app).get('/predictions');
    expect(predictions.text).toContain('The track record cannot be read just now.');
    const api = await request(app).get('/api/predictions');
    expect([api.status, api.body.code]).toEqual([503, 'database']);
    // A form that needs the database: the same sentence, a 503 worth retrying, not a 500.
    const write = await request(app).post('/predictions/4/forecasts').set('Cookie', cookie).type('form').send({});
    expect(write.status).toBe(503);
    expect(write.headers['retry-after']).toBe('5');
    expect(write.text).toMatch(/error-page__message">the track record cannot be read just now \(.*not open/);
    // Signing in needs the database too: the form shows, sending it is the same 503.
    expect((await request(app).get('/sign-in')).status).toBe(200);
    const signIn = await request(app).post('/sign-in').type('form').send({ token: 'crd_0123456789abcdef_x' });
    expect([signIn.status, signIn.headers['retry-after']]).toEqual([503, '5']);
  });
});
