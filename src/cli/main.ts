// The `credence` command: dispatch to one module per subcommand, each declared by a spec
// (src/cli/spec.ts) and loaded only when it runs. `--help` prints the list on stdout (exit 0);
// bare `credence` prints it on stderr (exit 2: nothing was asked); `--version` the version.

import { resolve } from 'node:path';
import { renderMainHelp } from './help.ts';
import { version } from './version.ts';
import { EXIT, type CliIO } from './io.ts';
import type { DefinedCommand } from './spec.ts';
import { DEFAULT_DB } from '../web/server/config.ts';
import { observeProgress } from '../engine/progress.ts';
import { progressBar } from './progress.ts';

const COMMANDS: Record<string, () => Promise<{ default: DefinedCommand }>> = {
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
  serve: () => import('./serve.ts'),
};

export const COMMAND_NAMES = Object.keys(COMMANDS);

export function defaultIO(): CliIO {
  const named = process.env.CREDENCE_DB?.trim();
  return {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    modelsDir: resolve(process.env.CREDENCE_MODELS?.trim() || 'models'),
    dbPath: named || resolve(DEFAULT_DB),
    dbNamed: Boolean(named),
    progress: process.stderr.isTTY
      ? (line) => process.stderr.write(line === null ? '\r\x1b[K' : `\r${line}\x1b[K`)
      : undefined,
  };
}

/** Every command's spec, in the order of the listing. */
export async function commandSpecs() {
  return Promise.all(Object.values(COMMANDS).map(async (load) => (await load()).default.spec));
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  // --quiet anywhere: no progress bar (one is drawn only on a terminal anyway).
  const quiet = argv.includes('--quiet');
  const [cmd, ...rest] = argv.filter((a) => a !== '--quiet');
  if (cmd === '--version' || cmd === '-v') {
    io.out(version());
    return EXIT.ok;
  }
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    if (cmd === 'help' && rest[0] !== undefined && Object.hasOwn(COMMANDS, rest[0]))
      return main([rest[0], '--help'], io);
    const lines = renderMainHelp(await commandSpecs());
    for (const line of lines) (cmd === undefined ? io.err : io.out)(line);
    return cmd === undefined ? EXIT.usage : EXIT.ok;
  }
  // Own commands only: 'constructor' or '__proto__' is an unknown command, not Object's member.
  const load = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!load) {
    io.err(`unknown command '${cmd}'; the commands are ${COMMAND_NAMES.join(', ')} (see 'credence --help')`);
    return EXIT.usage;
  }
  const command = (await load()).default;
  const bar = io.progress && !quiet ? progressBar(io.progress) : null;
  if (bar) observeProgress(bar.observe);
  try {
    return await command(rest, io);
  } finally {
    if (bar) {
      observeProgress(null);
      bar.end();
    }
  }
}
