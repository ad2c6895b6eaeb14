// Manifold Markets (manifold.markets) keeps no forecast CSV: a question is a market and a
// forecast is a bet, each as its public API returns them (docs/docs/api.md and
// common/src/bet.ts in github.com/manifoldmarkets/manifold, read at 0298c23 and 0401305):
// GET /v0/markets (or /v0/market/[id]) gives markets {id, question, outcomeType, createdTime,
// closeTime, creatorUsername, isResolved, resolution YES|NO|MKT|CANCEL, resolutionTime,
// probability}; GET /v0/bets gives bets {id, contractId, userId, userUsername, createdTime,
// amount, outcome, probBefore, probAfter, isAnte, isRedemption, limitProb, answerId}. All times
// are milliseconds since the epoch. Credence's layout is a folder of the two responses as the
// API sends them: markets.json (an array of markets, or one market) and bets.json (an array of
// bets, newest first).
//
// A bet is read as its maker's forecast: probAfter, the market's probability the bet left, at
// createdTime (a bettor who moves the market to p says the price was wrong, in that direction,
// as far as p; it is the nearest thing to a stated probability a market has).
// Not forecasts, and skipped with a count: redemptions (payouts), antes (a market's opening
// liquidity) and limit orders nothing has filled. CANCEL (Manifold's N/A) is an annulled
// prediction. Refused at their line, nothing recorded: MKT resolutions (to a probability) and
// markets other than BINARY, which Credence's yes/no predictions cannot hold. Writing, a
// forecast is a bet of no stake (amount 0) whose probBefore is the forecast before it;
// ambiguous and annulled predictions both resolve CANCEL; 'credenceId' is Credence's own field.

import * as z from 'zod';
import type { ErrorCode } from '../../model/errors.ts';
import type { ExternalForecast, ExternalQuestion } from './questions.ts';
import type { LayoutRead, RowError } from './layout.ts';
import { elementLines } from './json-lines.ts';

export const MANIFOLD_FILES = { markets: 'markets.json', bets: 'bets.json' } as const;

const Millis = z.number().refine((ms) => Math.abs(ms) <= 8.64e15, 'is not a time');
const Text = z.string().nullish();

const Market = z.looseObject({
  id: z.string().min(1),
  question: z.string().min(1),
  outcomeType: z.string(),
  createdTime: Millis.nullish(),
  closeTime: Millis.nullish(),
  creatorUsername: Text,
  creatorName: Text,
  isResolved: z.boolean().nullish(),
  resolution: Text,
  resolutionTime: Millis.nullish(),
  resolutionProbability: z.number().nullish(),
  credenceId: Text,
});

const Bet = z.looseObject({
  id: Text,
  contractId: z.string().min(1),
  createdTime: Millis,
  probAfter: z.number().min(0).max(1),
  userId: Text,
  userUsername: Text,
  userName: Text,
  amount: z.number().nullish(),
  limitProb: z.number().nullish(),
  answerId: Text,
  isAnte: z.boolean().nullish(),
  isRedemption: z.boolean().nullish(),
});

type MarketRow = z.infer<typeof Market>;
type BetRow = z.infer<typeof Bet>;

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const millis = (at: string | null) => (at === null ? undefined : Date.parse(at));

const RESOLUTION = { yes: 'YES', no: 'NO', ambiguous: 'CANCEL', annulled: 'CANCEL' } as const;

/** The two files: markets, then bets newest first (as GET /v0/bets sends them). */
export function writeManifold(questions: readonly ExternalQuestion[]): { markets: string; bets: string } {
  const bets: Record<string, unknown>[] = [];
  const markets = questions.map((q, i) => {
    const id = q.credenceId ?? q.sourceId ?? String(i + 1);
    const inTime = [...q.forecasts].sort((a, b) => a.at.localeCompare(b.at));
    inTime.forEach((f, k) => {
      const before = k === 0 ? f.credence : inTime[k - 1]!.credence;
      bets.push({
        id: `${id}-${k + 1}`,
        contractId: id,
        userId: f.forecaster,
        userUsername: f.forecaster,
        userName: f.forecaster,
        createdTime: Date.parse(f.at),
        amount: 0,
        shares: 0,
        outcome: f.credence >= before ? 'YES' : 'NO',
        probBefore: before,
        probAfter: f.credence,
        fees: { creatorFee: 0, platformFee: 0, liquidityFee: 0 },
        isAnte: false,
        isRedemption: false,
      });
    });
    return {
      id,
      creatorUsername: q.createdBy ?? undefined,
      creatorName: q.createdBy ?? undefined,
      createdTime: millis(q.createdAt),
      closeTime: millis(q.resolveBy),
      question: q.title,
      outcomeType: 'BINARY',
      mechanism: 'cpmm-1',
      probability: inTime.at(-1)?.credence,
      isResolved: q.resolution !== null,
      resolution: q.resolution ? RESOLUTION[q.resolution] : undefined,
      resolutionTime: q.resolution ? millis(q.resolvedAt) : undefined,
      credenceId: q.credenceId ?? undefined,
    };
  });
  // Newest first; a stable sort keeps bets made at one instant in the order they were made.
  bets.sort((a, b) => (b.createdTime as number) - (a.createdTime as number));
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  return { markets: json(markets), bets: json(bets) };
}

interface Elements {
  items: unknown[];
  lines: number[];
}

/** The file's elements with their lines, or why it is not the JSON it should be. */
function elementsOf(text: string, file: string, what: string, single: boolean): Elements | RowError {
  const body = text.replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    return { file, line: 1, code: 'unsupported', message: `not JSON: ${(e as Error).message}` };
  }
  if (single && json !== null && typeof json === 'object' && !Array.isArray(json)) return { items: [json], lines: [1] };
  if (!Array.isArray(json))
    return { file, line: 1, code: 'wrong-type', message: `not Manifold's ${what}: the file must hold an array` };
  return { items: json, lines: elementLines(body) };
}

/** A zod failure of one element as a coded sentence naming the field. */
function fieldProblem(raw: unknown, issue: z.core.$ZodIssue): { code: ErrorCode; message: string } {
  const field = issue.path.map(String).join('.');
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { code: 'wrong-type', message: 'not an object' };
  const value = (raw as Record<string, unknown>)[String(issue.path[0])];
  if (value === undefined || value === null) return { code: 'missing-field', message: `no '${field}'` };
  const shown = JSON.stringify(value).slice(0, 40);
  if (field === 'probAfter')
    return { code: 'out-of-range', message: `'probAfter' must be a probability from 0 to 1, not ${shown}` };
  if (issue.code === 'invalid_type')
    return { code: 'wrong-type', message: `'${field}' must be a ${issue.expected}, not ${shown}` };
  return { code: 'invalid-value', message: `'${field}' ${issue.message.toLowerCase()}: ${shown}` };
}

function parseEach<T>(
  els: Elements,
  schema: z.ZodType<T>,
  file: string,
  noun: string,
  errors: RowError[],
): { value: T; line: number }[] {
  const out: { value: T; line: number }[] = [];
  els.items.forEach((raw, i) => {
    const line = els.lines[i] ?? 1;
    const r = schema.safeParse(raw);
    if (r.success) return void out.push({ value: r.data, line });
    const p = fieldProblem(raw, r.error.issues[0]!);
    errors.push({ file, line, code: p.code, message: `${noun} ${i + 1}: ${p.message}` });
  });
  return out;
}

function questionOf(m: MarketRow, file: string, line: number, errors: RowError[]): ExternalQuestion | null {
  const fail = (code: ErrorCode, message: string) => (errors.push({ file, line, code, message }), null);
  if (m.outcomeType !== 'BINARY')
    return fail(
      'unsupported',
      `market ${m.id} is ${m.outcomeType}: Credence's predictions are yes/no questions (BINARY markets); leave it out of ${file}`,
    );
  const r = (m.resolution ?? '').toUpperCase();
  if (r === 'MKT')
    return fail(
      'unsupported',
      `market ${m.id} resolved MKT${typeof m.resolutionProbability === 'number' ? ` (to ${m.resolutionProbability})` : ''}: Credence records yes, no, ambiguous or annulled, not a probability`,
    );
  const resolution =
    r === '' ? null : r === 'YES' ? 'yes' : r === 'NO' ? 'no' : r === 'CANCEL' ? 'annulled' : undefined;
  if (resolution === undefined)
    return fail(
      'invalid-value',
      `market ${m.id} has resolution '${m.resolution}': Manifold's are YES, NO, MKT or CANCEL`,
    );
  return {
    credenceId: m.credenceId || null,
    sourceId: m.id,
    title: m.question,
    createdBy: m.creatorUsername || m.creatorName || null,
    createdAt: iso(m.createdTime),
    resolveBy: iso(m.closeTime),
    resolution,
    resolvedAt: resolution === null ? null : iso(m.resolutionTime),
    forecasts: [],
    from: { file, line },
  };
}

/** Why a bet is not a forecast ('' when it is one). */
function notAForecast(b: BetRow): string {
  if (b.isRedemption) return 'redemptions (payouts, not bets)';
  if (b.isAnte) return 'antes (a market’s opening liquidity)';
  if (typeof b.limitProb === 'number' && b.amount === 0) return 'limit orders nothing has filled';
  return '';
}

/** Questions from the two files of the layout (see the header for what is read and refused). */
export function readManifold(
  marketsText: string,
  betsText: string,
  files: { markets: string; bets: string } = MANIFOLD_FILES,
): LayoutRead & { skipped?: string[] } {
  const me = elementsOf(marketsText, files.markets, 'markets', true);
  const be = elementsOf(betsText, files.bets, 'bets', false);
  const early = [me, be].filter((x): x is RowError => 'message' in x);
  if (early.length) return { ok: false, errors: early };
  const errors: RowError[] = [];
  const byId = new Map<string, ExternalQuestion>();
  for (const { value, line } of parseEach(me as Elements, Market, files.markets, 'market', errors)) {
    if (byId.has(value.id)) {
      errors.push({
        file: files.markets,
        line,
        code: 'duplicate-name',
        message: `market ${value.id} is in the file twice`,
      });
      continue;
    }
    const q = questionOf(value, files.markets, line, errors);
    if (q) byId.set(value.id, q);
  }
  const skipped = new Map<string, number>();
  const skip = (why: string) => skipped.set(why, (skipped.get(why) ?? 0) + 1);
  const forecasts: { q: ExternalQuestion; f: ExternalForecast }[] = [];
  for (const { value: b, line } of parseEach(be as Elements, Bet, files.bets, 'bet', errors)) {
    const q = byId.get(b.contractId);
    const why = notAForecast(b);
    if (why) skip(why);
    else if (!q) skip(`bets on markets not in ${files.markets}`);
    else if (b.answerId)
      errors.push({
        file: files.bets,
        line,
        code: 'unsupported',
        message: `bet ${b.id ?? ''} is on an answer of a multiple-choice market`,
      });
    else {
      const forecaster = b.userUsername || b.userName || b.userId;
      if (!forecaster)
        errors.push({
          file: files.bets,
          line,
          code: 'missing-field',
          message: `bet ${b.id ?? ''} names no bettor (userId, userUsername or userName)`,
        });
      else forecasts.push({ q, f: { forecaster, credence: b.probAfter, at: iso(b.createdTime)! } });
    }
  }
  if (errors.length) return { ok: false, errors };
  // Oldest first within a question, as the record keeps them (the API sends newest first).
  forecasts.sort((a, b) => a.f.at.localeCompare(b.f.at));
  for (const { q, f } of forecasts) q.forecasts.push(f);
  return { ok: true, value: [...byId.values()], skipped: [...skipped].map(([why, n]) => `${why}: ${n}`) };
}
