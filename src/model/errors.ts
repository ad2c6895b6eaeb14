// Errors as values, the one error type of every stage from model files to the web: a stable
// `code` a program branches on (never the message text), a place only where there is one, and a
// sentence a forecaster understands. Modelled on zod's issues: data first, printing apart.

/** Stable, machine-readable kinds of error. Add a code here rather than matching message text. */
export const ERROR_CODES = [
  // Reading a file
  'file-missing', // there is no such file
  'file-unreadable', // the file cannot be opened or read
  'invalid-utf8', // the file's bytes are not UTF-8
  'link-outside', // a symbolic link leads out of the models folder
  'limit-exceeded', // a unit of work is over one of LIMITS (the error names it)
  // YAML and the file's shape
  'yaml-syntax', // the text is not valid YAML
  'flow-split', // a flow mapping `{ … }` split an expression at a comma
  'not-a-mapping', // the file (or a part) is not the mapping it must be
  'unknown-field', // a field the schema does not have
  'missing-field', // a required field is absent
  'wrong-type', // a field has the wrong type
  'invalid-value', // a field has the right type but a value that is not allowed
  // Names
  'bad-name', // not an identifier, or a reserved word, function, distribution or constant
  'duplicate-name', // defined twice (an input and a node, an alias and a quantity, two files)
  'bad-model-id', // a file name or import that is not a usable model id
  // Expressions
  'expression-syntax', // math.js cannot read the expression
  'not-allowed', // a construct, operator or function outside the allow-list
  'wrong-arguments', // a function or distribution called with the wrong number or kind of arguments
  'bad-parameter', // a distribution's parameters are impossible (e.g. beta(-1, 2))
  'out-of-range', // a value outside what its unit allows (a probability outside [0, 1])
  // References
  'unknown-name', // a name that is not a quantity in reach
  'unknown-model', // a model id that is not loaded
  'unknown-scenario', // a scenario the model does not have
  'unknown-evidence', // an evidence entry the model does not have
  'not-an-input', // an override of something that is not an input
  'cycle', // a quantity that depends on itself
  // Imports
  'import-missing', // an import of a model that has no file
  'import-broken', // an import of a model that has errors or cannot run
  'import-cycle', // models that import each other
  // Requests (command line, HTTP, forms) and later stages
  'invalid-request', // a request parameter that is malformed or out of range
  'unknown-parameter', // a request parameter the command or route does not take
  'repeated-parameter', // a request parameter given more than once
  'predictions', // the predictions file is missing or malformed
  'not-found', // no page, model, prediction or route at that address
  'unauthorized', // the request carries no valid token or session
  'forbidden', // the token or session does not allow this
  'version-conflict', // a write names a version that is no longer current
  'idempotency-conflict', // an Idempotency-Key reused for a different request, or still in use
  'wrong-state', // the prediction's state does not allow the write (e.g. a forecast once resolved)
  'busy', // refused for now: the server or this client's budget is full (retry after)
  'locked', // a token refused for now after too many wrong secrets for it (retry after)
  'database', // the track record's database cannot take or give the data
  'internal', // a fault on the server's side (logged there)
  // Other tools' formats (import and export)
  'unsupported', // a construct that the other format cannot express, or Credence cannot read
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A place in a file: 1-based line and column. `file` is the path as shown to the user. */
export interface Loc {
  file: string;
  line: number;
  col: number;
}

/**
 * Where an error is: a place in a file, a whole file, or a column in typed text (`--set p=…`,
 * a what-if field), whose `file` names what was typed. Absent when the error has no place.
 */
export type Place = Loc | { file: string; line?: undefined; col?: number };

export interface CredenceError {
  code: ErrorCode;
  message: string;
  file?: string;
  line?: number;
  col?: number;
  /** For 'limit-exceeded': which limit (a key of LIMITS) and its value. */
  limit?: { name: string; max: number };
}

/** A computation that either succeeds with a value or fails with errors. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: CredenceError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(...errors: CredenceError[]): Result<T> => ({ ok: false, errors });

/** An error at `place` (or without one). Only the fields the place has are set. */
export function error(code: ErrorCode, message: string, place?: Place | null): CredenceError {
  const e: CredenceError = { code, message };
  if (place) {
    e.file = place.file;
    if (place.line !== undefined) e.line = place.line;
    if (place.col !== undefined) e.col = place.col;
  }
  return e;
}

/** `file:line:col: message`, with only the parts of the place the error has. */
export function formatError(e: CredenceError): string {
  const where = [e.file, e.line, e.col].filter((x) => x !== undefined).join(':');
  return where ? `${where}: ${e.message}` : e.message;
}
