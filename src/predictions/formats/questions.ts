// A track record as other forecasting tools lay it out: questions, each with its resolution and
// its forecasts (who, what probability, when). Every layout in this folder writes from and reads
// into this shape, so a file written in one layout and read back gives the same record.

import type { PredictionRecord } from '../store.ts';
import type { Outcome } from '../requests.ts';
import { AUTHOR } from '../scoring.ts';

export interface ExternalForecast {
  forecaster: string;
  /** P(yes) in [0, 1]. */
  credence: number;
  /** ISO 8601 UTC. */
  at: string;
}

export interface ExternalQuestion {
  /** The Credence catalog id when the file carries one (Credence's own exports). */
  credenceId: string | null;
  /** The other tool's id of the question, when it has one. */
  sourceId: string | null;
  title: string;
  createdBy: string | null;
  createdAt: string | null;
  resolveBy: string | null;
  resolution: Outcome | null;
  resolvedAt: string | null;
  forecasts: ExternalForecast[];
  /** The file and line the question was read from (for messages); null when written. */
  from: { file: string; line: number } | null;
}

/** The stated date (YYYY-MM-DD) as a UTC instant. */
export const statedAt = (date: string) => `${date}T00:00:00.000Z`;

/**
 * The record as questions: the author's credence is a forecast by 'author' at the date stated;
 * the resolution is the current one (a reopened prediction is open).
 */
export function questionsOf(records: readonly PredictionRecord[]): ExternalQuestion[] {
  return records.map(({ prediction: p, state }) => ({
    credenceId: p.id,
    sourceId: null,
    title: p.statement,
    createdBy: AUTHOR,
    createdAt: statedAt(p.stated),
    resolveBy: null,
    resolution: state.resolution && state.resolution.outcome !== 'unresolved' ? state.resolution.outcome : null,
    resolvedAt: state.resolution && state.resolution.outcome !== 'unresolved' ? state.resolution.at : null,
    forecasts: [
      { forecaster: AUTHOR, credence: p.credence, at: statedAt(p.stated) },
      ...state.forecasts.map((f) => ({ forecaster: f.forecaster, credence: f.credence, at: f.at })),
    ],
    from: null,
  }));
}

/** A time as written by another tool, as ISO 8601 UTC (a time without a zone is taken as UTC). */
export function isoTime(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  // Python's str(datetime) ('2026-01-19 16:45:56.319217+00:00') and Fatebook's
  // 'YYYY-MM-DD H:M:S' both have a space for the 'T' and may carry microseconds.
  const m =
    /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (!m) return null;
  const [, date, h = '0', min = '0', s = '0', frac = '', zone] = m;
  // Date would roll 2026-02-30 over into March; a day the month does not have is no time.
  const [y, mo, d] = date!.split('-').map(Number) as [number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  const pad = (x: string) => x.padStart(2, '0');
  const ms = (frac + '000').slice(0, 3);
  const z =
    !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const at = new Date(`${date}T${pad(h)}:${pad(min)}:${pad(s)}.${ms}${z}`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** An outcome as another tool writes it (YES, no, Ambiguous, annulled, N/A …), or null. */
export function outcomeOf(text: string): Outcome | null | 'unknown' {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'none' || t === 'null') return null;
  if (t === 'yes' || t === 'no' || t === 'ambiguous' || t === 'annulled') return t;
  if (t === 'n/a' || t === 'na' || t === 'cancel') return 'annulled';
  return 'unknown';
}
