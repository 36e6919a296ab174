import dgram from "node:dgram";
import { isIP } from "node:net";
import { preview } from "../../../../shared/bytes";
import { LabError, osError } from "../../../../shared/errors";
import type { SockoptName } from "../../../../shared/scenario/sockopts";
import type { Address, AutoModes, Family, SocketSnapshot } from "../../../../shared/socket-model";
import { castOf } from "../../interfaces";
import type { SocketHost } from "../../lab-socket";
import { PortableSocket } from "./portable-socket";
import { toLabErrorInfo } from "../../node-errors";
import { udpRevents } from "../../readiness";
import { anyAddress, resolveHost } from "../../resolve";
import type { OptionValue } from "../../socket-options";

interface Datagram {
  readonly data: Buffer;
  readonly from: Address;
}

/** Options Node can set only on an open socket; set earlier, they are applied when it opens. */
const OPTIONS_APPLIED_AT_OPEN = ["SO_BROADCAST", "SO_RCVBUF", "SO_SNDBUF", "IP_TTL", "IP_MULTICAST_TTL", "IP_MULTICAST_LOOP"] as const;

/** The largest UDP payload over IPv4 (65535 − 20 − 8) and over IPv6 (65535 − 8, jumbograms aside). */
const MAX_PAYLOAD = { AF_INET: 65507, AF_INET6: 65527 } as const;

/**
 * One SOCK_DGRAM socket on a Node dgram socket. Datagram boundaries are kept:
 * `recvfrom(n)` returns at most n bytes of the next datagram and discards the
 * rest, as Linux does. The receive queue is bounded by SO_RCVBUF; what the
 * Lab had to drop is counted, never silent.
 */
export class UdpSocket extends PortableSocket {
  readonly type = "SOCK_DGRAM" as const;
  private sock: dgram.Socket | null = null;
  private local: Address | null = null;
  private remote: Address | null = null;
  private readonly queue: Datagram[] = [];
  private queuedBytes = 0;
  private drops = 0;
  private shutRd = false;
  private shutWr = false;
  /** Multicast groups joined, applied when the real socket opens if it has not yet. */
  private readonly groups = new Map<string, readonly [group: string, iface: string | undefined]>();
  private outgoingInterface: string | null = null;
  /** The address bind() asked for (the wildcard after an autobind), reused when the Node socket is replaced. */
  private bindHost = "";

  constructor(host: SocketHost, family: Family) {
    super(host, family, "SOCK_DGRAM");
    this.revents = this.computeRevents();
  }

  protected computeRevents(): number {
    return udpRevents(this.queue.length, this.pendingError !== null);
  }

  async bind(address: Address): Promise<void> {
    this.assertOpen();
    if (this.sock) throw new LabError(osError("EINVAL"));
    await this.open(await resolveHost(address[0], this.family), address[1]);
    this.changed();
  }

  /**
   * A real connect, so the kernel filters other senders, picks the source
   * address and reports ICMP errors (ECONNREFUSED) as Linux does. Node cannot
   * re-connect a connected socket, so a new peer means a fresh Node socket on
   * the same address and port (see reopen).
   */
  async connect(address: Address): Promise<void> {
    this.assertOpen();
    const host = await resolveHost(address[0], this.family);
    await this.autobind();
    if (this.remote) await this.reopen([host, address[1]]);
    else await this.kernelConnect([host, address[1]]);
    this.changed();
  }

  private async kernelConnect(peer: Address): Promise<void> {
    const sock = this.sock!;
    if (peer[1] === 0) {
      // Linux accepts a connect to port 0 (Node refuses it); nothing can be sent there, as sendto to port 0 fails EINVAL.
      this.remote = peer;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      // Node hands a failed connect to the callback (its type says no argument, its code passes the error).
      const done = (...args: unknown[]): void => (args[0] ? reject(args[0]) : resolve());
      sock.connect(peer[1], peer[0], done);
    }).catch((err: unknown) => {
      throw new LabError(toLabErrorInfo(err));
    });
    const where = sock.remoteAddress();
    this.remote = [where.address, where.port];
    this.local = this.addressOf(sock);
  }

  /**
   * Replaces the Node socket by a new one bound to the same address and port,
   * connected to `peer` or not. Datagrams already read stay queued; only
   * what is in flight during the swap can be lost.
   */
  private async reopen(peer: Address | null): Promise<void> {
    const old = this.sock!;
    const [host, port] = [this.bindHost, this.local![1]];
    old.removeAllListeners("message");
    old.removeAllListeners("error");
    old.close();
    this.sock = null;
    this.remote = null;
    await this.open(host, port);
    if (peer) await this.kernelConnect(peer);
  }

  async send(data: Buffer, flags: number): Promise<number> {
    this.assertOpen();
    // A datagram send never waits on Linux loopback or a LAN card with room; MSG_DONTWAIT changes nothing here.
    this.dontWait(flags);
    // Linux binds an unbound socket on any send, even one that then fails (inet_send_prepare).
    await this.autobind();
    if (!this.remote) throw new LabError(osError("EDESTADDRREQ"));
    return this.transmit(data, this.remote);
  }

  async sendto(data: Buffer, address: Address, flags: number): Promise<number> {
    this.assertOpen();
    this.dontWait(flags);
    const host = await resolveHost(address[0], this.family);
    await this.autobind();
    const to: Address = [host, address[1]];
    const peer = this.remote;
    if (!peer || (peer[0] === to[0] && peer[1] === to[1])) return this.transmit(data, to);
    // Linux lets a connected UDP socket send elsewhere with sendto; Node does not, so disconnect around it.
    await this.reopen(null);
    try {
      return await this.transmit(data, to);
    } finally {
      await this.reopen(peer);
    }
  }

  async recv(bufsize: number, flags: number, signal?: AbortSignal): Promise<Buffer> {
    this.assertOpen();
    this.dontWait(flags);
    // CPython's recv(0) answers without a system call; recvfrom(0) does dequeue a datagram.
    if (bufsize === 0) return Buffer.alloc(0);
    return (await this.recvfrom(bufsize, flags, signal))[0];
  }

  recvfrom(bufsize: number, flags: number, signal?: AbortSignal): Promise<readonly [Buffer, Address | null]> {
    this.assertOpen();
    const dontWait = this.dontWait(flags);
    return this.blocker.run(
      "recvfrom",
      () => {
        this.assertOpen();
        const next = this.queue.shift();
        if (next) {
          this.queuedBytes -= next.data.length;
          this.changed();
          return [next.data.subarray(0, bufsize), next.from] as const;
        }
        const error = this.takeError();
        if (error) throw new LabError(error);
        if (this.shutRd) return [Buffer.alloc(0), null] as const;
        return undefined;
      },
      osError("EAGAIN"),
      signal,
      dontWait,
    );
  }

  override membership(action: "join" | "leave", group: string, iface?: string): void {
    this.assertOpen();
    if (isIP(group) === 0) throw new LabError(osError("EINVAL", `not a multicast group address: '${group}'`));
    const key = `${group}%${iface ?? ""}`;
    if (action === "join") this.groups.set(key, [group, iface]);
    else if (!this.groups.delete(key)) throw new LabError(osError("EADDRNOTAVAIL", `not a member of ${group}`));
    // Linux lets a program join before bind; Node would bind to a random port to join, so an unbound socket waits for open().
    if (this.sock) this.applyMembership(action, group, iface);
    this.changed();
  }

  override multicastInterface(iface: string): void {
    this.assertOpen();
    this.outgoingInterface = iface;
    if (this.sock) this.applyMulticastInterface(iface);
  }

  private applyMembership(action: "join" | "leave", group: string, iface?: string): void {
    try {
      if (action === "join") this.sock!.addMembership(group, iface);
      else this.sock!.dropMembership(group, iface);
    } catch (err) {
      throw new LabError(toLabErrorInfo(err));
    }
  }

  private applyMulticastInterface(iface: string): void {
    try {
      this.sock!.setMulticastInterface(iface);
    } catch (err) {
      throw new LabError(toLabErrorInfo(err));
    }
  }

  shutdown(how: 0 | 1 | 2): void {
    this.assertOpen();
    if (!this.remote) throw new LabError(osError("ENOTCONN"));
    if (how !== 1) this.shutRd = true;
    if (how !== 0) this.shutWr = true;
    this.changed();
  }

  protected isBound(): boolean {
    return this.sock !== null;
  }

  getsockname(): Address {
    this.assertOpen();
    return this.local ?? [anyAddress(this.family), 0];
  }

  getpeername(): Address {
    this.assertOpen();
    // Linux keeps a connect to port 0 as a destination with no port, which getpeername calls not connected (inet_getname).
    if (!this.remote || this.remote[1] === 0) throw new LabError(osError("ENOTCONN"));
    return this.remote;
  }

  override setAuto(modes: Partial<AutoModes>): void {
    super.setAuto(modes);
    if (this.consumesArrivals && this.queue.length > 0) {
      this.queue.length = 0;
      this.queuedBytes = 0;
      this.changed();
    }
  }

  snapshot(): SocketSnapshot {
    return {
      fd: this.fd,
      family: this.family,
      type: this.type,
      // As /proc/net/udp prints a UDP socket.
      state: !this.closed && this.remote ? "ESTABLISHED" : "CLOSE",
      local: this.local,
      remote: this.remote,
      parent: null,
      auto: this.auto,
      shut: { rd: this.shutRd, wr: this.shutWr },
      peerFin: false,
      ended: null,
      recvQueue: { used: this.queuedBytes, capacity: this.options.number("SO_RCVBUF") },
      sendQueue: { used: 0, capacity: this.options.number("SO_SNDBUF") },
      acceptQueue: { used: 0, capacity: 0 },
      revents: this.revents,
      timeout: this.blocker.timeout,
      blocked: this.blockedCall(),
      idleClose: null,
      drops: this.drops,
      framing: null,
      kernel: null,
    };
  }

  protected release(): void {
    this.sock?.close();
    this.queue.length = 0;
    this.queuedBytes = 0;
  }

  protected override applyOption(name: SockoptName, value: OptionValue): void {
    if (!this.sock || typeof value !== "number") return;
    try {
      if (name === "SO_BROADCAST") this.sock.setBroadcast(value === 1);
      // Node doubles nothing: it passes the value to setsockopt, which doubles it as for Python.
      if (name === "SO_RCVBUF") this.sock.setRecvBufferSize(value / 2);
      if (name === "SO_SNDBUF") this.sock.setSendBufferSize(value / 2);
      if (name === "IP_TTL") this.sock.setTTL(value);
      if (name === "IP_MULTICAST_TTL") this.sock.setMulticastTTL(value);
      if (name === "IP_MULTICAST_LOOP") this.sock.setMulticastLoopback(value === 1);
    } catch (err) {
      throw new LabError(toLabErrorInfo(err));
    }
  }

  private async open(host: string, port: number): Promise<void> {
    this.bindHost = host;
    const sock = dgram.createSocket({
      type: this.family === "AF_INET" ? "udp4" : "udp6",
      // Node 20's dgram has no SO_REUSEPORT; for binding several sockets to one port SO_REUSEADDR does the same on Linux.
      reuseAddr: this.options.number("SO_REUSEADDR") === 1 || this.options.number("SO_REUSEPORT") === 1,
      ipv6Only: this.options.number("IPV6_V6ONLY") === 1,
    });
    await new Promise<void>((resolve, reject) => {
      sock.once("error", reject);
      sock.bind({ address: host, port, exclusive: true }, () => {
        sock.off("error", reject);
        resolve();
      });
    }).catch((err: unknown) => {
      sock.close();
      throw new LabError(toLabErrorInfo(err));
    });
    if (this.closed) {
      // The program closed the socket while the bind was under way (an implicit bind for a first send).
      sock.close();
      throw new LabError(osError("EBADF"));
    }
    this.sock = sock;
    this.local = this.addressOf(sock);
    // Python's usual order is socket, setsockopt, bind/sendto: options set before now reach the kernel here.
    for (const name of OPTIONS_APPLIED_AT_OPEN) this.applyOption(name, this.options.number(name));
    if (this.outgoingInterface) this.applyMulticastInterface(this.outgoingInterface);
    for (const [group, iface] of this.groups.values()) this.applyMembership("join", group, iface);
    // An implicit bind (a first send) gives the socket its address: the views must hear of it.
    this.changed();
    sock.on("message", (data, info) => this.onMessage(data, [info.address, info.port]));
    sock.on("error", (err) => this.reportWireError(err));
  }

  /** An error the network reported later (ICMP, a failed auto-reply): SO_ERROR, and the log. */
  private reportWireError(err: unknown): void {
    this.pendingError = toLabErrorInfo(err);
    this.host.emit({ type: "error", fd: this.fd, op: "wire", error: this.pendingError });
    this.changed();
  }

  /** Binds to the wildcard address and a free port, as the kernel does for a first send or connect. */
  private async autobind(): Promise<void> {
    if (!this.sock) await this.open(anyAddress(this.family), 0);
  }

  private async transmit(data: Buffer, to: Address): Promise<number> {
    if (this.shutWr) throw new LabError(osError("EPIPE"));
    if (to[1] === 0) throw new LabError(osError("EINVAL", "port 0 is not a destination"));
    if (data.length > MAX_PAYLOAD[this.family]) throw new LabError(osError("EMSGSIZE"));
    if (this.family === "AF_INET" && isIP(to[0]) === 6) throw new LabError(osError("EAFNOSUPPORT"));
    const sock = this.sock!;
    const connected = this.remote !== null && this.remote[1] !== 0;
    await new Promise<void>((resolve, reject) => {
      const done = (err: Error | null): void => (err ? reject(err) : resolve());
      if (connected) sock.send(data, done);
      else sock.send(data, to[1], to[0], done);
    }).catch((err: unknown) => {
      throw new LabError(toLabErrorInfo(err));
    });
    const cast = castOf(to[0], this.host.interfaces());
    this.host.emitData({ type: "data", fd: this.fd, dir: "out", len: data.length, preview: preview(data), src: this.local, dst: to, cast }, data);
    return data.length;
  }

  private onMessage(data: Buffer, from: Address): void {
    this.host.emitData({ type: "data", fd: this.fd, dir: "in", len: data.length, preview: preview(data), src: from, dst: this.local }, data);
    if (this.closed) return;
    if (this.consumesArrivals) {
      // The tutorial's receiver answers by unicast to whoever sent the datagram.
      const answer = this.answerTo(data);
      if (answer) void this.transmit(answer, from).catch((err: unknown) => this.reportWireError(err));
      return;
    }
    if (this.queuedBytes + data.length > this.options.number("SO_RCVBUF")) {
      this.drops += 1;
      this.changed();
      return;
    }
    this.queue.push({ data, from });
    this.queuedBytes += data.length;
    this.changed();
  }

  private addressOf(sock: dgram.Socket): Address {
    const where = sock.address();
    return [where.address, where.port];
  }
}
