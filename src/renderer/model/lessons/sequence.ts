import type { LabEvent } from "../../../shared/events";
import type { Address } from "../../../shared/socket-model";
import { endpoint } from "../endpoint";

/**
 * The sequence chart of a lesson: one column per socket name, one row per
 * message, in the Lab's order. Built from the Lab's events only; which fd
 * is which name comes from the player (the Lab reuses fds, so a name holds
 * its fd from `fromSeq` until that fd is closed).
 */

/** Events a chart is drawn from; the store keeps only these. */
export type ChartEvent = Extract<LabEvent, { type: "data" | "fin" | "error" | "created" | "state" | "closed" }>;

export function isChartEvent(event: LabEvent): event is ChartEvent {
  return ["data", "fin", "error", "created", "state", "closed"].includes(event.type);
}

export interface NameAssignment {
  readonly name: string;
  readonly fd: number;
  /** Events after this seq on `fd` belong to `name`. */
  readonly fromSeq: number;
  /** The seq of the close that ended it, once `fd` is closed. */
  readonly closedAt?: number;
}

/** The lesson name each open fd stands for now (later assignments win), for the socket list. */
export function currentNames(names: readonly NameAssignment[]): ReadonlyMap<number, string> {
  const out = new Map<number, string>();
  for (const { name, fd, closedAt } of names) if (closedAt === undefined) out.set(fd, name);
  return out;
}

/** Marks the names whose fd `closed` ended. */
export function closeNames(names: readonly NameAssignment[], closed: readonly { fd: number; seq: number }[]): readonly NameAssignment[] {
  if (closed.length === 0) return names;
  return names.map((n) => {
    const end = n.closedAt === undefined ? closed.find((c) => c.fd === n.fd && c.seq > n.fromSeq) : undefined;
    return end ? { ...n, closedAt: end.seq } : n;
  });
}

export type ChartRow =
  /** `from`/`to` are column indexes (`from` null: it came from outside); with no `to`, it went to `outside`. */
  | { readonly kind: "data"; readonly seq: number; readonly from: number | null; readonly to: readonly number[]; readonly label: string; readonly len: number; readonly outside: string | null }
  | { readonly kind: "fin"; readonly seq: number; readonly from: number | null; readonly to: number | null }
  | { readonly kind: "mark"; readonly seq: number; readonly col: number; readonly label: string; readonly tone: "error" | "amber" | "muted" };

export interface SequenceChart {
  readonly columns: readonly string[];
  readonly rows: readonly ChartRow[];
}

/** How far back an arrival looks for the send it belongs to. */
const OPEN_SENDS = 64;
/** Errors of waiting, not of failure: amber, as blocked calls are everywhere. */
const AMBER_ERRORS = new Set(["EAGAIN", "EINPROGRESS", "TimeoutError", "ETIMEDOUT"]);

interface OpenSend {
  readonly row: DataRow;
  readonly fd: number;
  readonly tcp: boolean;
  readonly src: Address | null;
  readonly dst: Address | null;
  readonly len: number;
  readonly preview: string;
  /** TCP bytes not yet seen arriving (a stream may merge or split sends). */
  remaining: number;
  readonly reached: Set<number>;
}

/** A data row while it is built: arrivals add their columns to `to`. */
type DataRow = Extract<ChartRow, { kind: "data" }> & { to: number[] };

const sameAddress = (a: Address | null, b: Address | null) => a !== null && b !== null && a[0] === b[0] && a[1] === b[1];
const samePort = (a: Address | null, b: Address | null) => a !== null && b !== null && a[1] === b[1];

export function buildSequence(events: readonly ChartEvent[], names: readonly NameAssignment[]): SequenceChart {
  const pending = [...names].sort((a, b) => a.fromSeq - b.fromSeq);
  const columns: string[] = [];
  const active = new Map<number, number>();
  const info = new Map<number, { local: Address | null; remote: Address | null; tcp: boolean; reset: boolean }>();
  const rows: ChartRow[] = [];
  const open: OpenSend[] = [];
  let next = 0;

  const columnOf = (name: string): number => {
    const at = columns.indexOf(name);
    if (at >= 0) return at;
    columns.push(name);
    return columns.length - 1;
  };
  const peerOf = (fd: number): number | null => {
    const me = info.get(fd);
    if (!me) return null;
    for (const [other, col] of active) {
      const it = info.get(other);
      if (other !== fd && it && sameAddress(it.local, me.remote) && sameAddress(it.remote, me.local)) return col;
    }
    return null;
  };

  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    while (next < pending.length && pending[next]!.fromSeq < event.seq) {
      const { name, fd } = pending[next++]!;
      active.set(fd, columnOf(name));
    }
    if (event.type === "created" || event.type === "state") {
      const before = info.get(event.fd);
      const reset = event.socket.ended === "reset";
      info.set(event.fd, { local: event.socket.local, remote: event.socket.remote, tcp: event.socket.type === "SOCK_STREAM", reset });
      const col = active.get(event.fd);
      // Marked once, when a socket this chart knew turns out reset.
      if (col !== undefined && reset && before !== undefined && !before.reset) rows.push({ kind: "mark", seq: event.seq, col, label: "RST", tone: "error" });
      continue;
    }
    const col = active.get(event.fd);
    if (col === undefined) continue;
    switch (event.type) {
      case "data":
        if (event.dir === "out") {
          // `outside` names the destination for as long as no socket of this lesson has received it.
          const row: DataRow = { kind: "data", seq: event.seq, from: col, to: [], label: event.preview, len: event.len, outside: event.dst ? endpoint(event.dst) : null };
          rows.push(row);
          const tcp = info.get(event.fd)?.tcp ?? event.cast === undefined;
          open.push({ row, fd: event.fd, tcp, src: event.src, dst: event.dst, len: event.len, preview: event.preview, remaining: event.len, reached: new Set() });
          if (open.length > OPEN_SENDS) open.shift();
        } else if (!deliver(open, event, col)) {
          rows.push({ kind: "data", seq: event.seq, from: null, to: [col], label: event.preview, len: event.len, outside: event.src ? endpoint(event.src) : null });
        }
        break;
      case "fin": {
        const peer = peerOf(event.fd);
        if (event.dir === "out") rows.push({ kind: "fin", seq: event.seq, from: col, to: peer });
        // A FIN from a socket of this lesson is already drawn from its sender.
        else if (peer === null) rows.push({ kind: "fin", seq: event.seq, from: null, to: col });
        break;
      }
      case "error": {
        const label = event.error.errno ?? event.error.type;
        rows.push({ kind: "mark", seq: event.seq, col, label, tone: AMBER_ERRORS.has(label) ? "amber" : "error" });
        break;
      }
      case "closed":
        rows.push({ kind: "mark", seq: event.seq, col, label: "close()", tone: "muted" });
        active.delete(event.fd);
        break;
    }
  }
  return { columns, rows };
}

/** Adds the arriving socket's column to the send it belongs to; false when it belongs to none of this lesson's. */
function deliver(open: OpenSend[], event: Extract<ChartEvent, { type: "data" }>, col: number): boolean {
  const reach = (send: OpenSend) => {
    if (!send.row.to.includes(col)) send.row.to.push(col);
  };
  const stream = open.filter((o) => o.tcp && o.remaining > 0 && sameAddress(o.src, event.src) && sameAddress(o.dst, event.dst));
  if (stream.length > 0) {
    let bytes = event.len;
    for (const send of stream) {
      if (bytes <= 0) break;
      const used = Math.min(bytes, send.remaining);
      send.remaining -= used;
      bytes -= used;
      reach(send);
    }
    return true;
  }
  const datagram = open.find(
    (o) =>
      !o.tcp &&
      o.fd !== event.fd &&
      !o.reached.has(event.fd) &&
      o.len === event.len &&
      o.preview === event.preview &&
      samePort(o.src, event.src) &&
      samePort(o.dst, event.dst),
  );
  if (!datagram) return false;
  datagram.reached.add(event.fd);
  reach(datagram);
  return true;
}
