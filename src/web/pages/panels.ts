// A page section whose content comes from one computation: shown at once when the result is
// ready, else as a fixed-size placeholder that the page's script fills from the panel's own URL
// while showing progress.

import { formatError, type CredenceError } from '../../model/errors.ts';
import type { Results, Cached } from '../results.ts';
import type { Job } from '../../analysis/registry/index.ts';
import type { Snapshot } from '../live-project.ts';
import { Refusal } from '../admission/scheduler.ts';

export type PanelState = 'ready' | 'pending' | 'error';

export interface Panel {
  id: string;
  title: string;
  /** The partial that draws the ready content. */
  partial: string;
  state: PanelState;
  /** URL of the panel alone (HTML), fetched by the page when pending. */
  src: string;
  value: unknown;
  errors: string[];
  /** Extra context for the partial (chart ids, labels). */
  extra: Record<string, unknown>;
  /** Not computed until the reader scrolls to it or asks for it (the page fetches `src` then). */
  deferred?: boolean;
  /** Milliseconds the computation took, when it was computed for this request. */
  ms: number;
  key: string | null;
}

export interface PanelSpec {
  id: string;
  title: string;
  partial: string;
  job: Job;
  src: string;
  extra?: Record<string, unknown>;
  /** Compute only when the reader reaches the panel (unless the result is already cached). */
  defer?: boolean;
}

function fromCached(spec: PanelSpec, c: Cached | undefined): Panel {
  const base = {
    id: spec.id,
    title: spec.title,
    partial: spec.partial,
    src: spec.src,
    extra: spec.extra ?? {},
    ms: c?.ms ?? 0,
    key: c?.key ?? null,
  };
  if (!c) return { ...base, state: 'pending', value: null, errors: [] };
  if (!c.result.ok)
    return { ...base, state: 'error', value: null, errors: c.result.errors.map((e: CredenceError) => formatError(e)) };
  return { ...base, state: 'ready', value: c.result.value, errors: [] };
}

/**
 * What a computation refused by admission becomes, instead of failing the whole answer: with
 * `tooLarge`, a panel whose computation is larger than one request may ask for says so (the page
 * around it renders); with `busy`, a panel refused for now (429/503) waits for the reader like a
 * deferred one. Otherwise the refusal is the answer's (a panel asked for alone passes its
 * Retry-After on to the page's script).
 */
export interface Degrade {
  tooLarge: boolean;
  busy: boolean;
}

/**
 * Start every panel's computation and wait for them together until `budgetMs` has passed;
 * panels not ready by then are returned as pending (their computation goes on).
 */
export async function settlePanels(
  results: Results,
  snapshot: Snapshot,
  specs: PanelSpec[],
  budgetMs: number,
  degrade: Degrade = { tooLarge: false, busy: false },
): Promise<Panel[]> {
  const deadline = Date.now() + budgetMs;
  const settle = async (spec: PanelSpec): Promise<Panel> => {
    if (spec.defer) {
      const panel = fromCached(spec, results.peek(spec.job, snapshot));
      return panel.state === 'pending' ? { ...panel, deferred: true } : panel;
    }
    const left = Math.max(0, deadline - Date.now());
    const c = left > 0 ? await results.within(spec.job, snapshot, left) : results.peek(spec.job, snapshot);
    if (!c && left <= 0) void results.get(spec.job, snapshot).catch(() => {});
    return fromCached(spec, c);
  };
  return Promise.all(
    specs.map(async (spec) => {
      try {
        return await settle(spec);
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        if (e.status === 400 && degrade.tooLarge)
          return { ...fromCached(spec, undefined), state: 'error', errors: [e.message] };
        if (e.status !== 400 && degrade.busy) return { ...fromCached(spec, undefined), deferred: true };
        throw e;
      }
    }),
  );
}
