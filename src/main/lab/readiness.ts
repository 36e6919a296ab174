import { POLL_FLAGS as F } from "../../shared/poll-flags";

const READABLE = F.POLLIN | F.POLLRDNORM;
const WRITABLE = F.POLLOUT | F.POLLWRNORM;
/** tcp_poll() sets POLLRDHUP with POLLIN whenever RCV_SHUTDOWN is set: so EOF shows even behind queued bytes. */
const READ_HUNG_UP = READABLE | F.POLLRDHUP;

/** What tcp_poll() looks at, in the Lab's terms. */
export interface TcpReadinessInput {
  readonly phase: "fresh" | "listening" | "connecting" | "connected";
  /** A connect that failed: the kernel closed the socket (tcp_done). */
  readonly connectFailed: boolean;
  readonly pendingConnections: number;
  readonly queuedBytes: number;
  /** RCV_SHUTDOWN: our SHUT_RD, the peer's FIN, or a reset. */
  readonly rcvShutdown: boolean;
  /** SEND_SHUTDOWN: our SHUT_WR, or a reset. */
  readonly sendShutdown: boolean;
  readonly sendRoom: boolean;
  readonly pendingError: boolean;
}

/**
 * revents as Linux's tcp_poll() computes them (net/ipv4/tcp.c), checked
 * against CPython: a fresh socket is POLLOUT|POLLWRNORM|POLLHUP (0x114), a
 * listener is readable only with a pending connection, SYN_SENT is 0, both
 * directions shut is POLLHUP, and a pending error adds POLLERR. POLLRDHUP
 * follows RCV_SHUTDOWN (the peer's FIN, our SHUT_RD, a reset, a failed
 * connect), as CPython's select.POLLRDHUP shows on loopback.
 */
export function tcpRevents(s: TcpReadinessInput): number {
  const error = s.pendingError ? F.POLLERR : 0;
  if (s.phase === "listening") return (s.pendingConnections > 0 ? READABLE : 0) | error;
  if (s.phase === "connecting") return error;
  if (s.phase === "fresh") {
    // TCP_CLOSE: hung up; after a failed connect tcp_done() also shut both directions.
    return F.POLLHUP | WRITABLE | (s.connectFailed ? READ_HUNG_UP : 0) | error;
  }
  let mask = error;
  if (s.rcvShutdown && s.sendShutdown) mask |= F.POLLHUP;
  if (s.rcvShutdown) mask |= READ_HUNG_UP;
  else if (s.queuedBytes > 0) mask |= READABLE;
  if (s.sendShutdown || s.sendRoom) mask |= WRITABLE;
  return mask;
}

/** revents as udp_poll()/datagram_poll() compute them: always writable, readable with a datagram queued. */
export function udpRevents(queued: number, pendingError: boolean): number {
  return WRITABLE | F.POLLWRBAND | (queued > 0 ? READABLE : 0) | (pendingError ? F.POLLERR : 0);
}

/** Linux select()'s sets (fs/select.c): which revents make an fd readable, writable, exceptional. */
export const SELECT_SETS = {
  r: F.POLLIN | F.POLLRDNORM | F.POLLRDBAND | F.POLLHUP | F.POLLERR,
  w: F.POLLOUT | F.POLLWRNORM | F.POLLWRBAND | F.POLLERR,
  x: F.POLLPRI,
} as const;
