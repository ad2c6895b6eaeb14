// Fair turns on the request thread, pinned by their order of service (no clock): a reader's page
// and panels go on together, a client flooding with cheap requests cannot starve another's one
// request, waiting clients take turns, and a queue that is too long refuses. Then through the
// app: static files and the health check never wait, and a request waits for its turn.

import { describe, it, expect, afterEach } from 'vitest';
import request from 'supertest';
import { FairQueue, type Fairness, type Ticket } from '../../../src/web/admission/fair-queue.ts';
import { appWith, type Fixture } from '../helpers.ts';

const fairness = (f: Partial<Fairness>): Fairness => ({
  perClient: 6,
  total: 24,
  waitingPerClient: 64,
  waitingTotal: 1024,
  ...f,
});

/** A queue that records the order requests start in; `send` enters a request named `client` + n. */
function recorder(f: Partial<Fairness>) {
  const queue = new FairQueue(fairness(f));
  const order: string[] = [];
  const tickets = new Map<string, Ticket>();
  const sent = new Map<string, number>();
  const send = (client: string, n = 1): Ticket[] =>
    Array.from({ length: n }, () => {
      const name = `${client}${(sent.get(client) ?? 0) + 1}`;
      sent.set(client, (sent.get(client) ?? 0) + 1);
      const t = queue.enter(client, () => order.push(name));
      tickets.set(name, t);
      return t;
    });
  const done = (name: string) => tickets.get(name)!.leave();
  return { queue, order, send, done };
}

describe('fair turns on the request thread', () => {
  it("lets one reader's page and its panels go on together, up to a browser's six connections", () => {
    const r = recorder({});
    r.send('reader', 7);
    expect(r.order).toEqual(['reader1', 'reader2', 'reader3', 'reader4', 'reader5', 'reader6']);
    expect(r.queue.waiting).toBe(1);
    r.done('reader3');
    expect(r.order.at(-1)).toBe('reader7');
  });

  it("serves another client's one request before a flooding client's next, when the server is full", () => {
    const r = recorder({ total: 4 });
    r.send('flood', 8);
    r.send('reader');
    expect(r.order).toEqual(['flood1', 'flood2', 'flood3', 'flood4']);
    r.done('flood1');
    expect(r.order.slice(4)).toEqual(['reader1']);
    r.done('flood2');
    expect(r.order.slice(5)).toEqual(['flood5']);
  });

  it('takes waiting clients in turn, one request each', () => {
    const r = recorder({ total: 1 });
    r.send('a', 4);
    r.send('b', 2);
    r.send('c', 2);
    // One in progress at a time: each finishing lets the next client in turn go.
    for (let i = 0; i < 7; i++) r.done(r.order.at(-1)!);
    expect(r.order).toEqual(['a1', 'a2', 'b1', 'c1', 'a3', 'b2', 'c2', 'a4']);
  });

  it('lets a client under its own limit go on while another waits at its own', () => {
    const r = recorder({ perClient: 2 });
    r.send('flood', 5);
    r.send('reader');
    expect(r.order).toEqual(['flood1', 'flood2', 'reader1']);
    expect(r.queue.waiting).toBe(3);
  });

  it('refuses a client with too many waiting, and anyone when the whole queue is full', () => {
    const r = recorder({ perClient: 1, waitingPerClient: 2, waitingTotal: 3 });
    const outcomes = [...r.send('a', 4), ...r.send('b', 2), ...r.send('c', 1)].map((t) => t.outcome);
    expect(outcomes).toEqual(['started', 'waiting', 'waiting', 'too-many-waiting', 'started', 'waiting', 'started']);
    expect(r.send('d', 2).map((t) => t.outcome)).toEqual(['started', 'queue-full']);
  });

  it('drops a waiting request whose client went away, and frees a slot once however often it leaves', () => {
    const r = recorder({ total: 1 });
    r.send('a', 3);
    r.done('a2');
    expect(r.queue.waiting).toBe(1);
    r.done('a1');
    r.done('a1');
    expect(r.order).toEqual(['a1', 'a3']);
    expect(r.queue.started).toBe(1);
    expect(r.queue.waiting).toBe(0);
  });
});

describe('fair turns in the app', () => {
  let f: Fixture | null = null;
  afterEach(async () => {
    await f?.close();
    f = null;
  });

  it('never hold up static files or the health check; a request waits for its turn, and too many waiting are refused', async () => {
    f = await appWith(
      { 'one.yaml': 'title: One\ninputs:\n  x: 1\nnodes:\n  y: x + 1\noutput: y\n' },
      { fairness: { perClient: 1, total: 1, waitingPerClient: 1, waitingTotal: 8 } },
    );
    const turns = f.web.turns!;
    const held = turns.enter('someone else', () => {});
    expect(held.outcome).toBe('started');

    expect((await request(f.web.app).get('/static/site.css')).status).toBe(200);
    expect((await request(f.web.app).get('/healthz')).status).toBe(200);

    const waiting = request(f.web.app)
      .get('/api/models')
      .then((res) => res);
    await expect.poll(() => turns.waiting).toBe(1);
    const refused = await request(f.web.app).get('/api/models/one');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');

    held.leave();
    const res = await waiting;
    expect(res.status).toBe(200);
    expect(res.body.models.map((m: { id: string }) => m.id)).toEqual(['one']);
    await expect.poll(() => turns.started).toBe(0);
  });
});
