import type { StreamPosition } from "../../shared/events";

interface Chunk {
  readonly seq: number;
  /** Stream offset of its first byte. */
  readonly at: number;
  readonly length: number;
}

/**
 * Where the bytes of one direction of a stream were logged: which data event
 * carried each stream offset. Offsets count every logged byte from the
 * start. Chunks wholly before a reader's offset are let go, bar the last
 * `keepBehind` of them (for a reader that asks where its bytes were after
 * it has taken them).
 */
export class StreamIndex {
  private readonly chunks: Chunk[] = [];
  /** chunks[head] is the oldest still held; the array is compacted now and then rather than shifted on every release. */
  private head = 0;
  private total = 0;

  constructor(private readonly keepBehind = 0) {}

  /** Bytes logged so far. */
  get length(): number {
    return this.total;
  }

  push(seq: number, length: number): void {
    if (length === 0) return;
    this.chunks.push({ seq, at: this.total, length });
    this.total += length;
  }

  /** The data event byte at stream `offset`, or null when it is not (or no longer) indexed. */
  position(offset: number): StreamPosition | null {
    let lo = this.head;
    let hi = this.chunks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid]!;
      if (offset < chunk.at) hi = mid - 1;
      else if (offset >= chunk.at + chunk.length) lo = mid + 1;
      else return { seq: chunk.seq, offset: offset - chunk.at };
    }
    return null;
  }

  /** Lets go of chunks that end at or before `offset`, keeping `keepBehind` of them and always the newest. */
  release(offset: number): void {
    for (;;) {
      const probe = this.chunks[this.head + this.keepBehind];
      if (!probe || this.head === this.chunks.length - 1 || probe.at + probe.length > offset) break;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks.splice(0, this.head);
      this.head = 0;
    }
  }
}
