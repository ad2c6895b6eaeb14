// Names of Object's members are never looked up as commands: 'credence constructor' is an
// unknown command with the list of commands (exit 2), not a stack trace.

import { describe, expect, it } from 'vitest';
import { main, COMMAND_NAMES } from '../../src/main/credence.ts';

describe('object-member names on the command line', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    "'credence %s' is an unknown command",
    async (cmd) => {
      const err: string[] = [];
      const code = await main([cmd], {
        out: () => {},
        err: (s) => void err.push(s),
        modelsDir: 'models',
        dbPath: 'unused.db',
      });
      expect(code).toBe(2);
      expect(err).toEqual([
        `unknown command '${cmd}'; the commands are ${COMMAND_NAMES.join(', ')} (see 'credence --help')`,
      ]);
    },
  );
});
