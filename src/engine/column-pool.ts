// Reusable sample columns. Allocating a fresh column of 100,000 samples costs more than filling
// it (the operating system maps and zeroes new pages on first touch), and a run of a large model
// allocates a hundred of them. A computation that runs a model and is done with the result hands
// the run's columns back; the next run of the same size reuses them. The engine writes every cell
// of a column it takes, so reused columns need no clearing.

export class ColumnPool {
  private free = new Map<number, Float64Array[]>();
  private bytes = 0;

  /** `maxBytes` bounds what the pool keeps between runs; columns beyond it are left to the GC. */
  constructor(readonly maxBytes = 192 * 2 ** 20) {}

  take(n: number): Float64Array {
    const col = this.free.get(n)?.pop();
    if (!col) return new Float64Array(n);
    this.bytes -= col.byteLength;
    return col;
  }

  give(cols: Iterable<Float64Array>): void {
    for (const col of cols) {
      if (this.bytes + col.byteLength > this.maxBytes) {
        // Columns of another size than the ones now in demand make room for them.
        for (const [n, list] of this.free) {
          if (n === col.length) continue;
          this.bytes -= n * 8 * list.length;
          this.free.delete(n);
        }
        if (this.bytes + col.byteLength > this.maxBytes) return;
      }
      const list = this.free.get(col.length) ?? [];
      list.push(col);
      this.free.set(col.length, list);
      this.bytes += col.byteLength;
    }
  }

  /** Bytes held for reuse. */
  get held(): number {
    return this.bytes;
  }
}
