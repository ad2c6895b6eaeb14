// Writing from the browser: a token holder signs in with their token and gets a session cookie
// (HttpOnly, SameSite=Strict, Secure over HTTPS); every form that changes something carries the
// session's CSRF token. Failed sign-in attempts are rate-limited per address. The resolve and
// forecast forms live on their own page (/predictions/:id/write), never cached, so the shared
// cached prediction page carries no per-session secret.

import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import {
  signIn,
  signOut,
  sessionIdentity,
  csrfToken,
  verifyCsrf,
  predictionState,
  recordResolution,
  recordForecast,
  httpStatus,
  RESOLUTION_OUTCOMES,
  type Identity,
  type Write,
} from '../../predictions/index.ts';
import { HttpError, type Site } from '../site.ts';
import { DatabaseLimitStore } from '../server/rate-limit-store.ts';
import { renderPage, renderError } from './render.ts';
import { SESSION_COOKIE, cookieOf } from '../request-context.ts';

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
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });

  const db = () => {
    if (!site.track) throw new HttpError(404, 'this server has no predictions database');
    return site.track.store;
  };
  /** The signed-in holder and their session id, or null. */
  const session = async (req: Request): Promise<{ id: string; identity: Identity } | null> => {
    const id = cookieOf(req, SESSION_COOKIE);
    if (!id || !site.track) return null;
    const s = await sessionIdentity(site.track.store, id);
    return s ? { id, identity: s.identity } : null;
  };
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
  /** The session and a valid CSRF token in the form, or an error page (401/403). */
  const checked = async (req: Request, res: Response): Promise<{ id: string; identity: Identity } | null> => {
    const s = await session(req);
    if (!s) {
      renderError(site, req, res, 401, 'sign in with your token first (your session may have expired)');
      return null;
    }
    if (!(await verifyCsrf(db(), s.id, (req.body as { csrf?: unknown } | undefined)?.csrf))) {
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
  };

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

  const writePage = async (
    req: Request,
    res: Response,
    status: number,
    error: string | null,
    values: Record<string, unknown> = {},
  ) => {
    const pid = String(req.params.pid);
    const snapshot = site.live.current();
    const catalog = site.track?.catalog(snapshot).catalog;
    const prediction = catalog?.byId.get(pid);
    if (!catalog || !prediction) throw new HttpError(404, `there is no prediction '${pid}'`);
    const s = await session(req);
    if (!s)
      return res
        .set('Cache-Control', 'no-store')
        .redirect(303, `/sign-in?next=${encodeURIComponent(`/predictions/${pid}/write`)}`);
    const state = await predictionState(db(), pid);
    page(res, status, 'prediction-write', `Resolve or forecast ${pid}`, {
      prediction,
      state,
      error,
      values,
      identity: s.identity,
      csrf: await csrfToken(db(), s.id),
      resolver: s.identity.role === 'resolver',
      forecaster: s.identity.role === 'forecaster',
      open: state.status === 'open',
      outcomes: RESOLUTION_OUTCOMES.map((o) => ({ value: o, selected: values.outcome === o })),
    });
  };

  r.get('/predictions/:pid/write', async (req, res) => {
    await writePage(req, res, 200, null);
  });

  const afterWrite = async <T>(req: Request, res: Response, written: Write<T>, values: Record<string, unknown>) => {
    if (written.ok)
      return res
        .set('Cache-Control', 'no-store')
        .redirect(303, `/predictions/${encodeURIComponent(String(req.params.pid))}`);
    const status = httpStatus(written.error);
    if (status === 404) throw new HttpError(404, written.error.message);
    await writePage(req, res, status, written.error.message, values);
  };

  r.post('/predictions/:pid/resolution', form, async (req, res) => {
    const s = await checked(req, res);
    if (!s) return;
    if (s.identity.role !== 'resolver')
      return renderError(
        site,
        req,
        res,
        403,
        `${s.identity.name} holds a ${s.identity.role} token; resolving needs a resolver token`,
      );
    const b = req.body as Record<string, unknown>;
    const url = typeof b.evidenceUrl === 'string' ? b.evidenceUrl.trim() : '';
    const body = {
      outcome: b.outcome,
      note: b.note,
      version: typeof b.version === 'string' && /^\d+$/.test(b.version) ? Number(b.version) : b.version,
      ...(url ? { evidenceUrl: url } : {}),
    };
    const catalog = site.track!.catalog(site.live.current()).catalog ?? { byId: new Map() };
    await afterWrite(
      req,
      res,
      await recordResolution(db(), catalog, String(req.params.pid), body, { name: s.identity.name, via: 'web' }),
      { outcome: b.outcome, note: b.note, evidenceUrl: url },
    );
  });

  r.post('/predictions/:pid/forecasts', form, async (req, res) => {
    const s = await checked(req, res);
    if (!s) return;
    if (s.identity.role !== 'forecaster')
      return renderError(
        site,
        req,
        res,
        403,
        `${s.identity.name} holds a ${s.identity.role} token; forecasting needs a forecaster token`,
      );
    const b = req.body as Record<string, unknown>;
    const credence = typeof b.credence === 'string' && b.credence.trim() !== '' ? Number(b.credence) : b.credence;
    const note = typeof b.note === 'string' && b.note.trim() !== '' ? { note: b.note } : {};
    const catalog = site.track!.catalog(site.live.current()).catalog ?? { byId: new Map() };
    await afterWrite(
      req,
      res,
      await recordForecast(
        db(),
        catalog,
        String(req.params.pid),
        { credence, ...note },
        { name: s.identity.name, via: 'web' },
      ),
      { credence: b.credence, forecastNote: b.note },
    );
  });

  return r;
}
