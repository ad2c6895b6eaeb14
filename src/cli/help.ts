// The help texts: `credence --help` (every command, the general options, the environment and
// the exit codes) and `credence <command> --help` (usage, what it does, every option with its
// value and default, the environment it reads, what its exit codes mean, an example). Built
// from the commands' specs, so a help never lists an option the parser does not take.

import { ENV, type EnvName } from './env.ts';
import { allOptions, usageOf, type CommandSpec, type OptionSpec } from './spec.ts';

/** What exit codes 0 and 2 mean for every command; 1 is said per command. */
const EXIT_MEANINGS = {
  ok: 'success',
  problems: 'the model files, the data or the database have problems (each printed with its place)',
  usage:
    'the command line is wrong: an unknown command or option, a bad value, or a model, scenario, evidence or --set name that does not exist (nothing was run)',
};

/** Rows of two columns, the first padded to the widest. */
function columns(rows: [string, string][], indent = 2): string[] {
  const width = Math.max(0, ...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `${' '.repeat(indent)}${a.padEnd(width)}  ${b}`.trimEnd());
}

function flag(name: string, o: OptionSpec): string {
  const long = `--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
  return o.short ? `-${o.short}, ${long}` : `    ${long}`;
}

function envSection(names: readonly EnvName[]): string[] {
  return names.length ? ['', 'Environment:', ...columns(names.map((n) => [n, ENV[n]]))] : [];
}

function exitSection(problems: string | undefined): string[] {
  return [
    '',
    'Exit codes:',
    ...columns([
      ['0', EXIT_MEANINGS.ok],
      ['1', problems ?? EXIT_MEANINGS.problems],
      ['2', EXIT_MEANINGS.usage],
    ]),
  ];
}

/** `credence <command> --help`. */
export function renderHelp(spec: CommandSpec): string[] {
  const options = Object.entries(allOptions(spec)).map(([n, o]): [string, string] => [
    flag(n, o),
    `${o.help}${o.multiple ? ' May be given more than once.' : ''}`,
  ]);
  return [
    usageOf(spec),
    '',
    spec.summary.charAt(0).toUpperCase() + spec.summary.slice(1) + '.',
    ...(spec.description ?? []),
    '',
    'Options:',
    ...columns(options),
    ...envSection(spec.env),
    ...exitSection(spec.problems),
    '',
    spec.examples.length > 1 ? 'Examples:' : 'Example:',
    ...spec.examples.map((e) => `  ${e}`),
  ];
}

/** `credence --help` (stdout) and bare `credence` (stderr). */
export function renderMainHelp(commands: CommandSpec[]): string[] {
  const env = [...new Set(commands.flatMap((c) => c.env))].filter((n) => n.startsWith('CREDENCE_'));
  return [
    'usage: credence <command> [options]',
    '       credence <command> --help',
    '',
    'Probabilistic argument models: run them, find what drives them, track their predictions.',
    '',
    'Commands:',
    ...columns(commands.map((c) => [c.name, c.summary])),
    '',
    'Options:',
    ...columns([
      ['-h, --help', 'Print this help and exit (credence <command> --help: that command’s help).'],
      ['-v, --version', 'Print the version and exit.'],
    ]),
    ...envSection(env),
    ...exitSection(undefined),
    '',
    'Example:',
    '  credence run p-scheming --scenario carlsmith-view --json',
  ];
}
