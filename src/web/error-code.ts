// The code an error answer carries when no problem of a model names one: the kind of refusal
// its HTTP status stands for, so every JSON error has a `code` a program can branch on.

import type { ErrorCode } from '../model/errors.ts';

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'invalid-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'invalid-request',
  409: 'version-conflict',
  413: 'limit-exceeded',
  414: 'limit-exceeded',
  429: 'busy',
  431: 'limit-exceeded',
  503: 'busy',
};

/** The code of an answer with this status whose problems, if any, carry none. */
export function codeForStatus(status: number): ErrorCode {
  return BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'invalid-request');
}
