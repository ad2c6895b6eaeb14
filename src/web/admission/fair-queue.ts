// Fair turns on the request thread, in front of everything but static files and the health
// check. Each client may have a few requests in progress at once: as many as a browser opens
// connections to one site (six), so one reader's page and its panels never wait on each other.
// When the server as a whole has as many in progress as it allows, a waiting request of the
// client with the fewest in progress goes next (clients in turn on a tie), so a client with many
// cheap requests in flight cannot starve another's single one (the limit_conn of a reverse proxy,
// with a fair queue behind it).
// A client with too many waiting is refused (429), and so is anyone when the queue is full (503).
// The queue has no clock: its order of service is what the tests pin.

export interface Fairness {
  /** Requests of one client in progress at once. */
  perClient: number;
  /** Requests in progress at once, over all clients. */
  total: number;
  /** Requests of one client that may wait for their turn; more are refused (429). */
  waitingPerClient: number;
  /** Requests that may wait over all clients; more are refused (503). */
  waitingTotal: number;
}

export const DEFAULT_FAIRNESS: Fairness = { perClient: 6, total: 24, waitingPerClient: 64, waitingTotal: 1024 };

/** A request's place: started (or waiting to start), or refused; `leave` ends it either way. */
export interface Ticket {
  readonly outcome: 'started' | 'waiting' | 'too-many-waiting' | 'queue-full';
  /** The request is done (or its client went away): its slot or its place in the queue is freed. */
  leave(): void;
}

interface Waiter {
  start(): void;
  started: boolean;
}

export class FairQueue {
  private inProgress = new Map<string, number>();
  private queues = new Map<string, Waiter[]>();
  /** Clients with requests waiting, in the order their turn comes. */
  private turns: string[] = [];
  private running = 0;
  private waitingCount = 0;

  constructor(readonly fairness: Fairness = DEFAULT_FAIRNESS) {}

  get started(): number {
    return this.running;
  }

  get waiting(): number {
    return this.waitingCount;
  }

  /** Ask for a turn for `client`'s request; `start` is called when it may go on (maybe at once). */
  enter(client: string, start: () => void): Ticket {
    const f = this.fairness;
    if (this.canStart(client) && !this.queues.has(client)) {
      this.begin(client);
      start();
      return this.ticket('started', client, null);
    }
    const queue = this.queues.get(client) ?? [];
    if (queue.length >= f.waitingPerClient) return refused('too-many-waiting');
    if (this.waitingCount >= f.waitingTotal) return refused('queue-full');
    const waiter: Waiter = { start, started: false };
    if (queue.length === 0) {
      this.queues.set(client, queue);
      this.turns.push(client);
    }
    queue.push(waiter);
    this.waitingCount++;
    return this.ticket('waiting', client, waiter);
  }

  private canStart(client: string): boolean {
    return this.running < this.fairness.total && (this.inProgress.get(client) ?? 0) < this.fairness.perClient;
  }

  private begin(client: string): void {
    this.running++;
    this.inProgress.set(client, (this.inProgress.get(client) ?? 0) + 1);
  }

  private ticket(outcome: 'started' | 'waiting', client: string, waiter: Waiter | null): Ticket {
    let left = false;
    return {
      outcome,
      leave: () => {
        if (left) return;
        left = true;
        if (waiter === null || waiter.started) this.end(client);
        else this.forget(client, waiter);
      },
    };
  }

  private end(client: string): void {
    this.running--;
    const n = (this.inProgress.get(client) ?? 1) - 1;
    if (n === 0) this.inProgress.delete(client);
    else this.inProgress.set(client, n);
    this.next();
  }

  /** A waiting request whose client went away leaves the queue without a turn. */
  private forget(client: string, waiter: Waiter): void {
    const queue = this.queues.get(client);
    const i = queue?.indexOf(waiter) ?? -1;
    if (i < 0) return;
    queue!.splice(i, 1);
    this.waitingCount--;
    if (queue!.length === 0) this.dropTurn(client);
  }

  private dropTurn(client: string): void {
    this.queues.delete(client);
    const t = this.turns.indexOf(client);
    if (t >= 0) this.turns.splice(t, 1);
  }

  /**
   * Let waiting requests in while there is room: the client with the fewest requests in progress
   * goes first (the first in turn on a tie), then to the back of the turns.
   */
  private next(): void {
    while (this.running < this.fairness.total) {
      const t = this.nextTurn();
      if (t < 0) return;
      const client = this.turns[t]!;
      const queue = this.queues.get(client)!;
      const waiter = queue.shift()!;
      this.waitingCount--;
      this.turns.splice(t, 1);
      if (queue.length > 0) this.turns.push(client);
      else this.queues.delete(client);
      this.begin(client);
      waiter.started = true;
      waiter.start();
    }
  }

  /** Index in `turns` of the client to let in next, or -1 when none may start. */
  private nextTurn(): number {
    let best = -1;
    let fewest = Infinity;
    for (let i = 0; i < this.turns.length; i++) {
      const c = this.turns[i]!;
      const n = this.inProgress.get(c) ?? 0;
      if (n < fewest && this.canStart(c)) [best, fewest] = [i, n];
    }
    return best;
  }
}

function refused(outcome: 'too-many-waiting' | 'queue-full'): Ticket {
  return { outcome, leave: () => {} };
}
