/**
 * Fixed-layout structs the calls exchange with the kernel, as Buffers:
 * pollfd, linger, tcp_info. Offsets from <netinet/tcp.h>, <poll.h> and
 * <sys/socket.h> on x86_64 / aarch64 (checked with offsetof under gcc).
 */
import { tcpStateName, type TcpState } from "./constants";

export const POLLFD_SIZE = 8;

export interface PollRequest {
  readonly fd: number;
  readonly events: number;
}

/** struct pollfd[]: int fd; short events; short revents. */
export function encodePollfds(requests: readonly PollRequest[]): Buffer {
  const out = Buffer.alloc(POLLFD_SIZE * Math.max(1, requests.length));
  requests.forEach((r, i) => {
    out.writeInt32LE(r.fd, i * POLLFD_SIZE);
    out.writeInt16LE(r.events, i * POLLFD_SIZE + 4);
  });
  return out;
}

export function decodeRevents(buf: Buffer, count: number): number[] {
  return Array.from({ length: count }, (_, i) => buf.readUInt16LE(i * POLLFD_SIZE + 6));
}

export const LINGER_SIZE = 8;

export interface Linger {
  readonly onoff: boolean;
  readonly seconds: number;
}

/** struct linger { int l_onoff; int l_linger; } */
export function encodeLinger(value: Linger): Buffer {
  const out = Buffer.alloc(LINGER_SIZE);
  out.writeInt32LE(value.onoff ? 1 : 0, 0);
  out.writeInt32LE(value.seconds, 4);
  return out;
}

export function decodeLinger(buf: Buffer): Linger {
  return { onoff: buf.readInt32LE(0) !== 0, seconds: buf.readInt32LE(4) };
}

/**
 * The prefix of struct tcp_info every kernel since 2.6 fills (104 bytes up to
 * tcpi_total_retrans); newer kernels append more and truncate to our length.
 */
export const TCP_INFO_SIZE = 104;

export interface TcpInfo {
  readonly state: TcpState;
  readonly caState: number;
  readonly retransmits: number;
  readonly probes: number;
  readonly backoff: number;
  /** Microseconds. */
  readonly rto: number;
  readonly sndMss: number;
  readonly rcvMss: number;
  /** Established: segments sent, not acked. Listener: the accept queue's length now. */
  readonly unacked: number;
  /** Established: SACKed segments. Listener: the backlog listen() was given (capped at somaxconn). */
  readonly sacked: number;
  readonly lost: number;
  readonly retrans: number;
  readonly pmtu: number;
  /** Smoothed RTT and its variance, microseconds. */
  readonly rtt: number;
  readonly rttvar: number;
  readonly sndSsthresh: number;
  readonly sndCwnd: number;
  readonly totalRetrans: number;
}

export function decodeTcpInfo(buf: Buffer): TcpInfo {
  return {
    state: tcpStateName(buf.readUInt8(0)),
    caState: buf.readUInt8(1),
    retransmits: buf.readUInt8(2),
    probes: buf.readUInt8(3),
    backoff: buf.readUInt8(4),
    rto: buf.readUInt32LE(8),
    sndMss: buf.readUInt32LE(16),
    rcvMss: buf.readUInt32LE(20),
    unacked: buf.readUInt32LE(24),
    sacked: buf.readUInt32LE(28),
    lost: buf.readUInt32LE(32),
    retrans: buf.readUInt32LE(36),
    pmtu: buf.readUInt32LE(60),
    rtt: buf.readUInt32LE(68),
    rttvar: buf.readUInt32LE(72),
    sndSsthresh: buf.readUInt32LE(76),
    sndCwnd: buf.readUInt32LE(80),
    totalRetrans: buf.readUInt32LE(100),
  };
}
