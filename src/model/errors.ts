// Load and run errors as values: a place in a file and a sentence a forecaster understands.

export interface Loc {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
}

export interface ModelError extends Loc {
  message: string;
}

export function modelError(loc: Loc, message: string): ModelError {
  return { file: loc.file, line: loc.line, col: loc.col, message };
}

export function formatError(e: ModelError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message}`;
}

/** A computation that either succeeds with a value or fails with located errors. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: ModelError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(...errors: ModelError[]): Result<T> => ({ ok: false, errors });

/** A place that is not in a file, e.g. a `--set` argument on the command line. */
export function argLoc(name: string, col = 1): Loc {
  return { file: name, line: 1, col };
}
