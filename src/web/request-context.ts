// What a page needs of the request it answers, without every page function taking the request:
// the site's public origin (for the absolute addresses of social previews and permalinks), the
// address asked for, and who is signed in (the navigation shows them, with a sign-out). Set once
// per request by a middleware and read where the layout's context is made.

import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { csrfToken, sessionIdentity } from '../predictions/index.ts';
import type { Site } from './site.ts';
import { HttpError } from './site.ts';

export interface SignedIn {
  name: string;
  role: string;
  /** The session's CSRF token, for the sign-out form in the navigation. */
  csrf: string;
}

export interface RequestContext {
  /** "https://example.org": the scheme and host the client used (trusting proxies as configured). */
  origin: string;
  /** The path and query asked for. */
  url: string;
  signedIn: SignedIn | null;
  /** `asof=<count>`: the track record as it was after its first `count` resolution events. */
  asof: number | null;
  /** `v=<version>`: the model files' version a shared link was made from. */
  version: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function requestContext(): RequestContext | null {
  return storage.getStore() ?? null;
}

export const SESSION_COOKIE = 'credence_session';

/** One cookie's value from the Cookie header. */
export function cookieOf(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return null;
    }
  }
  return null;
}

/** Middleware: read the session (pages only; the API and files need none) and run the rest inside the context. */
export function withRequestContext(site: Site, publicUrl?: string) {
  const fixed = publicUrl ? publicUrl.replace(/\/+$/, '') : null;
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    let signedIn: SignedIn | null = null;
    const id = cookieOf(req, SESSION_COOKIE);
    const page = !/^\/(api|static|charts)\//.test(req.path);
    if (id && site.track && page) {
      try {
        const s = await sessionIdentity(site.track.store, id);
        if (s) signedIn = { name: s.identity.name, role: s.identity.role, csrf: await csrfToken(site.track.store, id) };
      } catch {
        // A store that does not answer shows the page signed out; writing reports the failure.
      }
    }
    const origin = fixed ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const q = new URLSearchParams(
      req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '',
    );
    const asofText = q.get('asof');
    if (asofText !== null && !/^\d{1,9}$/.test(asofText.trim()))
      return next(new HttpError(400, 'asof must be a number of resolutions recorded, e.g. asof=3'));
    const asof = asofText === null ? null : Number(asofText.trim());
    const version = q.get('v')?.slice(0, 64) ?? null;
    storage.run({ origin, url: req.originalUrl, signedIn, asof, version }, next);
  };
}
