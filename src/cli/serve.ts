// `credence serve [--port N] [--host ADDRESS]`: the web app from the command line (as npm start).

import { banner, serve, StartError } from '../web/server.ts';
import { parsePort } from '../web/server/config.ts';
import { parseCommandLine } from './args.ts';
import { EXIT, type CliIO } from './io.ts';

const USAGE = 'usage: credence serve [--port N] [--host ADDRESS]';

export default async function serveCommand(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(args, { port: { type: 'string' }, host: { type: 'string' } }, USAGE, io, false);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const port = values.port === undefined ? undefined : parsePort(values.port, '--port');
  if (typeof port === 'string') {
    io.err(port);
    return EXIT.usage;
  }
  try {
    const started = Date.now();
    const s = await serve({ port, host: values.host, modelsDir: io.modelsDir, db: io.dbPath });
    io.out(banner(s, Date.now() - started));
    await new Promise<void>((done) => {
      const stop = () => void s.close().then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.ok;
  } catch (e) {
    io.err(`cannot start the server: ${e instanceof StartError || e instanceof Error ? e.message : String(e)}`);
    return EXIT.problems;
  }
}
