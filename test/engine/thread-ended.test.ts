// An engine thread that ends in the middle of a pass (stopped by its heap limit, which it cannot
// report) is noticed by the thread waiting for it: the run fails at once with the user's error
// (not after a timeout), and the pool starts another thread for the next run.

import { describe, it, expect, afterAll } from 'vitest';
import { EngineThreadStopped, EngineThreads } from '../../src/engine/threads.ts';
import { prepare, type Prepared } from '../../src/engine/run.ts';
import { SEGMENT } from '../../src/engine/random.ts';
import { cleanupTemp, modelText, project } from './helpers.ts';

afterAll(cleanupTemp);

function prepared(inputs: Record<string, string>, nodes: Record<string, string>): Prepared {
  const p = prepare(project({ 'm.yaml': modelText(inputs, nodes, 'y') }), 'm');
  if (!p.ok) throw new Error(p.errors[0]!.message);
  return p.value;
}

const summarize = (p: Prepared, samples: number, pool?: EngineThreads) =>
  p.summarize({ samples, seed: 3, keepBytes: 0 }, pool?.executor(p.graph, p.plan));

describe('an engine thread that runs out of heap mid-pass', () => {
  it("ends the run with 'needed more than N MB', and the pool works again afterwards", async () => {
    const small = prepared({ a: 'beta(2, 3)', b: 'normal(0, 1)' }, { y: 'a + b' });
    // An engine thread starts within 16 MB and runs the small model's passes; building the plan of
    // 3,000 quantities takes it past 16 MB (1,000 to 12,000 do, 100 do not), so it ends mid-pass.
    const inputs: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) inputs[`a${i}`] = `normal(${i}, 1)`;
    const big = prepared(inputs, { y: 'a0 + a1' });
    const pool = new EngineThreads(2, 1, { maxOldGenerationSizeMb: 16 });
    try {
      // The thread is started and waiting, so it takes up the big pass while this one is still at
      // its first of 8 segments.
      const alone = summarize(small, 4 * SEGMENT);
      expect(summarize(small, 4 * SEGMENT, pool)).toEqual(alone);
      let thrown: unknown = null;
      try {
        summarize(big, 8 * SEGMENT, pool);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(EngineThreadStopped);
      const e = (thrown as EngineThreadStopped).error;
      expect(e).toMatchObject({ code: 'limit-exceeded', limit: { name: 'engine-thread-heap', max: 16 } });
      expect(e.message).toMatch(/needed more than 16 MB/);
      // The ended thread is replaced: the same numbers again, with one thread beside this one.
      expect(summarize(small, 4 * SEGMENT, pool)).toEqual(alone);
      expect(pool.workerLimits()).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });
});
