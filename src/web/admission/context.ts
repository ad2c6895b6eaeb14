// Who a computation is for: the client that asked (its address, as `trust proxy` decides) and
// whether a reader is waiting on it (a page, an API call, a what-if) or it fills a panel further
// down. Set once per request and read by the scheduler wherever a computation starts, so the
// pages and panels that start computations need not pass it along.

import { AsyncLocalStorage } from 'node:async_hooks';

export type Urgency = 'interactive' | 'background';

export interface ClientContext {
  /** The client's key: its address (or the server itself, for warming the cache). */
  client: string;
  urgency: Urgency;
  /**
   * The request names no parameters: a default view, the same work for every reader and bounded
   * by the models (computed once, then shared through the result cache), so it is not charged to the
   * reader who happens to ask before the server's warm-up reaches it. It is still refused when
   * larger than one request may ask for.
   */
  defaultView?: boolean;
}

/** Work the server starts on its own (warming the cache): never refused, served last. */
export const SERVER: ClientContext = { client: 'server', urgency: 'background' };

const store = new AsyncLocalStorage<ClientContext>();

export function withClient<T>(context: ClientContext, fn: () => T): T {
  return store.run(context, fn);
}

/** The client of the computation being started (the server's own work outside a request). */
export function currentClient(): ClientContext {
  return store.getStore() ?? SERVER;
}

/** A read whose address carries no query: what every reader of that page or route sees. */
export function isDefaultView(method: string, originalUrl: string): boolean {
  const q = originalUrl.indexOf('?');
  return (method === 'GET' || method === 'HEAD') && (q < 0 || q === originalUrl.length - 1);
}

/** Panels a reader sees first (and a what-if refreshes): waited on like the page itself. */
const FIRST_PANELS = new Set(['headline', 'summary', 'tornado']);

/** Panels further down a page, fetched when the reader reaches them, are background work. */
export function urgencyOf(path: string): Urgency {
  const panel = /\/panels\/([^/]+)$/.exec(path);
  return panel && !FIRST_PANELS.has(panel[1]!) ? 'background' : 'interactive';
}
