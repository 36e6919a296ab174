import { preview } from "../../../../shared/bytes";
import { LabError, osError, type LabErrorInfo } from "../../../../shared/errors";
import type { FramingConfig } from "../../../../shared/framing";
import { TCP_STATES, type Address, type AutoModes, type Family, type KernelView, type SocketSnapshot, type TcpEnding, type TcpState } from "../../../../shared/socket-model";
import { ByteQueue } from "../../byte-queue";
import { IdleClose } from "../../idle-close";
import type { SocketHost } from "../../lab-socket";
import { StreamFraming } from "../../stream-framing";
import { StreamReads } from "../../stream-reads";
import { LEVEL, MSG, POLL, SO, type TcpState as LinuxState } from "./constants";
import { errnoOf, kernelErrorInfo } from "./errno";
import { KernelSocket, toAddress, unlessWouldBlock } from "./kernel-socket";
import type { KernelMonitor } from "./monitor";
import { takeSocketError } from "./sockopt-map";
import type { TcpInfo } from "./structs";
import * as k from "./syscalls";

/** Reads per edge in an auto mode before yielding to the event loop (an edge is not repeated: the rest is read next turn). */
const READ_BUDGET = 16;
const READ_CHUNK = 64 * 1024;
/** recv_frame peeks this far for a frame: the receive queue rarely holds more. */
const FRAME_PEEK = 1 << 20;

/** States in which the peer's FIN has arrived. */
const PEER_FINNED: ReadonlySet<LinuxState> = new Set(["CLOSE_WAIT", "LAST_ACK", "CLOSING", "TIME_WAIT"]);

/** tcp_info's state as the snapshot's: the same name (UNKNOWN and NEW_SYN_RECV belong to no fd's socket). */
function shownState(state: LinuxState): TcpState {
  return TCP_STATES.find((shown) => shown === state) ?? "CLOSE";
}

function connectOutcome(code: number): LabErrorInfo | null {
  return code === 0 ? null : kernelErrorInfo(code);
}

/**
 * One SOCK_STREAM socket that is a kernel TCP socket. In manual mode the
 * bytes stay in the kernel's receive queue until the program's recv: the Lab
 * logs them on arrival by peeking (SO_PEEK_OFF keeps its place, so each
 * arrival is logged once). In the auto modes the Lab reads them itself.
 */
export class KernelTcpSocket extends KernelSocket {
  readonly type = "SOCK_STREAM" as const;
  private listening = false;
  private everConnected = false;
  private shutRd = false;
  private shutWr = false;
  private weFinnedFirst = false;
  private peerFin = false;
  private resetSeen = false;
  /** Bytes logged on arrival (peeked) that the program has not read yet: the kernel's peek offset. */
  private loggedUnread = 0;
  /** Echo or auto-reply bytes the kernel had no room for yet; arrivals wait until they are gone. */
  private readonly pendingOut = new ByteQueue();
  private ends: { local: Address; remote: Address } | null = null;
  private readonly framing: StreamFraming;
  private readonly reads: StreamReads;
  private readonly idle: IdleClose;
  /** The auto modes' read buffer, made on first use. */
  private buffer: Buffer | null = null;

  constructor(host: SocketHost, family: Family, monitor: KernelMonitor, kfd?: number) {
    super(host, family, "SOCK_STREAM", monitor, kfd);
    this.framing = new StreamFraming(host, () => this.fd);
    this.reads = new StreamReads(host, () => this.fd);
    this.idle = new IdleClose(host, this);
  }

  protected override prepare(): void {
    k.setsockoptInt(this.kfd, LEVEL.SOL_SOCKET, SO.SO_PEEK_OFF, 0);
  }

  /** Wraps a connection accept(2) returned on `parent`. */
  private static accepted(parent: KernelTcpSocket, kfd: number): KernelTcpSocket {
    const sock = new KernelTcpSocket(parent.host, parent.family, parent.monitor, kfd);
    sock.inheritFrom(parent);
    sock.framing.set(parent.framing.config);
    sock.connected();
    parent.host.register(sock);
    sock.onKernelEvent();
    return sock;
  }

  override async listen(backlog: number): Promise<void> {
    this.assertOpen();
    k.listen(this.kfd, backlog);
    this.listening = true;
    this.changed();
  }

  override accept(signal?: AbortSignal): Promise<KernelTcpSocket> {
    return this.blocker.run(
      "accept",
      () => {
        this.assertOpen();
        const conn = unlessWouldBlock(() => k.accept(this.kfd));
        if (!conn) return undefined;
        const sock = KernelTcpSocket.accepted(this, conn.fd);
        this.changed();
        return sock;
      },
      osError("EAGAIN"),
      signal,
    );
  }

  /**
   * CPython's internal_connect: connect(2) once; EINPROGRESS with a timeout
   * (or blocking) waits for POLLOUT and reads SO_ERROR for the outcome. A
   * connect() after one that timed out or was non-blocking is a new call, and
   * the kernel answers it (EALREADY, 0 once established, EISCONN after).
   */
  async connect(address: Address, signal?: AbortSignal): Promise<void> {
    this.assertOpen();
    const sa = await this.resolve(address);
    this.assertOpen();
    const code = k.connectEx(this.kfd, sa);
    if (code === 0) return this.connected();
    const info = kernelErrorInfo(code);
    this.changed();
    if (info.errno !== "EINPROGRESS" || this.blocker.timeout === 0) throw new LabError(info);
    await this.blocker.run(
      "connect",
      () => {
        if (!(this.computeRevents() & (POLL.POLLOUT | POLL.POLLERR | POLL.POLLHUP))) return undefined;
        // Blocking, CPython's connect sleeps inside connect(2), which leaves the socket connected (SS_CONNECTED:
        // a later connect is EISCONN) or, failed, unconnected; a second connect(2) now ends the same way.
        // With a timeout it reads SO_ERROR instead (sock_connect_impl), and so does this.
        const error = this.blocker.timeout === null ? connectOutcome(k.connectEx(this.kfd, sa)) : takeSocketError(this.kfd);
        this.changed();
        if (error && error.errno !== "EISCONN") throw new LabError(error);
        this.connected();
        return null;
      },
      info,
      signal,
    );
  }

  private connected(): void {
    this.everConnected = true;
    this.ends = { local: toAddress(k.getsockname(this.kfd), this.family), remote: toAddress(k.getpeername(this.kfd), this.family) };
    this.idle.touch();
    this.changed();
  }

  /**
   * A blocking send returns once every byte is queued (tcp_sendmsg waits for
   * room); with a timeout or non-blocking, as soon as some bytes were. The
   * flags go to the kernel (MSG_OOB: the last byte is urgent, the peer sees
   * POLLPRI); MSG_DONTWAIT makes this one call non-blocking.
   */
  send(data: Buffer, flags: number, signal?: AbortSignal): Promise<number> {
    let sent = 0;
    const kernelFlags = flags & ~MSG.MSG_DONTWAIT;
    const all = this.blocker.timeout === null && !(flags & MSG.MSG_DONTWAIT);
    return this.blocker.run(
      "send",
      () => {
        this.assertOpen();
        const n = this.kernelCall(() => unlessWouldBlock(() => k.send(this.kfd, data.subarray(sent), kernelFlags)));
        if (n === undefined) return undefined;
        if (n > 0) this.logOut(data.subarray(sent, sent + n));
        sent += n;
        return sent === data.length || !all ? sent : undefined;
      },
      osError("EAGAIN"),
      signal,
      (flags & MSG.MSG_DONTWAIT) !== 0,
    );
  }

  /** A connected stream socket ignores the address, as Linux does. */
  sendto(data: Buffer, _address: Address, flags: number, signal?: AbortSignal): Promise<number> {
    return this.send(data, flags, signal);
  }

  recv(bufsize: number, flags: number, signal?: AbortSignal): Promise<Buffer> {
    this.assertOpen();
    // CPython answers recv(0) without a system call.
    if (bufsize === 0) return Promise.resolve(Buffer.alloc(0));
    return this.receive("recv", bufsize, flags, signal);
  }

  async recvfrom(bufsize: number, flags: number, signal?: AbortSignal): Promise<readonly [Buffer, Address | null]> {
    this.assertOpen();
    // recvfrom(0) reaches the kernel, which answers 0 bytes at once; a TCP socket names no sender.
    if (bufsize === 0) return [this.kernelCall(() => k.recv(this.kfd, 0, flags & ~MSG.MSG_DONTWAIT)), null];
    return [await this.receive("recvfrom", bufsize, flags, signal), null];
  }

  /**
   * One recv with its flags. MSG_PEEK reads from the queue's head and takes
   * nothing; MSG_OOB reads the urgent byte, which is not in the stream the
   * Lab logs on arrival; MSG_WAITALL on a blocking socket waits for every
   * byte (or EOF, or an error after some: what came is returned), as the
   * kernel's own blocking recv does.
   */
  private receive(op: "recv" | "recvfrom", bufsize: number, flags: number, signal?: AbortSignal): Promise<Buffer> {
    const dontWait = (flags & MSG.MSG_DONTWAIT) !== 0;
    const kernelFlags = flags & ~(MSG.MSG_DONTWAIT | MSG.MSG_WAITALL);
    let attempt: () => Buffer | undefined;
    if (flags & MSG.MSG_PEEK) attempt = () => this.peekFromStart(bufsize, kernelFlags & ~MSG.MSG_PEEK);
    else if (flags & MSG.MSG_OOB) attempt = () => this.urgent(bufsize, kernelFlags);
    else if (flags & MSG.MSG_WAITALL && this.blocker.timeout === null && !dontWait) {
      const parts: Buffer[] = [];
      let got = 0;
      attempt = () => {
        let chunk: Buffer | undefined;
        try {
          chunk = this.recvNow(bufsize - got, kernelFlags);
        } catch (error) {
          if (got > 0) return Buffer.concat(parts);
          throw error;
        }
        if (chunk === undefined) return undefined;
        parts.push(chunk);
        got += chunk.length;
        return chunk.length === 0 || got === bufsize ? Buffer.concat(parts) : undefined;
      };
    } else attempt = () => this.recvNow(bufsize, kernelFlags);
    if (flags & MSG.MSG_OOB) return this.blocker.run(op, attempt, osError("EAGAIN"), signal, dontWait);
    const peek = (flags & MSG.MSG_PEEK) !== 0;
    let from: number | undefined;
    const reported = (): Buffer | undefined => {
      // Where the first attempt found the queue: a MSG_WAITALL recv takes its bytes over several.
      from ??= this.reads.offset;
      const data = attempt();
      if (data !== undefined) this.reads.returned(op, data, from, peek);
      return data;
    };
    return this.blocker.run(op, reported, osError("EAGAIN"), signal, dontWait);
  }

  private urgent(bufsize: number, flags: number): Buffer | undefined {
    this.assertOpen();
    const data = this.kernelCall(() => unlessWouldBlock(() => k.recv(this.kfd, bufsize, flags)));
    if (data?.length) {
      this.host.emitData({ type: "data", fd: this.fd, dir: "in", len: data.length, preview: preview(data), src: this.ends?.remote ?? null, dst: this.ends?.local ?? null }, data);
      this.changed();
    }
    return data;
  }

  /**
   * One recv(2). A plain one reads first and logs after (taken): what it
   * read beyond the logged bytes, with whatever it left behind, is one
   * arrival, as a peek first would have logged it, at one system call.
   */
  private recvNow(bufsize: number, flags = 0): Buffer | undefined {
    this.assertOpen();
    const plain = flags === 0 && !this.listening && !this.consumesArrivals;
    if (!plain) this.logArrivals();
    const data = this.kernelCall(() => unlessWouldBlock(() => k.recv(this.kfd, bufsize, flags)));
    if (data !== undefined) this.taken(data, plain && data.length === bufsize);
    return data;
  }

  /**
   * recv_frame as the exported program does it: peek, decode, then read
   * exactly the bytes the frame used, so a later recv() sees what CPython's
   * would. Bytes of an unfinished frame live in the reader, as in the program.
   */
  override recvFrame(config: FramingConfig, signal?: AbortSignal): Promise<Buffer | null> {
    this.assertOpen();
    const reader = this.framing.reader(config);
    return this.blocker.run(
      "recv_frame",
      () => {
        this.assertOpen();
        this.logArrivals();
        const peeked = this.peekFromStart(FRAME_PEEK);
        if (peeked === undefined) return undefined;
        const queue = new ByteQueue();
        queue.push(peeked);
        const frame = reader.read(queue, peeked.length === 0);
        const used = peeked.length - queue.length;
        if (used > 0) this.taken(k.recv(this.kfd, used));
        if (frame === undefined) return undefined;
        return frame === null ? null : Buffer.from(frame.buffer, frame.byteOffset, frame.length);
      },
      osError("EAGAIN"),
      signal,
    );
  }

  /** MSG_PEEK from the queue's head (the program's peek), leaving the Lab's own peek offset where it was. */
  private peekFromStart(max: number, flags = 0): Buffer | undefined {
    this.assertOpen();
    this.logArrivals();
    k.setsockoptInt(this.kfd, LEVEL.SOL_SOCKET, SO.SO_PEEK_OFF, -1);
    try {
      return this.kernelCall(() => unlessWouldBlock(() => k.recv(this.kfd, max, flags | MSG.MSG_PEEK)));
    } finally {
      k.setsockoptInt(this.kfd, LEVEL.SOL_SOCKET, SO.SO_PEEK_OFF, this.loggedUnread);
    }
  }

  /** The program read `data`: what it read beyond the logged bytes arrived unlogged (between an edge and the call), so log it now. */
  private taken(data: Buffer, leftSome = false): void {
    if (data.length > this.loggedUnread) {
      const fresh = data.subarray(this.loggedUnread);
      // The read moved the peek offset back to the queue's head (sk_peek_offset_bwd): what is left starts there.
      const left = leftSome ? this.peekLeft() : undefined;
      this.logIn(left?.length ? Buffer.concat([fresh, left]) : fresh);
      this.loggedUnread = left?.length ?? 0;
    } else this.loggedUnread -= data.length;
    this.reads.took(data.length);
    // End of stream read before the monitor's edge came round: the FIN is logged before the call returns.
    if (data.length === 0) this.noticeEnd();
    this.changed();
  }

  /**
   * What a full read left in the queue, peeked (so logged, not taken). Only
   * when the queue holds bytes: a peek at an empty queue would take a
   * pending error, which is the program's.
   */
  private peekLeft(): Buffer | undefined {
    try {
      const unread = k.inq(this.kfd);
      return unread === 0 ? undefined : unlessWouldBlock(() => k.recv(this.kfd, unread, MSG.MSG_PEEK));
    } catch {
      return undefined;
    }
  }

  /** A call whose ECONNRESET is the peer's RST: the socket is reset from now on. */
  private kernelCall<T>(call: () => T): T {
    try {
      return call();
    } catch (error) {
      if (errnoOf(error) === "ECONNRESET") this.resetSeen = true;
      this.changed();
      throw error;
    }
  }

  protected override afterShutdown(how: 0 | 1 | 2): void {
    if (this.listening) {
      // SHUT_RD (or RDWR) stops a listener (inet_shutdown → tcp_disconnect); SHUT_WR does nothing.
      if (how !== 1) this.listening = false;
      return;
    }
    // The peer's FIN may be in before the monitor's edge came round: who finned first is the kernel's to say.
    this.noticeEnd();
    if (how !== 1) this.shutRd = true;
    if (how !== 0 && !this.shutWr) {
      this.shutWr = true;
      this.weFinnedFirst = !this.peerFin;
      this.host.emit({ type: "fin", fd: this.fd, dir: "out" });
    }
  }

  override setIdleClose(seconds: number | null): void {
    this.assertOpen();
    this.idle.set(seconds);
    this.changed();
  }

  override setFraming(config: FramingConfig | null): void {
    this.assertOpen();
    this.framing.set(config);
    this.changed();
  }

  override setAuto(modes: Partial<AutoModes>): void {
    super.setAuto(modes);
    if (this.closed) return;
    if (this.consumesArrivals && !this.listening) {
      // What is queued was logged on arrival; auto-recv means the program has read it.
      this.logArrivals();
      while (this.loggedUnread > 0) {
        const got = unlessWouldBlock(() => k.recv(this.kfd, this.loggedUnread));
        if (!got?.length) break;
        this.loggedUnread -= got.length;
        this.reads.took(got.length);
      }
    }
    this.onKernelEvent();
  }

  protected override onKernelEvent(): void {
    if (this.closed) return;
    if (this.listening) {
      if (this.auto.accept) this.acceptPending();
    } else {
      this.flushPendingOut();
      if (this.consumesArrivals) this.readArrivals();
      else this.logArrivals();
      this.noticeEnd();
    }
    this.changed();
  }

  private acceptPending(): void {
    for (;;) {
      const conn = unlessWouldBlock(() => k.accept(this.kfd));
      if (!conn) return;
      KernelTcpSocket.accepted(this, conn.fd);
    }
  }

  /**
   * Logs the bytes that arrived since the last look, leaving them queued.
   * Never with POLLERR up: a recv, even a peek, on a socket with a pending
   * error takes the error (sock_error), which is the program's to see.
   */
  private logArrivals(): void {
    if (this.listening || this.consumesArrivals) return;
    if (this.computeRevents() & POLL.POLLERR) return;
    let unread: number;
    try {
      unread = k.inq(this.kfd);
    } catch {
      return;
    }
    if (unread <= this.loggedUnread) return;
    const fresh = unlessWouldBlock(() => k.recv(this.kfd, unread - this.loggedUnread, MSG.MSG_PEEK));
    if (!fresh?.length) return;
    this.loggedUnread += fresh.length;
    this.logIn(fresh);
  }

  /** The auto modes: read what arrived (and answer it), a budget per turn. */
  private readArrivals(): void {
    for (let i = 0; i < READ_BUDGET; i++) {
      if (this.pendingOut.length > 0) return;
      let chunk: Buffer | undefined;
      try {
        const n = unlessWouldBlock(() => k.recvInto(this.kfd, this.readBuffer));
        // Copied out at its size: the log keeps payloads, and a 64 KiB buffer per small read would be kept with them.
        chunk = n === undefined ? undefined : Buffer.from(this.readBuffer.subarray(0, n));
      } catch (error) {
        if (errnoOf(error) === "ECONNRESET") this.resetSeen = true;
        this.host.emit({ type: "error", fd: this.fd, op: "wire", error: error instanceof LabError ? error.info : osError("EIO") });
        return;
      }
      if (!chunk?.length) return;
      this.logIn(chunk);
      this.reads.took(chunk.length);
      const answer = this.answerTo(chunk);
      if (answer && !this.shutWr) this.answer(answer);
    }
    // The budget ran out with bytes perhaps still queued; no new edge will say so.
    setImmediate(() => this.onKernelEvent());
  }

  private get readBuffer(): Buffer {
    this.buffer ??= Buffer.allocUnsafe(READ_CHUNK);
    return this.buffer;
  }

  private answer(bytes: Buffer): void {
    if (this.pendingOut.length === 0) {
      const n = unlessWouldBlock(() => k.send(this.kfd, bytes)) ?? 0;
      if (n > 0) this.logOut(bytes.subarray(0, n));
      bytes = bytes.subarray(n);
    }
    this.pendingOut.push(bytes);
  }

  private flushPendingOut(): void {
    while (this.pendingOut.length > 0) {
      const head = this.pendingOut.peek(READ_CHUNK);
      let n: number | undefined;
      try {
        n = unlessWouldBlock(() => k.send(this.kfd, head));
      } catch (error) {
        this.pendingOut.clear();
        this.host.emit({ type: "error", fd: this.fd, op: "echo", error: error instanceof LabError ? error.info : osError("EIO") });
        return;
      }
      if (!n) return;
      this.logOut(this.pendingOut.take(n));
    }
  }

  /** The peer's FIN or RST, as the kernel's state and flags show them, logged once. */
  private noticeEnd(): void {
    if (this.peerFin || this.resetSeen || !this.everConnected) return;
    const revents = this.computeRevents();
    const state = this.info()?.state;
    if (state === "CLOSE" && revents & POLL.POLLERR) {
      this.resetSeen = true;
      this.host.emit({ type: "error", fd: this.fd, op: "wire", error: osError("ECONNRESET") });
    } else if ((state !== undefined && PEER_FINNED.has(state)) || (!this.shutRd && revents & POLL.POLLRDHUP)) {
      this.peerFin = true;
      this.host.emit({ type: "fin", fd: this.fd, dir: "in" });
    }
  }

  private logIn(chunk: Buffer): void {
    this.idle.touch();
    const seq = this.host.emitData({ type: "data", fd: this.fd, dir: "in", len: chunk.length, preview: preview(chunk), src: this.ends?.remote ?? null, dst: this.ends?.local ?? null }, chunk);
    this.reads.arrived(seq, chunk.length);
    this.framing.track("in", seq, chunk);
  }

  private logOut(chunk: Buffer): void {
    this.idle.touch();
    const seq = this.host.emitData({ type: "data", fd: this.fd, dir: "out", len: chunk.length, preview: preview(chunk), src: this.ends?.local ?? null, dst: this.ends?.remote ?? null }, chunk);
    this.framing.track("out", seq, chunk);
  }

  private info(): TcpInfo | null {
    try {
      return k.tcpInfo(this.kfd);
    } catch {
      return null;
    }
  }

  /**
   * How a connection the fd's socket no longer has (CLOSE) ended: what the
   * Lab saw of it, since the kernel's socket keeps no trace. Without this
   * side's FIN only an RST (or an abort) ends a connection; a pending error
   * is an RST that noticeEnd has not come round to yet.
   */
  private ending(state: TcpState): TcpEnding | null {
    if (state !== "CLOSE" || !this.everConnected) return null;
    if (this.resetSeen || !this.shutWr || this.revents & POLL.POLLERR) return "reset";
    return this.weFinnedFirst ? "time-wait" : "last-ack";
  }

  snapshot(): SocketSnapshot {
    const info = this.closed ? null : this.info();
    const view = info ? this.kernelView(info) : null;
    // The kernel's own state is the one shown; a closed fd's socket is gone (its last snapshot stays in the renderer).
    const state = info ? shownState(info.state) : "CLOSE";
    const open = !this.closed;
    return {
      fd: this.fd,
      family: this.family,
      type: this.type,
      state,
      local: open ? this.localAddress() : (this.ends?.local ?? null),
      // After the end the kernel forgets the peer (getpeername: ENOTCONN); the Lab remembers it.
      remote: this.ends?.remote ?? (open ? this.peer() : null),
      parent: this.parent,
      auto: this.auto,
      shut: { rd: this.shutRd, wr: this.shutWr },
      peerFin: this.peerFin,
      ended: this.ending(state),
      recvQueue: { used: view?.recvQ ?? 0, capacity: view?.rcvbuf ?? 0 },
      sendQueue: { used: view?.sendQ ?? 0, capacity: view?.sndbuf ?? 0 },
      acceptQueue: view?.listen ? { used: view.listen.queued, capacity: view.listen.backlog } : { used: 0, capacity: 0 },
      revents: this.revents,
      timeout: this.blocker.timeout,
      blocked: this.blockedCall(),
      idleClose: this.idle.seconds,
      drops: 0,
      framing: this.framing.config,
      kernel: view,
    };
  }

  private kernelView(info: TcpInfo): KernelView {
    const listening = info.state === "LISTEN";
    const connection = !listening && info.state !== "CLOSE" && info.state !== "SYN_SENT";
    // SIOCINQ/SIOCOUTQ answer EINVAL on a listener; /proc prints 0 for it too.
    const queue = (call: () => number): number => {
      if (listening) return 0;
      try {
        return call();
      } catch {
        return 0;
      }
    };
    return {
      state: info.state,
      recvQ: queue(() => k.inq(this.kfd)),
      sendQ: queue(() => k.outq(this.kfd)),
      rcvbuf: this.bufferSize("SO_RCVBUF"),
      sndbuf: this.bufferSize("SO_SNDBUF"),
      tcp: connection
        ? {
            rtt: info.rtt,
            rttvar: info.rttvar,
            rto: info.rto,
            cwnd: info.sndCwnd,
            ssthresh: info.sndSsthresh,
            unacked: info.unacked,
            retransmits: info.retransmits,
            totalRetrans: info.totalRetrans,
            mss: info.sndMss,
          }
        : null,
      // tcp_info on a listener: unacked is the accept queue's length, sacked the backlog (tcp_get_info).
      listen: listening ? { queued: info.unacked, backlog: info.sacked } : null,
      drops: null,
    };
  }

  protected override release(): void {
    this.idle.stop();
    // Bytes that arrived and were never read are logged before the kernel resets the connection over them.
    this.logArrivals();
    super.release();
  }
}
