// Command-line parsing shared by every command: node's parseArgs, with negative numbers kept
// as option values (`--seed -3`), one-line errors followed by the usage, `--set name=expr`
// pairs, and the exit code for errors that come back from running a request.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatError, type CredenceError } from '../model/errors.ts';
import { EXIT, type CliIO } from './io.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `--seed -3` is an option and a negative number, not two options: join them as `--seed=-3`. */
export function joinNegativeValues(args: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const opt = a.startsWith('--') ? options[a.slice(2)] : undefined;
    const next = args[i + 1];
    if (opt?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** Parse a command line, or print one line and the usage and return the usage exit code. */
export function parseCommandLine<O extends Options>(
  args: string[],
  options: O,
  usage: string,
  io: CliIO,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals, strict: true });
  } catch (e) {
    // One line: node's first sentence ("Unknown option '--foo'"), then the usage.
    const first = ((e as Error).message.split(/\.(\s|$)/)[0] ?? '').trim();
    io.err(`${first.charAt(0).toLowerCase()}${first.slice(1)}; ${usage}`);
    return EXIT.usage;
  }
}

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
