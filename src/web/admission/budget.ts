// Each client's allowance of work, as a token bucket of cells: full at `burst`, refilled at
// `perSecond`. A computation (or a large body) is charged before it starts; when the bucket
// cannot cover it, the answer says when it will. Buckets that are full again are forgotten, so
// the table holds only clients that spent recently (and never more than `maxClients`).

export interface BudgetSettings {
  /** Cells a client may spend at once. */
  burst: number;
  /** Cells a client's allowance grows by each second. */
  perSecond: number;
  /** Clients tracked at most; the longest idle are dropped first. */
  maxClients?: number;
}

export type Charge = { ok: true } | { ok: false; retryAfterS: number; tooLarge: boolean };

interface Bucket {
  tokens: number;
  at: number;
}

export class Budgets {
  private buckets = new Map<string, Bucket>();

  constructor(
    readonly settings: BudgetSettings,
    private now: () => number = () => Date.now(),
  ) {}

  private level(b: Bucket, t: number): number {
    return Math.min(this.settings.burst, b.tokens + ((t - b.at) / 1000) * this.settings.perSecond);
  }

  /** Whether one computation of `cost` is within what a single request may ask for (nothing taken). */
  fits(cost: number): Charge {
    const { burst, perSecond } = this.settings;
    return cost > burst ? { ok: false, retryAfterS: Math.ceil(burst / perSecond), tooLarge: true } : { ok: true };
  }

  /** Take `cost` from the client's bucket, or say how many seconds until it could. */
  charge(client: string, cost: number): Charge {
    const { burst, perSecond } = this.settings;
    const fits = this.fits(cost);
    if (!fits.ok) return fits;
    const t = this.now();
    const b = this.buckets.get(client);
    const tokens = b ? this.level(b, t) : burst;
    if (tokens < cost)
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((cost - tokens) / perSecond)), tooLarge: false };
    this.buckets.delete(client);
    this.buckets.set(client, { tokens: tokens - cost, at: t });
    this.prune(t);
    return { ok: true };
  }

  /** Give back what a refused or shared computation did not use. */
  refund(client: string, cost: number): void {
    const b = this.buckets.get(client);
    if (b) b.tokens = Math.min(this.settings.burst, b.tokens + cost);
  }

  /** What the client could spend now. */
  available(client: string): number {
    const b = this.buckets.get(client);
    return b ? this.level(b, this.now()) : this.settings.burst;
  }

  private prune(t: number): void {
    const max = this.settings.maxClients ?? 100_000;
    // Oldest first (Map order is last-charged order): drop the full ones and any over the cap.
    for (const [k, b] of this.buckets) {
      if (this.buckets.size > max || this.level(b, t) >= this.settings.burst) this.buckets.delete(k);
      else break;
    }
  }
}
