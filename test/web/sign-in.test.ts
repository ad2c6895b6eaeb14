// Writing from the browser: signing in with a token (cookie flags), the CSRF token on every
// form that changes something (missing or wrong: 403), role checks, signing out, and the
// rate limit on failed sign-in attempts.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { fixture, type Fixture } from './helpers.ts';
import { randomBytes } from 'node:crypto';
import { createToken, tokenId, TOKEN_LOCK } from '../../src/predictions/index.ts';

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

/** Sign in and return the session cookie ("name=value"). */
async function signedIn(token: string): Promise<string> {
  const res = await request(f.web.app).post('/sign-in').type('form').send({ token, next: '/predictions/5/write' });
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/predictions/5/write');
  const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = set.find((c) => c.startsWith('credence_session='))!;
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Strict/i);
  expect(cookie).not.toMatch(/Secure/i); // plain HTTP in the test
  return cookie.split(';')[0]!;
}

const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;

describe('sign-in', () => {
  it('is linked from every page of a site with a track record', async () => {
    for (const path of ['/predictions', '/sign-in']) {
      const page = await request(f.web.app).get(path);
      expect(page.text).toContain('<a href="/sign-in">Sign in</a>');
    }
  });

  it('shows the form and refuses a wrong token with 401', async () => {
    const form = await request(f.web.app).get('/sign-in');
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="token"');
    const bad = await request(f.web.app).post('/sign-in').type('form').send({ token: 'nope' });
    expect(bad.status).toBe(401);
    expect(bad.headers['set-cookie']).toBeUndefined();
  });

  it('never redirects off the site after signing in', async () => {
    const res = await request(f.web.app)
      .post('/sign-in')
      .type('form')
      .send({ token: resolver, next: '//evil.example/' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/predictions');
  });

  it('sends the write page to sign-in without a session', async () => {
    const res = await request(f.web.app).get('/predictions/5/write');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/sign-in\?next=/);
    expect((await request(f.web.app).get('/predictions/nope/write')).status).toBe(404);
    expect((await request(f.web.app).get('/predictions/5')).text).toContain('href="/predictions/5/write"');
  });
});

describe('forms with a CSRF token', () => {
  it('records a forecast only with the session’s CSRF token', async () => {
    const cookie = await signedIn(forecaster);
    const page = await request(f.web.app).get('/predictions/5/write').set('Cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const csrf = csrfOf(page.text);

    const missing = await request(f.web.app)
      .post('/predictions/5/forecasts')
      .set('Cookie', cookie)
      .type('form')
      .send({ credence: '0.3' });
    expect(missing.status).toBe(403);
    const wrong = await request(f.web.app)
      .post('/predictions/5/forecasts')
      .set('Cookie', cookie)
      .type('form')
      .send({ credence: '0.3', csrf: csrf.slice(1) + 'x' });
    expect(wrong.status).toBe(403);
    const noSession = await request(f.web.app)
      .post('/predictions/5/forecasts')
      .type('form')
      .send({ credence: '0.3', csrf });
    expect(noSession.status).toBe(401);

    const bad = await request(f.web.app)
      .post('/predictions/5/forecasts')
      .set('Cookie', cookie)
      .type('form')
      .send({ credence: '2', csrf });
    expect(bad.status).toBe(400);
    const ok = await request(f.web.app)
      .post('/predictions/5/forecasts')
      .set('Cookie', cookie)
      .type('form')
      .send({ credence: '0.3', csrf });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/predictions/5');
    const one = await request(f.web.app).get('/api/predictions/5');
    expect(JSON.stringify(one.body.forecasts ?? one.body)).toContain('fred');
  });

  it('refuses a resolution from a forecaster (403) and records one from a resolver', async () => {
    const fc = await signedIn(forecaster);
    const fpage = await request(f.web.app).get('/predictions/5/write').set('Cookie', fc);
    const wrongRole = await request(f.web.app)
      .post('/predictions/5/resolution')
      .set('Cookie', fc)
      .type('form')
      .send({ outcome: 'no', note: 'x', version: '0', csrf: csrfOf(fpage.text) });
    expect(wrongRole.status).toBe(403);

    const rc = await signedIn(resolver);
    const page = await request(f.web.app).get('/predictions/6/write').set('Cookie', rc);
    const csrf = csrfOf(page.text);
    const version = /name="version" value="(\d+)"/.exec(page.text)![1]!;
    const noCsrf = await request(f.web.app)
      .post('/predictions/6/resolution')
      .set('Cookie', rc)
      .type('form')
      .send({ outcome: 'no', note: 'x', version });
    expect(noCsrf.status).toBe(403);
    const ok = await request(f.web.app)
      .post('/predictions/6/resolution')
      .set('Cookie', rc)
      .type('form')
      .send({ outcome: 'no', note: 'did not happen', version, evidenceUrl: '', csrf });
    // The first submission is reviewed: the shift it causes, and a confirmation to send.
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Review the resolution');
    expect(ok.text).toContain('name="confirm" value="1"');
    expect((await request(f.web.app).get('/api/predictions/6')).body.status).toBe('open');
    const confirmed = await request(f.web.app)
      .post('/predictions/6/resolution')
      .set('Cookie', rc)
      .type('form')
      .send({ outcome: 'no', note: 'did not happen', version, evidenceUrl: '', csrf, confirm: '1' });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe('/predictions/6?resolved=1');
    const stale = await request(f.web.app)
      .post('/predictions/6/resolution')
      .set('Cookie', rc)
      .type('form')
      .send({ outcome: 'yes', note: 'again', version, csrf, confirm: '1' });
    expect(stale.status).toBe(409);
    const state = await request(f.web.app).get('/api/predictions/6');
    expect(state.body.status).toBe('no');
  });

  it('signs out only with the CSRF token, and the session then ends', async () => {
    const cookie = await signedIn(resolver);
    const page = await request(f.web.app).get('/sign-in').set('Cookie', cookie);
    const csrf = csrfOf(page.text);
    expect((await request(f.web.app).post('/sign-out').set('Cookie', cookie).type('form').send({})).status).toBe(403);
    const out = await request(f.web.app).post('/sign-out').set('Cookie', cookie).type('form').send({ csrf });
    expect(out.status).toBe(303);
    const after = await request(f.web.app).get('/predictions/5/write').set('Cookie', cookie);
    expect(after.status).toBe(303);
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 after ten failed attempts from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (
          await request(f.web.app)
            .post('/sign-in')
            .type('form')
            .send({ token: `wrong-${i}` })
        ).status,
      );
    expect(statuses.slice(0, 9).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('sign-in attempts per token id', () => {
  const signIn = (token: string) => request(f.web.app).post('/sign-in').type('form').send({ token });
  const otherSecret = (token: string) => `crd_${tokenId(token)}_${randomBytes(32).toString('base64url')}`;

  it('lets a valid token sign in from an address whose guesses are refused', async () => {
    // The address has made more failed guesses than its limit (the test above): guesses without a
    // known id are refused, a token with its id is not.
    expect((await signIn('another-guess')).status).toBe(429);
    expect((await signIn(resolver)).status).toBe(303);
  });

  it(`locks one token after ${TOKEN_LOCK.failures} wrong secrets for its id, on the page and in the API`, async () => {
    const made = await createToken(f.web.site.track!.store, 'gus', 'forecaster');
    if (!made.ok) throw new Error(made.message);
    const statuses: number[] = [];
    for (let i = 0; i < TOKEN_LOCK.failures; i++) statuses.push((await signIn(otherSecret(made.token))).status);
    expect(statuses).toEqual(Array<number>(TOKEN_LOCK.failures).fill(401));
    const locked = await signIn(made.token);
    expect(locked.status).toBe(429);
    expect(locked.text).toMatch(/locked for \d+ more minutes?/);
    const retry = Number(locked.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(TOKEN_LOCK.windowMs / 1000);
    const api = await request(f.web.app)
      .post('/api/predictions/4/forecasts')
      .set('Authorization', `Bearer ${made.token}`)
      .send({ credence: 0.4 });
    expect(api.status).toBe(429);
    expect(api.body.code).toBe('locked');
    // Other tokens are not affected.
    expect((await signIn(forecaster)).status).toBe(303);
  });
});
