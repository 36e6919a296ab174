import net from "node:net";
import { preview } from "../../shared/bytes";
import { LabError, osError, type LabErrorInfo } from "../../shared/errors";
import type { LabEventBody } from "../../shared/events";
import type { Address, AutoModes, Family, SocketSnapshot, TcpState } from "../../shared/socket-model";
import { Blocker } from "./blocking";
import { ByteQueue } from "./byte-queue";
import { toLabErrorInfo } from "./node-errors";
import { reservePort } from "./reserve-port";
import { resolveHost } from "./resolve";

/** Linux's defaults as `getsockopt` reports them for a fresh TCP socket. */
const DEFAULT_RCVBUF = 131072;
const DEFAULT_SNDBUF = 16384;

/** What a socket needs from the Lab that owns it. */
export interface SocketHost {
  emit(body: LabEventBody): void;
  /** Gives an accepted connection its own fd. */
  adopt(conn: net.Socket, parent: TcpSocket): TcpSocket;
}

type Phase = "fresh" | "listening" | "connecting" | "connected" | "closed";

/**
 * One SOCK_STREAM socket. Node owns the real connection; this class keeps
 * the parts a program sees through the BSD API: the receive queue (bytes that
 * arrived but were not recv'd), the accept queue, shutdown flags and pending
 * errors, and it decides what each call returns or raises.
 */
export class TcpSocket {
  readonly type = "SOCK_STREAM" as const;
  readonly blocker = new Blocker();
  fd = -1;
  parent: number | null = null;
  auto: AutoModes = { accept: false, recv: false };

  private phase: Phase = "fresh";
  private server: net.Server | null = null;
  private conn: net.Socket | null = null;
  private bound: Address | null = null;
  private local: Address | null = null;
  private remote: Address | null = null;
  private readonly recvQueue = new ByteQueue();
  private readonly acceptQueue: net.Socket[] = [];
  private backlog = 0;
  private rcvbuf = DEFAULT_RCVBUF;
  private sndbuf = DEFAULT_SNDBUF;
  private shutRd = false;
  private shutWr = false;
  private peerFin = false;
  private weFinnedFirst = false;
  private reset = false;
  /** SO_ERROR: reported once by the next call that can fail, then cleared. */
  private pendingError: LabErrorInfo | null = null;

  constructor(
    private readonly host: SocketHost,
    readonly family: Family,
  ) {}

  /** Wraps a connection the kernel already accepted on `parent`. */
  static accepted(host: SocketHost, conn: net.Socket, parent: TcpSocket): TcpSocket {
    const sock = new TcpSocket(host, parent.family);
    sock.parent = parent.fd;
    sock.auto = { accept: false, recv: parent.auto.recv };
    sock.blocker.timeout = parent.blocker.timeout;
    sock.attach(conn);
    conn.resume();
    return sock;
  }

  async bind(address: Address): Promise<void> {
    this.assertOpen();
    if (this.phase !== "fresh" || this.bound) throw new LabError(osError("EINVAL"));
    const host = await resolveHost(address[0], this.family);
    const port = await reservePort(host, address[1]);
    this.bound = [host, port];
    this.changed();
  }

  async listen(backlog: number): Promise<void> {
    this.assertOpen();
    if (this.phase === "listening") {
      this.backlog = backlog;
      return;
    }
    if (this.phase !== "fresh") throw new LabError(osError("EINVAL"));
    const [host, port] = this.bound ?? [this.family === "AF_INET" ? "0.0.0.0" : "::", 0];
    const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host, port, backlog: Math.max(backlog, 1), ipv6Only: false }, () => {
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

  accept(): Promise<TcpSocket> {
    return this.blocker.run(() => {
      this.assertOpen();
      if (this.phase !== "listening") throw new LabError(osError("EINVAL"));
      const conn = this.acceptQueue.shift();
      if (!conn) return undefined;
      const sock = this.host.adopt(conn, this);
      this.changed();
      return sock;
    }, osError("EAGAIN"));
  }

  async connect(address: Address): Promise<void> {
    this.assertOpen();
    if (this.phase === "connected") throw new LabError(osError("EISCONN"));
    if (this.phase === "listening") throw new LabError(osError("EISCONN"));
    if (this.phase === "connecting") throw new LabError(osError("EALREADY"));
    const host = await resolveHost(address[0], this.family);
    this.pendingError = null;
    const conn = net.connect({
      host,
      port: address[1],
      family: this.family === "AF_INET" ? 4 : 6,
      allowHalfOpen: true,
      ...(this.bound ? { localAddress: this.bound[0], localPort: this.bound[1] } : {}),
    });
    this.phase = "connecting";
    this.remote = [host, address[1]];
    this.attach(conn);
    conn.once("connect", () => {
      this.phase = "connected";
      this.local = [conn.localAddress ?? host, conn.localPort ?? 0];
      this.remote = [conn.remoteAddress ?? host, conn.remotePort ?? address[1]];
      this.changed();
    });
    this.changed();
    await this.blocker.run(() => {
      if (this.phase === "connected") return null;
      if (this.phase !== "connecting") throw new LabError(this.takeError() ?? osError("ECONNREFUSED"));
      return undefined;
    }, osError("EINPROGRESS"));
  }

  send(data: Buffer): Promise<number> {
    return this.blocker.run(() => {
      this.assertOpen();
      const error = this.writeError();
      if (error) throw new LabError(error);
      const conn = this.conn!;
      // A blocking send queues everything; otherwise only what fits in SO_SNDBUF.
      const room = this.blocker.timeout === null ? data.length : Math.max(0, this.sndbuf - conn.writableLength);
      if (room === 0 && data.length > 0) return undefined;
      const part = room >= data.length ? data : data.subarray(0, room);
      conn.write(part);
      this.host.emit({ type: "data", fd: this.fd, dir: "out", len: part.length, preview: preview(part), src: this.local, dst: this.remote });
      if (conn.writableLength > 0) this.changed();
      return part.length;
    }, osError("EAGAIN"));
  }

  recv(bufsize: number): Promise<Buffer> {
    return this.blocker.run(() => {
      this.assertOpen();
      if (this.phase === "fresh" || this.phase === "listening") throw new LabError(osError("ENOTCONN"));
      if (bufsize === 0) return Buffer.alloc(0);
      if (this.recvQueue.length > 0) {
        const out = this.recvQueue.take(bufsize);
        if (this.conn?.isPaused() && this.recvQueue.length < this.rcvbuf && !this.auto.recv) this.conn.resume();
        this.changed();
        return out;
      }
      const error = this.takeError();
      if (error) throw new LabError(error);
      if (this.peerFin || this.shutRd || this.reset || (this.phase !== "connected" && this.phase !== "connecting")) {
        return Buffer.alloc(0);
      }
      return undefined;
    }, osError("EAGAIN"));
  }

  setAuto(modes: Partial<AutoModes>): void {
    this.auto = { ...this.auto, ...modes };
    if (this.auto.accept) {
      for (const conn of this.acceptQueue.splice(0)) this.host.adopt(conn, this);
    }
    if (this.auto.recv && this.recvQueue.length > 0) {
      this.recvQueue.clear();
      this.conn?.resume();
    }
    this.changed();
  }

  /**
 * Closes the fd. As on Linux: unread received bytes make the close send RST
   * instead of FIN; otherwise queued bytes are flushed, then FIN.
   */
  close(): void {
    if (this.phase === "closed") return;
    const wasPhase = this.phase;
    this.phase = "closed";
    for (const pending of this.acceptQueue.splice(0)) pending.resetAndDestroy();
    this.server?.close();
    const conn = this.conn;
    if (conn && !conn.destroyed) {
      if (this.recvQueue.length > 0 || wasPhase === "connecting") {
        conn.resetAndDestroy();
      } else {
        // The kernel keeps a closed socket's connection until the peer's FIN;
        // bytes arriving meanwhile are answered with RST.
        conn.removeAllListeners("data");
        conn.on("data", () => conn.resetAndDestroy());
        conn.once("end", () => conn.destroy());
        conn.end();
        conn.resume();
        setTimeout(() => conn.destroy(), 60_000).unref();
      }
    }
    this.recvQueue.clear();
    this.blocker.wake();
    this.host.emit({ type: "closed", fd: this.fd });
  }

  snapshot(): SocketSnapshot {
    return {
      fd: this.fd,
      family: this.family,
      type: this.type,
      state: this.state(),
      local: this.local ?? this.bound,
      remote: this.phase === "fresh" || this.phase === "listening" ? null : this.remote,
      parent: this.parent,
      auto: this.auto,
      shut: { rd: this.shutRd, wr: this.shutWr },
      peerFin: this.peerFin,
      recvQueue: { used: this.recvQueue.length, capacity: this.rcvbuf },
      sendQueue: { used: this.conn?.writableLength ?? 0, capacity: this.sndbuf },
      acceptQueue: { used: this.acceptQueue.length, capacity: this.backlog },
      timeout: this.blocker.timeout,
    };
  }

  private state(): TcpState {
    switch (this.phase) {
      case "closed":
        return "CLOSED";
      case "fresh":
        return "UNCONNECTED";
      case "listening":
        return "LISTEN";
      case "connecting":
        return "SYN_SENT";
      case "connected":
        if (this.reset) return "RESET";
        if (this.shutWr && this.peerFin) return this.weFinnedFirst ? "TIME_WAIT" : "LAST_ACK";
        if (this.shutWr) return "FIN_WAIT";
        if (this.peerFin) return "CLOSE_WAIT";
        return "ESTABLISHED";
    }
  }

  private attach(conn: net.Socket): void {
    this.conn = conn;
    if (conn.remoteAddress) this.remote = [conn.remoteAddress, conn.remotePort ?? 0];
    if (conn.localAddress) this.local = [conn.localAddress, conn.localPort ?? 0];
    if (this.remote && this.local) this.phase = "connected";
    conn.on("data", (chunk: Buffer) => this.onData(chunk));
    conn.on("end", () => {
      this.peerFin = true;
      this.host.emit({ type: "fin", fd: this.fd, dir: "in" });
      this.changed();
    });
    conn.on("error", (err) => {
      const info = toLabErrorInfo(err);
      if (this.phase === "connecting") this.phase = "fresh";
      else this.reset = info.errno === "ECONNRESET" || this.reset;
      this.pendingError = info;
      this.host.emit({ type: "error", fd: this.fd, op: "wire", error: info });
      this.changed();
    });
  }

  private onData(chunk: Buffer): void {
    this.host.emit({ type: "data", fd: this.fd, dir: "in", len: chunk.length, preview: preview(chunk), src: this.remote, dst: this.local });
    if (this.auto.recv) return;
    this.recvQueue.push(chunk);
    // A full receive queue stops reading, so TCP's window closes on the peer.
    if (this.recvQueue.length >= this.rcvbuf) this.conn?.pause();
    this.changed();
  }

  private onConnection(conn: net.Socket): void {
    if (this.phase !== "listening") {
      conn.resetAndDestroy();
      return;
    }
    if (this.auto.accept) {
      this.host.adopt(conn, this);
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

  private takeError(): LabErrorInfo | null {
    const error = this.pendingError;
    this.pendingError = null;
    return error;
  }

  private assertOpen(): void {
    if (this.phase === "closed") throw new LabError(osError("EBADF"));
  }

  /** Tells the renderer and wakes any call blocked on this socket. */
  private changed(): void {
    if (this.fd >= 0 && this.phase !== "closed") this.host.emit({ type: "state", fd: this.fd, socket: this.snapshot() });
    this.blocker.wake();
  }
}
