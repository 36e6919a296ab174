import type { PacketLogStats } from "../../shared/socket-model";

/** Defaults: enough for a long lesson or a burst of broadcasts, bounded so a flood cannot exhaust memory. */
export const DEFAULT_LOG_LIMITS = { maxEntries: 200_000, maxBytes: 64 * 1024 * 1024 };

/** The smallest stores the log starts with; both grow by doubling up to the bounds. */
const MIN_BYTES = 64 * 1024;
const MIN_ENTRIES = 1024;
/** Payloads up to this size are copied into the ring; larger ones are kept as they are (see the class comment). */
const COPY_LIMIT = 2048;

/**
 * The payloads behind data and frame events, kept in the Lab so events stay
 * small. Small payloads are copied into one byte ring, and seqs, offsets and
 * lengths live in typed rings: a Buffer kept per small packet made the
 * garbage collector the costliest thing on the per-packet path, while a copy
 * of a small packet costs next to nothing. Large payloads (bulk stream
 * chunks) are kept by reference instead: there are few of them per byte, and
 * copying them would cost more than keeping them. Oldest entries leave
 * first, whichever bound (count or bytes, both kinds counted) is hit; what
 * the bounds push out is counted, never silent. Seqs only grow, so a lookup
 * is a binary search.
 *
 * Memory: the byte store grows (by doubling) up to maxBytes and stays
 * allocated, and kept chunks count against the same bound, so the log may
 * hold up to twice maxBytes at its peak. A store that cannot be allocated
 * stops growing, and the log evicts instead.
 */
export class PacketLog {
  private store = new Uint8Array(0);
  private seqs = new Float64Array(0);
  private offsets = new Float64Array(0);
  private lengths = new Uint32Array(0);
  /** Large payloads, held by reference (undefined for those in the ring). */
  private kept: (Uint8Array | undefined)[] = [];
  /** Ring index of the oldest entry, and how many there are. */
  private first = 0;
  private count = 0;
  /** Where the next payload's bytes go, and where the oldest bytes still in the ring begin. */
  private tail = 0;
  private ringHead = 0;
  /** The largest store that could be allocated, once one could not. */
  private storeLimit = Number.POSITIVE_INFINITY;
  /** Bytes of every held payload, and of those in the ring alone. */
  private bytes = 0;
  private ringBytes = 0;
  private droppedEntries = 0;
  private droppedBytes = 0;

  constructor(private limits = DEFAULT_LOG_LIMITS) {}

  add(seq: number, payload: Uint8Array): void {
    const n = payload.length;
    if (n > this.limits.maxBytes) {
      // Could never fit: counted as pushed out, and the history stays.
      this.droppedEntries += 1;
      this.droppedBytes += n;
      return;
    }
    while (this.count >= this.limits.maxEntries || (this.count > 0 && this.bytes + n > this.limits.maxBytes)) this.evictOldest();
    if (this.count === this.seqs.length) this.resize(this.store.length, Math.min(this.limits.maxEntries, Math.max(MIN_ENTRIES, this.seqs.length * 2)));
    const copied = n <= COPY_LIMIT;
    let at = this.tail;
    if (copied) {
      at = this.placeFor(n);
      while (at < 0) {
        if (!(this.store.length < Math.min(this.limits.maxBytes, this.storeLimit) && this.grow(n))) this.evictOldest();
        at = this.placeFor(n);
      }
      this.store.set(payload, at);
      if (this.ringBytes === 0) this.ringHead = at;
      this.tail = at + n;
      this.ringBytes += n;
    }
    const slot = (this.first + this.count) % this.seqs.length;
    this.seqs[slot] = seq;
    this.offsets[slot] = at;
    this.lengths[slot] = n;
    this.kept[slot] = copied ? undefined : payload;
    this.count += 1;
    this.bytes += n;
  }

  /** A copy of the payload (the ring reuses its bytes, a kept chunk is the caller's to change), or undefined when it is not (or no longer) held. */
  get(seq: number): Uint8Array | undefined {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const slot = (this.first + mid) % this.seqs.length;
      const at = this.seqs[slot]!;
      if (at === seq) {
        const kept = this.kept[slot];
        return kept ? new Uint8Array(kept) : this.store.slice(this.offsets[slot], this.offsets[slot]! + this.lengths[slot]!);
      }
      if (at < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  configure(limits: Partial<typeof DEFAULT_LOG_LIMITS>): void {
    this.limits = { ...this.limits, ...limits };
    while (this.count > this.limits.maxEntries || this.bytes > this.limits.maxBytes) this.evictOldest();
    if (this.store.length > this.limits.maxBytes || this.seqs.length > this.limits.maxEntries) {
      this.resize(Math.min(this.store.length, this.limits.maxBytes), Math.min(this.seqs.length, this.limits.maxEntries));
    }
  }

  stats(): PacketLogStats {
    return {
      entries: this.count,
      bytes: this.bytes,
      droppedEntries: this.droppedEntries,
      droppedBytes: this.droppedBytes,
      ...this.limits,
    };
  }

  /**
   * Where `n` bytes fit without overwriting a held payload, or -1. Held bytes
   * run from `ringHead` to `tail`, wrapping at the end of the store; a
   * payload never wraps, so the end's leftover is skipped.
   */
  private placeFor(n: number): number {
    const size = this.store.length;
    if (this.ringBytes === 0) {
      if (this.tail + n <= size) return this.tail;
      return n <= size ? 0 : -1;
    }
    // Not the oldest entry's offset: that may be a kept chunk, which holds no ring bytes.
    const oldest = this.ringHead;
    if (this.tail > oldest) {
      if (this.tail + n <= size) return this.tail;
      return n <= oldest ? 0 : -1;
    }
    return this.tail + n <= oldest ? this.tail : -1;
  }

  private evictOldest(): void {
    const n = this.lengths[this.first]!;
    if (this.kept[this.first]) this.kept[this.first] = undefined;
    else {
      this.ringBytes -= n;
      // Copied entries follow each other in the ring (or restart at 0 after the skipped end, which this treats as held: safe).
      this.ringHead = this.offsets[this.first]! + n;
    }
    this.first = (this.first + 1) % this.seqs.length;
    this.count -= 1;
    this.bytes -= n;
    this.droppedEntries += 1;
    this.droppedBytes += n;
    if (this.count === 0) {
      this.first = 0;
      this.tail = 0;
    }
  }

  /** A bigger store for `n` more bytes; false when none could be allocated (the log then evicts instead). */
  private grow(n: number): boolean {
    const size = Math.min(this.limits.maxBytes, this.storeLimit, Math.max(MIN_BYTES, this.store.length * 2, this.ringBytes + n));
    try {
      this.resize(size, this.seqs.length);
      return true;
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      this.storeLimit = this.store.length;
      return false;
    }
  }

  /** New stores of these sizes, the held entries copied in order from the start. */
  private resize(byteSize: number, entrySlots: number): void {
    const store = new Uint8Array(byteSize);
    const seqs = new Float64Array(entrySlots);
    const offsets = new Float64Array(entrySlots);
    const lengths = new Uint32Array(entrySlots);
    const kept: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(entrySlots).fill(undefined);
    // Ring bytes lie in at most two runs (before and after the wrap): copy runs, not entries.
    let at = 0;
    let runStart = 0;
    let runEnd = 0;
    let runTo = 0;
    for (let i = 0; i < this.count; i++) {
      const slot = (this.first + i) % this.seqs.length;
      const start = this.offsets[slot]!;
      const inRing = this.kept[slot] ? 0 : this.lengths[slot]!;
      if (start !== runEnd) {
        store.set(this.store.subarray(runStart, runEnd), runTo);
        runStart = runEnd = start;
        runTo = at;
      }
      runEnd += inRing;
      seqs[i] = this.seqs[slot]!;
      offsets[i] = at;
      lengths[i] = this.lengths[slot]!;
      kept[i] = this.kept[slot];
      at += inRing;
    }
    store.set(this.store.subarray(runStart, runEnd), runTo);
    this.store = store;
    this.seqs = seqs;
    this.offsets = offsets;
    this.lengths = lengths;
    this.kept = kept;
    this.first = 0;
    this.tail = at;
    this.ringHead = 0;
  }
}
