// Finished responses (a page whose panels were all ready, an API body), kept with their ETag so
// that a repeat view is a lookup: no rendering, no serialising, no hashing.

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';
import { Lru } from './lru.ts';

export interface Rendered {
  body: string;
  etag: string;
  type: string;
  status: number;
  /** Extra headers sent with it (e.g. a download's file name). */
  headers?: Record<string, string>;
  /** The body gzipped, made on the first request that accepts it. */
  gzip?: Buffer;
}

/** Bodies smaller than this go out as they are. */
const MIN_GZIP = 1024;

export class RenderedCache {
  private lru: Lru<Rendered>;

  constructor(maxEntries = 300, maxBytes = 100 * 1024 * 1024) {
    this.lru = new Lru<Rendered>(maxEntries, maxBytes, (r) => r.body.length);
  }

  get(key: string): Rendered | undefined {
    return this.lru.get(key);
  }

  make(body: string, type: string, status = 200): Rendered {
    return { body, type, status, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
  }

  set(key: string, r: Rendered): void {
    this.lru.set(key, r);
  }

  clear(): void {
    this.lru.clear();
  }
}

/** Send a finished response, gzipped when the client accepts it; 304 when the client already has it. */
export function sendRendered(req: Request, res: Response, r: Rendered): void {
  const gzip = r.body.length >= MIN_GZIP && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const etag = gzip ? `${r.etag.slice(0, -1)}-gz"` : r.etag;
  if (r.headers) res.set(r.headers);
  res.status(r.status).type(r.type).set('ETag', etag).set('Cache-Control', 'no-cache').set('Vary', 'Accept-Encoding');
  if (r.status === 200 && req.fresh) {
    res.status(304).end();
    return;
  }
  if (!gzip) {
    res.send(r.body);
    return;
  }
  r.gzip ??= gzipSync(r.body, { level: 6 });
  res.set('Content-Encoding', 'gzip').send(r.gzip);
}
