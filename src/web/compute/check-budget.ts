// The time budget of a page request's check, and the answer of work stopped for its time or
// memory. In a worker the check is stopped from outside (the pool terminates it). In the
// request's own thread (no worker threads) nothing can stop it from outside, so the check looks
// at the clock between its steps: before each what-if text is parsed and before each graph is
// built. A step is one what-if text (the HTTP parser bounds a whole request to 16 KB) or the
// graph of a model that loaded within its own budget, so the check ends within the budget plus
// one such step, with an error beside the field it had reached.

import { error, type CredenceError } from '../../model/errors.ts';

/**
 * The check of a page's request parses at most one request's what-if texts and builds the
 * model's graph, which takes milliseconds; one still running after this long is stopped.
 */
export const CHECK_TIMEOUT_MS = 10_000;

/** The answer of work stopped for its time or memory: not kept as the request's result. */
export type Stopped = { ok: false; errors: CredenceError[]; stopped: true };

export const stopped = (e: CredenceError): Stopped => ({ ok: false, errors: [e], stopped: true });

/** Whether an answer is that of work stopped for its time or memory. */
export const wasStopped = (answer: unknown): answer is Stopped =>
  typeof answer === 'object' && answer !== null && 'stopped' in answer;

/** A duration as a reader is told it (whole seconds, at least 1). */
export const seconds = (ms: number): string => `${Math.max(1, Math.round(ms / 1000))} s`;

/** The check ran past `ms`; `field` is the what-if value it had reached, when it had reached one. */
export function checkTimeError(ms: number, field?: string): CredenceError {
  const e = error(
    'limit-exceeded',
    `checking this page's what-if values took longer than ${seconds(ms)} (check-time) and was stopped${
      field === undefined ? '' : ' before this one was read'
    }; shorten them`,
    field === undefined ? undefined : { file: `--set ${field}` },
  );
  e.limit = { name: 'check-time', max: ms };
  return e;
}

/** A deadline the check looks at between its steps. */
export interface CheckBudget {
  readonly ms: number;
  spent(): boolean;
}

export const UNBOUNDED: CheckBudget = { ms: Infinity, spent: () => false };

/** A budget of `ms` from now, on `now`'s clock (milliseconds; tests pass a clock of their own). */
export function budgetOf(ms: number, now: () => number = () => performance.now()): CheckBudget {
  const end = now() + ms;
  return { ms, spent: () => now() > end };
}
