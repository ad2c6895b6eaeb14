// `Idempotency-Key` on the API's writes: a retry of a forecast, a resolution or a reopening
// with the same key and body gets the first answer and records nothing more; another body with
// that key is 422; keys are bounded in length and belong to one token holder.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { fixture, type Fixture } from './helpers.ts';
import { createToken, predictionState, MAX_IDEMPOTENCY_KEY } from '../../src/predictions/index.ts';

let f: Fixture;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  f = await fixture();
  const store = f.web.site.track!.store;
  for (const [name, role] of [
    ['rita', 'resolver'],
    ['fred', 'forecaster'],
    ['fay', 'forecaster'],
  ] as const) {
    const t = await createToken(store, name, role);
    if (!t.ok) throw new Error(t.message);
    tokens[name] = t.token;
  }
});
afterAll(async () => {
  await f?.close();
});

const post = (url: string, who: string, body: object, key?: string) => {
  const req = request(f.web.app).post(url).set('Authorization', `Bearer ${tokens[who]}`);
  if (key !== undefined) req.set('Idempotency-Key', key);
  return req.send(body);
};
const state = (pid: string) => predictionState(f.web.site.track!.store, pid);

describe('Idempotency-Key', () => {
  it('answers a retried forecast with the first answer and records it once', async () => {
    const before = (await state('4')).forecasts.length;
    const first = await post('/api/predictions/4/forecasts', 'fred', { credence: 0.4 }, 'forecast-1');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await post('/api/predictions/4/forecasts', 'fred', { credence: 0.4 }, 'forecast-1');
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect((await state('4')).forecasts.length).toBe(before + 1);
    // Without a key, the same body is a new forecast, as before.
    expect((await post('/api/predictions/4/forecasts', 'fred', { credence: 0.4 })).status).toBe(201);
    expect((await state('4')).forecasts.length).toBe(before + 2);
  });

  it('refuses the same key for a different body (422) and writes nothing', async () => {
    await post('/api/predictions/4/forecasts', 'fred', { credence: 0.3 }, 'forecast-2');
    const count = (await state('4')).forecasts.length;
    const other = await post('/api/predictions/4/forecasts', 'fred', { credence: 0.35 }, 'forecast-2');
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency-conflict');
    expect(other.body.error).toContain('forecast-2');
    expect((await state('4')).forecasts.length).toBe(count);
  });

  it('keeps keys per token holder', async () => {
    const count = (await state('4')).forecasts.length;
    const fay = await post('/api/predictions/4/forecasts', 'fay', { credence: 0.6 }, 'forecast-1');
    expect(fay.status).toBe(201);
    expect(fay.body.forecaster).toBe('fay');
    expect((await state('4')).forecasts.length).toBe(count + 1);
  });

  it('replays a resolution and a reopening instead of answering the retry with a version conflict', async () => {
    const v = (await state('5')).version;
    const resolve = { outcome: 'no', note: 'did not happen', version: v };
    const first = await post('/api/predictions/5/resolution', 'rita', resolve, 'resolve-5');
    expect(first.status).toBe(201);
    const retry = await post('/api/predictions/5/resolution', 'rita', resolve, 'resolve-5');
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const reopen = { outcome: 'unresolved', note: 'reopened', version: v + 1 };
    const opened = await post('/api/predictions/5/resolution', 'rita', reopen, 'reopen-5');
    const again = await post('/api/predictions/5/resolution', 'rita', reopen, 'reopen-5');
    expect([opened.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(opened.body);
    expect((await state('5')).version).toBe(v + 2);
  });

  it('replays a refusal too: the answer to a key is the first one, whatever it was', async () => {
    const stale = { outcome: 'yes', note: 'n', version: 0 };
    await post('/api/predictions/3b/resolution', 'rita', { ...stale }, 'setup-3b');
    const first = await post('/api/predictions/3b/resolution', 'rita', stale, 'stale-3b');
    const retry = await post('/api/predictions/3b/resolution', 'rita', stale, 'stale-3b');
    expect(first.status).toBe(409);
    expect(retry.status).toBe(409);
    expect(retry.body).toEqual(first.body);
  });

  it(`takes keys up to ${MAX_IDEMPOTENCY_KEY} visible characters and refuses longer or empty ones (400)`, async () => {
    const longest = 'k'.repeat(MAX_IDEMPOTENCY_KEY);
    expect((await post('/api/predictions/4/forecasts', 'fred', { credence: 0.2 }, longest)).status).toBe(201);
    const count = (await state('4')).forecasts.length;
    for (const key of ['k'.repeat(MAX_IDEMPOTENCY_KEY + 1), '', 'a key with spaces']) {
      const res = await post('/api/predictions/4/forecasts', 'fred', { credence: 0.2 }, key);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid-request');
      expect(res.body.error).toMatch(/Idempotency-Key/);
    }
    expect((await state('4')).forecasts.length).toBe(count);
  });
});
