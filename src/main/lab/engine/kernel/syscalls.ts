/**
 * The system calls the kernel engine makes, one TypeScript function each:
 * every call returns its value or throws the contract's LabError for the
 * errno it set (EAGAIN included: callers that expect it catch it by name).
 * Buffers go to the kernel as `void *` (koffi passes their memory, no copy),
 * so every out-parameter is a Buffer decoded by structs.ts / sockaddr.ts.
 */
import { AF, IFNAMSIZ, IOCTL, LEVEL, MSG, SO, SOCK, TCP } from "./constants";
import { errnoNumber } from "../../../../shared/errors";
import { kernelError } from "./errno";
import { libc } from "./libc";
import { buildMsghdr, decodeAncillary, MSGHDR_SIZE, msghdrResult, parseCmsgs, resetMsghdr, type Ancillary } from "./msghdr";
import { decodeSockaddr, encodeSockaddr, SOCKADDR_STORAGE_SIZE, type SockAddr } from "./sockaddr";
import { decodeEpollEvents, encodeEpollEvent, EPOLL_EVENT_SIZE, type EpollReady } from "./epoll-event";
import { decodeLinger, decodeRevents, decodeTcpInfo, encodeLinger, encodePollfds, LINGER_SIZE, TCP_INFO_SIZE, type Linger, type PollRequest, type TcpInfo } from "./structs";

/** koffi's functions are typed `(...args: any[]) => any`; this narrows their result to unknown. */
type Foreign = ((...args: unknown[]) => unknown) & { async: (...args: unknown[]) => void };

interface Calls {
  readonly socket: Foreign;
  readonly bind: Foreign;
  readonly listen: Foreign;
  readonly accept4: Foreign;
  readonly connect: Foreign;
  readonly send: Foreign;
  readonly sendto: Foreign;
  readonly sendmsg: Foreign;
  readonly recv: Foreign;
  readonly recvfrom: Foreign;
  readonly recvmsg: Foreign;
  readonly recvmmsg: Foreign;
  readonly shutdown: Foreign;
  readonly close: Foreign;
  readonly setsockopt: Foreign;
  readonly getsockopt: Foreign;
  readonly getsockname: Foreign;
  readonly getpeername: Foreign;
  readonly ioctl: Foreign;
  readonly poll: Foreign;
  readonly if_indextoname: Foreign;
  readonly if_nametoindex: Foreign;
  readonly eventfd: Foreign;
  readonly epoll_create1: Foreign;
  readonly epoll_ctl: Foreign;
  readonly epoll_wait: Foreign;
  readonly read: Foreign;
  readonly write: Foreign;
  readonly errno: () => number;
  readonly address: (buf: Buffer) => bigint;
}

let calls: Calls | null = null;

function sys(): Calls {
  if (calls) return calls;
  const { koffi, libc: lib } = libc();
  const f = (decl: string): Foreign => lib.func(decl) as Foreign;
  calls = {
    socket: f("int socket(int domain, int type, int protocol)"),
    bind: f("int bind(int fd, void *addr, uint32_t len)"),
    listen: f("int listen(int fd, int backlog)"),
    accept4: f("int accept4(int fd, void *addr, void *len, int flags)"),
    connect: f("int connect(int fd, void *addr, uint32_t len)"),
    send: f("long send(int fd, void *buf, size_t len, int flags)"),
    sendto: f("long sendto(int fd, void *buf, size_t len, int flags, void *addr, uint32_t alen)"),
    sendmsg: f("long sendmsg(int fd, void *msg, int flags)"),
    recv: f("long recv(int fd, void *buf, size_t len, int flags)"),
    recvfrom: f("long recvfrom(int fd, void *buf, size_t len, int flags, void *addr, void *alen)"),
    recvmsg: f("long recvmsg(int fd, void *msg, int flags)"),
    recvmmsg: f("int recvmmsg(int fd, void *msgvec, unsigned int vlen, int flags, void *timeout)"),
    shutdown: f("int shutdown(int fd, int how)"),
    close: f("int close(int fd)"),
    setsockopt: f("int setsockopt(int fd, int level, int name, void *val, uint32_t len)"),
    getsockopt: f("int getsockopt(int fd, int level, int name, void *val, void *len)"),
    getsockname: f("int getsockname(int fd, void *addr, void *len)"),
    getpeername: f("int getpeername(int fd, void *addr, void *len)"),
    // ioctl is variadic in C; on Linux x86_64 and aarch64 a pointer third
    // argument travels exactly as a fixed one, so a fixed prototype is safe.
    ioctl: f("int ioctl(int fd, unsigned long request, void *arg)"),
    poll: f("int poll(void *fds, uint64_t nfds, int timeout)"),
    if_indextoname: f("void *if_indextoname(uint32_t index, void *name)"),
    if_nametoindex: f("uint32_t if_nametoindex(const char *name)"),
    eventfd: f("int eventfd(unsigned int initval, int flags)"),
    epoll_create1: f("int epoll_create1(int flags)"),
    epoll_ctl: f("int epoll_ctl(int epfd, int op, int fd, void *event)"),
    epoll_wait: f("int epoll_wait(int epfd, void *events, int maxevents, int timeout)"),
    read: f("long read(int fd, void *buf, size_t len)"),
    write: f("long write(int fd, void *buf, size_t len)"),
    errno: () => koffi.errno(),
    address: (buf) => koffi.address(buf),
  };
  return calls;
}

/** A call's result as a number; -1 means failure, reported by errno. */
function check(result: unknown): number {
  const n = Number(result);
  if (n === -1) throw kernelError(sys().errno());
  return n;
}

const EINTR = errnoNumber("EINTR");

/**
 * Runs `call` again while it fails with EINTR. Any signal the process
 * handles (Node's SIGCHLD when a child exits, SIGTERM on the way out) can
 * interrupt poll(2) and epoll_wait(2) even with timeout 0; unanswered, the
 * Lab would throw from its event loop and die.
 */
function retryOnSignal(call: () => unknown): number {
  for (;;) {
    const n = Number(call());
    if (n !== -1) return n;
    const code = sys().errno();
    if (code !== EINTR) throw kernelError(code);
  }
}

export type Family = SockAddr["family"];

/** socket(2), always non-blocking and close-on-exec. */
export function socket(family: Family, type: typeof SOCK.SOCK_STREAM | typeof SOCK.SOCK_DGRAM): number {
  return check(sys().socket(family, type | SOCK.SOCK_NONBLOCK | SOCK.SOCK_CLOEXEC, 0));
}

export function bind(fd: number, addr: SockAddr): void {
  const sa = encodeSockaddr(addr);
  check(sys().bind(fd, sa, sa.length));
}

export function listen(fd: number, backlog: number): void {
  check(sys().listen(fd, backlog));
}

/** accept4(2): the new fd is non-blocking and close-on-exec like every Lab fd. */
export function accept(fd: number): { fd: number; address: SockAddr | null } {
  const sa = Buffer.alloc(SOCKADDR_STORAGE_SIZE);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(sa.length);
  const conn = check(sys().accept4(fd, sa, len, SOCK.SOCK_NONBLOCK | SOCK.SOCK_CLOEXEC));
  return { fd: conn, address: decodeSockaddr(sa, len.readUInt32LE()) };
}

/** connect(2) on a non-blocking fd: TCP throws EINPROGRESS (BlockingIOError) until SO_ERROR says how it ended. */
export function connect(fd: number, addr: SockAddr): void {
  const sa = encodeSockaddr(addr);
  check(sys().connect(fd, sa, sa.length));
}

/** Python's connect_ex: 0 or the errno number, never a throw for the kernel's answer. */
export function connectEx(fd: number, addr: SockAddr): number {
  const sa = encodeSockaddr(addr);
  return Number(sys().connect(fd, sa, sa.length)) === -1 ? sys().errno() : 0;
}

export function send(fd: number, data: Uint8Array, flags = 0): number {
  return check(sys().send(fd, data, data.byteLength, flags | MSG.MSG_NOSIGNAL));
}

export function sendto(fd: number, data: Uint8Array, addr: SockAddr, flags = 0): number {
  const sa = encodeSockaddr(addr);
  return check(sys().sendto(fd, data, data.byteLength, flags | MSG.MSG_NOSIGNAL, sa, sa.length));
}

export interface SendmsgOptions {
  readonly address?: SockAddr;
  /** Encoded control messages (msghdr.encodeCmsg), e.g. IP_PKTINFO to choose the source. */
  readonly control?: Buffer;
  readonly flags?: number;
}

export function sendmsg(fd: number, iov: readonly Buffer[], options: SendmsgOptions = {}): number {
  const name = options.address ? encodeSockaddr(options.address) : null;
  const built = buildMsghdr({ name, iov, control: options.control ?? null }, sys().address);
  // `name`, `iov`, `control` and `built.iovecs` stay referenced until the call returns.
  return check(sys().sendmsg(fd, built.msghdr, (options.flags ?? 0) | MSG.MSG_NOSIGNAL));
}

/** recv(2): the bytes read; an empty Buffer is EOF (or an empty datagram). */
/** Reused by recv up to this size: a fresh zero-filled buffer per call cost a tenth of a small-message round trip. */
const RECV_SCRATCH_BYTES = 65536;
let recvScratch: Buffer | undefined;

export function recv(fd: number, bufsize: number, flags = 0): Buffer {
  const scratch = bufsize <= RECV_SCRATCH_BYTES;
  const buf = scratch ? (recvScratch ??= Buffer.allocUnsafe(RECV_SCRATCH_BYTES)) : Buffer.allocUnsafe(bufsize);
  const n = check(sys().recv(fd, buf, bufsize, flags));
  // With MSG_TRUNC the kernel reports the datagram's true length, longer than buf.
  const got = buf.subarray(0, Math.min(n, bufsize));
  return scratch ? Buffer.from(got) : got;
}

/** recv(2) into `buf` (reused by the caller): the byte count, 0 at EOF. */
export function recvInto(fd: number, buf: Buffer, flags = 0): number {
  return check(sys().recv(fd, buf, buf.length, flags));
}

export function recvfrom(fd: number, bufsize: number, flags = 0): { data: Buffer; address: SockAddr | null } {
  const buf = Buffer.alloc(bufsize);
  const sa = Buffer.alloc(SOCKADDR_STORAGE_SIZE);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(sa.length);
  const n = check(sys().recvfrom(fd, buf, bufsize, flags, sa, len));
  return { data: buf.subarray(0, Math.min(n, bufsize)), address: decodeSockaddr(sa, len.readUInt32LE()) };
}

export interface RecvmsgResult {
  readonly data: Buffer;
  /** The datagram's full length (with MSG_TRUNC in flags), else data.length. */
  readonly length: number;
  readonly address: SockAddr | null;
  /** msg_flags: MSG_TRUNC (datagram cut), MSG_CTRUNC (control cut), MSG_OOB. */
  readonly msgFlags: number;
  readonly ancillary: Ancillary;
  /** The receiving interface's name (if_indextoname of the pktinfo ifindex). */
  readonly ifname: string | null;
}

/** Room for IP(V6)_PKTINFO, SO_TIMESTAMPNS and SO_RXQ_OVFL together. */
const CONTROL_SIZE = 256;

/** What one received message says, from the buffers recvmsg filled and the lengths it wrote back; `data` is kept as given. */
function received(data: Buffer, length: number, name: Buffer, back: { namelen: number; controllen: number; flags: number }, control: Buffer): RecvmsgResult {
  const ancillary = decodeAncillary(parseCmsgs(control, back.controllen));
  return {
    data,
    length,
    address: decodeSockaddr(name, back.namelen),
    msgFlags: back.flags,
    ancillary,
    ifname: ancillary.ifindex === undefined ? null : ifIndexToName(ancillary.ifindex),
  };
}

export function recvmsg(fd: number, bufsize: number, flags = 0): RecvmsgResult {
  const buf = Buffer.alloc(bufsize);
  const name = Buffer.alloc(SOCKADDR_STORAGE_SIZE);
  const control = Buffer.alloc(CONTROL_SIZE);
  const built = buildMsghdr({ name, iov: [buf], control }, sys().address);
  const n = check(sys().recvmsg(fd, built.msghdr, flags));
  return received(buf.subarray(0, Math.min(n, bufsize)), n, name, msghdrResult(built.msghdr), control);
}

/**
 * recvmsg's buffers, made once per socket and reused for every datagram: a
 * fresh 64 KiB buffer, name and control area per call cost more than the
 * call itself when a flood arrives. The msghdr points into them, so it is
 * built once too; only its lengths are reset before each call.
 */
export class RecvScratch {
  private readonly buf = Buffer.alloc(65536);
  private readonly name = Buffer.alloc(SOCKADDR_STORAGE_SIZE);
  private readonly control = Buffer.alloc(CONTROL_SIZE);
  private readonly built = buildMsghdr({ name: this.name, iov: [this.buf], control: this.control }, sys().address);

  /** recvmsg(2) into the scratch buffers; the data is copied out (the buffer is reused). Falls back to a one-off buffer above 64 KiB. */
  recvmsg(fd: number, bufsize: number, flags = 0): RecvmsgResult {
    if (bufsize > this.buf.length) return recvmsg(fd, bufsize, flags);
    resetMsghdr(this.built, bufsize, this.name.length, this.control.length);
    const n = check(sys().recvmsg(fd, this.built.msghdr, flags));
    return received(Buffer.from(this.buf.subarray(0, Math.min(n, bufsize))), n, this.name, msghdrResult(this.built.msghdr), this.control);
  }
}

/** Datagrams one recvmmsg asks for: each koffi call costs about as much as the kernel's work for a small datagram. */
const BATCH = 16;
const MMSGHDR_SIZE = MSGHDR_SIZE + 8;
const DATAGRAM_ROOM = 65536;

/**
 * recvmmsg(2) into BATCH full-size slots, shared by every socket (the
 * event loop runs one read at a time and each datagram is copied out), so
 * a flood costs one call per BATCH datagrams, not one each.
 */
class RecvBatch {
  private readonly slots = Array.from({ length: BATCH }, () => ({
    buf: Buffer.alloc(DATAGRAM_ROOM),
    name: Buffer.alloc(SOCKADDR_STORAGE_SIZE),
    control: Buffer.alloc(CONTROL_SIZE),
  }));
  private readonly built = this.slots.map((slot) => buildMsghdr({ name: slot.name, iov: [slot.buf], control: slot.control }, sys().address));
  private readonly vec = Buffer.alloc(MMSGHDR_SIZE * BATCH);

  /** Up to BATCH datagrams now (none: EAGAIN, thrown as for recvmsg). */
  read(fd: number): RecvmsgResult[] {
    this.built.forEach((built, i) => {
      resetMsghdr(built, DATAGRAM_ROOM, SOCKADDR_STORAGE_SIZE, CONTROL_SIZE);
      built.msghdr.copy(this.vec, i * MMSGHDR_SIZE);
    });
    const count = check(sys().recvmmsg(fd, this.vec, BATCH, 0, null));
    const out: RecvmsgResult[] = [];
    for (let i = 0; i < count; i++) {
      const at = i * MMSGHDR_SIZE;
      const n = this.vec.readUInt32LE(at + MSGHDR_SIZE);
      const slot = this.slots[i]!;
      const back = msghdrResult(this.vec.subarray(at, at + MSGHDR_SIZE));
      out.push(received(Buffer.from(slot.buf.subarray(0, Math.min(n, DATAGRAM_ROOM))), n, slot.name, back, slot.control));
    }
    return out;
  }
}

let batch: RecvBatch | null = null;

/** recvmmsg(2): the datagrams queued now, up to a batch, each whole (a 64 KiB slot apiece). */
export function recvBatch(fd: number): RecvmsgResult[] {
  batch ??= new RecvBatch();
  return batch.read(fd);
}

export function shutdown(fd: number, how: number): void {
  check(sys().shutdown(fd, how));
}

/** close(2). Never retried: on Linux the fd is gone even when close reports EINTR. */
export function close(fd: number): void {
  check(sys().close(fd));
}

export function setsockoptBytes(fd: number, level: number, name: number, value: Buffer): void {
  check(sys().setsockopt(fd, level, name, value, value.length));
}

export function getsockoptBytes(fd: number, level: number, name: number, size: number): Buffer {
  const buf = Buffer.alloc(size);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(size);
  check(sys().getsockopt(fd, level, name, buf, len));
  return buf.subarray(0, len.readUInt32LE());
}

export function setsockoptInt(fd: number, level: number, name: number, value: number): void {
  const buf = Buffer.alloc(4);
  buf.writeInt32LE(value);
  setsockoptBytes(fd, level, name, buf);
}

export function getsockoptInt(fd: number, level: number, name: number): number {
  const buf = getsockoptBytes(fd, level, name, 4);
  // Byte-sized options (IP_MULTICAST_TTL on some paths) may come back shorter.
  return buf.length >= 4 ? buf.readInt32LE() : buf.length === 1 ? buf.readUInt8() : 0;
}

export function setLinger(fd: number, value: Linger): void {
  setsockoptBytes(fd, LEVEL.SOL_SOCKET, SO.SO_LINGER, encodeLinger(value));
}

export function getLinger(fd: number): Linger {
  return decodeLinger(getsockoptBytes(fd, LEVEL.SOL_SOCKET, SO.SO_LINGER, LINGER_SIZE));
}

/** getsockopt(TCP_INFO): the kernel's own view of a TCP socket (state, queues, RTT, cwnd). */
export function tcpInfo(fd: number): TcpInfo {
  const buf = Buffer.alloc(TCP_INFO_SIZE);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(TCP_INFO_SIZE);
  check(sys().getsockopt(fd, LEVEL.IPPROTO_TCP, TCP.TCP_INFO, buf, len));
  return decodeTcpInfo(buf);
}

function nameCall(fn: Foreign, fd: number): SockAddr | null {
  const sa = Buffer.alloc(SOCKADDR_STORAGE_SIZE);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(sa.length);
  check(fn(fd, sa, len));
  return decodeSockaddr(sa, len.readUInt32LE());
}

export function getsockname(fd: number): SockAddr | null {
  return nameCall(sys().getsockname, fd);
}

export function getpeername(fd: number): SockAddr | null {
  return nameCall(sys().getpeername, fd);
}

function ioctlInt(fd: number, request: number): number {
  const buf = Buffer.alloc(4);
  check(sys().ioctl(fd, request, buf));
  return buf.readInt32LE();
}

/** SIOCINQ: TCP, unread bytes in the receive queue; UDP, the size of the next datagram. */
export function inq(fd: number): number {
  return ioctlInt(fd, IOCTL.SIOCINQ);
}

/** SIOCOUTQ: TCP, bytes sent but not yet acknowledged plus unsent; UDP, bytes not yet sent. */
export function outq(fd: number): number {
  return ioctlInt(fd, IOCTL.SIOCOUTQ);
}

/** poll(2) now; timeout 0 reads readiness without waiting (the engine's usual use). */
export function pollSync(requests: readonly PollRequest[], timeoutMs = 0): number[] {
  const fds = encodePollfds(requests);
  retryOnSignal(() => sys().poll(fds, requests.length, timeoutMs));
  return decodeRevents(fds, requests.length);
}

/** poll(2) on koffi's worker thread: the event loop runs while the kernel waits. */
export function pollAsync(requests: readonly PollRequest[], timeoutMs: number): Promise<number[]> {
  const fds = encodePollfds(requests);
  return new Promise((resolve, reject) => {
    sys().poll.async(fds, requests.length, timeoutMs, (err: unknown, result: unknown) => {
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      // errno of an async call belongs to the worker thread; poll's only
      // realistic failures here are EINTR (retry) and ENOMEM.
      else if (Number(result) === -1) reject(kernelError(sys().errno()));
      else resolve(decodeRevents(fds, requests.length));
    });
  });
}

const ifnames = new Map<number, string>();

/** if_indextoname(3), cached: interface indexes do not change while the Lab runs (names could; rare). */
export function ifIndexToName(index: number): string | null {
  const hit = ifnames.get(index);
  if (hit !== undefined) return hit;
  const buf = Buffer.alloc(IFNAMSIZ);
  if (sys().if_indextoname(index, buf) === null) return null;
  const name = buf.subarray(0, buf.indexOf(0) === -1 ? IFNAMSIZ : buf.indexOf(0)).toString("latin1");
  ifnames.set(index, name);
  return name;
}

export function ifNameToIndex(name: string): number {
  return Number(sys().if_nametoindex(name));
}

/** Convenience for tests and the engine: an address on the socket's family. */
export function sockaddr(family: Family, host: string, port: number): SockAddr {
  return family === AF.AF_INET ? { family, host, port } : { family, host, port, flowinfo: 0, scopeId: 0 };
}

/** eventfd(2), non-blocking and close-on-exec: the reactor's way to interrupt its own parked poll. */
export function eventfd(): number {
  return check(sys().eventfd(0, SOCK.SOCK_NONBLOCK | SOCK.SOCK_CLOEXEC));
}

/** Adds 1 to an eventfd's counter, making it readable. */
export function eventfdSignal(fd: number): void {
  const one = Buffer.alloc(8);
  one.writeBigUInt64LE(1n);
  check(sys().write(fd, one, 8));
}

/** Resets an eventfd's counter; false when it was already zero (EAGAIN). */
export function eventfdDrain(fd: number): boolean {
  const buf = Buffer.alloc(8);
  return Number(sys().read(fd, buf, 8)) === 8;
}

/** epoll_create1(EPOLL_CLOEXEC). */
export function epollCreate(): number {
  return check(sys().epoll_create1(SOCK.SOCK_CLOEXEC));
}

/** epoll_ctl(2) ADD or MOD: `token` comes back with the fd's events (the engine uses the fd itself). */
export function epollCtl(epfd: number, op: number, fd: number, events: number, token: number): void {
  check(sys().epoll_ctl(epfd, op, fd, encodeEpollEvent(events, token)));
}

/** epoll_wait(2) with timeout 0: the fds whose events fired since the last call. */
export function epollWait(epfd: number, maxEvents: number): EpollReady[] {
  const buf = Buffer.alloc(EPOLL_EVENT_SIZE * maxEvents);
  const n = retryOnSignal(() => sys().epoll_wait(epfd, buf, maxEvents, 0));
  return decodeEpollEvents(buf, n);
}
