// The test-suite CPU survey: the project's vitest configuration plus a set-up file that records
// each test file's CPU time and a reporter that prints them, costliest first.
//   npx vitest run -c bench/test-cpu/config.ts [files…]
// CPU time is the survey's figure: on a shared machine a file's wall time says more about its
// neighbours than about the file.

import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vitest.config.ts';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      setupFiles: ['bench/test-cpu/setup.ts'],
      reporters: ['default', './bench/test-cpu/reporter.ts'],
    },
  }),
);
