// One prediction's credences over time, as its page draws them and the API gives them: the
// author's, each forecaster's, the forecasters' median, and the credence the model it is read
// in implies (the overall model: analysis/implied.ts) before any resolution and after each
// resolution of another prediction that reaches it. Each model point is the registry's `implied` analysis with the evidence the record held
// then (so it equals `/api/implied?asof=<count>` for this prediction), computed and cached like
// any other view.

import {
  aggregateSeries,
  forecasterSeries,
  impliedModelOf,
  impliedSteps,
  type ImpactStep,
} from '../predictions/index.ts';
import type { Project } from '../model/project.ts';
import type { Job, ResultOf } from '../analysis/registry/index.ts';
import type { CredenceData, ImpliedPoint } from './charts/index.ts';
import { formatError } from '../model/errors.ts';
import { derive } from './jobs.ts';
import { recordOf } from './impact.ts';
import type { Snapshot } from './live-project.ts';
import type { Site } from './site.ts';

export type CredenceHistory =
  { state: 'ready'; value: CredenceData } | { state: 'pending' } | { state: 'error'; errors: string[] };

const HOUR = 3_600_000;

/** The implied analysis of one prediction with one step's evidence on the model it is read in. */
export function impliedJob(
  project: Project,
  p: { id: string; statement: string; credence: number; model: string; pYes: string },
  step: Pick<ImpactStep, 'evidence'>,
): Job<'implied'> {
  const { id, statement, credence, model, pYes } = p;
  return {
    analysis: 'implied',
    request: derive('implied', {}),
    outside: {
      evidence: { [impliedModelOf(project, model)]: step.evidence },
      predictions: [{ id, statement, credence, model, pYes }],
    },
  };
}

function detailOf(step: ImpactStep): string {
  const e = step.event;
  if (!e) return 'Before any resolution';
  return `Prediction ${e.predictionId} ${e.outcome === 'unresolved' ? 'reopened' : `resolved ${e.outcome}`}`;
}

/** The time range: every event drawn, padded; a day from the stated date when nothing happened yet. */
function rangeOf(times: number[], stated: string): { from: string; to: string } {
  if (times.length === 0) {
    const t = Date.parse(`${stated}T00:00:00Z`);
    return { from: new Date(t).toISOString(), to: new Date(t + 24 * HOUR).toISOString() };
  }
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  const pad = Math.max(HOUR, (hi - lo) * 0.06);
  return { from: new Date(lo - pad).toISOString(), to: new Date(hi + pad).toISOString() };
}

/**
 * Prediction `id`'s credences over time as the request sees the record (its `asof`), waiting up
 * to `budgetMs` for the model's points: pending when some is still computing (it goes on, and a
 * later request finds it cached). Null when there is no such prediction or no track record.
 */
export async function credenceHistory(
  site: Site,
  snapshot: Snapshot,
  id: string,
  budgetMs: number,
): Promise<CredenceHistory | null> {
  const record = recordOf(site, snapshot);
  const p = record?.catalog.byId.get(id);
  if (!record || !p || !site.track) return null;
  const state = site.track.state(id);
  const steps = impliedSteps(snapshot.project, record.catalog, record.states, p);
  const deadline = Date.now() + budgetMs;
  const results = await Promise.all(
    steps.map(async (s) => {
      const job = impliedJob(snapshot.project, p, s);
      const left = deadline - Date.now();
      const c = left > 0 ? await site.results.within(job, snapshot, left) : site.results.peek(job, snapshot);
      if (!c && left <= 0) void site.results.get(job, snapshot).catch(() => {});
      return c?.result;
    }),
  );
  const errors = results.flatMap((r) => (r && !r.ok ? r.errors.map(formatError) : []));
  const rowError = results.flatMap((r) => (r?.ok ? (r.value.predictions[0]?.error ?? []) : []));
  if (errors.length + rowError.length > 0) return { state: 'error', errors: [...new Set([...errors, ...rowError])] };
  if (results.some((r) => r === undefined)) return { state: 'pending' };
  const implied: ImpliedPoint[] = steps.map((s, i) => {
    const v = (results[i] as { value: ResultOf<'implied'> }).value;
    const row = v.predictions[0]!;
    return {
      at: s.event?.at ?? null,
      count: s.count,
      detail: detailOf(s),
      implied: row.implied!,
      mcse: row.mcse!,
      ess: row.ess,
    };
  });
  const first = (results[0] as { value: ResultOf<'implied'> }).value;
  const resolutions = state.resolutions.map((r) => ({ at: r.at, outcome: r.outcome }));
  const times = [
    ...state.forecasts.map((f) => f.at),
    ...implied.flatMap((m) => (m.at ? [m.at] : [])),
    ...resolutions.map((r) => r.at),
  ].map(Date.parse);
  return {
    state: 'ready',
    value: {
      id: p.id,
      ...rangeOf(times, p.stated),
      author: { credence: p.credence, stated: p.stated },
      forecasters: forecasterSeries(state),
      aggregate: aggregateSeries(state),
      model: { id: first.predictions[0]!.valuedIn, samples: first.samples, seed: first.seed },
      implied,
      resolutions,
    },
  };
}
