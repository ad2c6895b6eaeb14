// What typed arguments mean beyond parsing (src/cli/spec.ts parses): `--set name=expr` pairs,
// and the exit code for errors that come back from running a request.

import { formatError, type CredenceError } from '../model/errors.ts';
import { EXIT, type CliIO } from './io.ts';

/** Codes of errors in what was typed on the command line rather than in a model file. */
const REQUEST_CODES = new Set(['invalid-request', 'unknown-scenario', 'unknown-evidence', 'unknown-model']);

/**
 * Print errors from running a request, and the exit code: 2 when every error is in what was
 * typed (an unknown scenario, a `--set` or `--inputs` name), 1 when one is in a model file.
 */
export function reportErrors(errors: CredenceError[], io: CliIO): number {
  for (const e of errors) io.err(formatError(e));
  const typed = (e: CredenceError) => REQUEST_CODES.has(e.code) || (e.line === undefined && e.file?.startsWith('--'));
  return errors.every(typed) ? EXIT.usage : EXIT.problems;
}

/** Parse `--set name=expr` pairs; the first `=` splits name from expression. */
export function parseSets(
  sets: string[] | undefined,
  option = '--set',
): { ok: true; value: Record<string, string> } | { ok: false; message: string } {
  const out: Record<string, string> = {};
  for (const s of sets ?? []) {
    const eq = s.indexOf('=');
    if (eq <= 0)
      return { ok: false, message: `${option} '${s}': write it as name=expression, e.g. ${option} p_step=0.99` };
    out[s.slice(0, eq).trim()] = s.slice(eq + 1).trim();
  }
  return { ok: true, value: out };
}
