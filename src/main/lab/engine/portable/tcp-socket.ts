import net from "node:net";
import { preview } from "../../../../shared/bytes";
import { LabError, osError, type LabErrorInfo, isInterruption } from "../../../../shared/errors";
import type { SockoptName } from "../../../../shared/scenario/sockopts";
import type { Address, AutoModes, Family, SocketSnapshot, TcpEnding, TcpState } from "../../../../shared/socket-model";
import type { FramingConfig } from "../../../../shared/framing";
import { ByteQueue } from "../../byte-queue";
import { IdleClose } from "../../idle-close";
import type { SocketHost } from "../../lab-socket";
import { PortableSocket } from "./portable-socket";
import { toLabErrorInfo } from "../../node-errors";
import { tcpRevents } from "../../readiness";
import { reservePort } from "./reserve-port";
import { StreamFraming } from "../../stream-framing";
import { StreamReads } from "../../stream-reads";
import { anyAddress, resolveHost } from "../../resolve";
import type { OptionValue } from "../../socket-options";

type Phase = "fresh" | "listening" | "connecting" | "connected";

/**
 * Closes with RST. libuv refuses to reset a handle whose shutdown (our FIN)
 * is still pending, and Node would then drop the handle unclosed, leaking the
 * fd; so a pending shutdown is let finish first, then the reset goes out.
 */
function resetWhenShutdownDone(conn: net.Socket): void {
  if (conn.writableEnded && !conn.writableFinished) {
    const fallback = setTimeout(() => conn.destroy(), 1000);
    fallback.unref();
    conn.once("finish", () => {
      clearTimeout(fallback);
      if (!conn.destroyed) conn.resetAndDestroy();
    });
    return;
  }
  conn.resetAndDestroy();
}

/**
 * One SOCK_STREAM socket. Node owns the real connection; this class keeps
 * the parts a program sees through the BSD API: the receive queue (bytes that
 * arrived but were not recv'd), the accept queue, shutdown flags and pending
 * errors, and it decides what each call returns or raises.
 */
export class TcpSocket extends PortableSocket {
  readonly type = "SOCK_STREAM" as const;
  private phase: Phase = "fresh";
  private server: net.Server | null = null;
  private conn: net.Socket | null = null;
  private bound: Address | null = null;
  private local: Address | null = null;
  private remote: Address | null = null;
  private readonly recvQueue = new ByteQueue();
  private readonly acceptQueue: net.Socket[] = [];
  private backlog = 0;
  private shutRd = false;
  private shutWr = false;
  private peerFin = false;
  private weFinnedFirst = false;
  private reset = false;
  /** A connect that failed leaves the socket unusable for data, as on Linux. */
  private connectFailed = false;
  /** A non-blocking (or timed-out) connect whose outcome no connect() has reported yet. */
  private connectPending = false;
  /** An error a send already raised, which Node's 'error' event must not report again. */
  private reportedError: string | null = null;
  private readonly framing: StreamFraming;
  private readonly reads: StreamReads;
  private readonly idle: IdleClose;

  constructor(host: SocketHost, family: Family) {
    super(host, family, "SOCK_STREAM");
    this.idle = new IdleClose(host, this);
    this.framing = new StreamFraming(host, () => this.fd);
    this.reads = new StreamReads(host, () => this.fd);
    this.revents = this.computeRevents();
  }

  /** Wraps a connection the kernel already accepted on `parent`. */
  static accepted(host: SocketHost, conn: net.Socket, parent: TcpSocket): TcpSocket {
    const sock = new TcpSocket(host, parent.family);
    sock.inheritFrom(parent);
    sock.framing.set(parent.framing.config);
    sock.attach(conn);
    host.register(sock);
    conn.resume();
    return sock;
  }

  private get rcvbuf(): number {
    return this.options.number("SO_RCVBUF");
  }

  private get sndbuf(): number {
    return this.options.number("SO_SNDBUF");
  }

  async bind(address: Address): Promise<void> {
    this.assertOpen();
    if (this.phase !== "fresh" || this.bound) throw new LabError(osError("EINVAL"));
    const host = await resolveHost(address[0], this.family);
    const port = await reservePort(host, address[1]);
    this.bound = [host, port];
    this.changed();
  }

  override async listen(backlog: number): Promise<void> {
    this.assertOpen();
    if (this.phase === "listening") {
      this.backlog = backlog;
      this.changed();
      return;
    }
    if (this.phase !== "fresh") throw new LabError(osError("EINVAL"));
    const [host, port] = this.bound ?? [anyAddress(this.family), 0];
    const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host, port, backlog: Math.max(backlog, 1), ipv6Only: this.options.number("IPV6_V6ONLY") === 1 }, () => {
        server.off("error", reject);
        resolve();
      });
    }).catch((err: unknown) => {
      throw new LabError(toLabErrorInfo(err));
    });
    const where = server.address();
    if (where && typeof where === "object") this.local = [where.address, where.port];
    this.server = server;
    this.backlog = backlog;
    this.phase = "listening";
    server.on("connection", (conn) => this.onConnection(conn));
    this.changed();
  }

  override accept(signal?: AbortSignal): Promise<TcpSocket> {
    return this.blocker.run(
      "accept",
      () => {
        this.assertOpen();
        if (this.phase !== "listening") throw new LabError(osError("EINVAL"));
        const conn = this.acceptQueue.shift();
        if (!conn) return undefined;
        const sock = TcpSocket.accepted(this.host, conn, this);
        this.changed();
        return sock;
      },
      osError("EAGAIN"),
      signal,
    );
  }

  async connect(address: Address, signal?: AbortSignal): Promise<void> {
    this.assertOpen();
    if (this.connectPending) {
      // Linux (inet_stream_connect): the first connect() after a non-blocking
      // one completes reports its outcome; only later ones are EISCONN.
      if (this.phase === "connecting") throw new LabError(osError("EALREADY"));
      this.connectPending = false;
      if (this.phase === "connected") return;
      this.connectFailed = false;
      throw new LabError(this.takeError() ?? osError("ECONNABORTED"));
    }
    if (this.phase === "connected" || this.phase === "listening") throw new LabError(osError("EISCONN"));
    if (this.phase === "connecting") throw new LabError(osError("EALREADY"));
    const host = await resolveHost(address[0], this.family);
    this.pendingError = null;
    this.connectFailed = false;
    const conn = net.connect({
      host,
      port: address[1],
      family: this.family === "AF_INET" ? 4 : 6,
      allowHalfOpen: true,
      noDelay: this.options.number("TCP_NODELAY") === 1,
      keepAlive: this.options.number("SO_KEEPALIVE") === 1,
      ...(this.bound ? { localAddress: this.bound[0], localPort: this.bound[1] } : {}),
    });
    this.phase = "connecting";
    this.remote = [host, address[1]];
    this.attach(conn);
    conn.once("connect", () => {
      this.phase = "connected";
      this.local = [conn.localAddress ?? host, conn.localPort ?? 0];
      this.remote = [conn.remoteAddress ?? host, conn.remotePort ?? address[1]];
      this.idle.touch();
      this.changed();
    });
    this.changed();
    try {
      await this.blocker.run(
        "connect",
        () => {
          if (this.phase === "connected") return null;
          if (this.phase !== "connecting") {
            this.connectFailed = false;
            throw new LabError(this.takeError() ?? osError("ECONNREFUSED"));
          }
          return undefined;
        },
        osError("EINPROGRESS"),
        signal,
      );
    } catch (err) {
      // Still in progress (non-blocking, a timeout, or an interrupted wait): the outcome is the next connect()'s to report.
      const errno = err instanceof LabError ? err.info : null;
      if (errno && (errno.errno === "EINPROGRESS" || errno.type === "TimeoutError" || isInterruption(errno))) this.connectPending = true;
      throw err;
    }
  }

  send(data: Buffer, flags: number, signal?: AbortSignal): Promise<number> {
    const dontWait = this.dontWait(flags);
    return this.blocker.run(
      "send",
      () => {
        this.assertOpen();
        const error = this.writeError();
        if (error) throw new LabError(error);
        // SO_SNDBUF bounds what waits in user space; past it a send waits (or EAGAIN).
        const room = this.sndbuf - this.conn!.writableLength;
        if (room <= 0 && data.length > 0) return undefined;
        // A blocking send queues everything once there is room; otherwise only what fits.
        const part = this.blocker.timeout === null || room >= data.length ? data : data.subarray(0, room);
        this.write(part);
        return part.length;
      },
      osError("EAGAIN"),
      signal,
      dontWait,
    );
  }

  /**
   * Hands bytes to the kernel. A refusal the kernel gives at once (EPIPE
   * after the peer's RST) fails this send, as it fails Python's; Node has
   * already destroyed the socket by the time write() returns, so no waiting
   * for the write callback is needed.
   */
  private write(part: Buffer): void {
    const conn = this.conn!;
    this.idle.touch();
    conn.write(part);
    const seq = this.host.emitData({ type: "data", fd: this.fd, dir: "out", len: part.length, preview: preview(part), src: this.local, dst: this.remote }, part);
    this.trackFrames("out", seq, part);
    const refused = conn.errored;
    if (refused) {
      const info = toLabErrorInfo(refused);
      this.reset = true;
      // Node will also emit this error; it has been reported here, once, as Linux reports it.
      this.reportedError = info.errno;
      // The peer's RST, found by this write: the log shows it arriving, then the call's error.
      if (info.errno === "ECONNRESET" || info.errno === "EPIPE") this.host.emit({ type: "error", fd: this.fd, op: "wire", error: osError("ECONNRESET") });
      this.changed();
      throw new LabError(info);
    }
    if (conn.writableLength > 0) {
      conn.once("drain", () => this.changed());
      this.changed();
    }
  }

  /** A connected stream socket ignores the address, as Linux does; an unconnected one has no peer. */
  sendto(data: Buffer, _address: Address, flags: number, signal?: AbortSignal): Promise<number> {
    return this.send(data, flags, signal);
  }

  recv(bufsize: number, flags: number, signal?: AbortSignal): Promise<Buffer> {
    this.assertOpen();
    // CPython answers recv(0) without a system call.
    if (bufsize === 0) return Promise.resolve(Buffer.alloc(0));
    return this.receive("recv", bufsize, flags, signal);
  }

  private receive(op: "recv" | "recvfrom", bufsize: number, flags: number, signal?: AbortSignal): Promise<Buffer> {
    const dontWait = this.dontWait(flags);
    return this.blocker.run(
      op,
      () => {
        const from = this.reads.offset;
        const data = this.takeNow(bufsize);
        if (data !== undefined) this.reads.returned(op, data, from, false);
        return data;
      },
      osError("EAGAIN"),
      signal,
      dontWait,
    );
  }

  private takeNow(bufsize: number): Buffer | undefined {
    this.assertOpen();
    if (this.phase === "fresh" || this.phase === "listening") {
      if (this.connectFailed) return this.takeErrorOr(Buffer.alloc(0));
      throw new LabError(osError("ENOTCONN"));
    }
    if (this.recvQueue.length > 0) {
      const out = this.recvQueue.take(bufsize);
      this.reads.took(out.length);
      this.afterTake();
      return out;
    }
    const error = this.takeError();
    if (error) throw new LabError(error);
    // Linux: after SHUT_RD an empty queue reads as end of stream at once.
    if (this.peerFin || this.shutRd || this.reset) return Buffer.alloc(0);
    return undefined;
  }

  override recvFrame(config: FramingConfig, signal?: AbortSignal): Promise<Buffer | null> {
    this.assertOpen();
    const reader = this.framing.reader(config);
    return this.blocker.run(
      "recv_frame",
      () => {
        this.assertOpen();
        if (this.phase === "fresh" || this.phase === "listening") throw new LabError(osError("ENOTCONN"));
        const before = this.recvQueue.length;
        let frame: Uint8Array | null | undefined;
        try {
          frame = reader.read(this.recvQueue, this.peerFin || this.shutRd || this.reset);
        } finally {
          if (this.recvQueue.length !== before) {
            this.reads.took(before - this.recvQueue.length);
            this.afterTake();
          }
        }
        if (frame === undefined) {
          const error = this.takeError();
          if (error) throw new LabError(error);
          return undefined;
        }
        return frame === null ? null : Buffer.from(frame.buffer, frame.byteOffset, frame.length);
      },
      osError("EAGAIN"),
      signal,
    );
  }

  async recvfrom(bufsize: number, flags: number, signal?: AbortSignal): Promise<readonly [Buffer, Address | null]> {
    // recv(0)'s shortcut is CPython's; recvfrom(0) reaches the kernel, which answers 0 bytes at once.
    this.assertOpen();
    return [bufsize === 0 ? Buffer.alloc(0) : await this.receive("recvfrom", bufsize, flags, signal), null];
  }

  shutdown(how: 0 | 1 | 2): void {
    this.assertOpen();
    if (this.phase === "listening") {
      // Linux: SHUT_WR does nothing to a listener; SHUT_RD stops it listening (pending connections are reset).
      if (how !== 1) this.stopListening();
      return;
    }
    if (this.phase !== "connected" || !this.conn) throw new LabError(osError("ENOTCONN"));
    if (how !== 1 && !this.shutRd) this.shutRd = true;
    if (how !== 0 && !this.shutWr) {
      this.shutWr = true;
      this.weFinnedFirst = !this.peerFin;
      // Node sends FIN after what is queued has been written: SHUT_WR's contract.
      this.conn.end();
      this.host.emit({ type: "fin", fd: this.fd, dir: "out" });
    }
    this.changed();
  }

  protected isBound(): boolean {
    return this.bound !== null || this.local !== null;
  }

  getsockname(): Address {
    this.assertOpen();
    return this.local ?? this.bound ?? [anyAddress(this.family), 0];
  }

  getpeername(): Address {
    this.assertOpen();
    if (this.phase !== "connected" || !this.remote) throw new LabError(osError("ENOTCONN"));
    return this.remote;
  }

  override setIdleClose(seconds: number | null): void {
    this.assertOpen();
    this.idle.set(seconds);
    this.changed();
  }

  override setAuto(modes: Partial<AutoModes>): void {
    super.setAuto(modes);
    if (this.auto.accept) {
      for (const conn of this.acceptQueue.splice(0)) TcpSocket.accepted(this.host, conn, this);
    }
    if (this.consumesArrivals && this.recvQueue.length > 0) {
      // Already logged on arrival; auto-recv means the program has read them.
      this.reads.took(this.recvQueue.length);
      this.recvQueue.clear();
      this.conn?.resume();
      this.changed();
    }
  }

  snapshot(): SocketSnapshot {
    return {
      fd: this.fd,
      family: this.family,
      type: this.type,
      state: this.state(),
      local: this.local ?? this.bound,
      remote: this.phase === "connected" || this.phase === "connecting" ? this.remote : null,
      parent: this.parent,
      auto: this.auto,
      shut: { rd: this.shutRd, wr: this.shutWr },
      peerFin: this.peerFin,
      ended: this.ending(),
      recvQueue: { used: this.recvQueue.length, capacity: this.rcvbuf },
      sendQueue: { used: this.conn?.writableLength ?? 0, capacity: this.sndbuf },
      acceptQueue: { used: this.acceptQueue.length, capacity: this.backlog },
      revents: this.revents,
      timeout: this.blocker.timeout,
      blocked: this.blockedCall(),
      idleClose: this.idle.seconds,
      drops: 0,
      framing: this.framing.config,
      kernel: null,
    };
  }

  /**
   * As on Linux: SO_LINGER {1, 0}, or unread received bytes, make close send
   * RST; otherwise queued bytes are flushed, then FIN.
   */
  protected release(): void {
    this.idle.stop();
    for (const pending of this.acceptQueue.splice(0)) pending.resetAndDestroy();
    this.server?.close();
    const conn = this.conn;
    const [lingerOn, lingerSeconds] = this.options.linger();
    if (conn && !conn.destroyed) {
      if (this.recvQueue.length > 0 || this.phase === "connecting" || (lingerOn && lingerSeconds === 0)) {
        resetWhenShutdownDone(conn);
      } else {
        // The kernel keeps a closed socket's connection until the peer's FIN;
        // bytes arriving meanwhile are answered with RST.
        conn.removeAllListeners("data");
        conn.on("data", () => resetWhenShutdownDone(conn));
        conn.once("end", () => conn.destroy());
        if (!this.shutWr) conn.end();
        conn.resume();
        setTimeout(() => conn.destroy(), 60_000).unref();
      }
    }
    this.recvQueue.clear();
  }

  protected override applyOption(name: SockoptName, value: OptionValue): void {
    if (!this.conn) return;
    if (name === "TCP_NODELAY") this.conn.setNoDelay(value === 1);
    if (name === "SO_KEEPALIVE") this.conn.setKeepAlive(value === 1);
    if (name === "SO_RCVBUF" && this.conn.isPaused() && this.recvQueue.length < this.rcvbuf && !this.closed) this.conn.resume();
  }

  protected computeRevents(): number {
    return tcpRevents({
      phase: this.phase,
      connectFailed: this.connectFailed,
      pendingConnections: this.acceptQueue.length,
      queuedBytes: this.recvQueue.length,
      rcvShutdown: this.shutRd || this.peerFin || this.reset,
      sendShutdown: this.shutWr || this.reset,
      sendRoom: (this.conn?.writableLength ?? 0) < this.sndbuf,
      pendingError: this.pendingError !== null,
    });
  }

  private stopListening(): void {
    for (const pending of this.acceptQueue.splice(0)) pending.resetAndDestroy();
    this.server?.close();
    this.server = null;
    this.phase = "fresh";
    this.changed();
  }

  override setFraming(config: FramingConfig | null): void {
    this.assertOpen();
    this.framing.set(config);
    this.changed();
  }

  private trackFrames(dir: "in" | "out", seq: number, chunk: Uint8Array): void {
    if (!this.framing.track(dir, seq, chunk)) this.changed();
  }

  /** The program read from the queue: reading resumes once there is room again. */
  private afterTake(): void {
    if (this.conn?.isPaused() && this.recvQueue.length < this.rcvbuf && !this.closed) this.conn.resume();
    this.changed();
  }

  /**
   * Linux's name for the model's state, as near as Node lets the Lab see:
   * no ACK is visible, so after this side's FIN it stays FIN_WAIT1 until
   * the peer's FIN, and LAST_ACK never moves on to CLOSE. A closed fd's
   * socket is gone; CLOSE stands for it.
   */
  private state(): TcpState {
    if (this.closed) return "CLOSE";
    switch (this.phase) {
      case "fresh":
        return "CLOSE";
      case "listening":
        return "LISTEN";
      case "connecting":
        return "SYN_SENT";
      case "connected":
        if (this.reset) return "CLOSE";
        // This side's FIN first: Linux's socket reads CLOSE and a TIME_WAIT socket of the kernel's holds the connection.
        if (this.shutWr && this.peerFin) return this.weFinnedFirst ? "CLOSE" : "LAST_ACK";
        if (this.shutWr) return "FIN_WAIT1";
        if (this.peerFin) return "CLOSE_WAIT";
        return "ESTABLISHED";
    }
  }

  private ending(): TcpEnding | null {
    if (this.closed || this.phase !== "connected") return null;
    if (this.reset) return "reset";
    return this.shutWr && this.peerFin && this.weFinnedFirst ? "time-wait" : null;
  }

  private attach(conn: net.Socket): void {
    this.conn = conn;
    if (conn.remoteAddress) this.remote = [conn.remoteAddress, conn.remotePort ?? 0];
    if (conn.localAddress) this.local = [conn.localAddress, conn.localPort ?? 0];
    if (this.remote && this.local && !conn.connecting) {
      this.phase = "connected";
      this.idle.touch();
    }
    conn.on("data", (chunk: Buffer) => this.onData(chunk));
    conn.on("end", () => {
      this.peerFin = true;
      this.host.emit({ type: "fin", fd: this.fd, dir: "in" });
      this.changed();
    });
    conn.on("error", (err) => this.onError(toLabErrorInfo(err)));
    this.revents = this.computeRevents();
  }

  private onError(info: LabErrorInfo): void {
    // After close the fd is gone: what the dying connection reports belongs to no one.
    if (this.closed) return;
    if (info.errno !== null && info.errno === this.reportedError) {
      this.reportedError = null;
      return;
    }
    if (this.phase === "connecting") {
      this.phase = "fresh";
      this.connectFailed = true;
    } else if (info.errno === "ECONNRESET" || info.errno === "EPIPE") {
      this.reset = true;
    }
    this.pendingError = info;
    this.host.emit({ type: "error", fd: this.fd, op: "wire", error: info });
    this.changed();
  }

  private onData(chunk: Buffer): void {
    if (this.shutRd && this.shutWr) {
      // Linux (tcp_rcv_state_process): new data for a socket that shut both
      // directions is answered with RST, and the socket is reset.
      this.reads.arrived(this.host.emitData({ type: "data", fd: this.fd, dir: "in", len: chunk.length, preview: preview(chunk), src: this.remote, dst: this.local }, chunk), chunk.length);
      this.reads.took(chunk.length);
      if (this.conn) resetWhenShutdownDone(this.conn);
      this.reset = true;
      this.pendingError = osError("ECONNRESET");
      // This side sends the RST (the log draws it outgoing), and the socket is reset as if it had received one.
      this.host.emit({ type: "error", fd: this.fd, op: "rst-sent", error: this.pendingError });
      this.changed();
      return;
    }
    this.idle.touch();
    const seq = this.host.emitData({ type: "data", fd: this.fd, dir: "in", len: chunk.length, preview: preview(chunk), src: this.remote, dst: this.local }, chunk);
    this.reads.arrived(seq, chunk.length);
    this.trackFrames("in", seq, chunk);
    if (this.consumesArrivals) {
      this.reads.took(chunk.length);
      const answer = this.answerTo(chunk);
      if (answer && !this.shutWr && this.phase === "connected") {
        try {
          this.write(answer);
        } catch (err) {
          this.host.emit({ type: "error", fd: this.fd, op: "echo", error: toLabErrorInfo(err) });
        }
      }
      return;
    }
    this.recvQueue.push(chunk);
    // A full receive queue stops reading, so TCP's window closes on the peer.
    if (this.recvQueue.length >= this.rcvbuf) this.conn?.pause();
    this.changed();
  }

  private onConnection(conn: net.Socket): void {
    if (this.closed || this.phase !== "listening") {
      conn.resetAndDestroy();
      return;
    }
    if (this.auto.accept) {
      TcpSocket.accepted(this.host, conn, this);
      return;
    }
    this.acceptQueue.push(conn);
    this.changed();
  }

  private writeError(): LabErrorInfo | null {
    if (this.shutWr) return osError("EPIPE");
    const pending = this.takeError();
    if (pending) return pending;
    if (this.phase !== "connected" || !this.conn || this.conn.destroyed) return osError("EPIPE");
    return null;
  }

  /** After a failed non-blocking connect, the error is reported once, then reads see end of stream. */
  private takeErrorOr<T>(value: T): T {
    const error = this.takeError();
    if (error) throw new LabError(error);
    return value;
  }
}
