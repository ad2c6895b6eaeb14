// `npm start`: check the settings, open (or create) the database, load the models folder and
// serve it on HOST:PORT (default 127.0.0.1:3000). A failure to start is one line and exit code
// 1 within a second; SIGTERM and SIGINT stop taking connections, let requests in flight finish
// (up to DRAIN_MS) and exit. Nothing is built or written into the install folder.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { WebApp } from './app.ts';
import { drainable } from './server/drain.ts';
import { serverConfig, urlOf, type ConfigOverrides, type ServerConfig } from './server/config.ts';

/** The app's code, loaded once the settings are checked and the port is ours (it takes a while). */
export const loadApp = () => import('./app.ts');

/** How long requests in flight may take to finish after SIGTERM; the process exits within 2 s. */
export const DRAIN_MS = 1500;

export interface Serving {
  server: Server;
  config: ServerConfig;
  url: string;
  web: WebApp;
  close(): Promise<void>;
}

export class StartError extends Error {}

/** Why listening failed, as a sentence. */
function listenProblem(e: NodeJS.ErrnoException, host: string, port: number): string {
  switch (e.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use; stop the program using it or set PORT to another port`;
    case 'EACCES':
      return `this user may not listen on port ${port} on ${host}; set PORT to a port above 1023`;
    case 'EADDRNOTAVAIL':
      return `HOST '${host}' is not an address of this machine; use 127.0.0.1, 0.0.0.0 (every interface) or one of its addresses`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST '${host}' is not a known host name or address`;
    default:
      return `cannot listen on ${host}:${port}: ${e.message}`;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((ok, fail) => {
    const onError = (e: NodeJS.ErrnoException) => fail(new StartError(listenProblem(e, host, port)));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      ok();
    });
  });
}

export async function serve(o: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Promise<Serving> {
  const checked = serverConfig(env, o);
  if (!checked.ok) throw new StartError(checked.message);
  const config = checked.config;
  // Listen first, so that a taken port is reported at once; requests that arrive while the app
  // loads wait for it.
  let app: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  let ready: () => void = () => {};
  const loaded = new Promise<void>((ok) => (ready = ok));
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    if (app) app(req, res);
    else void loaded.then(() => app!(req, res));
  });
  const connections = drainable(server);
  await listen(server, config.port, config.host);
  let web: WebApp;
  try {
    const { createApp, createLogger } = await loadApp();
    const logger = createLogger(config.logLevel);
    web = await createApp({ modelsDir: config.modelsDir, dbPath: config.db, trustProxy: config.trustProxy, logger });
  } catch (e) {
    server.closeAllConnections();
    server.close();
    throw e;
  }
  app = web.app;
  ready();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = urlOf(config.host, port);
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await connections.drain(DRAIN_MS);
      await web.close();
    })());
  return { server, config, url, web, close };
}

/** The line printed once serving: where, what, and which database (a URL without its password). */
export function banner(s: Serving, readyMs: number): string {
  let db = s.config.db;
  if (/^postgres(ql)?:/.test(db)) {
    try {
      const u = new URL(db);
      u.password = '';
      db = u.toString();
    } catch {
      db = 'PostgreSQL';
    }
  }
  return `Credence is serving ${s.config.modelsDir} at ${s.url} (database ${db}; ready in ${readyMs} ms)`;
}

/** `npm start`: serve until SIGINT or SIGTERM; a failure to start is one line and exit code 1. */
export function startFromCommandLine(): void {
  const started = Date.now();
  serve().then(
    (s) => {
      console.log(banner(s, Date.now() - started));
      let stopping = false;
      void loadApp().then((m) => m.warmUp(s.web.site, () => stopping));
      const stop = () => {
        // A second signal stops at once.
        if (stopping) process.exit(1);
        stopping = true;
        void s.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (e: unknown) => {
      const message = e instanceof StartError || e instanceof Error ? e.message : String(e);
      process.stderr.write(`credence: cannot start the server: ${message}\n`);
      process.exit(1);
    },
  );
}

// Run directly from the sources (`node --import tsx src/web/server.ts`); not when another file
// named server.ts (bench/server.ts) imports the built entry.
if (process.argv[1] && /(^|[\\/])web[\\/]server\.ts$/.test(process.argv[1])) startFromCommandLine();
