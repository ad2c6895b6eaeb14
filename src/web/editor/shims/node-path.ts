// Browser stand-in for node:path in the editor's worker bundle: POSIX file names only.

export function basename(p: string, ext?: string): string {
  const name = p.slice(p.lastIndexOf('/') + 1);
  return ext && name.endsWith(ext) ? name.slice(0, -ext.length) : name;
}

export function extname(p: string): string {
  const name = basename(p);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
}

export function join(...parts: string[]): string {
  return parts.filter(Boolean).join('/').replace(/\/+/g, '/');
}

export const dirname = (p: string): string => p.slice(0, Math.max(0, p.lastIndexOf('/'))) || '.';
export const resolve = (...parts: string[]): string => join(...parts);
/** Names in the browser are already as the reader should see them. */
export const relative = (_from: string, to: string): string => to;
export const sep = '/';
export default { basename, extname, join, dirname, resolve, relative, sep };
