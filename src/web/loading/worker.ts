// The loading worker: reads and loads one model file at a time, exactly as the server would, and
// answers with the text it loaded (when the file is good) or the file's errors. It holds nothing
// between files; the main thread's watchdog ends it when a file takes too long or too much memory.

import { parentPort } from 'node:worker_threads';
import { readTextFile } from '../../model/read-file.ts';
import { displayPath, loadModelText, modelIdOf } from '../../model/load.ts';
import type { VetAnswer, VetRequest } from './vetter.ts';

parentPort!.on('message', ({ path, root }: VetRequest) => {
  const file = displayPath(path);
  const text = readTextFile(path, file, root);
  let answer: VetAnswer;
  if (!text.ok) answer = { path, ok: false, errors: text.errors };
  else {
    const loaded = loadModelText(text.value, file, modelIdOf(path));
    answer = loaded.ok ? { path, ok: true, text: text.value } : { path, ok: false, errors: loaded.errors };
  }
  parentPort!.postMessage(answer);
});
parentPort!.postMessage({ ready: true });
