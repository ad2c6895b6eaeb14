// A request the server will not serve as asked: a 400 with a code and a sentence naming the
// parameter at fault.

import type { ErrorCode } from '../model/errors.ts';

export class BadRequest extends Error {
  readonly status = 400;

  constructor(
    message: string,
    /** What kind of mistake: 'unknown-parameter', 'repeated-parameter', 'bad-name', … */
    readonly code: ErrorCode = 'invalid-request',
  ) {
    super(message);
  }
}
