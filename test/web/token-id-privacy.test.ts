// A token's id part (crd_<id>_<secret>) is not secret, but whoever knows it can lock its holder
// out for a while (five wrong secrets), so it must never be shown to anyone but the holder and
// the administrator: not on pages, API answers, exports, error answers or log lines. This test
// uses the tokens in every way a visitor and a holder can (writes, sign-in, wrong secrets, a
// lockout) and scans everything a non-administrator can read afterwards for the ids.

import { describe, it, expect, afterAll } from 'vitest';
import request from 'supertest';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { fixture, type Fixture } from './helpers.ts';
import { createToken, tokenId, TOKEN_LOCK } from '../../src/predictions/index.ts';
import { main } from '../../src/main/credence.ts';

let f: Fixture | undefined;
afterAll(async () => {
  await f?.close();
});

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, stream) };
}

const PAGES = [
  '/predictions',
  '/predictions/1',
  '/predictions/4',
  '/forecasters/fred',
  '/api/predictions',
  '/api/predictions/1',
  '/api/predictions/4',
  '/api/predictions/4/credence',
  '/api/track-record',
  '/api/track-record.csv',
];

describe('token ids', () => {
  it('appear in no page, API answer, export, error answer or log line', async () => {
    const { lines, logger } = capture();
    f = await fixture({ logger });
    const app = f.web.app;
    const made = await Promise.all(
      (
        [
          ['rita', 'resolver'],
          ['fred', 'forecaster'],
          ['gus', 'forecaster'],
        ] as const
      ).map(([name, role]) => createToken(f!.web.site.track!.store, name, role)),
    );
    const [rita, fred, gus] = made.map((m) => (m.ok ? m.token : ''));
    const ids = [rita!, fred!, gus!].map((t) => tokenId(t)!);
    expect(ids.every((id) => /^[0-9a-f]{16}$/.test(id))).toBe(true);
    const wrong = (t: string) => `crd_${tokenId(t)}_${randomBytes(32).toString('base64url')}`;
    const seen: string[] = [];
    const keep = (res: request.Response) => {
      seen.push(JSON.stringify(res.headers), res.text ?? '');
      return res;
    };
    const api = (url: string, token: string, body: object) =>
      request(app).post(url).set('Authorization', `Bearer ${token}`).send(body).then(keep);
    const signIn = (token: string) => request(app).post('/sign-in').type('form').send({ token }).then(keep);

    expect((await api('/api/predictions/4/forecasts', fred!, { credence: 0.4, note: 'mine' })).status).toBe(201);
    const v = (await request(app).get('/api/predictions/1')).body.version as number;
    expect((await api('/api/predictions/1/resolution', rita!, { outcome: 'no', note: 'n', version: v })).status).toBe(
      201,
    );
    expect((await api('/api/predictions/4/forecasts', wrong(fred!), { credence: 0.5 })).status).toBe(401);
    expect((await signIn(fred!)).status).toBe(303);
    expect((await signIn(wrong(fred!))).status).toBe(401);
    for (let i = 0; i < TOKEN_LOCK.failures; i++) await signIn(wrong(gus!));
    expect((await signIn(gus!)).status).toBe(429);
    expect((await api('/api/predictions/4/forecasts', gus!, { credence: 0.3 })).status).toBe(429);
    for (const url of PAGES) expect((await request(app).get(url).then(keep)).status, url).toBe(200);

    const outs: string[] = [];
    const io = {
      out: (s: string) => outs.push(s),
      err: (s: string) => outs.push(s),
      modelsDir: f.modelsDir,
      dbPath: f.dbPath,
      dbNamed: true,
    };
    for (const argv of [
      ['predictions', '--json'],
      ['predictions', '--csv'],
      ['export', '--predictions', '--to', 'fatebook'],
      ['token', 'list', '--json'],
    ])
      expect(await main(argv, io), argv.join(' ')).toBe(0);

    const everything = [...seen, ...lines, ...outs].join('\n');
    expect(everything).toContain('fred'); // the scan sees the writes
    for (const id of ids) expect(everything).not.toContain(id);
  });
});
