// Finished responses (a page whose panels were all ready, an API body), kept with their ETag so
// that a repeat view is a lookup: no rendering, no serialising, no hashing. Bodies are
// compressed by zlib off the main thread; large ones go out as a stream of slices, compressed
// as they go, and the compressed bytes are kept for the next request once complete. Sending a
// large body is charged to the client like a computation (see admission/cost.ts).

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzip as gzipAsync } from 'node:zlib';
import { promisify } from 'node:util';
import type { Request, Response } from 'express';
import { Lru } from './lru.ts';

const gzip = promisify(gzipAsync);

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
/** Bodies from this size on are streamed in slices of this size. */
export const STREAM_SLICE = 64 * 1024;

export class RenderedCache {
  private lru: Lru<Rendered>;

  constructor(maxEntries = 300, maxBytes = 100 * 1024 * 1024) {
    this.lru = new Lru<Rendered>(maxEntries, maxBytes, (r) => r.body.length + (r.gzip?.length ?? 0));
  }

  get(key: string): Rendered | undefined {
    return this.lru.get(key);
  }

  /**
   * A response to keep. `tag` names its content when that is already known (a computed result's
   * key with how it is written), so a large body is never hashed; otherwise the body's hash.
   */
  make(body: string, type: string, status = 200, tag?: string): Rendered {
    const etag = createHash('sha1')
      .update(tag ?? body)
      .digest('base64url');
    return { body, type, status, etag: `"${etag}"` };
  }

  set(key: string, r: Rendered): void {
    this.lru.set(key, r);
  }

  clear(): void {
    this.lru.clear();
  }
}

/** Charges a body's bytes to the client (set per request by the app; throws a refusal). */
export type BodyCharge = (bytes: number) => void;

function* slices(body: string): Generator<string> {
  for (let i = 0; i < body.length; i += STREAM_SLICE) yield body.slice(i, i + STREAM_SLICE);
}

/** Send a finished response, gzipped when the client accepts it; 304 when the client already has it. */
export async function sendRendered(req: Request, res: Response, r: Rendered): Promise<void> {
  const gzipped = r.body.length >= MIN_GZIP && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const etag = gzipped ? `${r.etag.slice(0, -1)}-gz"` : r.etag;
  if (r.headers) res.set(r.headers);
  res.status(r.status).type(r.type).set('ETag', etag).set('Cache-Control', 'no-cache').set('Vary', 'Accept-Encoding');
  if (r.status === 200 && req.fresh) {
    res.status(304).end();
    return;
  }
  try {
    (res.locals.chargeBody as BodyCharge | undefined)?.(r.body.length);
  } catch (e) {
    for (const h of ['ETag', 'Vary', 'Content-Type', 'Content-Disposition', ...Object.keys(r.headers ?? {})])
      res.removeHeader(h);
    throw e;
  }
  if (!gzipped) {
    if (r.body.length < STREAM_SLICE) res.send(r.body);
    else await streamed(Readable.from(slices(r.body)), res);
    return;
  }
  res.set('Content-Encoding', 'gzip');
  if (r.gzip) {
    res.send(r.gzip);
    return;
  }
  if (r.body.length < STREAM_SLICE) {
    r.gzip = await gzip(r.body, { level: 6 });
    res.send(r.gzip);
    return;
  }
  // Compressed as it streams; kept once the whole body went through.
  const out: Buffer[] = [];
  const z = createGzip({ level: 6 });
  z.on('data', (chunk: Buffer) => out.push(chunk));
  if (await streamed(Readable.from(slices(r.body)), res, z)) r.gzip ??= Buffer.concat(out);
}

/** Stream `source` (through `via`) to the response; false when the client went away meanwhile. */
async function streamed(source: Readable, res: Response, via?: NodeJS.ReadWriteStream): Promise<boolean> {
  try {
    if (via) await pipeline(source, via, res);
    else await pipeline(source, res);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' || res.destroyed) return false;
    throw e;
  }
}
