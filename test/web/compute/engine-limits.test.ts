// The engine threads a compute worker starts run under the compute worker's own heap limit: the
// limit chosen from the worker's, and the engine's threads started with it (read back from the
// running threads, not found by exhausting memory).

import { describe, it, expect, afterAll } from 'vitest';
import { engineThreadLimits } from '../../../src/web/compute/engine-limits.ts';
import { EngineThreads } from '../../../src/engine/threads.ts';
import { prepare } from '../../../src/engine/run.ts';
import { cleanupTemp, modelText, project } from '../../engine/helpers.ts';

afterAll(cleanupTemp);

describe('engine threads in a compute worker', () => {
  it("take the worker's heap limit, and none outside a limited worker", () => {
    expect(engineThreadLimits({ maxOldGenerationSizeMb: 2048, maxYoungGenerationSizeMb: 48 })).toEqual({
      maxOldGenerationSizeMb: 2048,
    });
    expect(engineThreadLimits({})).toBeUndefined();
  });

  it('start their workers with the limits they were given', async () => {
    const p = prepare(project({ 'm.yaml': modelText({ a: 'beta(2, 3)' }, { y: 'a * 2' }, 'y') }), 'm');
    if (!p.ok) throw new Error(p.errors[0]!.message);
    const { graph, plan } = p.value;
    const limited = new EngineThreads(2, 1, { maxOldGenerationSizeMb: 192 });
    const plain = new EngineThreads(2);
    try {
      // Several segments, so that a worker thread starts and takes part.
      for (const pool of [limited, plain])
        p.value.summarize({ samples: 4 * 4096, seed: 1, keepBytes: 0 }, pool.executor(graph, plan));
      expect(limited.workerLimits().map((l) => l.maxOldGenerationSizeMb)).toEqual([192]);
      expect(plain.workerLimits()).toHaveLength(1);
      expect(plain.workerLimits()[0]!.maxOldGenerationSizeMb).not.toBe(192);
    } finally {
      await limited.close();
      await plain.close();
    }
  }, 120_000);
});
