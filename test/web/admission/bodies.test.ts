// Large bodies: streamed and gzipped as they go (the bytes decompress to the plain body, and the
// compressed copy is kept for the next request), charged to the client like a computation, and a
// CSV of more samples than it may hold refused with the parameter named.

import { describe, it, expect, afterAll } from 'vitest';
import request from 'supertest';
import { fixture, type Fixture } from '../helpers.ts';
import { CSV_MAX_SAMPLES } from '../../../src/web/routes/analysis-routes.ts';
import { jobCost } from '../../../src/web/admission/cost.ts';
import { parseRequest, NOTHING_OUTSIDE } from '../../../src/analysis/registry/index.ts';
import { WEB_LIMITS } from '../../../src/web/query.ts';

const fixtures: Fixture[] = [];
afterAll(() => Promise.all(fixtures.map((f) => f.close())));

/** One app with no allowance (the fixture's default) for the tests that do not spend one. */
let unlimitedApp: Promise<Fixture> | null = null;
const unlimited = () => (unlimitedApp ??= fixture({ budget: false }).then((f) => (fixtures.push(f), f)));

const URL_150K = '/api/models/iterative-chain/samples.csv?samples=150000&seed=4';

/** The raw bytes of a response, not decompressed. */
const raw = (app: Fixture['web']['app'], url: string, gzip: boolean) =>
  request(app)
    .get(url)
    .set('Accept-Encoding', gzip ? 'gzip' : 'identity')
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
// supertest would otherwise decompress gzip itself.

describe('a large CSV', () => {
  it('goes out gzipped in a stream whose bytes are the plain body, the same bytes again from the cache', async () => {
    const f = await unlimited();
    const plain = await raw(f.web.app, URL_150K, false);
    expect(plain.status).toBe(200);
    const text = (plain.body as Buffer).toString('utf8');
    const rows = text.trimEnd().split('\n');
    expect(rows[0]).toBe('sample,p_success');
    expect(rows.length).toBe(150_001);
    const a = await request(f.web.app).get(URL_150K).set('Accept-Encoding', 'gzip').buffer(true);
    expect(a.headers['content-encoding']).toBe('gzip');
    expect(a.headers['content-length']).toBeUndefined();
    expect(a.text).toBe(text);
    const b = await request(f.web.app).get(URL_150K).set('Accept-Encoding', 'gzip').buffer(true);
    expect(b.text).toBe(text);
    expect(b.headers.etag).toBe(a.headers.etag);
    const again = await request(f.web.app)
      .get(URL_150K)
      .set('If-None-Match', a.headers.etag!)
      .set('Accept-Encoding', 'gzip');
    expect(again.status).toBe(304);
  });

  it(`is refused above ${CSV_MAX_SAMPLES.toLocaleString('en-US')} samples with a 400 naming the parameter`, async () => {
    const f = await unlimited();
    const r = await request(f.web.app).get(`/api/models/iterative-chain/samples.csv?samples=${CSV_MAX_SAMPLES + 1}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/^samples: samples\.csv gives at most 200,000 samples/);
  });

  it('is charged to the client when sent again from the cache: 429 with Retry-After once its allowance is spent', async () => {
    // The allowance covers the computation and two and a half sends of the body.
    const probe = await unlimited();
    const bytes = (await raw(probe.web.app, URL_150K, false)).body.length as number;
    const parsed = parseRequest('samples', { model: 'iterative-chain', samples: 150_000, seed: 4 }, WEB_LIMITS);
    if (!parsed.ok) throw new Error(parsed.message);
    const cost = jobCost(probe.web.site.live.current().project, {
      analysis: 'samples',
      request: parsed.value,
      outside: NOTHING_OUTSIDE,
    });
    const f = await fixture({ budget: { burst: cost + 2.5 * bytes, perSecond: 1 } });
    fixtures.push(f);
    expect((await request(f.web.app).get(URL_150K)).status).toBe(200);
    expect((await request(f.web.app).get(URL_150K)).status).toBe(200);
    const third = await request(f.web.app).get(URL_150K);
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(third.body.error).toMatch(/large downloads/);
    // Small answers still come.
    expect((await request(f.web.app).get('/api/models')).status).toBe(200);
  });
});
