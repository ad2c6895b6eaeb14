// Loading one model file for the server, keeping its text whether or not it loads (the file view
// and the editor show a broken file as it is on disk, its errors pointing into it). The read is
// the loader's bounded one: a link out of the folder, a file over the size limit or bytes that are
// not UTF-8 are errors before anything is parsed, and then there is no text.

import { readTextFile } from '../../model/read-file.ts';
import { loadModelText, modelIdOf, type Model } from '../../model/load.ts';
import type { Result } from '../../model/errors.ts';

export interface LoadedFile {
  text: string | null;
  result: Result<Model>;
}

/** The file at `path` in the folder `root`, shown to people as `file`. */
export function loadFile(path: string, root: string, file: string): LoadedFile {
  const text = readTextFile(path, file, root);
  if (!text.ok) return { text: null, result: text };
  return { text: text.value, result: loadModelText(text.value, file, modelIdOf(path)) };
}
