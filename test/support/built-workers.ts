// The built worker threads, as the server runs them (the global set-up rebuilds dist/ when src/
// is newer). Started from the sources instead, each thread compiles the model loader or the
// engine again: about 3 s of CPU per thread against 0.5 s, for every app a test opens.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkerEntries } from '../../src/web/app.ts';

export const BUILT_WORKERS: WorkerEntries = {
  compute: pathToFileURL(resolve('dist/worker.js')),
  load: pathToFileURL(resolve('dist/load-worker.js')),
};
