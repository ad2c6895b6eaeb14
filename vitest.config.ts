import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { TEST_TIMEOUT_MS } from './test/support/waits.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: TEST_TIMEOUT_MS,
    hookTimeout: TEST_TIMEOUT_MS,
    pool: 'forks',
    // Two files at a time even on two cores (vitest's default there is one): no test depends on
    // time or on a free core, and a file spends much of its time waiting for its workers,
    // Chromium or the CLI it started.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ['test/setup/build.ts'],
  },
});
