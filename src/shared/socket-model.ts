import type { HexBytes } from "./bytes";

export const FAMILIES = ["AF_INET", "AF_INET6"] as const;
export type Family = (typeof FAMILIES)[number];

export const SOCKET_TYPES = ["SOCK_STREAM", "SOCK_DGRAM"] as const;
export type SocketType = (typeof SOCKET_TYPES)[number];

/** `(host, port)` as Python writes a socket address. */
export type Address = readonly [host: string, port: number];

/**
 * The TCP state a person would see in `ss` for this socket. "UNCONNECTED"
 * covers a fresh or bound socket that never listened or connected (Linux
 * shows it as CLOSE); "CLOSED" is a socket whose fd was closed.
 */
export const TCP_STATES = [
  "UNCONNECTED",
  "LISTEN",
  "SYN_SENT",
  "ESTABLISHED",
  "FIN_WAIT",
  "CLOSE_WAIT",
  "LAST_ACK",
  "TIME_WAIT",
  "RESET",
  "CLOSED",
] as const;
export type TcpState = (typeof TCP_STATES)[number];

/** What the Lab does on its own with arriving connections and bytes. */
export interface AutoModes {
  /** Accept every pending connection as it arrives (listeners). */
  readonly accept: boolean;
  /** Read and log bytes as they arrive instead of leaving them queued. */
  readonly recv: boolean;
}

export interface QueueGauge {
  readonly used: number;
  readonly capacity: number;
}

/** One socket as the renderer draws it. Small: sent whole on every change. */
export interface SocketSnapshot {
  readonly fd: number;
  readonly family: Family;
  readonly type: SocketType;
  readonly state: TcpState;
  readonly local: Address | null;
  readonly remote: Address | null;
  /** The listener this connection was accepted from. */
  readonly parent: number | null;
  readonly auto: AutoModes;
  /** Directions shut by this side (shutdown) and by the peer (FIN received). */
  readonly shut: { readonly rd: boolean; readonly wr: boolean };
  readonly peerFin: boolean;
  readonly recvQueue: QueueGauge;
  readonly sendQueue: QueueGauge;
  readonly acceptQueue: QueueGauge;
  /** Seconds, null for blocking: Python's gettimeout(). */
  readonly timeout: number | null;
}

export type Data = string | HexBytes;
