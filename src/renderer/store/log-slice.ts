import type { StateCreator } from "zustand";
import type { Direction, LabEvent } from "../../shared/events";
import type { Address, SocketSnapshot } from "../../shared/socket-model";
import type { LabState } from "./store";

export type LogKind = "created" | "state" | "data" | "fin" | "closed" | "error" | "policy";

export interface LogEntry {
  readonly seq: number;
  readonly t: number;
  readonly fd: number;
  readonly kind: LogKind;
  readonly dir: Direction | null;
  readonly src: Address | null;
  readonly dst: Address | null;
  readonly len: number | null;
  /** Payload preview, state name, or error text. */
  readonly text: string;
}

/** The renderer never holds unbounded data: past this, the oldest entries go, counted. */
export const LOG_CAPACITY = 20_000;

export interface LogSlice {
  readonly log: readonly LogEntry[];
  readonly logDropped: number;
  clearLog(): void;
}

export const createLogSlice: StateCreator<LabState, [], [], LogSlice> = (set) => ({
  log: [],
  logDropped: 0,
  clearLog: () => set({ log: [], logDropped: 0 }),
});

/** Turns one event into a log row, or null for events that only update state. */
export function toLogEntry(event: LabEvent, before: SocketSnapshot | undefined): LogEntry | null {
  const base = { seq: event.seq, t: event.t, fd: event.fd, dir: null, src: null, dst: null, len: null };
  switch (event.type) {
    case "data":
      return { ...base, kind: "data", dir: event.dir, src: event.src, dst: event.dst, len: event.len, text: event.preview };
    case "fin":
      return { ...base, kind: "fin", dir: event.dir, text: "" };
    case "created":
      return { ...base, kind: "created", src: event.socket.local, dst: event.socket.remote, text: `${event.socket.type} ${event.socket.state}` };
    case "state":
      // Queue gauges change on every packet; the log keeps only state transitions.
      if (before?.state === event.socket.state) return null;
      return { ...base, kind: "state", src: event.socket.local, dst: event.socket.remote, text: `${before?.state ?? "?"} → ${event.socket.state}` };
    case "closed":
      return { ...base, kind: "closed", text: "" };
    case "frame":
    case "readiness":
    case "job":
      // Flag changes and send progress have panels of their own; each datagram sent is logged as data.
      return null;
    case "policy":
      return { ...base, kind: "policy", text: `${event.policy}: ${event.detail}` };
    case "error":
      return { ...base, kind: "error", text: `${event.op}: ${event.error.type}${event.error.errno ? ` [${event.error.errno}]` : ""} ${event.error.message}` };
  }
}

export function appendBounded(log: readonly LogEntry[], added: readonly LogEntry[], dropped: number): { log: readonly LogEntry[]; logDropped: number } {
  if (added.length === 0) return { log, logDropped: dropped };
  const next = log.concat(added);
  const over = next.length - LOG_CAPACITY;
  return over > 0 ? { log: next.slice(over), logDropped: dropped + over } : { log: next, logDropped: dropped };
}
