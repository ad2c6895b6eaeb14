// Bringing another tool's track record into this one: each question is matched to a catalog
// prediction (by the Credence id a Credence export carries, else by its statement), then its
// forecasts and its resolution are appended to the history with their original times, oldest
// first, as forecasts and resolutions through the API are. Nothing is changed or removed: a
// forecast already recorded (same forecaster, credence and time) is not added twice, the
// author's credence stays the catalog's, and a prediction already resolved differently here is
// left as it is and reported. A question the catalog does not have is reported, not invented:
// a prediction needs its model and p_yes, which only its author can write.

import type { Store } from './db.ts';
import type { Catalog } from './catalog.ts';
import { predictionState, recordForecast, recordResolution } from './store.ts';
import { AUTHOR } from './scoring.ts';
import { ForecastRequest, describeIssues, type Outcome } from './requests.ts';
import type { ExternalForecast, ExternalQuestion } from './formats/questions.ts';

export interface ImportReport {
  forecasts: number;
  resolutions: number;
  /** Why something was not recorded: one sentence each. */
  notes: string[];
  unmatched: ExternalQuestion[];
}

const normal = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The catalog prediction a question is, or null. */
export function matchQuestion(catalog: Catalog, q: ExternalQuestion): string | null {
  if (q.credenceId && catalog.byId.has(q.credenceId)) return q.credenceId;
  const title = normal(q.title);
  return catalog.predictions.find((p) => normal(p.statement) === title)?.id ?? null;
}

const SAME_TIME_MS = 1;

/** Append what `questions` add to the record; with dryRun, only count it. */
export async function importQuestions(
  store: Store,
  catalog: Catalog,
  questions: readonly ExternalQuestion[],
  source: string,
  dryRun = false,
): Promise<ImportReport> {
  const report: ImportReport = { forecasts: 0, resolutions: 0, notes: [], unmatched: [] };
  const c: Importing = { store, catalog, source, dryRun, report };
  for (const q of questions) {
    const id = matchQuestion(catalog, q);
    if (id === null) report.unmatched.push(q);
    else await importQuestion(c, id, q);
  }
  return report;
}

/** Where an import writes and what it reports. */
interface Importing {
  store: Store;
  catalog: Catalog;
  source: string;
  dryRun: boolean;
  report: ImportReport;
}

/** One matched question: its new forecasts made while the prediction was open, then its resolution. */
async function importQuestion(c: Importing, id: string, q: ExternalQuestion): Promise<void> {
  const { report } = c;
  const state = await predictionState(c.store, id);
  const known = (f: ExternalForecast) =>
    state.forecasts.some(
      (g) =>
        g.forecaster === f.forecaster &&
        Math.abs(g.credence - f.credence) < 1e-12 &&
        Math.abs(Date.parse(g.at) - Date.parse(f.at)) < SAME_TIME_MS,
    );
  const fresh = q.forecasts
    .filter((f) => f.forecaster !== AUTHOR && !known(f))
    .sort((a, b) => a.at.localeCompare(b.at));
  const resolve =
    q.resolution !== null && state.status !== q.resolution
      ? state.status === 'open'
        ? q.resolution
        : (report.notes.push(`${id}: resolved ${state.status} here and ${q.resolution} in the file; left as it is`),
          null)
      : null;
  const resolvedAt = resolve ? (q.resolvedAt ?? new Date().toISOString()) : null;
  const before = fresh.filter((f) => (state.status === 'open' ? !resolvedAt || f.at <= resolvedAt : false));
  const refused = fresh.length - before.length;
  if (refused) {
    const n = `${refused} forecast${refused === 1 ? '' : 's'}`;
    report.notes.push(
      state.status === 'open'
        ? `${id}: ${n} made after it resolved, not recorded`
        : `${id}: ${n} not recorded: it is resolved here, and forecasts are taken only while a prediction is open`,
    );
  }
  await importForecasts(c, id, before);
  if (resolve && resolvedAt) await importResolution(c, id, { outcome: resolve, at: resolvedAt }, state.version);
}

/**
 * Record `forecasts` (in a dry run, only count them). What the API would refuse (a credence of
 * 0 or 1) is refused here too, dry run or not, and said once per prediction and reason.
 */
async function importForecasts(c: Importing, id: string, forecasts: ExternalForecast[]): Promise<void> {
  const { report } = c;
  const refusedFor = new Map<string, number>();
  for (const f of forecasts) {
    const valid = ForecastRequest.safeParse({ credence: f.credence });
    if (!valid.success) {
      const why = describeIssues(valid.error);
      refusedFor.set(why, (refusedFor.get(why) ?? 0) + 1);
      continue;
    }
    if (!c.dryRun) {
      const by = { name: f.forecaster, via: 'cli' } as const;
      const r = await recordForecast(c.store, c.catalog, id, { credence: f.credence }, by, {
        now: () => new Date(f.at),
      });
      if (!r.ok) {
        report.notes.push(`${id}: a forecast by ${f.forecaster} was not recorded: ${r.error.message}`);
        continue;
      }
    }
    report.forecasts++;
  }
  for (const [why, n] of refusedFor)
    report.notes.push(`${id}: ${n} forecast${n === 1 ? '' : 's'} not recorded: ${why}`);
}

/** Record the file's resolution at its time, as the importing source (in a dry run, only count it). */
async function importResolution(
  c: Importing,
  id: string,
  resolution: { outcome: Outcome; at: string },
  version: number,
): Promise<void> {
  if (!c.dryRun) {
    const body = { outcome: resolution.outcome, note: `Imported from ${c.source}.`, version };
    const by = { name: `import:${c.source}`, via: 'cli' } as const;
    const r = await recordResolution(c.store, c.catalog, id, body, by, { now: () => new Date(resolution.at) });
    if (!r.ok) {
      c.report.notes.push(`${id}: the resolution was not recorded: ${r.error.message}`);
      return;
    }
  }
  c.report.resolutions++;
}
