import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { TEST_TIMEOUT_MS } from './test/support/waits.ts';

// Files that each get a fresh process: the browser tests (Chromium per file, and the longest
// files, started first: projects run in name order), the screens of every page included.
const ISOLATED = ['test/web/*browser*.test.ts', 'test/web/screens-*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: TEST_TIMEOUT_MS,
    hookTimeout: TEST_TIMEOUT_MS,
    pool: 'forks',
    // Two files at a time even on two cores (vitest's default there is one): no test depends on
    // time or on a free core, and a file spends much of its time waiting for its workers,
    // Chromium or the CLI it started.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ['test/setup/build.ts'],
    // Engine threads started by in-process runs load the built engine (the global set-up rebuilds
    // it when src/ is newer) rather than compiling the sources again in each thread.
    env: { CREDENCE_ENGINE_WORKER: resolve('dist/engine-worker.js') },
    projects: [
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
      {
        extends: true,
        // The other files share a process per worker, so express, math.js, d3 and the app's
        // modules are imported once per worker rather than once per file (about half of the
        // suite's CPU). Nothing in src/ keeps state between calls except caches keyed by content.
        test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false },
      },
    ],
  },
});
