// The `credence` command: dispatch to one module per subcommand, each declared by a spec
// (src/cli/spec.ts) and loaded only when it runs. `--help` prints the list on stdout (exit 0);
// bare `credence` prints it on stderr (exit 2: nothing was asked); `--version` the version.
// The table of commands is the caller's: src/main/credence.ts adds `serve`, which starts the
// web app, so nothing here depends on the web.

import { resolve } from 'node:path';
import { renderMainHelp } from './help.ts';
import { version } from './version.ts';
import { EXIT, type CliIO } from './io.ts';
import type { DefinedCommand } from './spec.ts';
import { DEFAULT_DB_PATH } from '../predictions/db.ts';
import { observeProgress } from '../engine/progress.ts';
import { progressBar } from './progress.ts';

/** Each command's name and how to load its module. */
export type CommandTable = Record<string, () => Promise<{ default: DefinedCommand }>>;

/** The commands that work on model files and the track record alone. */
export const CLI_COMMANDS: CommandTable = {
  check: () => import('./check.ts'),
  run: () => import('./run.ts'),
  sensitivity: () => import('./sensitivity.ts'),
  crux: () => import('./crux.ts'),
  voi: () => import('./voi.ts'),
  predictions: () => import('./predictions.ts'),
  resolve: () => import('./resolve.ts'),
  token: () => import('./token.ts'),
  export: () => import('./export.ts'),
  import: () => import('./import.ts'),
};

export function defaultIO(): CliIO {
  const named = process.env.CREDENCE_DB?.trim();
  return {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    modelsDir: resolve(process.env.CREDENCE_MODELS?.trim() || 'models'),
    dbPath: named || resolve(DEFAULT_DB_PATH),
    dbNamed: Boolean(named),
    progress: process.stderr.isTTY
      ? (line) => process.stderr.write(line === null ? '\r\x1b[K' : `\r${line}\x1b[K`)
      : undefined,
  };
}

/** A command line of these commands: its entry point, its command names and their specs. */
export function program(commands: CommandTable) {
  const names = Object.keys(commands);

  /** Every command's spec, in the order of the listing. */
  const commandSpecs = () => Promise.all(Object.values(commands).map(async (load) => (await load()).default.spec));

  async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
    // --quiet anywhere: no progress bar (one is drawn only on a terminal anyway).
    const quiet = argv.includes('--quiet');
    const [cmd, ...rest] = argv.filter((a) => a !== '--quiet');
    if (cmd === '--version' || cmd === '-v') {
      io.out(version());
      return EXIT.ok;
    }
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      if (cmd === 'help' && rest[0] !== undefined && Object.hasOwn(commands, rest[0]))
        return main([rest[0], '--help'], io);
      const lines = renderMainHelp(await commandSpecs());
      for (const line of lines) (cmd === undefined ? io.err : io.out)(line);
      return cmd === undefined ? EXIT.usage : EXIT.ok;
    }
    // Own commands only: 'constructor' or '__proto__' is an unknown command, not Object's member.
    const load = Object.hasOwn(commands, cmd) ? commands[cmd] : undefined;
    if (!load) {
      io.err(`unknown command '${cmd}'; the commands are ${names.join(', ')} (see 'credence --help')`);
      return EXIT.usage;
    }
    return runCommand((await load()).default, rest, io, quiet);
  }

  return { main, commandSpecs, names };
}

/** Run one command, with a progress bar on a terminal unless --quiet. */
async function runCommand(command: DefinedCommand, args: string[], io: CliIO, quiet: boolean): Promise<number> {
  const bar = io.progress && !quiet ? progressBar(io.progress) : null;
  if (bar) observeProgress(bar.observe);
  try {
    return await command(args, io);
  } finally {
    if (bar) {
      observeProgress(null);
      bar.end();
    }
  }
}
