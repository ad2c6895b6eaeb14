// Reading Manifold's layout: markets and bets as Manifold's API returns them (fixtures written by
// hand from docs/docs/api.md's LiteMarket and Bet, times computed apart from Credence) read into
// questions whose forecasts are the bets' probAfter at their createdTime; what Credence cannot
// hold refused at its line with a code. Writing the layout is manifold-write.test.ts.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifold } from '../../src/predictions/formats/manifold.ts';
import { elementLines } from '../../src/predictions/formats/json-lines.ts';

const DIR = join(import.meta.dirname, 'fixtures', 'manifold');
const markets = readFileSync(join(DIR, 'markets.json'), 'utf8');
const bets = readFileSync(join(DIR, 'bets.json'), 'utf8');

describe('reading markets and bets as Manifold’s API returns them', () => {
  it('a market is a question, a bet its maker’s forecast: probAfter at createdTime, oldest first', () => {
    const read = readManifold(markets, bets);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.value).toEqual([
      {
        credenceId: null,
        sourceId: 'kq3PmV8sWnYb1LTx',
        title: 'Will a frontier lab report a model sabotaging its own evaluation before 2027?',
        createdBy: 'AdaL',
        createdAt: '2025-11-03T15:00:00.000Z',
        resolveBy: '2026-12-31T23:00:00.000Z',
        resolution: 'yes',
        resolvedAt: '2026-02-14T09:30:00.000Z',
        forecasts: [
          { forecaster: 'AdaL', credence: 0.25, at: '2025-11-04T08:12:33.412Z' },
          { forecaster: 'BenK', credence: 0.18, at: '2025-12-01T19:45:02.000Z' },
          { forecaster: 'AdaL', credence: 0.4, at: '2026-01-10T10:00:00.000Z' },
        ],
        from: { file: 'markets.json', line: 2 },
      },
      {
        credenceId: null,
        sourceId: 'Qz81LcA0peR7sUw2',
        title: 'Will deceptive alignment be demonstrated in a model trained without a backdoor, by 2028?',
        createdBy: 'BenK',
        createdAt: '2025-12-01T12:00:00.000Z',
        resolveBy: '2027-12-31T23:00:00.000Z',
        resolution: null,
        resolvedAt: null,
        // A limit order partly filled is a trade; the one nothing filled is not.
        forecasts: [{ forecaster: 'BenK', credence: 0.06, at: '2025-12-02T07:30:00.250Z' }],
        from: { file: 'markets.json', line: 30 },
      },
      {
        credenceId: null,
        sourceId: 'Nn4TvbR2xkLp0Qa9',
        title: 'Will the sandbagging benchmark be released in 2025?',
        createdBy: 'CyW',
        createdAt: '2025-05-20T08:00:00.000Z',
        resolveBy: '2025-12-31T23:59:00.000Z',
        resolution: 'annulled',
        resolvedAt: '2025-09-01T12:00:00.000Z',
        forecasts: [{ forecaster: 'CyW', credence: 0.7, at: '2025-06-01T00:00:00.000Z' }],
        from: { file: 'markets.json', line: 55 },
      },
    ]);
    expect(read.skipped).toEqual([
      'limit orders nothing has filled: 1',
      'redemptions (payouts, not bets): 1',
      'bets on markets not in markets.json: 1',
      'antes (a market’s opening liquidity): 1',
    ]);
  });

  it('takes one market as GET /v0/market/[id] returns it, not only an array', () => {
    const one = JSON.stringify(JSON.parse(markets)[1]);
    const read = readManifold(one, bets);
    expect(read.ok && read.value.map((q) => [q.sourceId, q.forecasts.length])).toEqual([['Qz81LcA0peR7sUw2', 1]]);
  });
});

/** The fixture's bets with `edit` applied to the n-th (0-based) and their text. */
function betsWith(n: number, edit: (bet: Record<string, unknown>) => void): string {
  const all = JSON.parse(bets) as Record<string, unknown>[];
  edit(all[n]!);
  return JSON.stringify(all, null, 2);
}
const BET_LINES = elementLines(bets);

describe('what Credence cannot hold is refused at its line, with a code, and nothing read', () => {
  it.each([
    [
      'a probability above 1',
      0,
      (b: Record<string, unknown>) => (b.probAfter = 1.5),
      'out-of-range',
      "bet 1: 'probAfter' must be a probability from 0 to 1, not 1.5",
    ],
    [
      'a negative probability',
      2,
      (b: Record<string, unknown>) => (b.probAfter = -0.1),
      'out-of-range',
      "bet 3: 'probAfter' must be a probability from 0 to 1, not -0.1",
    ],
    [
      'a probability as text',
      4,
      (b: Record<string, unknown>) => (b.probAfter = '0.4'),
      'out-of-range',
      'bet 5: \'probAfter\' must be a probability from 0 to 1, not "0.4"',
    ],
    ['no probAfter', 6, (b: Record<string, unknown>) => delete b.probAfter, 'missing-field', "bet 7: no 'probAfter'"],
    [
      'no createdTime',
      8,
      (b: Record<string, unknown>) => delete b.createdTime,
      'missing-field',
      "bet 9: no 'createdTime'",
    ],
    [
      'a time as text',
      0,
      (b: Record<string, unknown>) => (b.createdTime = '2026-01-10'),
      'wrong-type',
      'bet 1: \'createdTime\' must be a number, not "2026-01-10"',
    ],
    [
      'a time past any date',
      0,
      (b: Record<string, unknown>) => (b.createdTime = 1e300),
      'invalid-value',
      "bet 1: 'createdTime' is not a time: 1e+300",
    ],
    ['no market', 0, (b: Record<string, unknown>) => delete b.contractId, 'missing-field', "bet 1: no 'contractId'"],
    [
      'no bettor',
      0,
      (b: Record<string, unknown>) => (delete b.userId, delete b.userUsername, delete b.userName),
      'missing-field',
      'bet 1LPJHNz5oAX4K6Yt names no bettor (userId, userUsername or userName)',
    ],
    [
      'an answer of a multiple-choice market',
      0,
      (b: Record<string, unknown>) => (b.answerId = 'a1'),
      'unsupported',
      'bet 1LPJHNz5oAX4K6Yt is on an answer of a multiple-choice market',
    ],
  ])('%s', (_, n, edit, code, message) => {
    expect(readManifold(markets, betsWith(n, edit))).toEqual({
      ok: false,
      errors: [{ file: 'bets.json', line: BET_LINES[n], code, message }],
    });
  });

  const marketsWith = (edit: (m: Record<string, unknown>[]) => void) => {
    const all = JSON.parse(markets) as Record<string, unknown>[];
    edit(all);
    return JSON.stringify(all, null, 2);
  };

  it.each([
    [
      'a market resolved to a probability (MKT)',
      (m: Record<string, unknown>[]) => Object.assign(m[0]!, { resolution: 'MKT', resolutionProbability: 0.62 }),
      'unsupported',
      'market kq3PmV8sWnYb1LTx resolved MKT (to 0.62): Credence records yes, no, ambiguous or annulled, not a probability',
    ],
    [
      'an unknown resolution',
      (m: Record<string, unknown>[]) => (m[0]!.resolution = 'MAYBE'),
      'invalid-value',
      "market kq3PmV8sWnYb1LTx has resolution 'MAYBE': Manifold's are YES, NO, MKT or CANCEL",
    ],
    [
      'a multiple-choice market',
      (m: Record<string, unknown>[]) => (m[0]!.outcomeType = 'MULTIPLE_CHOICE'),
      'unsupported',
      "market kq3PmV8sWnYb1LTx is MULTIPLE_CHOICE: Credence's predictions are yes/no questions (BINARY markets); leave it out of markets.json",
    ],
    [
      'a market without a question',
      (m: Record<string, unknown>[]) => delete m[0]!.question,
      'missing-field',
      "market 1: no 'question'",
    ],
    [
      'a market twice',
      (m: Record<string, unknown>[]) => m.splice(1, 1, m[0]!),
      'duplicate-name',
      'market kq3PmV8sWnYb1LTx is in the file twice',
    ],
  ])('%s', (_, edit, code, message) => {
    const text = marketsWith(edit);
    const line = code === 'duplicate-name' ? elementLines(text)[1] : 2;
    expect(readManifold(text, bets)).toEqual({ ok: false, errors: [{ file: 'markets.json', line, code, message }] });
  });

  it('names files that are not JSON, or not arrays of objects', () => {
    expect(readManifold('{"id": ', bets)).toMatchObject({
      ok: false,
      errors: [{ file: 'markets.json', line: 1, code: 'unsupported' }],
    });
    expect(readManifold(markets, '{"bets": []}')).toEqual({
      ok: false,
      errors: [
        { file: 'bets.json', line: 1, code: 'wrong-type', message: "not Manifold's bets: the file must hold an array" },
      ],
    });
    expect(readManifold(markets, '[1,\n"x",\nnull]')).toEqual({
      ok: false,
      errors: [1, 2, 3].map((line) => ({
        file: 'bets.json',
        line,
        code: 'wrong-type',
        message: `bet ${line}: not an object`,
      })),
    });
  });

  it('reads a long file in one pass, naming the line of a bad bet near its end', () => {
    const bet = JSON.parse(bets)[0] as Record<string, unknown>;
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      ...bet,
      id: `b${i}`,
      probAfter: i === 99_998 ? 2 : 0.5,
    }));
    const text = JSON.stringify(many, null, 1);
    const perBet = text.split('\n').length / many.length;
    const r = readManifold(markets, text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    // JSON.stringify(…, null, 1) writes each bet on the same number of lines after the '['.
    expect(r.errors[0]!.line).toBe(2 + 99_998 * Math.round(perBet));
  });
});
