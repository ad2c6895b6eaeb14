// Signing in from the browser: a token holder signs in with their token and gets a session
// cookie (HttpOnly, SameSite=Strict, Secure over HTTPS); signing out needs the session's CSRF
// token. Failed sign-in attempts are counted per token id (crd_<id>_<secret>): wrong secrets
// for one id lock that id for a while (token-guard.ts), and a valid token signs in from any
// address. Guesses that name no known id (old tokens, anything else) are rate-limited per
// address. The resolve and forecast forms are in prediction-forms.ts.

import { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import {
  hasKnownTokenId,
  retryAfterSeconds,
  signOut,
  startSession,
  csrfToken,
  tryToken,
} from '../../predictions/index.ts';
import type { Site } from '../site.ts';
import { DatabaseLimitStore, LIMITER_VALIDATION } from '../server/rate-limit-store.ts';
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

type Limit = { windowMs: number; limit: number };

/** A page of this module, never cached (it shows a session's state). */
function page(site: Site, res: Response, status: number, name: string, title: string, context: object) {
  res
    .set('Cache-Control', 'no-store')
    .status(status)
    .type('html')
    .send(renderPage(site, site.live.current(), name, title, context as Record<string, unknown>));
}

/** The sign-in page: the token form, or who is signed in with a sign-out button. */
async function signInPage(site: Site, req: Request, res: Response, status: number, error: string | null) {
  const s = await sessionOf(site, req);
  page(site, res, status, 'sign-in', 'Sign in', {
    error,
    next: localPath(req.query.next ?? (req.body as { next?: unknown } | undefined)?.next),
    signedIn: s && { name: s.identity.name, role: s.identity.role, csrf: await csrfToken(storeOf(site), s.id) },
  });
}

const tokenOf = (req: Request): string | null => {
  const token = (req.body as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' && token.trim() !== '' ? token.trim() : null;
};

/**
 * Failed attempts per address, for attempts that name no known token id (those are counted per
 * id instead), kept in the track record's store so every instance counts them.
 */
function attemptLimiter(site: Site, limit: Limit | false) {
  if (!limit) return (_req: Request, _res: Response, next: NextFunction) => next();
  return rateLimit({
    windowMs: limit.windowMs,
    limit: limit.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    validate: LIMITER_VALIDATION,
    skipSuccessfulRequests: true,
    skip: (req) => (site.track ? hasKnownTokenId(site.track.store, tokenOf(req)) : false),
    ...(site.track ? { store: new DatabaseLimitStore(site.track.store, 'sign-in:') } : {}),
    handler: (req, res) =>
      renderError(
        site,
        req,
        res,
        429,
        'too many sign-in attempts from this address; wait a quarter of an hour and try again (a token made before token ids, credence_…, is limited per address: ask for a new one, crd_…, which is not)',
      ),
  });
}

async function showSignIn(site: Site, req: Request, res: Response) {
  storeOf(site);
  await signInPage(site, req, res, 200, null);
}

async function signInWithToken(site: Site, req: Request, res: Response) {
  const token = tokenOf(req);
  const attempt = token ? await tryToken(storeOf(site), token) : ({ kind: 'unknown' } as const);
  if (attempt.kind === 'locked') {
    res.set('Retry-After', retryAfterSeconds(attempt.retryAfterMs));
    const minutes = Math.ceil(attempt.retryAfterMs / 60_000);
    const message = `too many wrong tokens were tried for this token's id; it is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}`;
    return renderError(site, req, res, 429, message, [], 'locked');
  }
  const s = attempt.kind === 'valid' ? await startSession(storeOf(site), attempt.row) : null;
  if (!s) return signInPage(site, req, res, 401, 'that token is not valid (it may have been revoked)');
  res.cookie(SESSION_COOKIE, s.sessionId, { ...cookieOptions(req), expires: new Date(s.expiresAt) });
  res.set('Cache-Control', 'no-store').redirect(303, localPath((req.body as { next?: unknown }).next));
}

async function signOutSession(site: Site, req: Request, res: Response) {
  const s = await checkedSession(site, req, res);
  if (!s) return;
  await signOut(storeOf(site), s.id);
  res.clearCookie(SESSION_COOKIE, cookieOptions(req));
  res.set('Cache-Control', 'no-store').redirect(303, '/');
}

export function signInRoutes(site: Site, limit: Limit | false = SIGN_IN_LIMIT): Router {
  const form = formBody();
  return Router()
    .get('/sign-in', (req, res) => showSignIn(site, req, res))
    .post('/sign-in', form, attemptLimiter(site, limit), (req, res) => signInWithToken(site, req, res))
    .post('/sign-out', form, (req, res) => signOutSession(site, req, res));
}
