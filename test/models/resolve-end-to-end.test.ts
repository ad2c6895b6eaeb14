// The loop the product promises, end to end on a fresh database: `credence resolve 3b yes`
// records the resolution, the store's current statuses become evidence on p-scheming, and its
// P(scheming) falls, as Prediction 3b's yes_means says, by the amount the table of shifts
// shows (resolution-cases.ts computes the same posterior from the same samples).

import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import resolve from '../../src/cli/resolve.ts';
import { openStore } from '../../src/predictions/db.ts';
import { currentStatuses } from '../../src/predictions/store.ts';
import { evidenceFor } from '../../src/predictions/evidence.ts';
import { prepare } from '../../src/engine/run.ts';
import { summarize } from '../../src/stats/summary.ts';
import { MODELS_DIR, project, SAMPLES, SEED } from './helpers.ts';
import { catalogOf, runCases } from './resolution-cases.ts';

const dir = mkdtempSync(join(tmpdir(), 'credence-resolve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('credence resolve, then the models', () => {
  it('a yes to Prediction 3b on a fresh database lowers p-scheming’s P(scheming) as the table says', async () => {
    const dbPath = join(dir, 'credence.db');
    const outs: string[] = [];
    const io = { out: (s: string) => outs.push(s), err: (s: string) => outs.push(s), modelsDir: MODELS_DIR, dbPath };
    expect(await resolve(['3b', 'yes', '--note', 'bottlenecks kept performance'], io)).toBe(0);

    const catalog = catalogOf(project());
    const opened = await openStore(dbPath);
    if (!opened.ok) throw opened.error;
    const statuses = await currentStatuses(opened.store, catalog);
    await opened.store.close();
    expect([...statuses].filter(([, s]) => s === 'yes' || s === 'no')).toEqual([['3b', 'yes']]);

    const before = prepare(project(), 'p-scheming');
    const after = prepare(project(), 'p-scheming', { extraEvidence: evidenceFor(project(), catalog, statuses, 'p-scheming') });
    expect(before.ok && after.ok).toBe(true);
    if (!before.ok || !after.ok) return;
    const b = before.value.run({ samples: SAMPLES, seed: SEED });
    const a = after.value.run({ samples: SAMPLES, seed: SEED });
    const mb = summarize(b.columns.p_scheming!, b.weights);
    const ma = summarize(a.columns.p_scheming!, a.weights);
    const table = runCases(project(), catalog, 'p-scheming', 'p_scheming', [{ label: '3b yes', statuses }], SAMPLES, SEED)[0]!;
    expect(ma.mean - mb.mean).toBeLessThan(-3 * table.shiftMcse);
    expect(Math.abs(ma.mean - table.mean)).toBeLessThan(1e-9);
  });
});
