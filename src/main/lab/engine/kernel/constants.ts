/**
 * Linux numbers for x86_64 and aarch64. Both use asm-generic's socket.h,
 * ioctls.h and poll.h, so one table serves both. Checked against
 * /usr/include (glibc 2.x headers, offsetof/sizeof compiled with gcc) and,
 * where CPython exposes the name, against python3's `socket` module
 * (constants.test.ts).
 */

import { POLL_FLAGS } from "../../../../shared/poll-flags";
import { LINUX_TCP_STATES, type LinuxTcpState } from "../../../../shared/socket-model";

export const AF = { AF_INET: 2, AF_INET6: 10 } as const;

export const SOCK = {
  SOCK_STREAM: 1,
  SOCK_DGRAM: 2,
  // O_NONBLOCK and O_CLOEXEC as socket() type flags: every Lab fd is both, so
  // no call ever blocks the event loop and no child process inherits a socket.
  SOCK_NONBLOCK: 0o4000,
  SOCK_CLOEXEC: 0o2000000,
} as const;

export const LEVEL = { SOL_SOCKET: 1, IPPROTO_IP: 0, IPPROTO_TCP: 6, IPPROTO_UDP: 17, IPPROTO_IPV6: 41 } as const;

export const SO = {
  SO_REUSEADDR: 2,
  SO_TYPE: 3,
  SO_ERROR: 4,
  SO_BROADCAST: 6,
  SO_SNDBUF: 7,
  SO_RCVBUF: 8,
  SO_KEEPALIVE: 9,
  SO_OOBINLINE: 10,
  SO_LINGER: 13,
  SO_REUSEPORT: 15,
  SO_RCVLOWAT: 18,
  SO_SNDLOWAT: 19,
  SO_ACCEPTCONN: 30,
  // SO_TIMESTAMPNS_OLD: on LP64 time_t is the kernel long, so the "old" 64-bit
  // timespec layout is the one glibc's SO_TIMESTAMPNS names.
  SO_TIMESTAMPNS: 35,
  SO_RXQ_OVFL: 40,
  // Where MSG_PEEK starts reading; each peek moves it on, each read moves it back (sk_peek_offset).
  SO_PEEK_OFF: 42,
} as const;

export const TCP = { TCP_NODELAY: 1, TCP_MAXSEG: 2, TCP_KEEPIDLE: 4, TCP_KEEPINTVL: 5, TCP_KEEPCNT: 6, TCP_INFO: 11 } as const;

export const IP = {
  IP_TOS: 1,
  IP_TTL: 2,
  IP_PKTINFO: 8,
  IP_MULTICAST_IF: 32,
  IP_MULTICAST_TTL: 33,
  IP_MULTICAST_LOOP: 34,
  IP_ADD_MEMBERSHIP: 35,
  IP_DROP_MEMBERSHIP: 36,
} as const;

export const IPV6 = {
  IPV6_MULTICAST_IF: 17,
  IPV6_MULTICAST_HOPS: 18,
  IPV6_MULTICAST_LOOP: 19,
  IPV6_JOIN_GROUP: 20,
  IPV6_LEAVE_GROUP: 21,
  IPV6_V6ONLY: 26,
  IPV6_RECVPKTINFO: 49,
  /** The cmsg type IPV6_RECVPKTINFO delivers. */
  IPV6_PKTINFO: 50,
} as const;

export const MSG = {
  MSG_OOB: 0x1,
  MSG_PEEK: 0x2,
  MSG_CTRUNC: 0x8,
  MSG_TRUNC: 0x20,
  MSG_DONTWAIT: 0x40,
  MSG_WAITALL: 0x100,
  // Every send carries it: a send on a reset connection must be EPIPE, not a
  // SIGPIPE that kills the whole Lab.
  MSG_NOSIGNAL: 0x4000,
} as const;

export const SHUT = { SHUT_RD: 0, SHUT_WR: 1, SHUT_RDWR: 2 } as const;

/** SIOCINQ = FIONREAD, SIOCOUTQ = TIOCOUTQ (linux/sockios.h → asm-generic/ioctls.h). */
export const IOCTL = { SIOCINQ: 0x541b, SIOCOUTQ: 0x5411, SIOCOUTQNSD: 0x894b } as const;

/** poll() bits: the contract's own table holds Linux's values (asm-generic/poll.h), POLLRDHUP included. */
export const POLL = POLL_FLAGS;

/** include/net/tcp_states.h, as the contract names them; the numbers tcp_info.tcpi_state and /proc/net/tcp's `st` use. */
export type TcpState = LinuxTcpState;

export function tcpStateName(code: number): TcpState {
  return LINUX_TCP_STATES[code] ?? "UNKNOWN";
}

/** IFNAMSIZ: if_indextoname's buffer. */
export const IFNAMSIZ = 16;
