// Why a write to the track record was refused, as values: each kind maps to one HTTP status and
// one error code, and every one carries a sentence that can be shown to the person who tried.

import type { ErrorCode } from '../model/errors.ts';
import type { DatabaseError } from './db.ts';
import type { ResolutionEvent } from './history.ts';

export type WriteError =
  /** The body or arguments are malformed (400); `fields` names the body's fields at fault. */
  | { kind: 'invalid'; message: string; fields: string[] }
  /** No prediction with that id in the catalog (404). */
  | { kind: 'not-found'; message: string }
  /** The resolution names a version that is no longer current (409). */
  | { kind: 'conflict'; message: string; currentVersion: number; current: ResolutionEvent | null }
  /** The prediction's state does not allow it: a forecast on a resolved prediction, un-resolving an open one (409). */
  | { kind: 'state'; message: string }
  /** The database could not take the write; nothing was written (503, or 500 when unexpected). */
  | { kind: 'database'; message: string; error: DatabaseError };

export type Write<T> = { ok: true; value: T } | { ok: false; error: WriteError };

export function httpStatus(e: WriteError): 400 | 404 | 409 | 500 | 503 {
  switch (e.kind) {
    case 'invalid':
      return 400;
    case 'not-found':
      return 404;
    case 'conflict':
    case 'state':
      return 409;
    case 'database':
      return ['locked', 'read-only', 'disk-full', 'unavailable'].includes(e.error.kind) ? 503 : 500;
  }
}

const CODES: Record<WriteError['kind'], ErrorCode> = {
  invalid: 'invalid-request',
  'not-found': 'not-found',
  conflict: 'version-conflict',
  state: 'wrong-state',
  database: 'database',
};

/** The error code a program branches on, one per kind. */
export const writeErrorCode = (e: WriteError): ErrorCode => CODES[e.kind];
