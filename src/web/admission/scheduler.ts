// Admission and order of the server's computations. Each piece of work is charged to its client
// before it is queued (budget.ts), a default view's excepted (context.ts); the queue is bounded
// in total and per client; lanes take work round-robin between clients (the client served
// longest ago first), and within a client what a reader waits on before panels further down, a
// page's run before its analyses. Express lanes take only small work, so a small request finds a
// lane while others' large ones run. While another client is active (its work queued or running,
// or given a lane within `activeMs`), a client holds at most one general lane: a flood of long
// jobs leaves the other cores to everyone else rather than sharing them with their small work.
// The server's own work (warming the cache) goes last. A refusal is an answer, with when to retry.

import { currentClient, type ClientContext } from './context.ts';
import type { Budgets } from './budget.ts';
import { jobCost } from './cost.ts';
import type { JobResult, Runner, Work } from '../compute/computer.ts';
import type { Job } from '../../analysis/registry/index.ts';
import type { Snapshot } from '../live-project.ts';

export interface QueueSettings {
  /** Work waiting for a lane, over every client. */
  maxQueued: number;
  /** Work waiting for a lane, per client. */
  maxQueuedPerClient: number;
  /** Cells at or under which work is small (may take an express lane). */
  smallCost: number;
  /** Cells the lanes get through per second together, for the Retry-After of a full queue. */
  cellsPerSecond: number;
  /**
   * How long after it was last given a lane a client still counts as active (ms): a reader
   * between two requests, whose next one should find a core free of another client's work.
   */
  activeMs: number;
}

export const DEFAULT_QUEUE: QueueSettings = {
  maxQueued: 256,
  maxQueuedPerClient: 32,
  // A 100,000-sample run of a 25-quantity model, or a 1,000-sample run of a model of 2,500.
  smallCost: 5_000_000,
  // About what one worker gets through on the shipped models.
  cellsPerSecond: 25_000_000,
  activeMs: 5_000,
};

/** Work the server would not take now: `status` 429 (the client's allowance) or 503 (full). */
export class Refusal extends Error {
  constructor(
    readonly status: 400 | 429 | 503,
    message: string,
    readonly retryAfterS: number | null,
  ) {
    super(message);
  }
}

interface Task {
  seq: number;
  work: Work;
  snapshot: Snapshot;
  cost: number;
  client: ClientContext;
  rank: number;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/** Lower first: what a page shows at once (a run, its summary), the overview of worldviews, analyses. */
function analysisRank(work: Work): number {
  if (work.kind === 'check') return 0;
  const a = work.job.analysis;
  return a === 'run' || a === 'summary' || a === 'distribution' || a === 'graph' || a === 'samples'
    ? 0
    : a === 'worldviews'
      ? 1
      : 2;
}

const cells = (n: number) => n.toLocaleString('en-US');

export class Scheduler {
  private queue: Task[] = [];
  private busy: (Task | null)[];
  /** When each client was last given a lane (a counter), for round-robin. */
  private served = new Map<string, number>();
  /** When each client was last given a lane (ms on `now`), for whether it is still active. */
  private seenAt = new Map<string, number>();
  private seq = 0;
  private turn = 0;

  constructor(
    readonly runner: Runner,
    readonly budgets: Budgets | null,
    readonly settings: QueueSettings,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.busy = runner.lanes.map(() => null);
  }

  /** Queue `work` of `cost` cells for the current client; resolves with its answer. */
  submit(work: Work, snapshot: Snapshot, cost: number, client: ClientContext = currentClient()): Promise<unknown> {
    const own = client.client === 'server';
    if (!own) {
      const mine = this.queue.filter((t) => t.client.client === client.client).length;
      if (mine >= this.settings.maxQueuedPerClient)
        throw new Refusal(
          503,
          `the server is busy with ${mine} of your computations; wait for them before asking for more`,
          this.retryAfter(),
        );
      if (this.queue.length >= this.settings.maxQueued)
        throw new Refusal(503, 'the server is busy; try again shortly', this.retryAfter());
      // A default view is bounded like any request, but not charged (context.ts).
      const charge = client.defaultView ? this.budgets?.fits(cost) : this.budgets?.charge(client.client, cost);
      if (charge && !charge.ok) {
        if (charge.tooLarge)
          throw new Refusal(
            400,
            `this computation (about ${cells(cost)} sample-quantities) is larger than one request may ask for (${cells(this.budgets!.settings.burst)}); ask for fewer samples, or run it with the command line`,
            null,
          );
        throw new Refusal(
          429,
          `too many computations from this address: this one (about ${cells(cost)} sample-quantities) is more than is left of your allowance; try again in ${charge.retryAfterS} s (cached views stay available)`,
          charge.retryAfterS,
        );
      }
    }
    return new Promise((resolve, reject) => {
      this.queue.push({
        seq: this.seq++,
        work,
        snapshot,
        cost,
        client,
        rank: (client.urgency === 'interactive' ? 0 : 10) + analysisRank(work),
        resolve,
        reject,
      });
      this.pump();
    });
  }

  /** Run one analysis job (its cost estimated) for the current client. */
  compute(job: Job, snapshot: Snapshot): Promise<JobResult> {
    return this.submit({ kind: 'job', job }, snapshot, jobCost(snapshot.project, job)) as Promise<JobResult>;
  }

  /** Seconds until the queue ahead has likely drained. */
  private retryAfter(): number {
    const running = [...new Set(this.busy)]; // a job holding lanes for its threads counts once
    const ahead = this.queue.reduce((s, t) => s + t.cost, 0) + running.reduce((s, t) => s + (t?.cost ?? 0), 0);
    return Math.max(1, Math.min(600, Math.ceil(ahead / this.settings.cellsPerSecond)));
  }

  /** Work queued or running, per client (for tests and the health check). */
  get load(): { queued: number; running: number } {
    return { queued: this.queue.length, running: new Set(this.busy.filter(Boolean)).size };
  }

  private pump(): void {
    for (let lane = 0; lane < this.busy.length; lane++) {
      if (this.busy[lane] || this.queue.length === 0) continue;
      const i = this.pick(this.runner.lanes[lane]!.express);
      if (i < 0) continue;
      const task = this.queue.splice(i, 1)[0]!;
      this.busy[lane] = task;
      const lent = this.lend(lane, task);
      this.served.set(task.client.client, ++this.turn);
      this.seenAt.set(task.client.client, this.now());
      this.runner
        .run(lane, task.work, task.snapshot, 1 + lent.length)
        .then(task.resolve, task.reject)
        .finally(() => {
          for (const l of [lane, ...lent]) this.busy[l] = null;
          this.pump();
        });
    }
    // Forget clients with nothing queued or running.
    if (this.served.size > 1000) {
      const active = new Set([...this.queue, ...this.busy].map((t) => t?.client.client));
      for (const k of this.served.keys()) if (!active.has(k)) this.served.delete(k);
      const since = this.now() - this.settings.activeMs;
      for (const [k, at] of this.seenAt) if (at < since && !active.has(k)) this.seenAt.delete(k);
    }
  }

  /**
   * The idle general lanes a job starting on `lane` may hold for its engine threads: every one,
   * when nothing else waits, no other client is active and the job is not small (a small one is
   * done before threads pay); none otherwise. They stay idle, held, until the job ends; express
   * lanes are never held.
   */
  private lend(lane: number, task: Task): number[] {
    if (task.work.kind !== 'job' || this.queue.length > 0 || task.cost <= this.settings.smallCost) return [];
    if (this.othersActive(task.client.client)) return [];
    const lent: number[] = [];
    for (let l = 0; l < this.busy.length; l++) {
      if (l === lane || this.busy[l] || this.runner.lanes[l]!.express) continue;
      this.busy[l] = task;
      lent.push(l);
    }
    return lent;
  }

  /** Whether a client other than `client` (or the server) has work queued or running, or was given a lane within `activeMs`. */
  private othersActive(client: string): boolean {
    const other = (c: string) => c !== client && c !== 'server';
    if (this.queue.some((t) => other(t.client.client))) return true;
    if (this.busy.some((t) => t && other(t.client.client))) return true;
    const since = this.now() - this.settings.activeMs;
    for (const [c, at] of this.seenAt) if (at >= since && other(c)) return true;
    return false;
  }

  /** Clients that may not take another general lane now: those holding one while another client is active. */
  private capped(): Set<string> {
    const holding = new Set<string>();
    this.busy.forEach((t, l) => t && !this.runner.lanes[l]!.express && holding.add(t.client.client));
    return new Set([...holding].filter((c) => this.othersActive(c)));
  }

  /** The index of the next task for a lane, or -1. */
  private pick(express: boolean): number {
    let best = -1;
    let bestKey: [number, number, number, number] | null = null;
    const capped = express ? new Set<string>() : this.capped();
    for (let i = 0; i < this.queue.length; i++) {
      const t = this.queue[i]!;
      if (express && t.cost > this.settings.smallCost) continue;
      if (capped.has(t.client.client)) continue;
      // Other clients before the server's own work; the client served longest ago first; then
      // the most urgent of its work, oldest first.
      const key: [number, number, number, number] = [
        t.client.client === 'server' ? 1 : 0,
        this.served.get(t.client.client) ?? 0,
        t.rank,
        t.seq,
      ];
      if (!bestKey || less(key, bestKey)) [best, bestKey] = [i, key];
    }
    return best;
  }

  async close(): Promise<void> {
    for (const t of this.queue) t.reject(new Error('the server is shutting down'));
    this.queue = [];
    await this.runner.close();
  }
}

function less(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
