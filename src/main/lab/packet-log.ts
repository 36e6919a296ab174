import type { PacketLogStats } from "../../shared/socket-model";

/** Defaults: enough for a long lesson or a burst of broadcasts, bounded so a flood cannot exhaust memory. */
export const DEFAULT_LOG_LIMITS = { maxEntries: 200_000, maxBytes: 64 * 1024 * 1024 };

/**
 * The payloads behind data and frame events, kept in the Lab so events stay
 * small: a ring bounded by count and by bytes, in insertion order. Seqs only
 * grow, so a lookup is a binary search; no hash map on the per-packet path.
 * What the bounds push out is counted, never silent.
 */
export class PacketLog {
  private seqs: number[] = [];
  private payloads: (Uint8Array | undefined)[] = [];
  private head = 0;
  private bytes = 0;
  private droppedEntries = 0;
  private droppedBytes = 0;

  constructor(private limits = DEFAULT_LOG_LIMITS) {}

  add(seq: number, payload: Uint8Array): void {
    this.seqs.push(seq);
    this.payloads.push(payload);
    this.bytes += payload.length;
    if (this.seqs.length - this.head > this.limits.maxEntries || this.bytes > this.limits.maxBytes) this.evict();
  }

  get(seq: number): Uint8Array | undefined {
    let lo = this.head;
    let hi = this.seqs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.seqs[mid]!;
      if (at === seq) return this.payloads[mid];
      if (at < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
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
      const payload = this.payloads[this.head]!;
      this.payloads[this.head] = undefined;
      this.head += 1;
      this.bytes -= payload.length;
      this.droppedEntries += 1;
      this.droppedBytes += payload.length;
    }
    // Compact now and then so the arrays do not grow without bound.
    if (this.head > 4096 && this.head * 2 > this.seqs.length) {
      this.seqs = this.seqs.slice(this.head);
      this.payloads = this.payloads.slice(this.head);
      this.head = 0;
    }
  }
}
