// Command-line parsing shared by every command: node's parseArgs, with negative numbers kept
// as option values (`--seed -3`), one-line errors followed by the usage, and the exit code for
// errors that come back from resolving a request.

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

/** Print errors from resolving a request: an unknown scenario or evidence name is a wrong command line; anything else is in a file or an expression. */
export function reportResolveErrors(errors: CredenceError[], io: CliIO): number {
  for (const e of errors) io.err(formatError(e));
  return errors.every((e) => e.code === 'unknown-scenario' || e.code === 'unknown-evidence')
    ? EXIT.usage
    : EXIT.problems;
}
