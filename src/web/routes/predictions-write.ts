// Writing to the track record over the API: resolutions (resolver tokens) and forecasts
// (forecaster tokens), each with `Authorization: Bearer <token>` and a small JSON body.
// The token is checked before the body is read; the answers are 401, 403, 400, 404, 409
// (with the current version) or 201 with the recorded event. With an Idempotency-Key header
// a retry gets the first answer again (idempotency.ts). Pages and API results key their
// caches on the track record's state and the evidence, so the next read shows the new state.

import express, { Router, type NextFunction, type Request, type Response } from 'express';
import {
  authorize,
  bearerToken,
  tryToken,
  retryAfterSeconds,
  recordResolution,
  recordForecast,
  httpStatus,
  writeErrorCode,
  DatabaseError,
  type Identity,
  type Role,
  type TokenAttempt,
  type Write,
  type KnownPredictions,
} from '../../predictions/index.ts';
import { HttpError, type Site } from '../site.ts';
import { codeForStatus } from '../error-code.ts';
import { idempotent } from './idempotency.ts';

const NO_CATALOG: KnownPredictions = { byId: new Map() };

/** The database failing (locked, read-only, …) while checking a token is a 503 with its message. */
function databaseFailure(err: unknown): HttpError | null {
  if (err instanceof DatabaseError) {
    const status = ['locked', 'read-only', 'disk-full', 'unavailable'].includes(err.kind) ? 503 : 500;
    return new HttpError(status, err.message, [], status === 500 ? 'internal' : 'database');
  }
  return null;
}

/** The bearer token's holder, when it has `role`; answers 401/403 itself otherwise. */
function requireRole(site: Site, role: Role) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const track = site.track;
    if (!track) return next(new HttpError(404, 'this server has no predictions database'));
    let attempt: TokenAttempt;
    try {
      const token = bearerToken(req.headers.authorization);
      attempt = token ? await tryToken(track.store, token) : { kind: 'unknown' };
    } catch (err) {
      return next(databaseFailure(err) ?? err);
    }
    if (attempt.kind === 'locked') {
      res.set('Cache-Control', 'no-store').set('Retry-After', retryAfterSeconds(attempt.retryAfterMs));
      const error = "too many wrong tokens were tried for this token's id; it is locked for now (see Retry-After)";
      res.status(429).json({ code: 'locked', error });
      return;
    }
    const identity: Identity | null =
      attempt.kind === 'valid' ? { name: attempt.row.name, role: attempt.row.role } : null;
    const auth = authorize(identity, role);
    if (!auth.ok) {
      res.set('Cache-Control', 'no-store');
      if (auth.status === 401) res.set('WWW-Authenticate', 'Bearer realm="credence"');
      res.status(auth.status).json({ code: codeForStatus(auth.status), error: auth.message });
      return;
    }
    res.locals.identity = auth.identity;
    next();
  };
}

/** A JSON object body, or 400 saying what to send. */
function requireBody(req: Request, res: Response, next: NextFunction) {
  if (!req.is('application/json') && !req.is('application/*+json')) {
    res
      .set('Cache-Control', 'no-store')
      .status(400)
      .json({ code: 'invalid-request', error: 'send the body as JSON (Content-Type: application/json)' });
    return;
  }
  next();
}

/** 201 with the recorded event, or the refusal's status and message (409 with the current version). */
function answer<T>(res: Response, written: Write<T>) {
  res.set('Cache-Control', 'no-store');
  if (written.ok) {
    res.status(201).json(written.value);
    return;
  }
  const e = written.error;
  const status = httpStatus(e);
  if (e.kind === 'database' && status === 500) console.error(`[${new Date().toISOString()}] write failed:`, e.error);
  const code = status === 500 ? 'internal' : writeErrorCode(e);
  if (e.kind === 'conflict')
    res.status(status).json({ code, error: e.message, currentVersion: e.currentVersion, current: e.current });
  else res.status(status).json({ code, error: e.message });
}

/** The predictions the models know; without a track record, none. */
const catalogOf = (site: Site): KnownPredictions => site.track?.catalog(site.live.current()).catalog ?? NO_CATALOG;

/** Who wrote, as the token's holder through the API. */
const byHolder = (res: Response) => ({ name: (res.locals.identity as Identity).name, via: 'api' as const });

async function postResolution(site: Site, req: Request, res: Response) {
  const pid = String(req.params.pid);
  answer(res, await recordResolution(site.track!.store, catalogOf(site), pid, req.body, byHolder(res)));
}

async function postForecast(site: Site, req: Request, res: Response) {
  const pid = String(req.params.pid);
  answer(res, await recordForecast(site.track!.store, catalogOf(site), pid, req.body, byHolder(res)));
}

export function predictionWriteRoutes(site: Site): Router {
  const json = express.json({ limit: '16kb', type: ['application/json', 'application/*+json'] });
  const once = idempotent(() => site.track!.store);
  return Router()
    .post('/predictions/:pid/resolution', requireRole(site, 'resolver'), requireBody, json, once, (req, res) =>
      postResolution(site, req, res),
    )
    .post('/predictions/:pid/forecasts', requireRole(site, 'forecaster'), requireBody, json, once, (req, res) =>
      postForecast(site, req, res),
    );
}
