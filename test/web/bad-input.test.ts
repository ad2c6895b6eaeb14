// Bad input gets a clear answer and loses nothing. Requests: an invalid what-if stays in its field
// with the CLI's message, bad parameters are 400s naming the parameter, traversal attempts and
// unknown paths are 404s, every API error carries a code, a failure is a short 500 with no stack
// trace, computations beyond a client's rate are 429s until the window ends. Model files: an
// edit shows on the next request, and a broken file's last good version keeps serving (with the
// models importing it) behind a banner naming the file.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { fixture, cli, editModel, escapeHtml, type Fixture } from './helpers.ts';

const FAST = 'samples=2000';
let f: Fixture;

beforeAll(async () => {
  f = await fixture();
});
afterAll(async () => {
  await f?.close();
});

const get = (url: string) => request(f.web.app).get(url);

describe('pages', () => {
  it("keeps an invalid what-if expression in its field with the CLI's message beside it, in the field's terms", async () => {
    const text = 'beta(2,';
    const res = await get(`/models/iterative-chain?set.p_step=${encodeURIComponent(text)}&${FAST}`);
    expect(res.status).toBe(400);
    const { err, code } = await cli(
      ['run', 'iterative-chain', '--set', `p_step=${text}`, '--samples', '100'],
      f.modelsDir,
    );
    expect(code).toBe(2);
    const [, col, message] = /^--set p_step:(\d+): (.*)$/.exec(err[0]!)!;
    // The CLI counts the columns of `p_step=`; beside the field, the column is in what was typed.
    const at = Number(col) - 'p_step='.length;
    expect(at).toBe(text.length + 1);
    expect(res.text).toContain(
      `<div class="field-error" id="err-p_step" role="alert"><code>${escapeHtml(`At character ${at}: ${message}`)}</code></div>`,
    );
    expect(res.text).toContain(`name="set.p_step" value="${escapeHtml(text)}"`);
  });

  it('answers a bad page parameter with a message naming it, keeping the form', async () => {
    const res = await get('/models/iterative-chain?samples=-5');
    expect(res.status).toBe(400);
    expect(res.text).toContain('samples must be from 1 to 1,000,000');
    expect(res.text).toContain('name="set.p_step"');
  });

  it.each([
    '/models/..%2Fpackage',
    '/models/%2e%2e',
    '/models/..',
    '/models/..%2F..%2Fetc%2Fpasswd',
    '/models/nope',
    '/models/predictions',
    '/models/.hidden',
    '/models/iterative-chain.yml',
    '/models/predictions.yaml',
    '/models/..%2Fpackage.yaml',
    '/models/.hidden.yaml',
    '/models/nope/file',
    '/models/nope/edit',
    '/models/..%2Fmodels%2Fiterative-chain',
  ])('rejects %s with 404', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(res.text).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it('answers every API error with a code to branch on: the problem’s own, else the refusal’s kind', async () => {
    const route = await get('/api/no-such-route');
    expect([route.status, route.body.code]).toEqual([404, 'not-found']);
    const model = await get('/api/models/no-such-model/run');
    expect([model.status, model.body.code]).toEqual([404, 'not-found']);
    const bad = await get('/api/models/iterative-chain/run?samples=-5');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid-request');
  });

  it('has a 404 page for unknown paths and never leaks a stack trace on errors', async () => {
    const res = await get('/no/such/page');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Not found');
    const bad = await get('/models/%E0%A4%A');
    expect(bad.status).toBeLessThan(500);
    expect(bad.text).not.toMatch(/Error:|\bat .+:\d+:\d+/);
  });

  it('answers an unexpected failure with a short 500, no stack trace', async () => {
    const orig = f.web.site.results.get.bind(f.web.site.results);
    f.web.site.results.get = () => Promise.reject(new Error('secret internal detail'));
    const errors: unknown[] = [];
    const log = console.error;
    console.error = (...a: unknown[]) => errors.push(a);
    try {
      const api = await get('/api/models/iterative-chain/run?samples=1234');
      expect(api.status).toBe(500);
      expect(api.body.error).toMatch(/something went wrong/);
      expect(api.body.code).toBe('internal');
      expect(api.text).not.toContain('secret');
      const page = await get('/models/iterative-chain/panels/summary?samples=1234');
      expect(page.status).toBe(500);
      expect(page.text).not.toContain('secret');
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      f.web.site.results.get = orig;
      console.error = log;
    }
  });
});

describe('API', () => {
  it.each([
    ['samples=0', /^samples must be from 1 to 1,000,000$/],
    ['samples=1000001', /^samples must be from 1 to 1,000,000$/],
    ['samples=abc', /^samples must be a number$/],
    ['samples=1.5', /^samples must be a whole number$/],
    ['seed=0.5', /^seed must be a whole number$/],
    ['sampler=halton', /^sampler must be 'mc', 'lhs' or 'sobol'$/],
    ['scenario=nope', /has no scenario 'nope'/],
    ['evidence=nope', /has no evidence named 'nope'/],
    ['colour=red', /^colour: unknown parameter/],
    ['set.p_step=beta(2,', /^--set p_step:\d+: /],
    ['set.p_step=evaluate(1)', /^--set p_step:\d+: .*evaluate/],
    ['set.nope=1', /'nope' is not an input/],
  ])('/run?%s is a 400 naming the parameter', async (q, message) => {
    const res = await get(`/api/models/iterative-chain/run?${q}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it.each([
    ['/api/models/iterative-chain/sensitivity?method=bogus', /^method must be one of/],
    ['/api/models/iterative-chain/sensitivity?method=tornado&inputs=nope&samples=100', /nope/],
    ['/api/models/iterative-chain/sensitivity?method=threshold&threshold=x', /^threshold must be a number$/],
    ['/api/models/iterative-chain/crux?from=nope', /has no scenario 'nope'/],
    ['/api/models/iterative-chain/distribution?node=nope&samples=10', /no quantity 'nope'/],
  ])('%s is a 400 with a message', async (url, message) => {
    const res = await get(url);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(message);
  });

  it.each([
    '/api/models/%2e%2e/run',
    '/api/models/..%2Fpackage/run',
    '/api/models/..%2F..%2Fpackage.json',
    '/api/models/nope',
    '/api/models/nope/run',
    '/api/models/predictions/run',
    '/api/models/%2Fetc%2Fpasswd/run',
    '/charts/..%2Fpackage/distribution.svg',
    '/charts/%2e%2e/tornado.svg',
    '/static/..%2F..%2Fpackage.json',
    '/static/%2e%2e/%2e%2e/package.json',
  ])('rejects %s with 404', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('"dependencies"');
  });

  it('has a JSON 404 for unknown API routes', async () => {
    const res = await get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/no API route/);
  });
});

describe('rate limit', () => {
  it('limits computations per client, not cached views, until the window ends', async () => {
    // The window is counted on a clock stepped by hand: however slow the requests, they fall
    // in one window until the test moves it on.
    let now = Date.UTC(2026, 0, 1);
    const limited = await fixture({ rateLimit: { windowMs: 60_000, limit: 2, clock: () => now } });
    try {
      const app = limited.web.app;
      expect((await request(app).get('/api/models/iterative-chain/run?samples=100&seed=1')).status).toBe(200);
      expect((await request(app).get('/api/models/iterative-chain/run?samples=100&seed=2')).status).toBe(200);
      const third = await request(app).get('/api/models/iterative-chain/run?samples=100&seed=3');
      expect(third.status).toBe(429);
      expect(third.body.error).toMatch(/too many computations/);
      expect((await request(app).get('/api/models/iterative-chain/run?samples=100&seed=1')).status).toBe(200);
      expect((await request(app).get('/api/models')).status).toBe(200);
      now += 59_999;
      expect((await request(app).get('/api/models/iterative-chain/run?samples=100&seed=4')).status).toBe(429);
      now += 1;
      expect((await request(app).get('/api/models/iterative-chain/run?samples=100&seed=4')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('live reload', () => {
  it('shows an edit on the next request and keeps serving the last good version of a broken file, with a banner', async () => {
    editModel(f.modelsDir, 'speed-costs', (t) => t.replace(/^title: .*$/m, 'title: Speed costs, edited'));
    const edited = await get('/models/speed-costs?samples=500');
    expect(edited.status).toBe(200);
    expect(edited.text).toContain('<h1>Speed costs, edited</h1>');

    editModel(f.modelsDir, 'speed-costs', (t) => t.replace(/^inputs:/m, 'inputs:\n  broken: { dist: beta(2 }'));
    const broken = await get('/models/speed-costs?samples=500');
    expect(broken.status).toBe(200);
    expect(broken.text).toContain('<h1>Speed costs, edited</h1>');
    expect(broken.text).toContain('class="banner"');
    expect(broken.text).toMatch(/<li><code>[^<]*speed-costs\.yaml:\d+:\d+: [^<]+<\/code><\/li>/);
    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('class="banner"');
    const api = await get('/api/models');
    expect(api.body.models.find((m: { id: string }) => m.id === 'speed-costs').stale).toBe(true);
    expect(api.body.errors[0].file).toMatch(/speed-costs\.yaml$/);
    expect((await get('/api/models/speed-costs/run?samples=200')).status).toBe(200);

    editModel(f.modelsDir, 'speed-costs', (t) => t.replace('\n  broken: { dist: beta(2 }', ''));
    const fixed = await get('/models/speed-costs?samples=500');
    expect(fixed.text).not.toContain('class="banner"');
  });

  it('keeps the models that import a broken file running on its last good version', async () => {
    expect((await get('/api/models/p-scheming/run?samples=300')).status).toBe(200);
    editModel(f.modelsDir, 'counting-argument', (t) => t.replace(/^output:/m, 'output: [broken\noutput_was:'));
    try {
      const page = await get('/models/p-scheming?samples=300');
      expect(page.status).toBe(200);
      expect(page.text).toContain('class="banner"');
      expect(page.text).toMatch(/counting-argument\.yaml:\d+:\d+: /);
      expect((await get('/api/models/p-scheming/run?samples=300')).status).toBe(200);
      expect((await get('/api/models/counting-argument/run?samples=300')).status).toBe(200);
    } finally {
      editModel(f.modelsDir, 'counting-argument', (t) => t.replace('output: [broken\noutput_was:', 'output:'));
    }
    expect((await get('/models/p-scheming?samples=300')).text).not.toContain('class="banner"');
  });
});
