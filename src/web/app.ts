// The web app: Express 5 with Handlebars views, helmet's security headers (no inline script),
// an access log, the pages, the JSON API (readable from any origin), standalone SVG charts, a
// health check, and errors that never show a stack trace. What it serves from is opened in
// app-site.ts, the middleware before the routes is app-middleware.ts, errors app-errors.ts.

import express, { type Express } from 'express';
import { join } from 'node:path';
import type { LoadBudget } from './loading/vetter.ts';
import type { BudgetSettings } from './admission/budget.ts';
import type { QueueSettings } from './admission/scheduler.ts';
import { DEFAULT_FAIRNESS, FairQueue, type Fairness } from './admission/fair-queue.ts';
import type { Site } from './site.ts';
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
import { sql } from 'kysely';
import cors from 'cors';
import type { Logger } from 'pino';
import { accessLog, createLogger } from './server/access-log.ts';
import { openSite } from './app-site.ts';
import { securityHeaders, serveStatic } from './app-headers.ts';
import {
  DEFAULT_RATE_LIMIT,
  DEFAULT_REFRESH_WAIT_MS,
  chargeClients,
  checkQuery,
  computeGate,
  fairTurns,
  refreshModels,
  refreshTrack,
  type Gate,
  type RateLimit,
} from './app-middleware.ts';
import { errorHandler, notFound } from './app-errors.ts';

export { createLogger };
export { warmUp } from './warm.ts';
export { DEFAULT_BUDGET } from './app-site.ts';
export { DEFAULT_RATE_LIMIT, DEFAULT_REFRESH_WAIT_MS };
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
  /**
   * How long a compute worker may take over one job, and a page's check of its what-if values
   * (in a worker or, with no workers, in the request's thread), before it is stopped (ms;
   * defaults 120 s and 10 s).
   */
  workerTimeouts?: { jobMs?: number; checkMs?: number };
  /** Computations a client may start per window (cached results are free). */
  rateLimit?: RateLimit | false;
  /**
   * Each client's allowance of work in cells (samples × quantities × passes), charged before a
   * computation is queued and when a large body is sent; false: unlimited.
   */
  budget?: BudgetSettings | false;
  /** Bounds of the computation queue (defaults: DEFAULT_QUEUE). */
  queue?: Partial<QueueSettings>;
  /**
   * Requests in progress on the request thread, per client and in all, and how many may wait for
   * a turn (defaults: DEFAULT_FAIRNESS); false: every request goes on at once.
   */
  fairness?: Partial<Fairness> | false;
  /**
   * Each changed model file is loaded first in a worker within this time and heap (a file over
   * either is an error in the banner, its last good version serving); false loads files in the
   * server's thread (default: DEFAULT_LOAD_BUDGET).
   */
  loading?: Partial<LoadBudget> | false;
  /**
   * The files the compute and model-loading worker threads start from (default: the built
   * workers in dist/ when the app runs built, boot files that compile the sources otherwise).
   */
  workerEntries?: WorkerEntries;
  /** How long a request waits for the models folder's refresh before it is answered from the last one (ms). */
  refreshWaitMs?: number;
  /** How long a page waits for results before showing them as computing (ms). */
  budgetMs?: number;
  /**
   * How long a model page whose top is already sent waits for its headline and distribution
   * before sending the rest with them computing (ms; default FIRST_SCREEN_MS).
   */
  firstScreenMs?: number;
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

export interface WorkerEntries {
  compute?: URL;
  load?: URL;
}

export interface WebApp {
  app: Express;
  site: Site;
  /** The turns requests take on the request thread (null without fairness). */
  turns: FairQueue | null;
  close(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<WebApp> {
  const root = options.root ?? ROOT;
  const publicDir = join(root, 'public');
  const { site, store, budgets, scheduler, live } = await openSite(options, root, publicDir);

  const app = express();
  app.use(accessLog(options.logger ?? createLogger('silent')));
  // Behind a reverse proxy, the client's address (rate limits) and whether it used HTTPS
  // (Secure cookies) come from the proxy's X-Forwarded-* headers, believed only from it.
  app.set('trust proxy', options.trustProxy ?? false);
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.set('query parser', 'simple');
  app.use(securityHeaders());
  serveStatic(app, publicDir);

  const gate = computeGate(options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit, store);
  const turns = options.fairness === false ? null : new FairQueue({ ...DEFAULT_FAIRNESS, ...options.fairness });
  app.use(fairTurns(turns));
  app.use(checkQuery);
  app.use('/', healthRoutes(site, store ? () => sql`SELECT 1`.execute(store.db) : null));
  app.use(chargeClients(budgets));
  app.use(refreshTrack(site, options.logger));
  app.use(refreshModels(live, options.refreshWaitMs ?? DEFAULT_REFRESH_WAIT_MS, options.logger));
  app.use(withRequestContext(site, options.publicUrl));
  mountRoutes(app, site, gate);
  app.use(notFound);
  app.use(errorHandler(site, options.logger));

  return {
    app,
    site,
    turns,
    async close() {
      await scheduler.close();
      await live.close();
      await store?.close();
    },
  };
}

function mountRoutes(app: Express, site: Site, gate: Gate): void {
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
}
