// What a command declares — its arguments, its options with a sentence each, the environment
// it reads, an example, what --json prints and what its exit codes mean — and the one parser
// that every command runs through: `-h/--help` prints the help on stdout (exit 0), a mistake
// on the command line is one line on stderr and exit 2, and `--json` exists exactly on the
// commands that print data.

import { parseArgs } from 'node:util';
import type { EnvName } from './env.ts';
import { renderHelp } from './help.ts';
import { EXIT, type CliIO, type Command } from './io.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** What the value looks like in the help: N, NAME, FILE, mc|lhs|sobol. */
  value?: string;
  help: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** The values parseArgs gives for `O`, plus the options every command has. */
export type Values<O extends OptionSpecs> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : O[K]['multiple'] extends true ? string[] : string;
} & { json?: boolean };

export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  name: string;
  /** One line for `credence --help`. */
  summary: string;
  /** The arguments after `credence <name>`, e.g. '<model-id|path>'; one line per form. */
  usage: string[];
  /** What the command does, a few lines for its help. */
  description?: string[];
  /** How many positional arguments it takes, and what one is called in messages. */
  positionals?: { min: number; max: number; what: string };
  options: O;
  /** What `--json` prints; absent: the command prints no data and takes no --json. */
  json?: string;
  env: readonly EnvName[];
  examples: string[];
  /** What exit code 1 means for this command (0 and 2 mean the same everywhere). */
  problems?: string;
  run(values: Values<O>, positionals: string[], io: CliIO): Promise<number> | number;
}

/** A command as main() runs it, with its spec for the help listing. */
export type DefinedCommand = Command & { spec: CommandSpec };

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'Print this help and exit.' };

/** The options parseArgs is given: the command's, --json if it prints data, and --help. */
export function allOptions(spec: CommandSpec): OptionSpecs {
  const json: OptionSpecs = spec.json ? { json: { type: 'boolean', help: `Print ${spec.json}.` } } : {};
  return { ...spec.options, ...json, help: HELP_OPTION };
}

/** `--seed -3` is an option and a negative number, not two options: join them as `--seed=-3`. */
export function joinNegativeValues(args: string[], options: OptionSpecs): string[] {
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

/** The usage line(s) of a command. */
export function usageOf(spec: CommandSpec): string {
  return spec.usage.map((u, i) => `${i === 0 ? 'usage:' : '      '} credence ${spec.name} ${u}`.trimEnd()).join('\n');
}

/** One line for a mistake: the problem, then where to read more. */
export function usageError(spec: CommandSpec, io: CliIO, problem: string): number {
  io.err(`${problem}; see 'credence ${spec.name} --help'`);
  return EXIT.usage;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function positionalProblem(spec: CommandSpec, got: string[]): string | null {
  const p = spec.positionals ?? { min: 0, max: 0, what: 'argument' };
  if (got.length >= p.min && got.length <= p.max) return null;
  if (p.max === 0) return `${spec.name} takes no arguments (got ${got.join(' ')})`;
  if (got.length === 0) return `name ${p.min === 1 && p.max === 1 ? 'a' : 'at least one'} ${p.what}`;
  const want = p.min === p.max ? plural(p.min, p.what) : `${p.min} to ${plural(p.max, p.what)}`;
  return `${spec.name} takes ${want}, got ${got.length}: ${got.join(' ')}`;
}

/** The command line parsed by the command's spec, or the exit code after printing why not. */
export function parseCommand(
  spec: CommandSpec,
  args: string[],
  io: CliIO,
): { values: Record<string, unknown>; positionals: string[] } | { exit: number; help?: true } {
  const options = allOptions(spec);
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: true, strict: true });
  } catch (e) {
    // node's first sentence ("Unknown option '--foo'"), lower-cased to run on.
    const first = ((e as Error).message.split(/\.(\s|$)/)[0] ?? '').trim();
    return { exit: usageError(spec, io, `${first.charAt(0).toLowerCase()}${first.slice(1)}`) };
  }
  if (parsed.values.help) return { exit: EXIT.ok, help: true };
  const problem = positionalProblem(spec, parsed.positionals);
  if (problem) return { exit: usageError(spec, io, problem) };
  return parsed;
}

/** A command function from a spec: parse, print help when asked, else run. */
export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): DefinedCommand {
  const general = spec as unknown as CommandSpec;
  const command = async (args: string[], io: CliIO): Promise<number> => {
    const parsed = parseCommand(general, args, io);
    if ('exit' in parsed) {
      if (parsed.help) for (const line of renderHelp(general)) io.out(line);
      return parsed.exit;
    }
    return spec.run(parsed.values as Values<O>, parsed.positionals, io);
  };
  return Object.assign(command, { spec: general });
}
