import { LOCAL_HOST } from "../../shared/hosts";
import type { Direction } from "../../shared/events";
import { LOG_KINDS, PAYLOAD_KINDS, type FrameSpan, type LogEntry, type LogKind } from "../../shared/log-entry";

const DIRS = [null, "in", "out"] as const;
const KIND_CODE = new Map<LogKind, number>(LOG_KINDS.map((kind, i) => [kind, i]));
const FRAME = KIND_CODE.get("frame")!;
const FIRST_ALLOCATION = 1024;

/**
 * The renderer's log: a bounded ring, stored by column.
 *
 * A million rows must fit in a page's memory and 50,000 new ones a second
 * must cost almost nothing, so each field lives in a typed array (no object
 * per row, nothing for the garbage collector to trace) and addresses are
 * interned. Appending is O(1): no copy per batch; past the capacity the
 * oldest row is overwritten and counted in `dropped`. Columns grow by
 * doubling up to the capacity, so a small log costs little.
 *
 * Rows are named by an absolute index that only ever grows (also across
 * clear()), so a view can keep positions and learn what is gone by
 * comparing with `start`. The ring is mutated in place; the store publishes
 * `version` so React sees a new value after each batch.
 */
export class LogRing {
  private alloc = 0;
  /** Slot of the oldest row. */
  private head = 0;
  private count = 0;
  private next = 0;
  private droppedRows = 0;
  private changes = 0;
  private clears = 0;
  private payloadRows = 0;
  private firstT: number | null = null;
  private seqs = new Float64Array(0);
  private ts = new Float64Array(0);
  /** For each payload-bearing row, how many such rows came before it and it: says whether the Lab still holds its bytes. */
  private ordinals = new Float64Array(0);
  private fds = new Int32Array(0);
  /** -1 for rows without a payload. */
  private lens = new Int32Array(0);
  private kinds = new Uint8Array(0);
  private dirs = new Uint8Array(0);
  private srcs = new Uint32Array(0);
  private dsts = new Uint32Array(0);
  /** An arriving datagram's interface, interned with the addresses. */
  private ifnames = new Uint32Array(0);
  /** Grows by appending (see relayout), so V8 keeps it a packed array. */
  private texts: string[] = [];
  /** Frame rows only, by absolute index: few, so a map. */
  private readonly spans = new Map<number, FrameSpan>();
  /** Interned addresses; 0 is "none". Reset by clear(): one flood cannot pin them forever. */
  private addrs: string[] = [""];
  private addrIds = new Map<string, number>();

  constructor(private cap: number) {
    if (!(cap >= 1)) throw new RangeError("log capacity must be at least 1");
  }

  get capacity(): number {
    return this.cap;
  }
  get size(): number {
    return this.count;
  }
  /** Absolute index of the oldest row still held. */
  get start(): number {
    return this.next - this.count;
  }
  /** Absolute index the next row will get. */
  get end(): number {
    return this.next;
  }
  /** Rows pushed out by the capacity since the last clear(). */
  get dropped(): number {
    return this.droppedRows;
  }
  /** Changes with every mutation: what the store publishes for React. */
  get version(): number {
    return this.changes;
  }
  /** Counts clear() calls: anything derived from the rows starts over when it changes. */
  get epoch(): number {
    return this.clears;
  }
  /** `t` of the first row after the last clear: the zero of relative times. */
  get t0(): number {
    return this.firstT ?? 0;
  }

  has(abs: number): boolean {
    return abs >= this.start && abs < this.next;
  }

  push(entry: LogEntry): void {
    if (this.count === this.cap) this.evictOldest();
    else if (this.count === this.alloc) this.relayout(Math.min(this.cap, Math.max(FIRST_ALLOCATION, this.alloc * 2)));
    const slot = (this.head + this.count) % this.alloc;
    const kind = KIND_CODE.get(entry.kind)!;
    this.seqs[slot] = entry.seq;
    this.ts[slot] = entry.t;
    this.fds[slot] = entry.fd;
    this.lens[slot] = entry.len ?? -1;
    this.kinds[slot] = kind;
    this.dirs[slot] = entry.dir === "in" ? 1 : entry.dir === "out" ? 2 : 0;
    this.srcs[slot] = this.intern(entry.src);
    this.dsts[slot] = this.intern(entry.dst);
    this.ifnames[slot] = this.intern(entry.ifname);
    this.texts[slot] = entry.text;
    if (PAYLOAD_KINDS.has(entry.kind)) this.payloadRows += 1;
    this.ordinals[slot] = this.payloadRows;
    if (kind === FRAME && entry.span) this.spans.set(this.next, entry.span);
    this.firstT ??= entry.t;
    this.count += 1;
    this.next += 1;
  }

  /** Marks the end of a batch of pushes: one new version, one render. */
  touch(): void {
    this.changes += 1;
  }

  clear(): void {
    this.count = 0;
    this.head = 0;
    this.droppedRows = 0;
    this.firstT = null;
    this.spans.clear();
    this.addrs = [""];
    this.addrIds = new Map();
    this.relayout(0);
    this.clears += 1;
    this.changes += 1;
  }

  /** A new capacity; shrinking drops (and counts) the oldest rows. */
  resize(capacity: number): void {
    if (!(capacity >= 1)) throw new RangeError("log capacity must be at least 1");
    while (this.count > capacity) this.evictOldest();
    this.cap = capacity;
    this.relayout(Math.min(capacity, Math.max(this.alloc > 0 ? FIRST_ALLOCATION : 0, this.count)));
    this.changes += 1;
  }

  seq(abs: number): number {
    return this.seqs[this.slot(abs)]!;
  }
  t(abs: number): number {
    return this.ts[this.slot(abs)]!;
  }
  fd(abs: number): number {
    return this.fds[this.slot(abs)]!;
  }
  len(abs: number): number | null {
    const len = this.lens[this.slot(abs)]!;
    return len < 0 ? null : len;
  }
  kind(abs: number): LogKind {
    return LOG_KINDS[this.kinds[this.slot(abs)]!]!;
  }
  dir(abs: number): Direction | null {
    return DIRS[this.dirs[this.slot(abs)]!]!;
  }
  src(abs: number): string | null {
    return this.addrs[this.srcs[this.slot(abs)]!] || null;
  }
  dst(abs: number): string | null {
    return this.addrs[this.dsts[this.slot(abs)]!] || null;
  }
  ifname(abs: number): string | null {
    return this.addrs[this.ifnames[this.slot(abs)]!] || null;
  }
  text(abs: number): string {
    return this.texts[this.slot(abs)]!;
  }
  /** Every row of the log happened on this Lab (the Hosts view holds the other hosts' rows). */
  host(): string {
    return LOCAL_HOST;
  }

  entry(abs: number): LogEntry {
    return {
      seq: this.seq(abs),
      t: this.t(abs),
      fd: this.fd(abs),
      kind: this.kind(abs),
      dir: this.dir(abs),
      src: this.src(abs),
      dst: this.dst(abs),
      len: this.len(abs),
      text: this.text(abs),
      span: this.spans.get(abs) ?? null,
      ifname: this.ifname(abs),
    };
  }

  /** How many payload-bearing rows came after this one (the Lab's packet log drops the oldest first). */
  payloadsAfter(abs: number): number {
    return this.payloadRows - this.ordinals[this.slot(abs)]!;
  }

  /** The absolute index of the row with this seq, or -1. Rows arrive in seq order, so a binary search. */
  findSeq(seq: number): number {
    let lo = this.start;
    let hi = this.next - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.seq(mid);
      if (at === seq) return mid;
      if (at < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private slot(abs: number): number {
    return (this.head + abs - this.start) % this.alloc;
  }

  private evictOldest(): void {
    const abs = this.start;
    if (this.kinds[this.head] === FRAME) this.spans.delete(abs);
    this.texts[this.head] = "";
    this.head = (this.head + 1) % this.alloc;
    this.count -= 1;
    this.droppedRows += 1;
  }

  private intern(address: string | null): number {
    if (address === null) return 0;
    let id = this.addrIds.get(address);
    if (id === undefined) {
      id = this.addrs.length;
      this.addrs.push(address);
      this.addrIds.set(address, id);
    }
    return id;
  }

  /**
   * Copies the rows in order into columns of `size` slots, oldest at slot 0.
   * Each column is at most two contiguous runs (head to the end, then the
   * start), so growing a million-row log is a few memcpys, not a loop.
   */
  private relayout(size: number): void {
    const firstRun = Math.min(this.count, this.alloc - this.head);
    const secondRun = this.count - firstRun;
    const move = <A extends Float64Array | Int32Array | Uint8Array | Uint32Array>(old: A, fresh: A): A => {
      if (this.count > 0) {
        fresh.set(old.subarray(this.head, this.head + firstRun), 0);
        if (secondRun > 0) fresh.set(old.subarray(0, secondRun), firstRun);
      }
      return fresh;
    };
    this.seqs = move(this.seqs, new Float64Array(size));
    this.ts = move(this.ts, new Float64Array(size));
    this.ordinals = move(this.ordinals, new Float64Array(size));
    this.fds = move(this.fds, new Int32Array(size));
    this.lens = move(this.lens, new Int32Array(size));
    this.kinds = move(this.kinds, new Uint8Array(size));
    this.dirs = move(this.dirs, new Uint8Array(size));
    this.srcs = move(this.srcs, new Uint32Array(size));
    this.dsts = move(this.dsts, new Uint32Array(size));
    this.ifnames = move(this.ifnames, new Uint32Array(size));
    // Dense, with exactly the rows held: the next pushes append to it, so it never has holes (a holey
    // or presized array of a million is slow in V8).
    this.texts = this.texts.slice(this.head, this.head + firstRun).concat(this.texts.slice(0, secondRun));
    this.alloc = size;
    this.head = 0;
  }
}
