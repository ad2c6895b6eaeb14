// Warming the cache after start: the home page and each model's default view are computed before
// anyone asks, so the first visitor's pages arrive whole even from an app that waits for no
// result (an app not warmed sends them with panels computing, but how many depends on how fast
// the machine computes); a failure is reported once, unless the server is stopping.

import { afterEach, describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { warmUp } from '../../src/web/warm.ts';
import { appWith, type Fixture } from './helpers.ts';

const FILES = {
  'm.yaml': 'title: M\ninputs:\n  a: beta(2, 5)\n  b: normal(1, 0.5)\nnodes:\n  y: a * b\noutput: y\n',
};

/** Panels a page sent as still computing: their own URLs, for the page's script to fetch. */
const computing = (html: string) => [...html.matchAll(/data-panel-src="([^"]+)"/g)].map((m) => m[1]);

let f: Fixture | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await f?.close();
  f = undefined;
});

// Pages wait for no result: what is not computed yet is sent as computing.
const options = { budgetMs: 0, firstScreenMs: 0 };

describe('warmUp', () => {
  it('computes the home page and the model’s default view: both arrive with no panel computing', async () => {
    f = await appWith(FILES, options);
    await warmUp(f.web.site);
    for (const url of ['/', '/models/m']) {
      const res = await request(f.web.app).get(url);
      expect(res.status, url).toBe(200);
      expect(computing(res.text), url).toEqual([]);
    }
  });

  it('reports a failure, unless the server is stopping', async () => {
    f = await appWith(FILES, options);
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(f.web.site.results, 'get').mockRejectedValue(new Error('no room'));
    await warmUp(f.web.site, () => true);
    expect(log).not.toHaveBeenCalled();
    await warmUp(f.web.site);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]!.join(' ')).toContain('warming the cache failed: no room');
  });
});
