// The compute workers run below the request thread: on Linux each worker thread's nice value is
// the starting thread's plus WORKER_NICENESS once it has started (read from /proc, thread by
// thread), and the starting thread's own is unchanged. Elsewhere the priority is left alone.

import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { WorkerPool } from '../../../src/web/compute/computer.ts';
import { WORKER_NICENESS } from '../../../src/web/worker-priority.ts';
import { LiveProject } from '../../../src/web/live-project.ts';
import { parseRequest, NOTHING_OUTSIDE, type Job } from '../../../src/analysis/registry/index.ts';
import { CLI_LIMITS } from '../../../src/analysis/request.ts';
import { SHIPPED_MODELS } from '../helpers.ts';
import { BUILT_WORKERS } from '../../support/built-workers.ts';
import { UNTIL_READY_MS } from '../../support/waits.ts';

/** The nice value of each thread of this process (field 19 of /proc/self/task/<tid>/stat). */
function niceValues(): number[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // The command name may hold spaces: the fields start after its closing parenthesis.
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // a thread that ended meanwhile
    }
  });
}

describe('compute worker threads', () => {
  it.runIf(process.platform === 'linux')(
    'run nicer than the thread that started them, which keeps its own',
    async () => {
      const own = getPriority(0);
      const nicer = Math.min(19, own + WORKER_NICENESS);
      const before = niceValues().filter((n) => n === nicer).length;
      const pool = new WorkerPool(1, { express: 1, entry: BUILT_WORKERS.compute, timeoutMs: UNTIL_READY_MS });
      try {
        const snapshot = new LiveProject(SHIPPED_MODELS).current();
        const r = parseRequest('run', { model: 'speed-costs', samples: 100 }, CLI_LIMITS);
        if (!r.ok) throw new Error(r.message);
        const work = {
          kind: 'job' as const,
          job: { analysis: 'run', request: r.value, outside: NOTHING_OUTSIDE } as Job,
        };
        // Each lane has answered, so each worker has started (and set its priority first).
        await Promise.all([pool.run(0, work, snapshot), pool.run(1, work, snapshot)]);
        expect(niceValues().filter((n) => n === nicer).length - before).toBeGreaterThanOrEqual(2);
        expect(getPriority(0)).toBe(own);
      } finally {
        await pool.close();
      }
    },
  );
});
