import type { PacketLogStats } from "../../shared/socket-model";

/** Defaults: enough for a long lesson or a burst of broadcasts, bounded so a flood cannot exhaust memory. */
export const DEFAULT_LOG_LIMITS = { maxEntries: 200_000, maxBytes: 64 * 1024 * 1024 };

/**
 * The payloads behind data events, kept in the Lab so events stay small: a
 * ring bounded by count and by bytes. The renderer fetches bytes on demand by
 * the event's seq. What the bounds push out is counted, never silent.
 */
export class PacketLog {
  private readonly seqs: number[] = [];
  private readonly payloads = new Map<number, Uint8Array>();
  private head = 0;
  private bytes = 0;
  private droppedEntries = 0;
  private droppedBytes = 0;

  constructor(private limits = DEFAULT_LOG_LIMITS) {}

  add(seq: number, payload: Uint8Array): void {
    this.seqs.push(seq);
    this.payloads.set(seq, payload);
    this.bytes += payload.length;
    this.evict();
  }

  get(seq: number): Uint8Array | undefined {
    return this.payloads.get(seq);
  }

  configure(limits: Partial<typeof DEFAULT_LOG_LIMITS>): void {
    this.limits = { ...this.limits, ...limits };
    this.evict();
  }

  stats(): PacketLogStats {
    return {
      entries: this.seqs.length - this.head,
      bytes: this.bytes,
      droppedEntries: this.droppedEntries,
      droppedBytes: this.droppedBytes,
      ...this.limits,
    };
  }

  private evict(): void {
    while (this.seqs.length - this.head > this.limits.maxEntries || (this.bytes > this.limits.maxBytes && this.seqs.length > this.head)) {
      const seq = this.seqs[this.head++]!;
      const payload = this.payloads.get(seq)!;
      this.payloads.delete(seq);
      this.bytes -= payload.length;
      this.droppedEntries += 1;
      this.droppedBytes += payload.length;
    }
    // Compact now and then so the index array does not grow without bound.
    if (this.head > 4096 && this.head * 2 > this.seqs.length) {
      this.seqs.splice(0, this.head);
      this.head = 0;
    }
  }
}
