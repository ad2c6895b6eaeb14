// Writing to the track record over the API: token checks (401/403), bad bodies (400), unknown
// predictions (404), stale versions (409 with the current version), recorded events (201), and
// a yes resolution showing at once in its linked model's posterior.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { fixture, type Fixture } from './helpers.ts';
import { createToken } from '../../src/predictions/index.ts';

let f: Fixture;
let resolver: string;
let forecaster: string;

beforeAll(async () => {
  f = await fixture();
  const db = f.web.site.track!.store;
  const r = await createToken(db, 'rita', 'resolver');
  const c = await createToken(db, 'fred', 'forecaster');
  if (!r.ok || !c.ok) throw new Error('could not create tokens');
  resolver = r.token;
  forecaster = c.token;
});
afterAll(async () => {
  await f?.close();
});

const post = (url: string, token: string | null, body: unknown) => {
  const req = request(f.web.app).post(url);
  if (token) req.set('Authorization', `Bearer ${token}`);
  return req.send(body as object);
};

describe('POST /api/predictions/:id/resolution', () => {
  it('is 401 without a token or with an unknown one', async () => {
    const none = await post('/api/predictions/3a/resolution', null, { outcome: 'no', note: 'x', version: 0 });
    expect(none.status).toBe(401);
    expect(none.body.error).toMatch(/token/);
    expect(none.body.code).toBe('unauthorized');
    expect(none.headers['www-authenticate']).toMatch(/Bearer/);
    expect(
      (await post('/api/predictions/3a/resolution', 'not-a-token', { outcome: 'no', note: 'x', version: 0 })).status,
    ).toBe(401);
    const malformed = await request(f.web.app)
      .post('/api/predictions/3a/resolution')
      .set('Authorization', 'Basic abc')
      .send({ outcome: 'no', note: 'x', version: 0 });
    expect(malformed.status).toBe(401);
  });

  it('is 403 for a forecaster token', async () => {
    const res = await post('/api/predictions/3a/resolution', forecaster, { outcome: 'no', note: 'x', version: 0 });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/resolver/);
    expect(res.body.code).toBe('forbidden');
  });

  it('is 400 with a message for a bad body', async () => {
    const bad = await post('/api/predictions/3a/resolution', resolver, { outcome: 'maybe', note: 'x', version: 0 });
    expect(bad.status).toBe(400);
    expect(typeof bad.body.error).toBe('string');
    expect(bad.body.code).toBe('invalid-request');
    expect(bad.body.error.length).toBeGreaterThan(0);
    const malformed = await request(f.web.app)
      .post('/api/predictions/3a/resolution')
      .set('Authorization', `Bearer ${resolver}`)
      .set('Content-Type', 'application/json')
      .send('{"outcome":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBeTruthy();
    const text = await request(f.web.app)
      .post('/api/predictions/3a/resolution')
      .set('Authorization', `Bearer ${resolver}`)
      .set('Content-Type', 'text/plain')
      .send('outcome=no');
    expect(text.status).toBe(400);
  });

  it('refuses a body over 16 kB', async () => {
    const res = await post('/api/predictions/3a/resolution', resolver, {
      outcome: 'no',
      note: 'x'.repeat(20_000),
      version: 0,
    });
    expect(res.status).toBe(413);
  });

  it('is 404 for an unknown prediction', async () => {
    const res = await post('/api/predictions/nope/resolution', resolver, { outcome: 'no', note: 'x', version: 0 });
    expect(res.status).toBe(404);
    expect(res.body.error).toBeTruthy();
    expect(res.body.code).toBe('not-found');
  });

  it('records a resolution (201) and answers a stale version with 409 and the current version', async () => {
    const before = await request(f.web.app).get('/api/predictions/3a');
    const version = before.body.version as number;
    const ok = await post('/api/predictions/3a/resolution', resolver, {
      outcome: 'no',
      note: 'the experiment found the opposite',
      evidenceUrl: 'https://example.org/paper',
      version,
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      predictionId: '3a',
      outcome: 'no',
      actor: 'rita',
      via: 'api',
      evidenceUrl: 'https://example.org/paper',
    });
    expect(ok.body.version).toBeGreaterThan(version);

    const stale = await post('/api/predictions/3a/resolution', resolver, {
      outcome: 'yes',
      note: 'a second look',
      version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(ok.body.version);
    expect(stale.body.error).toBeTruthy();
    expect(stale.body.code).toBe('version-conflict');

    const after = await request(f.web.app).get('/api/predictions/3a');
    expect(after.body.version).toBe(ok.body.version);
  });
});

describe('POST /api/predictions/:id/forecasts', () => {
  it('is 401 without a token and 403 for a resolver token', async () => {
    expect((await post('/api/predictions/4/forecasts', null, { credence: 0.4 })).status).toBe(401);
    expect((await post('/api/predictions/4/forecasts', resolver, { credence: 0.4 })).status).toBe(403);
  });

  it('is 400 for a credence outside (0, 1) and 404 for an unknown prediction', async () => {
    const bad = await post('/api/predictions/4/forecasts', forecaster, { credence: 1.5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBeTruthy();
    expect(bad.body.code).toBe('invalid-request');
    expect((await post('/api/predictions/nope/forecasts', forecaster, { credence: 0.4 })).status).toBe(404);
  });

  it('records a forecast (201) that shows in the prediction', async () => {
    const res = await post('/api/predictions/4/forecasts', forecaster, { credence: 0.4 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ predictionId: '4', forecaster: 'fred', credence: 0.4, via: 'api' });
    const one = await request(f.web.app).get('/api/predictions/4');
    expect(JSON.stringify(one.body)).toContain('fred');
  });
});

describe('a resolution as evidence', () => {
  it('changes the linked model’s posterior and effective sample size at once', async () => {
    const url = '/api/models/speed-costs/run?samples=2000&seed=5';
    const before = await request(f.web.app).get(url);
    expect(before.status).toBe(200);
    const version = (await request(f.web.app).get('/api/predictions/1')).body.version as number;
    const res = await post('/api/predictions/1/resolution', resolver, {
      outcome: 'yes',
      note: 'the initialization survived',
      version,
    });
    expect(res.status).toBe(201);
    const after = await request(f.web.app).get(url);
    expect(after.status).toBe(200);
    expect(after.body.posterior).not.toBeNull();
    expect(after.body.ess).not.toEqual(before.body.ess);
    expect(after.body.posterior).not.toEqual(before.body.posterior);
  });
});
