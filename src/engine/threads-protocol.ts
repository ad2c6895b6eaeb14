// What the engine's main thread and its worker threads (threads.ts, worker.ts) say to each other:
// the plan as plain data, a pass to run, and the layout of the shared control words.

import type { Expr } from '../model/expression.ts';
import type { PassTask } from './pass-executors.ts';

/** A plan's inputs as plain data: each quantity's and each evidence entry's expression and text. */
export interface PlanSpec {
  entities: { name: string; expr: Expr; text: string }[];
  evidence: { name: string; expr: Expr; text: string }[];
}

export interface JobMessage {
  /** Every job has its own id, so a late thread's answer to an earlier job is told apart. */
  id: number;
  /** Key of the plan in the thread's cache; `plan` is sent the first time only. */
  planKey: string;
  plan: PlanSpec | null;
  task: PassTask;
  /** Shared control words (CONTROL), and this thread's index among the workers. */
  control: SharedArrayBuffer;
  thread: number;
  /** Segments claimed at a time. */
  block: number;
}

/**
 * Plans an engine thread keeps built, dropping the oldest first. The calling side keeps the same
 * list of what it has sent each thread, so a plan a thread dropped is sent again with its spec.
 */
export const PLANS_KEPT = 16;

/** Shared Int32 words: the next segment to claim, segments done, then one state per worker. */
export const CONTROL = { next: 0, done: 1, states: 2 } as const;

export const STATE = { idle: 0, working: 1, finished: 2, failed: 3 } as const;
