// How the web app answers a request that failed: a 404 for an unknown path, and for any error
// its status, a sentence a reader can act on and the located issues, never a stack trace.
// Unexpected errors are logged; the reader is told only that they were.

import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { Refusal } from './admission/scheduler.ts';
import { HttpError, type Site } from './site.ts';
import { BadRequest } from './query.ts';
import { renderError } from './routes/render.ts';
import type { CredenceError, ErrorCode } from '../model/errors.ts';
import { isDatabaseFailure } from '../predictions/index.ts';
import { storeProblem } from './app-middleware.ts';

interface Answer {
  status: number;
  message: string;
  issues: CredenceError[];
  code?: ErrorCode;
}

export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new HttpError(404, `there is no page at ${req.path}`));
}

/** Express's error handler (it has four parameters, which is how Express tells it apart). */
export function errorHandler(site: Site, logger: Logger | undefined) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const { status, message, issues, code } = answerFor(err, req, res, logger);
    if (res.headersSent) return;
    renderError(site, req, res, status, message, issues, code);
  };
}

function answerFor(err: unknown, req: Request, res: Response, logger: Logger | undefined): Answer {
  if (err instanceof Refusal) {
    if (err.retryAfterS !== null) res.set('Retry-After', String(err.retryAfterS));
    return { status: err.status, message: err.message, issues: [] };
  }
  if (err instanceof HttpError) return { status: err.status, message: err.message, issues: err.errors, code: err.code };
  if (err instanceof BadRequest)
    return { status: 400, message: err.message, issues: [{ code: err.code, message: err.message }] };
  const own = clientStatus(err);
  if (own !== null) {
    const message = own === 404 ? `there is no page at ${req.path}` : 'the request could not be read';
    return { status: own, message, issues: [] };
  }
  if (logger) req.log.error({ err }, `${req.method} ${req.originalUrl} failed`);
  else console.error(`[${new Date().toISOString()}] ${req.method} ${req.originalUrl}:`, err);
  if (isDatabaseFailure(err)) {
    // The track record's database failed under a page that needs it (a form, a session): say
    // so, as the predictions pages do, and that it is worth trying again.
    res.set('Retry-After', '5');
    const message = `the track record cannot be read just now (${storeProblem(err)}); try again shortly`;
    return { status: 503, message, issues: [], code: 'database' };
  }
  return { status: 500, message: 'something went wrong on our side; the error has been logged', issues: [] };
}

/** Body-parser and static-file errors (malformed URLs, …) carry their own 4xx status. */
function clientStatus(err: unknown): number | null {
  if (
    typeof err === 'object' &&
    err !== null &&
    'status' in err &&
    typeof (err as { status: unknown }).status === 'number' &&
    (err as { status: number }).status < 500
  )
    return (err as { status: number }).status;
  return null;
}
