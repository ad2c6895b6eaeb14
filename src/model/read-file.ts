// Reading a text file from a models folder, bounded: a link must not lead out of the folder, the
// size is checked with fstat on the open file before a byte is read (a 400 MB file costs nothing),
// no more than the limit is ever read (a file growing meanwhile included), and bytes that are not
// UTF-8 are an error at their line and column rather than silently replaced.

import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { sep } from 'node:path';
import { error, type CredenceError, type Result } from './errors.ts';
import { LIMITS, count, limitError } from './limits.ts';

/**
 * The text of the file at `path`, shown to people as `file`. With `root`, the file (after links)
 * must lie inside `root` (after links).
 */
export function readTextFile(path: string, file: string, root?: string): Result<string> {
  const fail = (e: CredenceError): Result<string> => ({ ok: false, errors: [e] });
  let real: string;
  try {
    real = realpathSync(path);
    if (root !== undefined) {
      const top = realpathSync(root);
      if (real !== top && !real.startsWith(top.endsWith(sep) ? top : top + sep))
        return fail(
          error('link-outside', 'this file is a link to a file outside the models folder; copy it in instead', {
            file,
          }),
        );
    }
  } catch (e) {
    return fail(unreadable(e, file));
  }
  let fd: number;
  try {
    fd = openSync(real, 'r');
  } catch (e) {
    return fail(unreadable(e, file));
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return fail(error('file-unreadable', 'this is not a regular file', { file }));
    const max = LIMITS['file-size'];
    if (stat.size > max) return fail(limitError('file-size', `the file is ${count(stat.size)} bytes`, { file }));
    // One byte more than the limit, to notice a file that grew since fstat.
    const buf = Buffer.allocUnsafe(Math.min(max + 1, stat.size + 1));
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, n);
    if (n > max) return fail(limitError('file-size', `the file is over ${count(max)} bytes`, { file }));
    return decodeUtf8(buf.subarray(0, n), file);
  } catch (e) {
    return fail(unreadable(e, file));
  } finally {
    closeSync(fd);
  }
}

function unreadable(e: unknown, file: string): CredenceError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return error('file-missing', 'there is no such file', { file });
  return error('file-unreadable', `cannot read the file: ${code ?? String(e)}`, { file });
}

/** UTF-8 bytes as text (a leading byte-order mark dropped), or an error at the first bad byte. */
export function decodeUtf8(bytes: Uint8Array, file: string): Result<string> {
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, at));
    const byte = bytes[at]!.toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      errors: [
        error(
          'invalid-utf8',
          `the file is not UTF-8 text: the byte 0x${byte} here does not begin a well-formed character; save the file as UTF-8`,
          { file, line, col: before.length + 1 },
        ),
      ],
    };
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (bytes.length if none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // no overlong forms
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f; // nothing past U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
