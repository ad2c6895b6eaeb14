// Draining a server on SIGTERM: a request in flight is answered in full, idle keep-alive
// connections close at once, new connections are refused, and a request that never ends is
// cut at the deadline instead of holding the process.

import { describe, expect, it } from 'vitest';
import { createServer, request, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { drainable } from '../../../src/web/server/drain.ts';
import { UNTIL_READY_MS } from '../../support/waits.ts';

function get(port: number, agent?: Agent): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ port, host: '127.0.0.1', path: '/', agent }, (res) => {
      let body = '';
      res.on('data', (d) => (body += String(d)));
      res.on('end', () => ok({ status: res.statusCode!, body }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

async function listening(handler: Parameters<typeof createServer>[1]) {
  const server = createServer({ keepAliveTimeout: 65_000 }, handler);
  const d = drainable(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return { d, port: (server.address() as AddressInfo).port };
}

describe('drain', () => {
  it('answers the request in flight, closes idle keep-alive connections and refuses new ones', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>((ok) => (release = ok));
    let arrived: () => void = () => {};
    const inFlight = new Promise<void>((ok) => (arrived = ok));
    const { d, port } = await listening((req, res) => {
      if (req.url !== '/') return res.end();
      arrived();
      void released.then(() => res.end('done'));
    });
    // An idle keep-alive connection from an earlier request would hold server.close() forever.
    const agent = new Agent({ keepAlive: true });
    const pending = get(port);
    await inFlight;
    await new Promise<void>((ok, fail) =>
      request({ port, host: '127.0.0.1', path: '/idle', agent }, (res) => res.resume().on('end', ok))
        .on('error', fail)
        .end(),
    );
    const drained = d.drain(UNTIL_READY_MS);
    await expect(get(port)).rejects.toThrow(/ECONNREFUSED/);
    release();
    expect(await pending).toEqual({ status: 200, body: 'done' });
    await drained; // resolves at once, not at the deadline: every connection closed
    agent.destroy();
  });

  it('cuts a request that never ends at the deadline', async () => {
    let arrived: () => void = () => {};
    const inFlight = new Promise<void>((ok) => (arrived = ok));
    const { d, port } = await listening(() => arrived()); // never answers
    const pending = get(port).then(
      () => 'answered',
      (e: Error) => e.message,
    );
    await inFlight;
    await d.drain(100);
    expect(await pending).toMatch(/socket hang up|ECONNRESET/);
  });
});
