// `credence serve [--port N]`: the web app from the command line (as `npm start`).

import { parseArgs } from 'node:util';
import { serve } from './server.ts';
import { EXIT, type CliIO } from '../cli/io.ts';

export default async function serveCommand(args: string[], io: CliIO): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } }, strict: true }).values;
  } catch (e) {
    io.err(`${(e as Error).message}\nusage: credence serve [--port N] [--host ADDRESS]`);
    return EXIT.usage;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    io.err(`--port must be a whole number from 0 to 65535, not '${values.port}'`);
    return EXIT.usage;
  }
  try {
    const s = await serve({ port, host: values.host, modelsDir: io.modelsDir, dbPath: io.dbPath });
    await new Promise<void>((done) => {
      const stop = () => void s.close().then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.ok;
  } catch (e) {
    io.err(`cannot start the server: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.problems;
  }
}
