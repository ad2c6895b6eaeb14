// The query string's shape is checked before any route reads it: a bounded number of
// parameters, each once, of bounded length, valid UTF-8, names of quantities that could exist;
// each mistake a 400 with a code that names the parameter, on pages and in the API alike. A
// seeded fuzz of hostile queries never gets a 500.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { fixture, type Fixture } from './helpers.ts';
import { UNTIL_READY_MS } from '../support/waits.ts';
import { checkQueryShape, quantityPathProblem, QUERY_LIMITS } from '../../src/web/query-shape.ts';
import { BadRequest } from '../../src/web/query.ts';
import { LIMITS } from '../../src/model/limits.ts';

let f: Fixture;
beforeAll(async () => {
  // Pages are asserted with their headline: they wait for it however long the run takes.
  f = await fixture({ firstScreenMs: UNTIL_READY_MS });
});
afterAll(async () => {
  await f?.close();
});

const get = (url: string) => request(f.web.app).get(url);
const RUN = '/api/models/iterative-chain/run';

/** The code and message checkQueryShape throws for `query`, or null when it passes. */
function refusal(query: string): { code: string; message: string } | null {
  try {
    checkQueryShape(`/x?${query}`);
    return null;
  } catch (e) {
    if (!(e instanceof BadRequest)) throw e;
    return { code: e.code, message: e.message };
  }
}

describe('the shape of a query', () => {
  it('passes what the pages and the API send', () => {
    expect(refusal('samples=2000&seed=3&set.p_step=beta(9,%201)&node=reasoning.p_x&inputs=a,b.c')).toBe(null);
    expect(refusal('a.set.p_step=0.5&b.set.p_step=0.9&fromSet.x=1&set[y]=2&scenario=roger-2025')).toBe(null);
    expect(refusal('')).toBe(null);
    expect(refusal('set.p_step=')).toBe(null);
  });

  it('refuses a name longer than any name can be, naming the limit', () => {
    const name = 'x'.repeat(LIMITS['name-length'] + 1);
    expect(refusal(`set.${name}=1`)).toEqual({
      code: 'bad-name',
      message: expect.stringMatching(/^set\.x+: a name of 201 characters is longer than any name can be \(200\)$/),
    });
    expect(refusal(`set.${'x'.repeat(14_000)}=1`)).toEqual({
      code: 'limit-exceeded',
      message: 'a parameter name has 14,004 characters, over the limit of 1,000 (parameter-name)',
    });
    expect(refusal(`node=${'x'.repeat(QUERY_LIMITS['value-length'] + 1)}`)?.code).toBe('limit-exceeded');
  });

  it('refuses object members and malformed names as quantity names', () => {
    for (const q of [
      'set.__proto__=1',
      'fromSet.__proto__=1',
      'set[__proto__]=1',
      'node=__proto__',
      'gx=a.__proto__',
      'inputs=a,__proto__',
    ])
      expect(refusal(q)).toMatchObject({
        code: 'bad-name',
        message: expect.stringContaining("'__proto__' is not a name"),
      });
    expect(refusal('set.1abc=1')?.code).toBe('bad-name');
    expect(refusal('set.a..b=1')?.code).toBe('bad-name');
    expect(
      quantityPathProblem(
        Array(LIMITS['import-depth'] + 2)
          .fill('a')
          .join('.'),
      ),
    ).toMatch(/imports deep/);
    // 'constructor' could name an input: it is looked up (and not found), never refused here.
    expect(refusal('set.constructor=1')).toBe(null);
  });

  it('refuses a parameter given twice, naming it', () => {
    expect(refusal('samples=1&seed=2&samples=2')).toEqual({
      code: 'repeated-parameter',
      message: 'samples: the parameter is given more than once; give it once',
    });
    expect(refusal('set.a=1&set.a=2')?.code).toBe('repeated-parameter');
  });

  it('refuses invalid percent-encoding and UTF-8 rather than replacing it', () => {
    expect(refusal('set.a=%ff')).toEqual({
      code: 'invalid-utf8',
      message: "the value of 'set.a' is not valid UTF-8 percent-encoding: '%ff'",
    });
    expect(refusal('%E0%A4%A=1')?.code).toBe('invalid-utf8');
    expect(refusal('set.a=%C3%A9')).toBe(null);
  });

  it('refuses more parameters than any page sends', () => {
    const many = Array.from({ length: QUERY_LIMITS.parameters + 1 }, (_, i) => `set.x${i}=1`).join('&');
    expect(refusal(many)).toEqual({
      code: 'limit-exceeded',
      message: `the query has 501 parameters; at most 500 are taken`,
    });
  });
});

describe('bad parameters over HTTP', () => {
  it.each([
    [`${RUN}?set.<14,000 x>=1`, 'limit-exceeded', /^a parameter name has 14,004 characters/],
    [`${RUN}?set.__proto__=1`, 'bad-name', /^set\.__proto__: '__proto__' is not a name/],
    [`${RUN}?samples=10&samples=20`, 'repeated-parameter', /^samples: the parameter is given more than once/],
    [`${RUN}?set.p_step=%ff`, 'invalid-utf8', /^the value of 'set.p_step' is not valid UTF-8/],
    [`${RUN}?constructor=1`, 'unknown-parameter', /^constructor: unknown parameter; run takes samples/],
    [`${RUN}?__proto__=1`, 'unknown-parameter', /^__proto__: unknown parameter/],
    ['/api/models/iterative-chain/crux?fromSet.__proto__=1', 'bad-name', /^fromSet\.__proto__: /],
    ['/api/models?x=1', 'unknown-parameter', /^x: unknown parameter; this route takes none$/],
  ])('%s is a 400 with code %s', async (url, code, message) => {
    const res = await get(url.replace('<14,000 x>', 'x'.repeat(14_000)));
    expect(res.status).toBe(400);
    expect(res.body.issues[0].code).toBe(code);
    expect(res.body.error).toMatch(message);
  });

  it.each([
    '/?x=1',
    '/predictions?x=1',
    '/models/iterative-chain.yaml?x=1',
    '/models/iterative-chain/file?x=1',
    '/models/iterative-chain/edit?x=1',
    '/models/new?x=1',
    '/models/iterative-chain/compare?x=1',
    '/models/iterative-chain?samples=10&samples=20',
    '/models/iterative-chain?node=__proto__',
  ])('%s is a 400 page that names the parameter', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(400);
    expect(res.type).toBe('text/html');
    const name = /[?&]([^=&]+)/.exec(url)![1]!;
    expect(res.text).toContain(name);
  });

  it('an unknown model parameter on a page still shows the page, with a 400 naming it', async () => {
    const res = await get('/models/iterative-chain?colour=red&samples=500');
    expect(res.status).toBe(400);
    expect(res.text).toContain('colour: unknown parameter');
    expect(res.text).toContain('id="headline"');
  });

  it('a panel asked for with a bad parameter is a 400 naming it', async () => {
    const res = await get('/models/iterative-chain/panels/summary?colour=red');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/^colour: unknown parameter/);
  });

  it('a comparison one of whose sides is invalid is a 400', async () => {
    const res = await get('/models/iterative-chain/compare?a=nope&samples=500');
    expect(res.status).toBe(400);
    expect(res.text).toContain('has no scenario');
  });

  it('names each unknown evidence once, however often it is asked for', async () => {
    const res = await get(`${RUN}?samples=10&evidence=${Array(1000).fill('nope').join(',')}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/has no evidence named 'nope'; it has/);
  });
});

/** A small seeded generator (mulberry32), so every run fuzzes the same queries. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fuzzed queries', () => {
  const PIECES = [
    'set.',
    'fromSet.',
    'set[',
    ']',
    'a.set.',
    '__proto__',
    'constructor',
    'toString',
    'p_step',
    'n_steps',
    'samples',
    'seed',
    'node',
    'gx',
    'inputs',
    'scenario',
    'evidence',
    'sampler',
    '.',
    ',',
    '%',
    '%ff',
    '%C3%A9',
    '%00',
    '%2F..%2F',
    '+',
    '=',
    '&',
    '(',
    ')',
    '[',
    'beta(',
    '1e400',
    '-1',
    '0',
    'NaN',
    '€',
    '\u{1F600}',
    'x'.repeat(300),
  ];
  const ROUTES = [
    '/api/models/iterative-chain/summary',
    '/models/iterative-chain/panels/summary',
    '/models/iterative-chain/compare',
    '/api/models/iterative-chain/sensitivity',
    '/charts/iterative-chain/distribution.svg',
    '/api/voi',
  ];

  it('never answer with a 500 or a stack trace (300 seeded queries)', async () => {
    const next = random(17);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      let q = '';
      const parts = 1 + Math.floor(next() * 6);
      for (let j = 0; j < parts; j++) q += pick(PIECES);
      // A small run, so a query that passes is computed quickly.
      const url = `${pick(ROUTES)}?samples=50&${encodeURI(q).replace(/%25/g, '%')}`;
      const res = await get(url);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, url).toBeLessThan(500);
      expect(res.text ?? '', url).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
    // The fuzz reaches both refusals and answers.
    expect(statuses.get(400)).toBeGreaterThan(50);
  }, 120_000);
});
