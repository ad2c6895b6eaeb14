// Reusable sample columns. Allocating a fresh column of 100,000 samples costs more than filling
// it (the operating system maps and zeroes new pages on first touch, and the garbage collector
// runs more often for the memory held outside its heap), and a run of a large model allocates a
// hundred of them. A computation that runs a model and is done with the result hands the run's
// columns back; the next run of the same size reuses them. A pool holds plain columns and columns
// in shared memory (for runs on engine threads) apart. The engine writes every cell of a column it
// takes, so reused columns need no clearing.

/** Shared-memory columns are kept under the negated length. */
const keyOf = (n: number, shared: boolean) => (shared ? -n : n);
const isShared = (col: Float64Array) =>
  typeof SharedArrayBuffer !== 'undefined' && col.buffer instanceof SharedArrayBuffer;

export class ColumnPool {
  private free = new Map<number, Float64Array[]>();
  private bytes = 0;

  /** `maxBytes` bounds what the pool keeps between runs; columns beyond it are left to the GC. */
  constructor(readonly maxBytes = 192 * 2 ** 20) {}

  /** A column of n samples, in shared memory when `shared`. */
  take(n: number, shared = false): Float64Array {
    const col = this.free.get(keyOf(n, shared))?.pop();
    if (!col) return shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n);
    this.bytes -= col.byteLength;
    return col;
  }

  give(cols: Iterable<Float64Array>): void {
    for (const col of cols) {
      const key = keyOf(col.length, isShared(col));
      if (this.bytes + col.byteLength > this.maxBytes) {
        // Columns of another size or kind than the ones now in demand make room for them.
        for (const [k, list] of this.free) {
          if (k === key) continue;
          this.bytes -= Math.abs(k) * 8 * list.length;
          this.free.delete(k);
        }
        if (this.bytes + col.byteLength > this.maxBytes) return;
      }
      const list = this.free.get(key) ?? [];
      list.push(col);
      this.free.set(key, list);
      this.bytes += col.byteLength;
    }
  }

  /** Bytes held for reuse. */
  get held(): number {
    return this.bytes;
  }
}
