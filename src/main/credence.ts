// The `credence` program: the command line's commands and `serve`, which starts the web app.
// Here the two ends of the data's path meet: the CLI and the web stay unaware of each other, and
// this is the one module that knows both (bin/credence.js runs its build).

import { program, CLI_COMMANDS } from '../cli/main.ts';

const credence = program({ ...CLI_COMMANDS, serve: () => import('./serve.ts') });

export const { main, commandSpecs } = credence;
export const COMMAND_NAMES = credence.names;
