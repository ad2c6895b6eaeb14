// A model page whose results are not yet known is sent in two parts: the document's top at once,
// the rest with the headline and the output's distribution once they are computed. What the
// reader gets is one whole page with the answer in it, the same numbers as the API's.

import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import request from 'supertest';
import { fixture, type Fixture } from './helpers.ts';

let f: Fixture;

beforeAll(async () => {
  // No wait before a page is sent (budgetMs 0): only the streamed part waits for the answer.
  f = await fixture({ workers: 1, budgetMs: 0, firstScreenMs: 600_000 });
});
afterAll(async () => {
  await f?.close();
});

const get = (url: string) => request(f.web.app).get(url);
const meanOf = (html: string) => /id="headline"[^>]*data-mean="([^"]+)"/.exec(html)?.[1];

describe('a model page sent as its results are computed', () => {
  it('carries the headline and the distribution chart in the page, with the API’s numbers', async () => {
    const query = 'samples=3000&seed=913';
    const res = await get(`/models/iterative-chain?${query}`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    // Sent before its length was known: no ETag (a repeat view gets one, below).
    expect(res.headers.etag).toBeUndefined();
    expect(res.text).toMatch(/^<!doctype html>/);
    expect(res.text.trimEnd()).toMatch(/<\/html>$/);
    expect(res.text).not.toMatch(/id="panel-(headline|summary)"[^>]*data-panel-src/);
    expect(res.text).toContain('data-chart="distribution"');
    const api = await get(`/api/models/iterative-chain/distribution?${query}`);
    const stats = (api.body.posterior ?? api.body.prior).stats as { mean: number };
    expect(meanOf(res.text)).toBe(String(stats.mean));
  });

  it('is gzipped for a client that accepts it, and whole once unzipped', async () => {
    // supertest unzips the body; the header says it came gzipped.
    const res = await get('/models/iterative-chain?samples=3000&seed=914').set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.text.trimEnd()).toMatch(/<\/html>$/);
    expect(meanOf(res.text)).toBeDefined();
  });

  it('is sent whole, with its ETag and its answer in the link preview, once its results are known', async () => {
    const url = '/models/iterative-chain?samples=3000&seed=915';
    const first = await get(url);
    const again = await get(url);
    expect(again.status).toBe(200);
    expect(again.headers.etag).toBeTruthy();
    expect(meanOf(again.text)).toBe(meanOf(first.text));
    // The preview's description is the question and the answer (at the precision previews use).
    const question = /class="headline__question">([^<]+)</.exec(again.text)![1]!;
    const description = /<meta property="og:description" content="([^"]*)"/.exec(again.text)![1]!;
    expect(description.startsWith(question)).toBe(true);
    expect(description.slice(question.length)).toMatch(/^ \d+(\.\d+)?% \(90% interval/);
    expect((await get(url).set('If-None-Match', again.headers.etag as string)).status).toBe(304);
  });

  it('keeps the status of a bad parameter, with the defaults computed in its place', async () => {
    const res = await get('/models/iterative-chain?samples=-5&seed=916');
    expect(res.status).toBe(400);
    expect(res.text).toContain('samples must be from 1 to 1,000,000');
    expect(meanOf(res.text)).toBeDefined();
  });
});
