import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { TEST_TIMEOUT_MS } from './test/support/waits.ts';
import BrowserFirst from './test/setup/browser-first.ts';

export default defineConfig({
  test: {
    testTimeout: TEST_TIMEOUT_MS,
    hookTimeout: TEST_TIMEOUT_MS,
    pool: 'forks',
    // Two files at a time even on two cores (vitest's default there is one): no test depends on
    // time or on a free core, and a file spends much of its time waiting for its workers,
    // Chromium or the CLI it started.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The files share a process per worker, so express, math.js, d3 and the app's modules are
    // imported once per worker rather than once per file (about half of the suite's CPU). Nothing
    // in src/ keeps state between calls except caches keyed by content.
    isolate: false,
    // The browser files start first (test/setup/browser-first.ts).
    sequence: { sequencer: BrowserFirst },
    globalSetup: ['test/setup/build.ts'],
    // Engine threads started by in-process runs load the built engine (the global set-up rebuilds
    // it when src/ is newer) rather than compiling the sources again in each thread.
    env: { CREDENCE_ENGINE_WORKER: resolve('dist/engine-worker.js') },
  },
});
