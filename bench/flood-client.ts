// A benchmark's HTTP client from one loopback address (127.0.0.x), so the server sees it as a
// client of its own: requests over kept-alive connections, each body read to its end.

import { Agent, get } from 'node:http';

export interface Client {
  /** GET `path`; resolves with the status once the whole body has arrived (0: no answer). */
  get(path: string): Promise<number>;
  close(): void;
}

export function client(base: string, address: string): Client {
  const agent = new Agent({ keepAlive: true, localAddress: address });
  return {
    get: (path) =>
      new Promise((resolve) => {
        const req = get(base + path, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
          res.on('data', () => {});
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(0));
        });
        req.on('error', () => resolve(0));
      }),
    close: () => agent.destroy(),
  };
}
