import { defineConfig } from 'vitest/config';
import { TEST_TIMEOUT_MS } from './test/support/waits.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: TEST_TIMEOUT_MS,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/setup/build.ts'],
  },
});
