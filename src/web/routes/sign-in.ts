// Signing in from the browser: a token holder signs in with their token and gets a session
// cookie (HttpOnly, SameSite=Strict, Secure over HTTPS); signing out needs the session's CSRF
// token. Failed sign-in attempts are rate-limited per address. The resolve and forecast forms
// are in prediction-forms.ts.

import { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { signIn, signOut, csrfToken } from '../../predictions/index.ts';
import type { Site } from '../site.ts';
import { DatabaseLimitStore } from '../server/rate-limit-store.ts';
import { renderPage, renderError } from './render.ts';
import { SESSION_COOKIE, cookieOf } from '../request-context.ts';
import { formBody, storeOf, sessionOf, checkedSession } from './form-session.ts';

export { SESSION_COOKIE, cookieOf };
export const SIGN_IN_LIMIT = { windowMs: 15 * 60_000, limit: 10 };

/** Only a path on this site is a place to return to after signing in. */
function localPath(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && next.length < 500 ? next : '/predictions';
}

const cookieOptions = (req: Request) => ({
  httpOnly: true,
  sameSite: 'strict' as const,
  secure: req.secure,
  path: '/',
});

export function signInRoutes(site: Site, limit: { windowMs: number; limit: number } | false = SIGN_IN_LIMIT): Router {
  const r = Router();
  const form = formBody();
  const db = () => storeOf(site);
  const session = (req: Request) => sessionOf(site, req);
  const page = (res: Response, status: number, name: string, title: string, context: Record<string, unknown>) => {
    res
      .set('Cache-Control', 'no-store')
      .status(status)
      .type('html')
      .send(renderPage(site, site.live.current(), name, title, context));
  };
  const signInPage = async (req: Request, res: Response, status: number, error: string | null) => {
    const s = await session(req);
    page(res, status, 'sign-in', 'Sign in', {
      error,
      next: localPath(req.query.next ?? (req.body as { next?: unknown } | undefined)?.next),
      signedIn: s && { name: s.identity.name, role: s.identity.role, csrf: await csrfToken(db(), s.id) },
    });
  };
  const checked = (req: Request, res: Response) => checkedSession(site, req, res);

  const limiter = limit
    ? rateLimit({
        windowMs: limit.windowMs,
        limit: limit.limit,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        skipSuccessfulRequests: true,
        ...(site.track ? { store: new DatabaseLimitStore(site.track.store, 'sign-in:') } : {}),
        handler: (req, res) =>
          renderError(
            site,
            req,
            res,
            429,
            'too many sign-in attempts from this address; wait a quarter of an hour and try again',
          ),
      })
    : (_req: Request, _res: Response, next: NextFunction) => next();

  r.get('/sign-in', async (req, res) => {
    db();
    await signInPage(req, res, 200, null);
  });

  r.post('/sign-in', limiter, form, async (req, res) => {
    const token = (req.body as { token?: unknown } | undefined)?.token;
    const s = typeof token === 'string' && token.trim() !== '' ? await signIn(db(), token.trim()) : null;
    if (!s) return void (await signInPage(req, res, 401, 'that token is not valid (it may have been revoked)'));
    res.cookie(SESSION_COOKIE, s.sessionId, { ...cookieOptions(req), expires: new Date(s.expiresAt) });
    res.set('Cache-Control', 'no-store').redirect(303, localPath((req.body as { next?: unknown }).next));
  });

  r.post('/sign-out', form, async (req, res) => {
    const s = await checked(req, res);
    if (!s) return;
    await signOut(db(), s.id);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    res.set('Cache-Control', 'no-store').redirect(303, '/');
  });

  return r;
}
