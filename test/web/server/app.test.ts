// The app's deployment behaviour: /healthz, the access log (request ids, no secrets), CORS on
// the read-only API only, and TRUST_PROXY for client addresses (rate limits) and Secure cookies
// behind a reverse proxy.

import { afterEach, describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { fixture, type Fixture } from '../helpers.ts';
import { createToken } from '../../../src/predictions/index.ts';

let f: Fixture | null = null;
afterEach(async () => {
  await f?.close();
  f = null;
});

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
}

describe('GET /healthz', () => {
  it('reports the models and the database, uncached', async () => {
    f = await fixture();
    const res = await request(f.web.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      status: 'ok',
      models: { ok: true, loaded: f.web.site.live.current().project.models.size, errors: 0 },
      database: { ok: true },
    });
  });

  it('is 503 when the database does not answer', async () => {
    f = await fixture();
    await f.web.site.track!.store.close();
    const res = await request(f.web.app).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'unavailable', database: { ok: false } });
  });
});

describe('the access log', () => {
  it('writes one JSON line per request with its id, and never the Authorization header', async () => {
    const { lines, logger } = capture();
    f = await fixture({ logger });
    const given = await request(f.web.app).get('/api/models').set('X-Request-Id', 'req-1');
    expect(given.headers['x-request-id']).toBe('req-1');
    const made = await request(f.web.app)
      .post('/api/predictions/1/forecasts')
      .set('Authorization', 'Bearer credence_secret')
      .send({ credence: 0.5 });
    expect(made.status).toBe(401);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await request(f.web.app).get('/api/models').set('X-Request-Id', 'no spaces allowed');
    expect(bad.headers['x-request-id']).not.toBe('no spaces allowed');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ req: { id: 'req-1', method: 'GET', url: '/api/models' }, res: { status: 200 } });
    expect(lines[1]).toMatchObject({ req: { id: made.headers['x-request-id'], method: 'POST' }, res: { status: 401 } });
    expect(JSON.stringify(lines)).not.toContain('credence_secret');
  });
});

describe('CORS', () => {
  it('lets any origin read the API, and no other origin write', async () => {
    f = await fixture();
    const read = await request(f.web.app).get('/api/models').set('Origin', 'https://elsewhere.example');
    expect(read.headers['access-control-allow-origin']).toBe('*');
    const preflight = await request(f.web.app)
      .options('/api/predictions/1/resolution')
      .set('Origin', 'https://elsewhere.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-methods']).toBe('GET,HEAD');
    // A page that computes nothing: the home page would run every model for this header.
    const page = await request(f.web.app).get('/sign-in').set('Origin', 'https://elsewhere.example');
    expect(page.status).toBe(200);
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('TRUST_PROXY', () => {
  // A clock that stands still: the requests share one window however long they take.
  const ONE_PER_WINDOW = { windowMs: 60_000, limit: 1, clock: () => Date.UTC(2026, 0, 1) };
  const computation = '/api/models/iterative-chain/run?samples=100&seed=';

  it('off: every visitor behind the proxy shares one rate-limit bucket, and the header is ignored quietly', async () => {
    const logged = vi.spyOn(console, 'error');
    try {
      f = await fixture({ rateLimit: ONE_PER_WINDOW });
      const a = await request(f.web.app).get(`${computation}1`).set('X-Forwarded-For', '203.0.113.1');
      const b = await request(f.web.app).get(`${computation}2`).set('X-Forwarded-For', '203.0.113.2');
      expect([a.status, b.status]).toEqual([200, 429]);
      const signIn = await request(f.web.app)
        .post('/sign-in')
        .set('X-Forwarded-For', '203.0.113.1')
        .type('form')
        .send({ token: 'wrong' });
      expect(signIn.status).toBe(401);
      // express-rate-limit's check for a forwarded address Express was told not to trust is off:
      // ignoring it is what TRUST_PROXY unset means.
      expect(JSON.stringify(logged.mock.calls.map((c) => c.map(String)))).not.toContain('X_FORWARDED_FOR');
    } finally {
      logged.mockRestore();
    }
  });

  it('on: each forwarded client has its own bucket, and cookies over forwarded HTTPS are Secure', async () => {
    f = await fixture({ rateLimit: ONE_PER_WINDOW, trustProxy: 'loopback' });
    const a = await request(f.web.app).get(`${computation}1`).set('X-Forwarded-For', '203.0.113.1');
    const b = await request(f.web.app).get(`${computation}2`).set('X-Forwarded-For', '203.0.113.2');
    const again = await request(f.web.app).get(`${computation}3`).set('X-Forwarded-For', '203.0.113.1');
    expect([a.status, b.status, again.status]).toEqual([200, 200, 429]);

    const made = await createToken(f.web.site.track!.store, 'rita', 'resolver');
    if (!made.ok) throw new Error(made.message);
    const signIn = await request(f.web.app)
      .post('/sign-in')
      .set('X-Forwarded-Proto', 'https')
      .type('form')
      .send({ token: made.token });
    expect(signIn.status).toBe(303);
    expect(String(signIn.headers['set-cookie'])).toMatch(/; Secure/);
  });
});
