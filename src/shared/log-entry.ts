import type { Direction, LabEvent, StreamPosition } from "./events";
import { formatAddress, type SocketSnapshot } from "./socket-model";

/**
 * What a log row is about, as a person reads the wire: the socket's life
 * (socket, accept, connect, state, close), bytes (data on a stream,
 * datagram, broadcast, multicast, frame), the ends of a stream (FIN, RST),
 * and trouble (timeout, error, the Lab's own policy).
 */
export const LOG_KINDS = [
  "socket",
  "accept",
  "connect",
  "state",
  "data",
  "datagram",
  "broadcast",
  "multicast",
  "frame",
  "fin",
  "rst",
  "timeout",
  "error",
  "close",
  "policy",
] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/** Kinds whose bytes the Lab's packet log keeps (fetched with `payload {seq}`). */
export const PAYLOAD_KINDS: ReadonlySet<LogKind> = new Set(["data", "datagram", "broadcast", "multicast", "frame"]);

/** Where a decoded frame's bytes lie in the stream: from a byte of one data event to a byte of another. */
export interface FrameSpan {
  readonly start: StreamPosition;
  readonly end: StreamPosition;
}

export interface LogEntry {
  readonly seq: number;
  /** µs since the Lab started. */
  readonly t: number;
  readonly fd: number;
  readonly kind: LogKind;
  readonly dir: Direction | null;
  /** `host:port` (`[::1]:80` for IPv6), or null. */
  readonly src: string | null;
  readonly dst: string | null;
  /** Bytes carried; null for rows without a payload. */
  readonly len: number | null;
  /** Payload preview, state transition, or error text. */
  readonly text: string;
  readonly span: FrameSpan | null;
  /** An arriving datagram's interface (kernel engine, IP_PKTINFO), e.g. "lo"; null otherwise. */
  readonly ifname: string | null;
}

/** What a row needs to know of the socket an event is about: its kind, state and two ends. */
export type SocketEnds = Pick<SocketSnapshot, "type" | "state" | "local" | "remote" | "parent">;

/** A socket's two ends as seen for bytes moving in `dir`. */
function ends(socket: SocketEnds | undefined, dir: Direction): { src: string | null; dst: string | null } {
  const local = formatAddress(socket?.local);
  const remote = formatAddress(socket?.remote);
  return dir === "out" ? { src: local, dst: remote } : { src: remote, dst: local };
}

function dataKind(cast: string | undefined, socket: SocketEnds | undefined): LogKind {
  if (cast === "broadcast") return "broadcast";
  if (cast === "multicast") return "multicast";
  return socket?.type === "SOCK_DGRAM" ? "datagram" : "data";
}

/**
 * Turns one event into a log row, or null for events that only update state.
 * `before` is the socket as the renderer knew it just before this event.
 */
export function toLogEntry(event: LabEvent, before: SocketEnds | undefined): LogEntry | null {
  const base = { seq: event.seq, t: event.t, fd: event.fd, dir: null, src: null, dst: null, len: null, text: "", span: null, ifname: null };
  switch (event.type) {
    case "data":
      return {
        ...base,
        kind: dataKind(event.cast, before),
        dir: event.dir,
        src: formatAddress(event.src),
        dst: formatAddress(event.dst),
        len: event.len,
        text: event.preview,
        ifname: event.ifname ?? null,
      };
    case "frame":
      return { ...base, kind: "frame", dir: event.dir, ...ends(before, event.dir), len: event.len, text: event.preview, span: { start: event.start, end: event.end } };
    case "fin":
      // A FIN reported for an fd the table no longer holds (its socket closed first) is about no socket a person can see.
      if (!before) return null;
      return { ...base, kind: "fin", dir: event.dir, ...ends(before, event.dir) };
    case "created": {
      const s = event.socket;
      return { ...base, kind: s.parent !== null ? "accept" : "socket", src: formatAddress(s.local), dst: formatAddress(s.remote), text: `${s.type} ${s.state}` };
    }
    case "state": {
      // Queue gauges change on every packet; the log keeps only state transitions.
      const s = event.socket;
      if (before?.state === s.state) return null;
      const from = before?.state ?? "?";
      const kind: LogKind = s.state === "ESTABLISHED" && s.parent === null && (from === "SYN_SENT" || from === "CLOSE") ? "connect" : "state";
      return { ...base, kind, src: formatAddress(s.local), dst: formatAddress(s.remote), text: `${from} → ${s.state}` };
    }
    case "closed":
      return { ...base, kind: "close" };
    case "readiness":
    case "job":
    case "read":
      // Flag changes, send progress and what each recv() returned have panels of their own (the console prints the recv); each datagram sent is logged as data.
      return null;
    case "policy":
      return { ...base, kind: "policy", text: `${event.policy}: ${event.detail}` };
    case "error": {
      const { op, error } = event;
      const text = `${op}: ${error.type}${error.errno ? ` [${error.errno}]` : ""} ${error.message}`;
      // An RST is a segment on the wire, in the direction it travelled; the exception a later call raises because of it is an error like any other.
      if (op === "wire" && error.errno === "ECONNRESET") return { ...base, kind: "rst", dir: "in", ...ends(before, "in"), text };
      if (op === "rst-sent") return { ...base, kind: "rst", dir: "out", ...ends(before, "out"), text };
      const kind: LogKind = error.type === "TimeoutError" || error.errno === "ETIMEDOUT" ? "timeout" : "error";
      return { ...base, kind, src: formatAddress(before?.local), dst: formatAddress(before?.remote), text };
    }
  }
}
