import type { Direction } from "../../../../shared/events";
import type { LogKind } from "../../../../shared/log-entry";
import type { LogRing } from "../../../store/log-ring";

/** Rows that belong to a TCP connection's story: its bytes, its ends, its state. */
const STREAM_KINDS: ReadonlySet<LogKind> = new Set(["data", "fin", "rst", "connect", "accept", "state", "timeout", "error"]);

/** A connection as one socket saw it: the fd with its local and remote ends. */
export interface Connection {
  readonly key: string;
  readonly fd: number;
  readonly local: string;
  readonly remote: string;
  bytesIn: number;
  bytesOut: number;
  lastSeq: number;
}

interface RowFields {
  readonly fd: number;
  readonly kind: LogKind;
  readonly dir: Direction | null;
  readonly src: string | null;
  readonly dst: string | null;
}

/**
 * The connection a row belongs to, as `fd local remote`, or null. fds are
 * reused after close, so the ends are part of the key. Bytes going out leave
 * from the local end; bytes coming in arrive at it.
 */
export function streamKeyOf(row: RowFields): string | null {
  if (!STREAM_KINDS.has(row.kind) || !row.src || !row.dst) return null;
  const [local, remote] = row.dir === "in" ? [row.dst, row.src] : [row.src, row.dst];
  return `${row.fd} ${local} ${remote}`;
}

const STRIDE = 4096;

/**
 * The TCP connections in the log and the rows of each, built incrementally
 * (a slice per frame, like the filtered view) and started over when the log
 * is cleared.
 */
export class StreamIndex {
  private scanned = 0;
  readonly connections = new Map<string, Connection>();
  private readonly rows = new Map<string, number[]>();

  constructor(readonly epoch: number) {}

  /** Catches up with the ring until `deadline`; true when every row has been seen. */
  update(ring: LogRing, deadline = Number.POSITIVE_INFINITY): boolean {
    if (this.scanned < ring.start) this.scanned = ring.start;
    while (this.scanned < ring.end) {
      const stop = Math.min(ring.end, this.scanned + STRIDE);
      for (let abs = this.scanned; abs < stop; abs++) this.add(ring, abs);
      this.scanned = stop;
      if (performance.now() > deadline) return false;
    }
    return true;
  }

  /** The connection's rows the ring still holds, oldest first. */
  rowsOf(key: string, ring: LogRing): number[] {
    const rows = this.rows.get(key) ?? [];
    let gone = 0;
    while (gone < rows.length && rows[gone]! < ring.start) gone++;
    if (gone > 0) rows.splice(0, gone);
    return rows;
  }

  private add(ring: LogRing, abs: number): void {
    const kind = ring.kind(abs);
    if (!STREAM_KINDS.has(kind)) return;
    const row = { fd: ring.fd(abs), kind, dir: ring.dir(abs), src: ring.src(abs), dst: ring.dst(abs) };
    const key = streamKeyOf(row);
    if (!key) return;
    let connection = this.connections.get(key);
    if (!connection) {
      const [local, remote] = row.dir === "in" ? [row.dst!, row.src!] : [row.src!, row.dst!];
      connection = { key, fd: row.fd, local, remote, bytesIn: 0, bytesOut: 0, lastSeq: 0 };
      this.connections.set(key, connection);
      this.rows.set(key, []);
    }
    const len = ring.len(abs) ?? 0;
    if (kind === "data" && row.dir === "in") connection.bytesIn += len;
    if (kind === "data" && row.dir === "out") connection.bytesOut += len;
    connection.lastSeq = ring.seq(abs);
    this.rows.get(key)!.push(abs);
  }
}
