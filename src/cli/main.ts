// The `credence` command: dispatch to one module per subcommand.

import { resolve } from 'node:path';
import { EXIT, type CliIO, type Command } from './io.ts';

const COMMANDS: Record<string, { load: () => Promise<{ default: Command }>; about: string }> = {
  check: { load: () => import('./check.ts'), about: 'check model files; one file:line:col: message per problem' },
  run: { load: () => import('./run.ts'), about: 'run a model and summarise every node' },
  serve: { load: () => import('./serve.ts'), about: 'serve the web app (as npm start; --port N)' },
  sensitivity: {
    load: () => import('./sensitivity.ts'),
    about: 'which inputs move the output: tornado, sweep, grid, importance, sobol, threshold',
  },
  crux: {
    load: () => import('./crux.ts'),
    about: 'attribute the difference between two scenarios to inputs (Shapley values)',
  },
  voi: { load: () => import('./voi.ts'), about: 'value of information: which open prediction is most worth resolving' },
  predictions: {
    load: () => import('./predictions.ts'),
    about: "each prediction's credence beside the one its model implies",
  },
  token: { load: () => import('./token.ts'), about: 'create, list or revoke API tokens for resolvers and forecasters' },
  resolve: { load: () => import('./resolve.ts'), about: "record a prediction's resolution as a local administrator" },
  export: { load: () => import('./export.ts'), about: 'write a model as Squiggle code (--to squiggle)' },
};

export function defaultIO(): CliIO {
  return {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    modelsDir: resolve(process.env.CREDENCE_MODELS ?? 'models'),
    dbPath: resolve(process.env.CREDENCE_DB ?? 'data/credence.db'),
  };
}

function help(io: CliIO): void {
  io.out('usage: credence <command> [options]');
  io.out('');
  for (const [name, c] of Object.entries(COMMANDS)) io.out(`  ${name.padEnd(12)} ${c.about}`);
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    help(io);
    return cmd ? EXIT.ok : EXIT.usage;
  }
  const c = COMMANDS[cmd];
  if (!c) {
    io.err(`unknown command '${cmd}'; commands: ${Object.keys(COMMANDS).join(', ')}`);
    return EXIT.usage;
  }
  const mod = await c.load();
  return mod.default(rest, io);
}
