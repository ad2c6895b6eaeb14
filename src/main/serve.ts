// `credence serve [--port N] [--host ADDRESS]`: the web app from the command line (as npm start).

import { banner, serve, StartError } from '../web/server.ts';
import { parsePort } from '../web/server/config.ts';
import { defineCommand, usageError, type CommandSpec } from '../cli/spec.ts';
import { EXIT } from '../cli/io.ts';

const command = defineCommand({
  name: 'serve',
  summary: 'serve the web app (as npm start)',
  usage: ['[--port N] [--host ADDRESS]'],
  description: [
    'Serves the models folder with the track record in CREDENCE_DB, created at ./data/credence.db',
    'on first start when CREDENCE_DB is not set. SIGTERM or Ctrl-C stops it after in-flight requests.',
  ],
  options: {
    port: { type: 'string', value: 'N', help: 'The port (default: PORT, else 3000; 0 picks a free one).' },
    host: { type: 'string', value: 'ADDRESS', help: 'The address (default: HOST, else 127.0.0.1).' },
  },
  env: ['PORT', 'HOST', 'CREDENCE_MODELS', 'CREDENCE_DB', 'TRUST_PROXY', 'LOG_LEVEL'],
  problems: 'the server cannot start (a port in use, a bad setting, an unreadable models folder or database)',
  examples: ['credence serve --port 8080', 'HOST=0.0.0.0 CREDENCE_DB=postgres://credence@db/credence credence serve'],
  async run(values, _positionals, io) {
    const port = values.port === undefined ? undefined : parsePort(values.port, '--port');
    if (typeof port === 'string') return usageError(spec, io, port);
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
  },
});

const spec: CommandSpec = command.spec;
export default command;
