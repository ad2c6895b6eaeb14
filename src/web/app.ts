// The web app: Express 5 with Handlebars views, helmet's security headers (no inline script),
// an access log, the pages, the JSON API (readable from any origin), standalone SVG charts, a
// health check, and errors that never show a stack trace.

import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { LiveProject } from './live-project.ts';
import { DEFAULT_LOAD_BUDGET, LoadVetter, type LoadBudget } from './loading/vetter.ts';
import { Results } from './results.ts';
import { RenderedCache, type BodyCharge } from './rendered.ts';
import { bodyCost } from './admission/cost.ts';
import { createViews } from './view-engine.ts';
import { InProcessRunner, WorkerPool, type Runner } from './compute/computer.ts';
import { Budgets, type BudgetSettings } from './admission/budget.ts';
import { DEFAULT_QUEUE, Refusal, Scheduler, type QueueSettings } from './admission/scheduler.ts';
import { urgencyOf, withClient } from './admission/context.ts';
import { TrackRecord } from './track.ts';
import { HttpError, headlineModel, type Site } from './site.ts';
import { BadRequest } from './query.ts';
import { checkQueryShape } from './query-shape.ts';
import { ROOT } from './root.ts';
import { pageRoutes } from './routes/pages.ts';
import { predictionPageRoutes } from './routes/predictions-pages.ts';
import { embedRoutes } from './routes/embed.ts';
import { apiRoutes } from './routes/api.ts';
import { predictionApiRoutes } from './routes/prediction-api.ts';
import { predictionWriteRoutes } from './routes/predictions-write.ts';
import { signInRoutes } from './routes/sign-in.ts';
import { predictionFormRoutes } from './routes/prediction-forms.ts';
import { chartRoutes } from './routes/charts.ts';
import { sourceRoutes } from './routes/source.ts';
import { shareRoutes } from './routes/share.ts';
import { withRequestContext } from './request-context.ts';
import { renderError } from './routes/render.ts';
import { openStore, type Store } from '../predictions/index.ts';
import { sql } from 'kysely';
import { DatabaseLimitStore } from './server/rate-limit-store.ts';
import type { CredenceError, ErrorCode } from '../model/errors.ts';
import cors from 'cors';
import type { Logger } from 'pino';
import { accessLog, createLogger } from './server/access-log.ts';

export { createLogger };
export { warmUp } from './warm.ts';
import { healthRoutes } from './routes/health.ts';

export interface AppOptions {
  /** The models folder. */
  modelsDir: string;
  /** The predictions database; null runs without one (no scoreboard, no resolutions). */
  dbPath?: string | null;
  /**
   * Compute worker threads; 0 computes in the request's thread. Default: one per core, each
   * running whole jobs, so a long analysis never holds up a page's run.
   */
  workers?: number;
  /** Computations a client may start per window (cached results are free). */
  rateLimit?: { windowMs: number; limit: number } | false;
  /**
   * Each client's allowance of work in cells (samples × quantities × passes), charged before a
   * computation is queued and when a large body is sent; false: unlimited.
   */
  budget?: BudgetSettings | false;
  /** Bounds of the computation queue (defaults: DEFAULT_QUEUE). */
  queue?: Partial<QueueSettings>;
  /**
   * Each changed model file is loaded first in a worker within this time and heap (a file over
   * either is an error in the banner, its last good version serving); false loads files in the
   * server's thread (default: DEFAULT_LOAD_BUDGET).
   */
  loading?: Partial<LoadBudget> | false;
  /** How long a request waits for the models folder's refresh before it is answered from the last one (ms). */
  refreshWaitMs?: number;
  /** How long a page waits for results before showing them as computing (ms). */
  budgetMs?: number;
  /** Express's `trust proxy` (TRUST_PROXY): which proxies' X-Forwarded-For and -Proto to believe. */
  trustProxy?: boolean | number | string;
  /** The access log, which also gets unexpected errors (default: none; errors go to standard error). */
  logger?: Logger;
  /**
   * The site's public address (e.g. https://credence.example.org), for the absolute links of
   * link previews; by default the scheme and host each request came to.
   */
  publicUrl?: string;
  /** Where public/ and views/ live (default: the repository). */
  root?: string;
}

export interface WebApp {
  app: Express;
  site: Site;
  close(): Promise<void>;
}

/** Short hashes of the stylesheet and the bundles, for cache-busting links. */
function assetVersions(publicDir: string): Site['assets'] {
  const hash = (file: string) => {
    try {
      return createHash('sha256')
        .update(readFileSync(join(publicDir, file)))
        .digest('hex')
        .slice(0, 10);
    } catch {
      return '0';
    }
  };
  return {
    css: hash('site.css'),
    js: hash('build/app.js'),
    editor: hash('build/editor.js'),
    worker: hash('build/engine-worker.js'),
  };
}

/** What readers are told when the track record cannot be read: the store's sentence, no paths. */
function storeProblem(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = (text.split('\n')[0] ?? '').replace(/(?:\/[^\s/'"()]+)+/g, '…');
  return line.slice(0, 200) || 'the database did not answer';
}

export const DEFAULT_REFRESH_WAIT_MS = 15_000;

export const DEFAULT_RATE_LIMIT = { windowMs: 60_000, limit: 120 };

/**
 * A client may spend about 20 s of one worker's time at once and half a worker's time on
 * average (the engine evaluates roughly 25 million cells a second on one core).
 */
export const DEFAULT_BUDGET: BudgetSettings = { burst: 500_000_000, perSecond: 12_500_000 };

export async function createApp(options: AppOptions): Promise<WebApp> {
  const root = options.root ?? ROOT;
  const publicDir = join(root, 'public');

  let store: Store | null = null;
  if (options.dbPath) {
    const opened = await openStore(options.dbPath);
    if (!opened.ok) throw opened.error;
    store = opened.store;
  }
  const workers = options.workers ?? Math.max(1, availableParallelism());
  // One express lane besides the general ones keeps small requests moving while large ones run.
  const runner: Runner = workers > 0 ? new WorkerPool(workers, { express: 1 }) : new InProcessRunner();
  const budget = options.budget === undefined ? DEFAULT_BUDGET : options.budget;
  const queue = {
    ...DEFAULT_QUEUE,
    ...options.queue,
    cellsPerSecond: DEFAULT_QUEUE.cellsPerSecond * Math.max(1, workers),
  };
  const budgets = budget ? new Budgets(budget) : null;
  const scheduler = new Scheduler(runner, budgets, queue);
  const vetter =
    options.loading === false
      ? null
      : new LoadVetter({ ...DEFAULT_LOAD_BUDGET, ...options.loading }, undefined, (m) =>
          options.logger ? options.logger.error(m) : console.error(`credence: ${m}`),
        );
  const live = new LiveProject(options.modelsDir, vetter);
  const site: Site = {
    live,
    results: new Results(scheduler),
    views: createViews(join(root, 'views')),
    track: store ? new TrackRecord(store) : null,
    rendered: new RenderedCache(),
    budgetMs: options.budgetMs ?? 250,
    headline: null,
    trackProblem: null,
    assets: { css: '0', js: '0', editor: '0', worker: '0' },
  };
  site.assets = assetVersions(publicDir);
  await live.refresh();
  const first = live.current();
  site.headline = headlineModel(first);
  if (runner instanceof WorkerPool) runner.warm(first);

  const app = express();
  const logger = options.logger ?? createLogger('silent');
  app.use(accessLog(logger));
  // Behind a reverse proxy, the client's address (rate limits) and whether it used HTTPS
  // (Secure cookies) come from the proxy's X-Forwarded-* headers, believed only from it.
  app.set('trust proxy', options.trustProxy ?? false);
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.set('query parser', 'simple');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'"],
        },
      },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );
  // The editor's worker compiles model expressions into functions (the engine's fused loops):
  // it alone may evaluate code, under a policy of its own; pages keep theirs.
  app.get('/static/build/engine-worker.js', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', "default-src 'none'; script-src 'self' 'unsafe-eval'; connect-src 'self'");
    next();
  });
  // Asset links carry a hash of the file (`?v=`), so browsers may keep them for long.
  app.use('/static', express.static(publicDir, { index: false, maxAge: '1d', fallthrough: true }));
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/favicon.svg'));

  const limit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  const limiter = limit
    ? rateLimit({
        windowMs: limit.windowMs,
        limit: limit.limit,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        // Counted in the database, so that instances sharing it share each client's allowance.
        ...(store ? { store: new DatabaseLimitStore(store, 'compute:') } : {}),
        handler: (_req, _res, next) =>
          next(
            new HttpError(
              429,
              'too many computations from this address; wait a minute and try again (cached views stay available)',
            ),
          ),
      })
    : null;
  /** Count a computation against the client's allowance; throws 429 when it is used up. */
  const gate = (req: Request, res: Response): Promise<void> =>
    limiter
      ? new Promise((resolve, reject) => void limiter(req, res, (err?: unknown) => (err ? reject(err) : resolve())))
      : Promise.resolve();

  // The query's shape (parameters, lengths, encoding, names) before anything reads it.
  app.use((req, _res, next) => {
    checkQueryShape(req.originalUrl);
    next();
  });
  app.use('/', healthRoutes(site, store ? () => sql`SELECT 1`.execute(store!.db) : null));
  // Every computation a request starts is charged to its client and queued by urgency.
  // Sending a large body, computed or cached, is charged to the client too.
  app.use((req, res, next) => {
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
    withClient({ client, urgency: urgencyOf(req.path) }, next);
  });
  // Every request that may show the track record sees the latest events of any instance. A
  // store that does not answer leaves the last state read (writes report the failure).
  // Pages then say so, and models, charts and analyses keep serving with what was last read.
  app.use(async (req, _res, next) => {
    try {
      await site.track?.refresh();
      site.trackProblem = null;
    } catch (err) {
      site.trackProblem = storeProblem(err);
      if (options.logger) req.log.error({ err }, 'reading the track record failed');
      else console.error('credence: reading the track record failed:', err);
    }
    next();
  });
  // Then the models folder: changed files are vetted off this thread; a request waits for that
  // (an edit shows on the next page load) at most refreshWaitMs, then is answered from the last
  // good models while the refresh finishes.
  const refreshWaitMs = options.refreshWaitMs ?? DEFAULT_REFRESH_WAIT_MS;
  app.use(async (req, _res, next) => {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, refreshWaitMs)));
    try {
      await Promise.race([live.refresh(), waited]);
    } catch (err) {
      if (options.logger) req.log.error({ err }, 'refreshing the models folder failed');
      else console.error('credence: refreshing the models folder failed:', err);
    } finally {
      clearTimeout(timer);
    }
    next();
  });
  app.use(withRequestContext(site, options.publicUrl));
  // The read-only API may be read from any origin; writes stay same-origin (no CORS for POST).
  app.use('/api', cors({ origin: '*', methods: ['GET', 'HEAD'], exposedHeaders: ['ETag', 'X-Request-Id'] }));
  app.use('/api', predictionWriteRoutes(site));
  app.use('/api', predictionApiRoutes(site, gate));
  app.use('/api', apiRoutes(site, gate));
  app.use('/charts', chartRoutes(site, gate));
  app.use('/charts', embedRoutes(site, gate));
  app.use('/', predictionFormRoutes(site));
  app.use('/', signInRoutes(site));
  app.use('/', sourceRoutes(site));
  app.use('/', shareRoutes(site));
  app.use('/', predictionPageRoutes(site, gate));
  app.use('/', pageRoutes(site, gate));

  app.use((req, _res, next) => next(new HttpError(404, `there is no page at ${req.path}`)));
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    let status = 500;
    let message = 'something went wrong on our side; the error has been logged';
    let issues: CredenceError[] = [];
    let code: ErrorCode | undefined;
    if (err instanceof Refusal) {
      status = err.status;
      message = err.message;
      if (err.retryAfterS !== null) res.set('Retry-After', String(err.retryAfterS));
    } else if (err instanceof HttpError) {
      status = err.status;
      message = err.message;
      issues = err.errors;
      code = err.code;
    } else if (err instanceof BadRequest) {
      status = 400;
      message = err.message;
      issues = [{ code: err.code, message: err.message }];
    } else if (
      typeof err === 'object' &&
      err !== null &&
      'status' in err &&
      typeof (err as { status: unknown }).status === 'number' &&
      (err as { status: number }).status < 500
    ) {
      // Body-parser and static-file errors (malformed URLs, …) carry their own 4xx status.
      status = (err as { status: number }).status;
      message = status === 404 ? `there is no page at ${req.path}` : 'the request could not be read';
    } else {
      if (options.logger) req.log.error({ err }, `${req.method} ${req.originalUrl} failed`);
      else console.error(`[${new Date().toISOString()}] ${req.method} ${req.originalUrl}:`, err);
    }
    if (res.headersSent) return;
    renderError(site, req, res, status, message, issues, code);
  });

  return {
    app,
    site,
    async close() {
      await scheduler.close();
      await live.close();
      await store?.close();
    },
  };
}
