/**
 * A FIFO of received chunks. `take(n)` copies only when a read spans chunks;
 * no whole-queue concatenation per arrival (that would be quadratic).
 */
export class ByteQueue {
  private readonly chunks: Buffer[] = [];
  private head = 0;
  private bytes = 0;

  get length(): number {
    return this.bytes;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.bytes += chunk.length;
  }

  take(max: number): Buffer {
    const n = Math.min(max, this.bytes);
    if (n === 0) return Buffer.alloc(0);
    const first = this.chunks[0]!;
    const available = first.length - this.head;
    if (n <= available) {
      const out = first.subarray(this.head, this.head + n);
      this.advance(n);
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0]!;
      const part = Math.min(n - filled, chunk.length - this.head);
      chunk.copy(out, filled, this.head, this.head + part);
      filled += part;
      this.advance(part);
    }
    return out;
  }

  /** A copy of the first `max` bytes, leaving them queued (MSG_PEEK). */
  peek(max: number): Buffer {
    const n = Math.min(max, this.bytes);
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    for (let i = 0; filled < n; i++) {
      const chunk = this.chunks[i]!;
      const start = i === 0 ? this.head : 0;
      const part = Math.min(n - filled, chunk.length - start);
      chunk.copy(out, filled, start, start + part);
      filled += part;
    }
    return out;
  }

  clear(): void {
    this.chunks.length = 0;
    this.head = 0;
    this.bytes = 0;
  }

  private advance(n: number): void {
    this.bytes -= n;
    this.head += n;
    if (this.head === this.chunks[0]!.length) {
      this.chunks.shift();
      this.head = 0;
    }
  }
}
