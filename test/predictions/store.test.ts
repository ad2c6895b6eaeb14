import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/predictions/db.ts';
import {
  recordForecast,
  recordResolution,
  predictionState,
  predictionStates,
  currentStatuses,
  orphanIds,
} from '../../src/predictions/store.ts';
import { httpStatus, writeErrorCode } from '../../src/predictions/errors.ts';
import { timeline } from '../../src/predictions/history.ts';
import { cleanup, knownIds } from './helpers.ts';
import { rawSql, useBackends } from './backends.ts';

let db: Store;
const known = knownIds('1', '2');
const alice = { name: 'alice', via: 'api' as const };
const bob = { name: 'bob', via: 'web' as const };
let tick = 0;
const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));

for (const backend of useBackends()) {
  describe.skipIf(backend.skip)(`the track record in ${backend.name}`, () => {
    beforeEach(async () => {
      db = await backend.open();
      tick = 0;
    });
    afterEach(async () => {
      await db.close();
      cleanup();
    });

    describe('resolutions', () => {
      it('records a resolution with its note, URL, actor and time, and bumps the version', async () => {
        const r = await recordResolution(
          db,
          known,
          '1',
          { outcome: 'yes', note: ' it happened ', evidenceUrl: 'https://example.org/report', version: 0 },
          alice,
          { now },
        );
        expect(r).toEqual({
          ok: true,
          value: {
            id: 1,
            predictionId: '1',
            version: 1,
            outcome: 'yes',
            note: 'it happened',
            evidenceUrl: 'https://example.org/report',
            actor: 'alice',
            via: 'api',
            at: '2026-01-01T00:00:00.000Z',
          },
        });
        const s = await predictionState(db, '1');
        expect(s.version).toBe(1);
        expect(s.status).toBe('yes');
        expect(s.resolution?.id).toBe(1);
      });

      it('a stale version is a conflict (409) that carries the current version and event, and writes nothing', async () => {
        expect(
          (await recordResolution(db, known, '1', { outcome: 'yes', note: 'first', version: 0 }, alice, { now })).ok,
        ).toBe(true);
        const stale = await recordResolution(
          db,
          known,
          '1',
          { outcome: 'no', note: 'second, from an old page', version: 0 },
          bob,
          { now },
        );
        expect(stale.ok).toBe(false);
        if (stale.ok) return;
        expect(stale.error.kind).toBe('conflict');
        expect(httpStatus(stale.error)).toBe(409);
        if (stale.error.kind === 'conflict') {
          expect(stale.error.currentVersion).toBe(1);
          expect(stale.error.current?.outcome).toBe('yes');
          expect(stale.error.message).toContain('version 1');
          expect(stale.error.message).toContain('alice');
        }
        const ahead = await recordResolution(
          db,
          known,
          '1',
          { outcome: 'no', note: 'from the future', version: 5 },
          bob,
          {
            now,
          },
        );
        expect(!ahead.ok && ahead.error.kind).toBe('conflict');
        const s = await predictionState(db, '1');
        expect(s.version).toBe(1);
        expect(s.resolutions).toHaveLength(1);
      });

      it('re-resolving and un-resolving append to the history; the latest event is the state', async () => {
        const steps = [
          { outcome: 'yes', status: 'yes' },
          { outcome: 'no', status: 'no' },
          { outcome: 'unresolved', status: 'open' },
          { outcome: 'annulled', status: 'annulled' },
        ] as const;
        for (const [v, step] of steps.entries()) {
          const r = await recordResolution(
            db,
            known,
            '1',
            { outcome: step.outcome, note: `step ${v}`, version: v },
            alice,
            {
              now,
            },
          );
          expect(r.ok).toBe(true);
          expect((await predictionState(db, '1')).status).toBe(step.status);
        }
        const s = await predictionState(db, '1');
        expect(s.version).toBe(4);
        expect(s.resolutions.map((e) => [e.version, e.outcome])).toEqual([
          [1, 'yes'],
          [2, 'no'],
          [3, 'unresolved'],
          [4, 'annulled'],
        ]);
      });

      it('un-resolving an open prediction is refused (409)', async () => {
        const r = await recordResolution(db, known, '1', { outcome: 'unresolved', note: 'oops', version: 0 }, alice);
        expect(!r.ok && r.error.kind).toBe('state');
        if (!r.ok) expect(httpStatus(r.error)).toBe(409);
      });

      it('an unknown prediction is not-found (404); a bad body is invalid (400) with a sentence', async () => {
        const missing = await recordResolution(db, known, 'nope', { outcome: 'yes', note: 'n', version: 0 }, alice);
        expect(!missing.ok && missing.error.kind).toBe('not-found');
        if (!missing.ok) expect(httpStatus(missing.error)).toBe(404);
        const cases: [unknown, RegExp, string[]][] = [
          [{ outcome: 'maybe', note: 'n', version: 0 }, /outcome must be one of/, ['outcome']],
          [{ outcome: 'yes', version: 0 }, /note is missing/, ['note']],
          [{ outcome: 'yes', note: '   ', version: 0 }, /note is empty/, ['note']],
          [
            { outcome: 'yes', note: 'n', version: 0, evidenceUrl: 'javascript:alert(1)' },
            /http:\/\/ or https:\/\//,
            ['evidenceUrl'],
          ],
          [
            { outcome: 'yes', note: 'n', version: 0, evidenceUrl: 'ftp://example.org/x' },
            /http:\/\/ or https:\/\//,
            ['evidenceUrl'],
          ],
          [{ outcome: 'yes', note: 'n' }, /version/, ['version']],
          [{ outcome: 'yes', note: 'n', version: 0.5 }, /whole number/, ['version']],
          [{ outcome: 'yes', note: 'n', version: 0, admin: true }, /unknown field 'admin'/, []],
          ['yes', /JSON object/, []],
        ];
        for (const [body, message, fields] of cases) {
          const r = await recordResolution(db, known, '1', body, alice);
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.error.kind).toBe('invalid');
            expect(httpStatus(r.error)).toBe(400);
            expect(writeErrorCode(r.error)).toBe('invalid-request');
            expect(r.error.message).toMatch(message);
            if (r.error.kind === 'invalid') expect(r.error.fields).toEqual(fields);
          }
        }
        expect((await predictionState(db, '1')).version).toBe(0);
      });

      it('an empty evidence URL means none', async () => {
        const r = await recordResolution(
          db,
          known,
          '1',
          { outcome: 'no', note: 'n', version: 0, evidenceUrl: '' },
          alice,
        );
        expect(r.ok && r.value.evidenceUrl).toBe(null);
      });

      it('the history tables refuse updates and deletes', async () => {
        await recordResolution(db, known, '1', { outcome: 'yes', note: 'n', version: 0 }, alice);
        await recordForecast(db, known, '2', { credence: 0.3 }, bob);
        await expect(rawSql(db, "UPDATE resolution_events SET outcome = 'no'")).rejects.toThrow(/append-only/);
        await expect(rawSql(db, 'DELETE FROM resolution_events')).rejects.toThrow(/append-only/);
        await expect(rawSql(db, 'UPDATE forecasts SET credence = 0.9')).rejects.toThrow(/append-only/);
        await expect(rawSql(db, 'DELETE FROM forecasts')).rejects.toThrow(/append-only/);
        if (backend.name === 'PostgreSQL')
          await expect(rawSql(db, 'TRUNCATE resolution_events')).rejects.toThrow(/append-only/);
        expect((await predictionState(db, '1')).resolutions).toHaveLength(1);
      });
    });

    describe('forecasts', () => {
      it('records forecasts with the version they were made at, keeps every one, and refuses them once resolved', async () => {
        const f1 = await recordForecast(db, known, '1', { credence: 0.6 }, bob, { now });
        const f2 = await recordForecast(db, known, '1', { credence: 0.65, note: 'updated' }, bob, { now });
        expect(f1.ok && f1.value.predictionVersion).toBe(0);
        expect(f2.ok && f2.value.note).toBe('updated');
        await recordResolution(db, known, '1', { outcome: 'yes', note: 'n', version: 0 }, alice, { now });
        const late = await recordForecast(db, known, '1', { credence: 0.99 }, bob, { now });
        expect(!late.ok && late.error.kind).toBe('state');
        await recordResolution(db, known, '1', { outcome: 'unresolved', note: 'premature', version: 1 }, alice, {
          now,
        });
        const reopened = await recordForecast(db, known, '1', { credence: 0.7 }, bob, { now });
        expect(reopened.ok && reopened.value.predictionVersion).toBe(2);
        const s = await predictionState(db, '1');
        expect(s.forecasts.map((f) => f.credence)).toEqual([0.6, 0.65, 0.7]);
        expect(timeline(s).map((e) => (e.type === 'forecast' ? `f${e.credence}` : `r${e.outcome}`))).toEqual([
          'f0.6',
          'f0.65',
          'ryes',
          'runresolved',
          'f0.7',
        ]);
      });

      it('refuses credences outside (0, 1)', async () => {
        for (const credence of [0, 1, -0.1, 1.5, '0.5', NaN, null]) {
          const r = await recordForecast(db, known, '1', { credence }, bob);
          expect(!r.ok && r.error.kind).toBe('invalid');
          expect(!r.ok && r.error.kind === 'invalid' && r.error.fields).toEqual(['credence']);
        }
        expect((await predictionState(db, '1')).forecasts).toHaveLength(0);
      });
    });

    describe('reading', () => {
      it('reads many predictions at once, with statuses, and finds ids that are not in the catalog', async () => {
        await recordResolution(db, knownIds('1', 'gone'), 'gone', { outcome: 'no', note: 'n', version: 0 }, alice);
        await recordResolution(db, known, '2', { outcome: 'ambiguous', note: 'n', version: 0 }, alice);
        const states = await predictionStates(db, ['1', '2']);
        expect(states.map((s) => [s.id, s.status, s.version])).toEqual([
          ['1', 'open', 0],
          ['2', 'ambiguous', 1],
        ]);
        expect([...(await currentStatuses(db, known))]).toEqual([
          ['1', 'open'],
          ['2', 'ambiguous'],
        ]);
        expect(await orphanIds(db, known)).toEqual(['gone']);
      });
    });
  });
}
