// The middleware every request passes before the routes: the query's shape, the charge for
// computations and large bodies, and the refreshes of the track record and the models folder.
// They run in the order createApp mounts them.

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { BodyCharge } from './rendered.ts';
import { bodyCost } from './admission/cost.ts';
import type { Budgets } from './admission/budget.ts';
import { Refusal } from './admission/scheduler.ts';
import { isDefaultView, urgencyOf, withClient } from './admission/context.ts';
import type { FairQueue, Ticket } from './admission/fair-queue.ts';
import type { LiveProject } from './live-project.ts';
import { HttpError, type Site } from './site.ts';
import { nextSlice } from './slices.ts';
import { checkQueryShape } from './query-shape.ts';
import { DatabaseLimitStore, LIMITER_VALIDATION } from './server/rate-limit-store.ts';
import type { Store } from '../predictions/index.ts';

export const DEFAULT_REFRESH_WAIT_MS = 15_000;

export const DEFAULT_RATE_LIMIT = { windowMs: 60_000, limit: 120 };

/**
 * Counts a computation against the client's allowance (a default view's excepted); rejects with
 * a 429 when it is used up.
 */
export type Gate = (req: Request, res: Response) => Promise<void>;

/**
 * Computations a client may start per window. `clock` (ms since the epoch; default Date.now)
 * is what the windows in the database are counted on.
 */
export interface RateLimit {
  windowMs: number;
  limit: number;
  clock?: () => number;
}

export function computeGate(limit: RateLimit | false, store: Store | null): Gate {
  const limiter = limit
    ? rateLimit({
        windowMs: limit.windowMs,
        limit: limit.limit,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        validate: LIMITER_VALIDATION,
        // Counted in the database, so that instances sharing it share each client's allowance.
        ...(store ? { store: new DatabaseLimitStore(store, 'compute:', limit.clock) } : {}),
        // A database that fails must not stop the models: the request is let through (and the
        // failure logged); each client's compute budget, kept in memory, still bounds its work.
        passOnStoreError: true,
        handler: (_req, _res, next) =>
          next(
            new HttpError(
              429,
              'too many computations from this address; wait a minute and try again (cached views stay available)',
            ),
          ),
      })
    : null;
  // A default view is the same for every reader and shared through the result cache: not counted.
  return (req, res) =>
    limiter && !isDefaultView(req.method, req.originalUrl)
      ? new Promise((resolve, reject) => void limiter(req, res, (err?: unknown) => (err ? reject(err) : resolve())))
      : Promise.resolve();
}

/**
 * Every request but the health check takes a fair turn on the request thread (static files are
 * served before this); it keeps its turn until its response is closed, or leaves the queue when
 * its client goes away first.
 */
export function fairTurns(queue: FairQueue | null): RequestHandler {
  return (req, res, next) => {
    if (!queue || req.path === '/healthz') return next();
    let ticket: Ticket | null = null;
    let closed = false;
    res.once('close', () => {
      closed = true;
      ticket?.leave();
    });
    // Each request starts on a loop turn of its own (slices.ts), after the I/O already waiting.
    ticket = queue.enter(req.ip ?? 'unknown', () => void nextSlice().then(() => next()));
    if (closed) ticket.leave();
    if (ticket.outcome === 'too-many-waiting')
      next(new Refusal(429, 'too many requests from this address are waiting; try again in a moment', 1));
    else if (ticket.outcome === 'queue-full')
      next(new Refusal(503, 'the server is busy with other requests; try again in a moment', 1));
  };
}

/** The query's shape (parameters, lengths, encoding, names) before anything reads it. */
export function checkQuery(req: Request, _res: Response, next: NextFunction): void {
  checkQueryShape(req.originalUrl);
  next();
}

/**
 * Every computation a request starts is charged to its client and queued by urgency, except a
 * default view's (an address with no query), which is the same for every reader. Sending a
 * large body, computed or cached, is charged to the client too.
 */
export function chargeClients(budgets: Budgets | null): RequestHandler {
  return (req, res, next) => {
    const client = req.ip ?? 'unknown';
    res.locals.chargeBody = ((bytes) => {
      const cost = bodyCost(bytes);
      const charged = budgets && cost > 0 ? budgets.charge(client, cost) : { ok: true as const };
      if (!charged.ok)
        throw new Refusal(
          429,
          `too many large downloads from this address; try again in ${charged.retryAfterS} s`,
          charged.retryAfterS,
        );
    }) satisfies BodyCharge;
    withClient({ client, urgency: urgencyOf(req.path), defaultView: isDefaultView(req.method, req.originalUrl) }, next);
  };
}

/**
 * Every request that may show the track record sees the latest events of any instance. A store
 * that does not answer leaves the last state read (writes report the failure). Pages then say
 * so, and models, charts and analyses keep serving with what was last read.
 */
export function refreshTrack(site: Site, logger: Logger | undefined): RequestHandler {
  return async (req, _res, next) => {
    try {
      await site.track?.refresh();
      site.trackProblem = null;
    } catch (err) {
      site.trackProblem = storeProblem(err);
      reportFailure(logger, req, err, 'reading the track record');
    }
    next();
  };
}

/**
 * Then the models folder: changed files are vetted off this thread; a request waits for that
 * (an edit shows on the next page load) at most `waitMs`, then is answered from the last good
 * models while the refresh finishes. A request about one model's results (modelOfRequest) waits
 * only when that model's file or an import's changed: another file's reload (a large one takes
 * seconds) does not hold it up, and it is answered from the models as they were.
 */
export function refreshModels(live: LiveProject, waitMs: number, logger: Logger | undefined): RequestHandler {
  return async (req, _res, next) => {
    const failed = (err: unknown) => reportFailure(logger, req, err, 'refreshing the models folder');
    try {
      const refreshing = live.refresh();
      const model = modelOfRequest(req.path);
      if (model === null || live.changedFor(model)) await atMost(refreshing, waitMs);
      else refreshing.catch(failed);
    } catch (err) {
      failed(err);
    }
    next();
  };
}

/** `work`, or `ms` milliseconds, whichever ends first. */
async function atMost(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([work, waited]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The model whose results a request asks for and nothing else: the JSON API's `/api/models/:id`
 * and below, and the charts (`/charts/:model/…`). Null for everything else, pages included (they
 * show every file's errors in their banner), and for lists over every model.
 */
export function modelOfRequest(path: string): string | null {
  const m = /^\/(?:api\/models|charts)\/([^/]+)(?:\/|$)/.exec(path);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

/** What readers are told when the track record cannot be read: the store's sentence, no paths. */
export function storeProblem(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = (text.split('\n')[0] ?? '').replace(/(?:\/[^\s/'"()]+)+/g, '…');
  return line.slice(0, 200) || 'the database did not answer';
}

/** A failure the request survives: to the access log when there is one, else to standard error. */
function reportFailure(logger: Logger | undefined, req: Request, err: unknown, what: string): void {
  if (logger) req.log.error({ err }, `${what} failed`);
  else console.error(`credence: ${what} failed:`, err);
}
