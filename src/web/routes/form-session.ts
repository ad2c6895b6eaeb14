// What every browser form that writes shares: its body parser, the track record's store (404
// on a server without one), the signed-in holder of the session cookie, and the check a
// posted form passes before it acts (a session, and the session's CSRF token in the form).

import express, { type Request, type Response } from 'express';
import { sessionIdentity, verifyCsrf, type Identity, type Store } from '../../predictions/index.ts';
import { HttpError, type Site } from '../site.ts';
import { SESSION_COOKIE, cookieOf } from '../request-context.ts';
import { renderError } from './render.ts';

/** A signed-in holder and their session's id. */
export interface FormSession {
  id: string;
  identity: Identity;
}

/** A small URL-encoded form body; anything larger is refused by the parser. */
export const formBody = () => express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });

/** The track record's store, or a 404 on a server that has none. */
export function storeOf(site: Site): Store {
  if (!site.track) throw new HttpError(404, 'this server has no predictions database');
  return site.track.store;
}

/** The signed-in holder of the request's session cookie, or null. */
export async function sessionOf(site: Site, req: Request): Promise<FormSession | null> {
  const id = cookieOf(req, SESSION_COOKIE);
  if (!id || !site.track) return null;
  const s = await sessionIdentity(site.track.store, id);
  return s ? { id, identity: s.identity } : null;
}

/** The session and a valid CSRF token in the posted form, or an error page (401/403) and null. */
export async function checkedSession(site: Site, req: Request, res: Response): Promise<FormSession | null> {
  const s = await sessionOf(site, req);
  if (!s) {
    renderError(site, req, res, 401, 'sign in with your token first (your session may have expired)');
    return null;
  }
  if (!(await verifyCsrf(storeOf(site), s.id, (req.body as { csrf?: unknown } | undefined)?.csrf))) {
    renderError(
      site,
      req,
      res,
      403,
      'the form’s security token is missing or out of date; reload the page and try again',
    );
    return null;
  }
  return s;
}
