// Permalinks: the pinned address of a view and whether a link's numbers may have changed.

import { describe, expect, it } from 'vitest';
import { linkState, pinnedUrl, unpinned } from '../../src/web/permalink.ts';

const V = 'abcdef0123456789abcdef';

describe('a permalink', () => {
  it('pins the resolutions seen and the first 12 characters of the version, keeping other parameters', () => {
    const s = linkState({
      url: '/models/m?samples=2000&asof=9&v=x',
      version: V,
      counts: { total: 5, seen: 5 },
      asof: 9,
      v: null,
    });
    expect(s.permalink).toBe('/models/m?samples=2000&asof=5&v=abcdef012345');
    expect(s.current).toBe('/models/m?samples=2000');
    expect(linkState({ url: '/', version: V, counts: null, asof: null, v: null }).permalink).toBe('/?v=abcdef012345');
  });

  it('is unchanged when nothing was recorded since and the models are the same', () => {
    expect(
      linkState({
        url: '/?asof=3&v=abcdef012345',
        version: V,
        counts: { total: 3, seen: 3 },
        asof: 3,
        v: 'abcdef012345',
      }).changed,
    ).toBeNull();
    // A link with neither says nothing.
    expect(linkState({ url: '/', version: V, counts: { total: 3, seen: 3 }, asof: null, v: null }).changed).toBeNull();
  });

  it('has changed when resolutions were recorded after its asof, or the models differ from its v', () => {
    expect(linkState({ url: '/?asof=1', version: V, counts: { total: 4, seen: 1 }, asof: 1, v: null }).changed).toEqual(
      {
        resolutionsSince: 3,
        asof: 1,
        modelsChanged: false,
      },
    );
    expect(
      linkState({ url: '/?v=ffff', version: V, counts: { total: 4, seen: 4 }, asof: null, v: 'ffff' }).changed,
    ).toEqual({
      resolutionsSince: 0,
      asof: null,
      modelsChanged: true,
    });
  });

  it('drops only the share keys when unpinned', () => {
    expect(unpinned('/a?asof=1&v=2')).toBe('/a');
    expect(unpinned('/a?x=1&asof=1')).toBe('/a?x=1');
    expect(unpinned('/a')).toBe('/a');
  });
});

describe('a pinned address', () => {
  it("adds the request's pins it lacks, keeping the rest of the query", () => {
    expect(pinnedUrl('/models/m/panels/tornado?samples=2000', 3, 'abc')).toBe(
      '/models/m/panels/tornado?samples=2000&asof=3&v=abc',
    );
    expect(pinnedUrl('/impact/m', 0, null)).toBe('/impact/m?asof=0');
    expect(pinnedUrl('/p?asof=1', 3, 'abc')).toBe('/p?asof=1&v=abc');
    expect(pinnedUrl('/p?x=1', null, null)).toBe('/p?x=1');
  });
});
