// `npm start`: build the browser bundle, open (or create) the database, and serve the models
// folder on PORT (default 3000). CREDENCE_MODELS and CREDENCE_DB choose other locations.

import { resolve } from 'node:path';
import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { defaultDbPath } from '../predictions/index.ts';
import { warmUp } from './warm.ts';

export { createApp };

export interface ServeOptions {
  port?: number;
  host?: string;
  modelsDir?: string;
  dbPath?: string;
}

export async function serve(o: ServeOptions = {}): Promise<{ server: Server; close(): Promise<void> }> {
  const port = o.port ?? Number(process.env.PORT ?? 3000);
  const host = o.host ?? process.env.HOST;
  const modelsDir = resolve(o.modelsDir ?? process.env.CREDENCE_MODELS ?? 'models');
  const dbPath = resolve(o.dbPath ?? defaultDbPath());
  const web = await createApp({ modelsDir, dbPath });
  const server = await new Promise<Server>((ok, fail) => {
    const s = host ? web.app.listen(port, host, () => ok(s)) : web.app.listen(port, () => ok(s));
    s.once('error', fail);
  });
  server.keepAliveTimeout = 65_000;
  const address = server.address();
  const shown = typeof address === 'object' && address ? address.port : port;
  console.log(`Credence is serving ${modelsDir} at http://localhost:${shown}/ (database ${dbPath})`);
  void warmUp(web.site);
  return {
    server,
    async close() {
      await new Promise<void>((ok) => server.close(() => ok()));
      await web.close();
    },
  };
}

/** `npm start`: serve until SIGINT or SIGTERM; a failure to start is one line and exit code 1. */
export function startFromCommandLine(): void {
  serve().then(
    (s) => {
      const stop = () => void s.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (e: unknown) => {
      console.error(`credence: cannot start the server: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}

// Run directly from the sources (`node --import tsx src/web/server.ts`).
if (process.argv[1] && /server\.ts$/.test(process.argv[1])) startFromCommandLine();
