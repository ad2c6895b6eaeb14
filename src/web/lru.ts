// A bounded least-recently-used map: the web app's cache of computed results and pages.
// Bounded by entry count and by an approximate total size, whichever is reached first.

export class Lru<V> {
  private map = new Map<string, { value: V; size: number }>();
  private total = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxSize = Infinity,
    private sizeOf: (v: V) => number = () => 1,
  ) {}

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  set(key: string, value: V): void {
    const old = this.map.get(key);
    if (old) {
      this.total -= old.size;
      this.map.delete(key);
    }
    const size = this.sizeOf(value);
    if (size > this.maxSize) return;
    this.map.set(key, { value, size });
    this.total += size;
    while (this.map.size > this.maxEntries || this.total > this.maxSize) {
      const [k, e] = this.map.entries().next().value as [string, { value: V; size: number }];
      this.map.delete(k);
      this.total -= e.size;
    }
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}
