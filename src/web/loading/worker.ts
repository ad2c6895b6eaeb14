// The loading worker: reads and loads one model file at a time, exactly as the server would, and
// answers with the text it read and the file's errors, if any. It holds nothing between files; the
// main thread's watchdog ends it when a file takes too long or too much memory.

import { parentPort } from 'node:worker_threads';
import { loadFile } from './load-file.ts';
import type { VetAnswer, VetRequest } from './vetter.ts';

parentPort!.on('message', ({ path, root, file }: VetRequest) => {
  const { text, result } = loadFile(path, root, file);
  parentPort!.postMessage({ path, text, errors: result.ok ? [] : result.errors } satisfies VetAnswer);
});
parentPort!.postMessage({ ready: true });
