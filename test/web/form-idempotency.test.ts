// The browser's forecast, resolve and reopen forms write once however often they are sent:
// each rendering carries its own key, a second sending of it (one after the other, or both at
// once) goes where the first went and records nothing, a newly rendered form records again,
// a refused form can be corrected and sent with its key, and a form changed after it was sent
// is shown again with what was typed. These are plain form posts: the path without JavaScript.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { fixture, type Fixture } from './helpers.ts';
import { createToken, predictionState } from '../../src/predictions/index.ts';

let f: Fixture;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  f = await fixture();
  for (const [name, role] of [
    ['rita', 'resolver'],
    ['fred', 'forecaster'],
  ] as const) {
    const t = await createToken(f.web.site.track!.store, name, role);
    if (!t.ok) throw new Error(t.message);
    const res = await request(f.web.app).post('/sign-in').type('form').send({ token: t.token });
    const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    cookies[name] = set.find((c) => c.startsWith('credence_session='))!.split(';')[0]!;
  }
});
afterAll(async () => {
  await f?.close();
});

const field = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
const state = (pid: string) => predictionState(f.web.site.track!.store, pid);

/** The write page's CSRF token and form key, freshly rendered. */
async function form(who: string, pid: string) {
  const page = await request(f.web.app).get(`/predictions/${pid}/write`).set('Cookie', cookies[who]!);
  expect(page.status).toBe(200);
  return { csrf: field(page.text, 'csrf')!, key: field(page.text, 'key')! };
}

const post = (who: string, path: string, body: Record<string, string>) =>
  request(f.web.app).post(path).set('Cookie', cookies[who]!).type('form').send(body);

/** The review of a resolution: the confirming form's fields, with its own key. */
async function reviewed(pid: string, outcome: string, note: string) {
  const { csrf } = await form('rita', pid);
  const version = String((await state(pid)).version);
  const review = await post('rita', `/predictions/${pid}/resolution`, { csrf, outcome, note, version });
  expect(review.text).toContain('Review the resolution');
  return { csrf, outcome, note, version, confirm: '1', key: field(review.text, 'key')! };
}

describe('a forecast form sent twice', () => {
  it('records once when sent again after its answer, and again from a new rendering', async () => {
    const before = (await state('4')).forecasts.length;
    const { csrf, key } = await form('fred', '4');
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const first = await post('fred', '/predictions/4/forecasts', { csrf, key, percent: '40' });
    const again = await post('fred', '/predictions/4/forecasts', { csrf, key, percent: '40' });
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.location).toBe('/predictions/4');
    expect((await state('4')).forecasts.length).toBe(before + 1);

    const next = await form('fred', '4');
    expect(next.key).not.toBe(key);
    expect((await post('fred', '/predictions/4/forecasts', { ...next, percent: '40' })).status).toBe(303);
    const forecasts = (await state('4')).forecasts;
    expect(forecasts.length).toBe(before + 2);
    expect(forecasts.slice(-2).map((x) => x.credence)).toEqual([0.4, 0.4]);
  });

  it('records once when both sendings arrive together, and both go to the prediction', async () => {
    const before = (await state('4')).forecasts.length;
    const body = { ...(await form('fred', '4')), percent: '55' };
    const both = await Promise.all([1, 2].map(() => post('fred', '/predictions/4/forecasts', body)));
    expect(both.map((r) => [r.status, r.headers.location])).toEqual([
      [303, '/predictions/4'],
      [303, '/predictions/4'],
    ]);
    expect((await state('4')).forecasts.length).toBe(before + 1);
  });

  it('lets a refused form be corrected and sent with its key, and shows a changed one again', async () => {
    const before = (await state('4')).forecasts.length;
    const { csrf, key } = await form('fred', '4');
    const refused = await post('fred', '/predictions/4/forecasts', { csrf, key, percent: '150' });
    expect(refused.status).toBe(400);
    const corrected = await post('fred', '/predictions/4/forecasts', { csrf, key, percent: '15' });
    expect(corrected.status).toBe(303);
    expect((await state('4')).forecasts.length).toBe(before + 1);

    const changed = await post('fred', '/predictions/4/forecasts', { csrf, key, percent: '25', note: 'second' });
    expect(changed.status).toBe(409);
    expect(changed.text).toContain('already sent with other values');
    expect(/name="percent"[^>]*value="([^"]*)"/.exec(changed.text)?.[1]).toBe('25');
    expect(changed.text).toContain('>second</textarea>');
    const renewed = field(changed.text, 'key')!;
    expect(renewed).not.toBe(key);
    expect((await state('4')).forecasts.length).toBe(before + 1);
    expect((await post('fred', '/predictions/4/forecasts', { csrf, key: renewed, percent: '25' })).status).toBe(303);
    expect((await state('4')).forecasts.length).toBe(before + 2);
  });

  it('refuses a key that is not one the server could have written, recording nothing', async () => {
    const before = (await state('4')).forecasts.length;
    const { csrf } = await form('fred', '4');
    const res = await post('fred', '/predictions/4/forecasts', { csrf, key: 'a key with spaces', percent: '30' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('key is not valid');
    expect((await state('4')).forecasts.length).toBe(before);
  });
});

describe('a resolution form sent twice', () => {
  it('resolves once, and the second sending goes to the recorded resolution, not a conflict', async () => {
    const v = (await state('5')).version;
    const confirm = await reviewed('5', 'no', 'did not happen');
    const first = await post('rita', '/predictions/5/resolution', confirm);
    const again = await post('rita', '/predictions/5/resolution', confirm);
    expect([first.status, again.status]).toEqual([303, 303]);
    expect(again.headers.location).toBe(`/predictions/5?resolved=${v + 1}`);
    expect(first.headers.location).toBe(again.headers.location);
    const after = await state('5');
    expect([after.version, after.status]).toEqual([v + 1, 'no']);
    // The same confirmation from another rendering is what the version guards: a conflict.
    const other = await post('rita', '/predictions/5/resolution', { ...confirm, key: randomUUID() });
    expect(other.status).toBe(409);
    expect((await state('5')).version).toBe(v + 1);
  });

  it('reopens once when both sendings arrive together', async () => {
    const v = (await state('5')).version;
    expect((await state('5')).status).not.toBe('open');
    const confirm = await reviewed('5', 'unresolved', 'reopened: the report was withdrawn');
    const both = await Promise.all([1, 2].map(() => post('rita', '/predictions/5/resolution', confirm)));
    expect(both.map((r) => [r.status, r.headers.location])).toEqual([
      [303, `/predictions/5?resolved=${v + 1}`],
      [303, `/predictions/5?resolved=${v + 1}`],
    ]);
    const after = await state('5');
    expect([after.version, after.status]).toEqual([v + 1, 'open']);
  });
});
