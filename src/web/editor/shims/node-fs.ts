// Browser stand-in for node:fs in the editor's worker bundle: the worker has no files (models
// arrive as text), so every read fails the way a missing file does.

function missing(path: unknown): never {
  const e = new Error(`no file system in the browser: ${String(path)}`) as Error & { code: string };
  e.code = 'ENOENT';
  throw e;
}

export const readFileSync = missing;
export const readdirSync = missing;
export const statSync = missing;
export const realpathSync = missing;
export const openSync = missing;
export const fstatSync = missing;
export const readSync = missing;
export const closeSync = missing;
export const existsSync = (): boolean => false;
export default {
  readFileSync,
  readdirSync,
  statSync,
  realpathSync,
  openSync,
  fstatSync,
  readSync,
  closeSync,
  existsSync,
};
