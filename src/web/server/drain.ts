// Stopping an HTTP server gracefully: stop accepting connections, close idle keep-alive
// connections at once and busy ones as soon as their response is sent, and cut whatever is
// still open after `deadlineMs`.

import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface Drainable {
  server: Server;
  /** Resolves once every connection is closed (answered, or cut at the deadline). */
  drain(deadlineMs: number): Promise<void>;
}

/** Track `server`'s connections so that they can be drained. */
export function drainable(server: Server): Drainable {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  let draining: Promise<void> | null = null;
  return {
    server,
    drain(deadlineMs) {
      draining ??= new Promise<void>((done) => {
        // Node closes idle connections once at close(); a connection that becomes idle later
        // (its response sent) is closed by the next sweep.
        const sweep = setInterval(() => server.closeIdleConnections(), 25);
        const cut = setTimeout(() => {
          server.closeAllConnections();
          for (const s of sockets) s.destroy();
        }, deadlineMs);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(cut);
          done();
        });
        server.closeIdleConnections();
      });
      return draining;
    },
  };
}
