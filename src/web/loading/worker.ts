// The loading worker: reads and loads one model file at a time, exactly as the server would, and
// answers with the text it read and the model it built (as data), or the file's errors. It holds nothing between files; the
// main thread's watchdog ends it when a file takes too long or too much memory.

import { parentPort } from 'node:worker_threads';
import { loadFile } from './load-file.ts';
import { portableModel } from './portable.ts';
import type { VetAnswer, VetRequest } from './vetter.ts';
import { lowerThisThread } from '../worker-priority.ts';

// Below the request thread, which answers while this works (worker-priority.ts).
lowerThisThread();

parentPort!.on('message', ({ path, root, file }: VetRequest) => {
  const { text, result } = loadFile(path, root, file);
  const answer: VetAnswer = { path, text, errors: result.ok ? [] : result.errors, model: null };
  try {
    parentPort!.postMessage({ ...answer, model: result.ok ? portableModel(result.value) : null });
  } catch {
    // Something in the model cannot be posted: the server thread parses the text instead.
    parentPort!.postMessage(answer);
  }
});
parentPort!.postMessage({ ready: true });
