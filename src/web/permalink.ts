// Permalinks that say what they pinned: the address of the view with `asof=<resolutions seen>`
// (which reproduces the track record as it was) and `v=<model files' version>` (which names the
// models the numbers came from). Opening such a link later, the page says whether its numbers
// may have changed since: resolutions recorded after `asof` are left out (the record is pinned),
// but model files that changed since `v` cannot be brought back, so the page says so and links
// to the current view (pure).

import { SHARE_KEYS } from './query.ts';

/** How many characters of the models' version a link carries: enough to tell versions apart. */
export const VERSION_CHARS = 12;

export interface LinkState {
  /** This view, pinned: its path and query with `asof` and `v`. */
  permalink: string;
  /** The same view unpinned (the numbers now). */
  current: string;
  /** Set when the link's numbers may differ from the numbers now. */
  changed: {
    /** Resolutions recorded since the link's `asof` (left out of this page). */
    resolutionsSince: number;
    /** The link's `asof`, when it had one. */
    asof: number | null;
    /** The model files changed since the link's `v`: the page computes with the current ones. */
    modelsChanged: boolean;
  } | null;
}

/** The path and query of `url` without the share keys. */
export function unpinned(url: string): string {
  const i = url.indexOf('?');
  if (i < 0) return url;
  const q = new URLSearchParams(url.slice(i + 1));
  for (const k of SHARE_KEYS) q.delete(k);
  const rest = q.toString();
  return rest ? `${url.slice(0, i)}?${rest}` : url.slice(0, i);
}

export function linkState(o: {
  /** The address asked for (path and query). */
  url: string;
  /** The current models' version. */
  version: string;
  /** Resolution events recorded, and how many this request sees; null without a track record. */
  counts: { total: number; seen: number } | null;
  /** The request's `asof` and `v`. */
  asof: number | null;
  v: string | null;
}): LinkState {
  const current = unpinned(o.url);
  const pins = new URLSearchParams();
  if (o.counts) pins.set('asof', String(o.counts.seen));
  pins.set('v', o.version.slice(0, VERSION_CHARS));
  const permalink = `${current}${current.includes('?') ? '&' : '?'}${pins.toString()}`;
  const resolutionsSince = o.counts && o.asof !== null ? Math.max(0, o.counts.total - o.asof) : 0;
  const modelsChanged = o.v !== null && o.v !== '' && !o.version.startsWith(o.v);
  return {
    permalink,
    current,
    changed: resolutionsSince > 0 || modelsChanged ? { resolutionsSince, asof: o.asof, modelsChanged } : null,
  };
}

/**
 * `url` carrying the request's pins (`asof`, `v`) it does not already name, so that what a
 * pinned page links to of itself (a panel's own address, the result opened without scripts)
 * shows the numbers the page pinned.
 */
export function pinnedUrl(url: string, asof: number | null, v: string | null): string {
  if (asof === null && v === null) return url;
  const i = url.indexOf('?');
  const q = new URLSearchParams(i < 0 ? '' : url.slice(i + 1));
  if (asof !== null && !q.has('asof')) q.set('asof', String(asof));
  if (v !== null && !q.has('v')) q.set('v', v);
  return `${i < 0 ? url : url.slice(0, i)}?${q.toString()}`;
}
