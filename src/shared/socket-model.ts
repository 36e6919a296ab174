import type { HexBytes } from "./bytes";
import type { FramingConfig } from "./framing";

export const FAMILIES = ["AF_INET", "AF_INET6"] as const;
export type Family = (typeof FAMILIES)[number];

export const SOCKET_TYPES = ["SOCK_STREAM", "SOCK_DGRAM"] as const;
export type SocketType = (typeof SOCKET_TYPES)[number];

/**
 * What runs the Lab's sockets: "kernel", real system calls (Linux), or
 * "portable", a model of Linux on Node's `net`/`dgram` (everywhere else).
 */
export const ENGINE_NAMES = ["kernel", "portable"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** `(host, port)` as Python writes a socket address. */
export type Address = readonly [host: string, port: number];

/**
 * A socket's TCP state in Linux's names (include/net/tcp_states.h), as
 * tcp_info and `ss` give it: on the kernel engine it is the kernel's own
 * reading of the fd's socket (`kernel.state`), and what every view shows.
 * The portable engine names its model's state the same way, as near as
 * Node lets it see: it sees no ACK, so after its FIN it says FIN_WAIT1 until
 * the peer's FIN, and LAST_ACK stays (README, the portable engine).
 *
 * CLOSE is, as on Linux, every socket without a connection: fresh, after a
 * failed connect, reset, or finished; `ended` tells them apart. An open
 * fd's socket never reads TIME_WAIT: Linux moves the connection into a
 * TIME_WAIT socket of its own and the fd's reads CLOSE (`kernel_sockets`
 * lists the remnant). UDP sockets read CLOSE, or ESTABLISHED once
 * connected, as /proc/net/udp prints them. A closed fd has no state: it
 * leaves the fd table.
 */
export const TCP_STATES = [
  "CLOSE",
  "LISTEN",
  "SYN_SENT",
  "SYN_RECV",
  "ESTABLISHED",
  "FIN_WAIT1",
  "FIN_WAIT2",
  "CLOSING",
  "TIME_WAIT",
  "CLOSE_WAIT",
  "LAST_ACK",
] as const;
export type TcpState = (typeof TCP_STATES)[number];

/**
 * How a TCP connection ended, which CLOSE alone does not say. "reset": an
 * RST ended it (sent or received). "time-wait": both FINs are done and this
 * side's went first (or both at once), so the kernel keeps the connection
 * in TIME_WAIT, apart from the fd, for 60 s. "last-ack": both FINs are
 * done, the peer's first, and the peer acknowledged this side's FIN.
 */
export type TcpEnding = "reset" | "time-wait" | "last-ack";

/** What the Lab does on its own with arriving connections and bytes. */
export interface AutoModes {
  /** Accept every pending connection as it arrives (listeners). */
  readonly accept: boolean;
  /** Read and log bytes as they arrive instead of leaving them queued. */
  readonly recv: boolean;
  /** Send every arriving message back to its sender (UDP: by unicast to the source address). */
  readonly echo: boolean;
  /** Answer every arriving message with these bytes: the tutorial's "ACK" receiver. Null: no reply. */
  readonly reply: Data | null;
}

/** A call that is waiting (Python would be blocked inside it). Times are Lab µs. */
export interface BlockedCall {
  readonly op: string;
  readonly since: number;
  /** When TimeoutError will be raised; null while blocking without a timeout. */
  readonly deadline: number | null;
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
  /** TCP, in state CLOSE after a connection: how it ended. Null while connected, and for a socket that never was (and UDP). */
  readonly ended: TcpEnding | null;
  readonly recvQueue: QueueGauge;
  readonly sendQueue: QueueGauge;
  readonly acceptQueue: QueueGauge;
  /** poll() revents Linux would report now (see shared/poll-flags). */
  readonly revents: number;
  /** Seconds, null for blocking: Python's gettimeout(). */
  readonly timeout: number | null;
  readonly blocked: BlockedCall | null;
  /** The idle-close policy (not Python's timeout): seconds of silence before the Lab closes it. */
  readonly idleClose: number | null;
  /** UDP: datagrams the Lab dropped because the receive queue was full. */
  readonly drops: number;
  /** The framing the Lab decodes this connection with (frame events), or null. */
  readonly framing: FramingConfig | null;
  /** What the kernel itself says about this socket (the kernel engine), or null where the engine cannot ask it. */
  readonly kernel: KernelView | null;
}

/** tcp_info's fields a person reads (include/uapi/linux/tcp.h); times in µs. */
export interface KernelTcpInfo {
  /** Smoothed round-trip time and its variation. */
  readonly rtt: number;
  readonly rttvar: number;
  /** Retransmission timeout. */
  readonly rto: number;
  /** Congestion window and slow-start threshold, in segments. */
  readonly cwnd: number;
  readonly ssthresh: number;
  /** Segments sent and not yet acknowledged. */
  readonly unacked: number;
  /** Retransmissions of the current segment, and over the connection's life. */
  readonly retransmits: number;
  readonly totalRetrans: number;
  /** Largest segment this side sends. */
  readonly mss: number;
}

/** One socket as the kernel sees it. */
export interface KernelView {
  /** Linux's own state name: tcp_info for TCP; CLOSE or ESTABLISHED (connected) for UDP, as /proc/net/udp prints it. */
  readonly state: LinuxTcpState;
  /** SIOCINQ / SIOCOUTQ: bytes unread, and bytes not yet acknowledged (TCP) or not yet sent (UDP). */
  readonly recvQ: number;
  readonly sendQ: number;
  /** SO_RCVBUF / SO_SNDBUF as the kernel sizes them now (TCP autotunes them). */
  readonly rcvbuf: number;
  readonly sndbuf: number;
  /** TCP connections; null for listeners, UDP and fresh sockets. */
  readonly tcp: KernelTcpInfo | null;
  /** Listeners: connections completed and waiting for accept(), and the backlog the kernel applies (capped at somaxconn). */
  readonly listen: { readonly queued: number; readonly backlog: number } | null;
  /** UDP: datagrams the kernel dropped because this socket's queue was full (SO_RXQ_OVFL); null for TCP. */
  readonly drops: number | null;
}

export type Data = string | HexBytes;

/** One address of one network interface, as the broadcast panel lists it. */
export interface NetworkInterfaceInfo {
  readonly name: string;
  readonly family: Family;
  readonly address: string;
  readonly netmask: string;
  readonly cidr: string | null;
  /** The subnet-directed broadcast address (IPv4 with IFF_BROADCAST), else null. */
  readonly broadcast: string | null;
  readonly internal: boolean;
  /** Linux interface flags that are set: UP, BROADCAST, LOOPBACK, RUNNING, MULTICAST. */
  readonly flags: readonly string[];
}

/** The host's UDP counters, summed over IPv4 and IPv6. */
export interface KernelUdpStats {
  readonly inDatagrams: number;
  /** Datagrams the kernel dropped because a receive buffer was full. */
  readonly rcvbufErrors: number;
  readonly inErrors: number;
  readonly noPorts: number;
}

/**
 * TCP states as the Linux kernel names them (include/net/tcp_states.h), in
 * its numbering: index = the number /proc/net/tcp and tcp_info print.
 */
export const LINUX_TCP_STATES = [
  "UNKNOWN",
  "ESTABLISHED",
  "SYN_SENT",
  "SYN_RECV",
  "FIN_WAIT1",
  "FIN_WAIT2",
  "TIME_WAIT",
  "CLOSE",
  "CLOSE_WAIT",
  "LAST_ACK",
  "LISTEN",
  "CLOSING",
  "NEW_SYN_RECV",
] as const;
export type LinuxTcpState = (typeof LINUX_TCP_STATES)[number];

/**
 * One socket in the host kernel's table (/proc/net) whose port the Lab uses:
 * the Lab's own sockets (`fd`), and what the kernel keeps after a close
 * (`fd` null: a TIME_WAIT remnant, with the seconds it has left).
 */
export interface KernelSocketRow {
  readonly proto: "tcp" | "udp";
  readonly family: Family;
  /** UDP: CLOSE when unconnected, ESTABLISHED when connected, as the kernel prints it. */
  readonly state: LinuxTcpState;
  readonly local: Address;
  readonly remote: Address;
  /** Unread bytes (a listener: connections waiting for accept()). */
  readonly recvQ: number;
  /** Bytes sent but not yet acknowledged (TCP) or not yet sent (UDP). */
  readonly sendQ: number;
  readonly timer: { readonly kind: "retransmit" | "keepalive" | "time_wait" | "zero_window_probe"; readonly secondsLeft: number } | null;
  readonly fd: number | null;
}

/** The Lab's packet log: what it holds, its bounds, and what the bounds pushed out. */
export interface PacketLogStats {
  readonly entries: number;
  readonly bytes: number;
  readonly droppedEntries: number;
  readonly droppedBytes: number;
  readonly maxEntries: number;
  readonly maxBytes: number;
}

/** shutdown()'s `how`, in the order of its numbers: SHUT_RD 0, SHUT_WR 1, SHUT_RDWR 2. */
export const SHUT_NAMES = ["SHUT_RD", "SHUT_WR", "SHUT_RDWR"] as const;
export type ShutName = (typeof SHUT_NAMES)[number];
export type ShutHow = 0 | 1 | 2;

export function shutHow(name: ShutName): ShutHow {
  return SHUT_NAMES.indexOf(name) as ShutHow;
}

/** `host:port` as people write it (`[::1]:80` for IPv6), or null for no address. */
export function formatAddress(address: Address | null | undefined): string | null {
  if (!address) return null;
  const [host, port] = address;
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
