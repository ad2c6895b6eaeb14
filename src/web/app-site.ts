// What the web app serves from: the track record's store, the computation lanes and their
// scheduler, the models folder (loaded once before the first request) and the site every route
// reads. The store opens first, so a database that cannot be opened fails the start before any
// worker thread exists.

import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { LiveProject } from './live-project.ts';
import { DEFAULT_LOAD_BUDGET, LoadVetter } from './loading/vetter.ts';
import { Results } from './results.ts';
import { RenderedCache } from './rendered.ts';
import { createViews } from './view-engine.ts';
import { InProcessRunner, WorkerPool, type Runner } from './compute/computer.ts';
import { Budgets, type BudgetSettings } from './admission/budget.ts';
import { DEFAULT_QUEUE, Scheduler } from './admission/scheduler.ts';
import { TrackRecord } from './track.ts';
import { headlineModel, type Site } from './site.ts';
import { openStore, type Store } from '../predictions/index.ts';
import type { AppOptions } from './app.ts';

/**
 * A client may spend about 20 s of one worker's time at once and half a worker's time on
 * average (the engine evaluates roughly 25 million cells a second on one core).
 */
/** How long a model page already under way waits for its headline (see Site.firstScreenMs). */
export const FIRST_SCREEN_MS = 2000;

export const DEFAULT_BUDGET: BudgetSettings = { burst: 500_000_000, perSecond: 12_500_000 };

export interface OpenedSite {
  site: Site;
  store: Store | null;
  /** Each client's allowance of work, or null when unlimited. */
  budgets: Budgets | null;
  scheduler: Scheduler;
  live: LiveProject;
}

export async function openSite(options: AppOptions, root: string, publicDir: string): Promise<OpenedSite> {
  const store = options.dbPath ? await openTrackStore(options.dbPath) : null;
  const workers = options.workers ?? Math.max(1, availableParallelism());
  // One express lane besides the general ones keeps small requests moving while large ones run.
  const runner: Runner =
    workers > 0
      ? new WorkerPool(workers, {
          express: 1,
          entry: options.workerEntries?.compute,
          timeoutMs: options.workerTimeouts?.jobMs,
          checkTimeoutMs: options.workerTimeouts?.checkMs,
        })
      : new InProcessRunner({ checkTimeoutMs: options.workerTimeouts?.checkMs });
  const budget = options.budget === undefined ? DEFAULT_BUDGET : options.budget;
  const queue = {
    ...DEFAULT_QUEUE,
    ...options.queue,
    cellsPerSecond: DEFAULT_QUEUE.cellsPerSecond * Math.max(1, workers),
  };
  const budgets = budget ? new Budgets(budget) : null;
  const scheduler = new Scheduler(runner, budgets, queue);
  const live = new LiveProject(options.modelsDir, loadVetter(options));
  const site: Site = {
    live,
    results: new Results(scheduler),
    views: createViews(join(root, 'views')),
    track: store ? new TrackRecord(store) : null,
    rendered: new RenderedCache(),
    budgetMs: options.budgetMs ?? 250,
    firstScreenMs: options.firstScreenMs ?? FIRST_SCREEN_MS,
    headline: null,
    trackProblem: null,
    assets: assetVersions(publicDir),
  };
  await live.refresh();
  const first = live.current();
  site.headline = headlineModel(first);
  if (runner instanceof WorkerPool) runner.warm(first);
  return { site, store, budgets, scheduler, live };
}

async function openTrackStore(dbPath: string): Promise<Store> {
  const opened = await openStore(dbPath);
  if (!opened.ok) throw opened.error;
  return opened.store;
}

/** The worker that vets changed model files within the load budget, or null to load in this thread. */
function loadVetter(options: AppOptions): LoadVetter | null {
  if (options.loading === false) return null;
  return new LoadVetter({ ...DEFAULT_LOAD_BUDGET, ...options.loading }, options.workerEntries?.load, (m) =>
    options.logger ? options.logger.error(m) : console.error(`credence: ${m}`),
  );
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
