// Sharing charts: the embed page of a chart may be framed by any site (and runs no script),
// while every other page stays unframeable; each chart is also a PNG.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { WebApp } from '../../src/web/app.ts';
import { appWith, type Fixture } from './helpers.ts';

let app: Fixture;
let web: WebApp;

beforeAll(async () => {
  app = await appWith({
    'm.yaml': 'title: M\ninputs:\n  a: beta(2, 5)\n  b: normal(1, 0.5)\nnodes:\n  y: a * b\noutput: y\n',
  });
  web = app.web;
});

afterAll(() => app?.close());

const frameAncestors = (csp: string | undefined) => /frame-ancestors ([^;]*)/.exec(csp ?? '')?.[1];

describe('an embedded chart', () => {
  it('may be framed by any site with ?embed=1, and holds the chart drawn on the server', async () => {
    const res = await request(web.app).get('/charts/m/tornado?embed=1&samples=2000');
    expect(res.status).toBe(200);
    expect(frameAncestors(res.headers['content-security-policy'])).toBe('*');
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['content-security-policy']).not.toMatch(/script-src/);
    expect(res.text).toMatch(/<svg[^>]*class="credence-chart chart-tornado/);
    expect(res.text).not.toMatch(/<script/);
    expect(res.text).toContain('href="/models/m?samples&#x3D;2000" target="_top"');
  });

  it('is not frameable without embed=1, and neither is any other page', async () => {
    for (const url of ['/charts/m/tornado?samples=2000', '/models/m', '/', '/predictions']) {
      const res = await request(web.app).get(url);
      expect(frameAncestors(res.headers['content-security-policy']), url).toBe("'self'");
    }
  });

  it('refuses a bad embed value and an unknown chart', async () => {
    expect((await request(web.app).get('/charts/m/tornado?embed=yes')).status).toBe(400);
    expect((await request(web.app).get('/charts/m/nope?embed=1')).status).toBe(404);
  });
});

describe('a chart as PNG', () => {
  it('is a PNG at twice the size of the SVG', async () => {
    const res = await request(web.app).get('/charts/m/distribution.png?samples=2000&width=640&height=400').buffer(true);
    expect(res.status).toBe(200);
    expect(res.type).toBe('image/png');
    const png = res.body as Buffer;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 800]);
  });
});
