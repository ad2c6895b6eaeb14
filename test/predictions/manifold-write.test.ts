// A record written in Manifold's layout is markets and bets as Manifold's API returns them (times
// in ms computed apart from Credence, bets newest first, each a move from the forecast before),
// and reads back the same.

import { describe, expect, it } from 'vitest';
import { readManifold, writeManifold } from '../../src/predictions/formats/manifold.ts';
import type { ExternalQuestion } from '../../src/predictions/formats/questions.ts';

const RECORD: ExternalQuestion[] = [
  {
    credenceId: '3',
    sourceId: null,
    title: 'A statement, with "quotes" and a comma',
    createdBy: 'author',
    createdAt: '2025-03-01T00:00:00.000Z',
    resolveBy: null,
    resolution: 'no',
    resolvedAt: '2026-02-01T10:20:30.456Z',
    forecasts: [
      { forecaster: 'author', credence: 0.15, at: '2025-03-01T00:00:00.000Z' },
      { forecaster: 'fred', credence: 0.4, at: '2026-01-02T03:04:05.000Z' },
      { forecaster: 'gail', credence: 0.1, at: '2026-01-02T03:04:05.000Z' },
    ],
    from: null,
  },
  {
    credenceId: '4',
    sourceId: null,
    title: 'Still open',
    createdBy: 'author',
    createdAt: '2025-03-01T00:00:00.000Z',
    resolveBy: '2027-01-01T00:00:00.000Z',
    resolution: null,
    resolvedAt: null,
    forecasts: [{ forecaster: 'author', credence: 0.6, at: '2025-03-01T00:00:00.000Z' }],
    from: null,
  },
  {
    credenceId: '5',
    sourceId: null,
    title: 'Annulled',
    createdBy: 'author',
    createdAt: '2025-03-01T00:00:00.000Z',
    resolveBy: null,
    resolution: 'annulled',
    resolvedAt: '2025-09-09T09:09:09.000Z',
    forecasts: [],
    from: null,
  },
];

describe('a record written in Manifold’s layout', () => {
  it('is markets and bets as the API returns them: times in ms, bets newest first, each a move from the forecast before', () => {
    const files = writeManifold(RECORD);
    const ms = JSON.parse(files.markets) as Record<string, unknown>[];
    expect(ms[0]).toEqual({
      id: '3',
      creatorUsername: 'author',
      creatorName: 'author',
      createdTime: 1740787200000,
      question: 'A statement, with "quotes" and a comma',
      outcomeType: 'BINARY',
      mechanism: 'cpmm-1',
      probability: 0.1,
      isResolved: true,
      resolution: 'NO',
      resolutionTime: 1769941230456,
      credenceId: '3',
    });
    expect(ms[1]).toMatchObject({ closeTime: 1798761600000, isResolved: false });
    expect(ms[1]).not.toHaveProperty('resolution');
    expect(ms[2]).toMatchObject({ resolution: 'CANCEL', resolutionTime: 1757408949000 });
    const bs = JSON.parse(files.bets) as Record<string, unknown>[];
    expect(bs.map((b) => [b.contractId, b.userUsername, b.createdTime, b.outcome, b.probBefore, b.probAfter])).toEqual([
      ['3', 'fred', 1767323045000, 'YES', 0.15, 0.4],
      ['3', 'gail', 1767323045000, 'NO', 0.4, 0.1],
      ['3', 'author', 1740787200000, 'YES', 0.15, 0.15],
      ['4', 'author', 1740787200000, 'YES', 0.6, 0.6],
    ]);
  });

  it('reads back the same (the market id is the Credence id)', () => {
    const files = writeManifold(RECORD);
    const read = readManifold(files.markets, files.bets);
    expect(read).toMatchObject({ ok: true, skipped: [] });
    expect(read.ok && read.value.map((q) => ({ ...q, from: null }))).toEqual(
      RECORD.map((q) => ({ ...q, sourceId: q.credenceId })),
    );
  });

  it('writes an ambiguous prediction as CANCEL, Manifold having no other way to void a market', () => {
    const files = writeManifold([{ ...RECORD[2]!, resolution: 'ambiguous' }]);
    const read = readManifold(files.markets, files.bets);
    expect(read.ok && read.value[0]!.resolution).toBe('annulled');
  });
});
