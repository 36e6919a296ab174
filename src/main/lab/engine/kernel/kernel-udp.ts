import { isIP } from "node:net";
import { preview } from "../../../../shared/bytes";
import { LabError, osError } from "../../../../shared/errors";
import type { Address, AutoModes, Family, KernelView, NetworkInterfaceInfo, SocketSnapshot } from "../../../../shared/socket-model";
import { castOf } from "../../interfaces";
import type { SocketHost } from "../../lab-socket";
import { IP, IPV6, LEVEL, MSG, POLL, SO } from "./constants";
import { errnoOf } from "./errno";
import { KernelSocket, toAddress, unlessWouldBlock } from "./kernel-socket";
import type { KernelMonitor } from "./monitor";
import { ipv4Bytes, ipv6Bytes } from "./sockaddr";
import * as k from "./syscalls";

/** Large enough for any UDP payload, so a peek always copies the whole datagram and SO_PEEK_OFF moves by its length. */
const DATAGRAM_MAX = 65536;
/** Datagrams handled per edge before yielding to the event loop; the rest next turn. */
const DATAGRAM_BUDGET = 256;

/**
 * One SOCK_DGRAM socket that is a kernel UDP socket. Every datagram carries
 * where it was sent and on which interface it came in (IP_PKTINFO /
 * IPV6_RECVPKTINFO) and the kernel's drop count (SO_RXQ_OVFL). In manual mode
 * the datagrams stay queued in the kernel until recvfrom, logged on arrival
 * by peeking; the auto modes read them.
 */
export class KernelUdpSocket extends KernelSocket {
  readonly type = "SOCK_DGRAM" as const;
  private shutRd = false;
  private shutWr = false;
  /** Lengths of the datagrams logged on arrival that the program has not read, oldest first. */
  private readonly logged: number[] = [];
  private loggedBytes = 0;
  /** The socket's own drop counter, as the last datagram's SO_RXQ_OVFL said (the kernel's drops: the Lab itself drops none). */
  private drops = 0;
  private readonly scratch = new k.RecvScratch();
  private lastCast: { address: string; interfaces: readonly NetworkInterfaceInfo[]; cast: "unicast" | "broadcast" | "multicast" } | null = null;
  /**
   * What the kernel says of the socket's names and buffers, kept until a
   * call that can change it (bind, connect, setsockopt, a send while
   * unbound, which binds it): every logged datagram names the local address
   * and every snapshot all four, which read afresh are five system calls (one
   * a failing getpeername) per datagram.
   */
  private kept: { local: Address | null; remote: Address | null; rcvbuf: number; sndbuf: number } | null = null;

  constructor(host: SocketHost, family: Family, monitor: KernelMonitor) {
    super(host, family, "SOCK_DGRAM", monitor);
  }

  protected override prepare(): void {
    const fd = this.kfd;
    k.setsockoptInt(fd, LEVEL.SOL_SOCKET, SO.SO_PEEK_OFF, 0);
    k.setsockoptInt(fd, LEVEL.SOL_SOCKET, SO.SO_RXQ_OVFL, 1);
    k.setsockoptInt(fd, LEVEL.SOL_SOCKET, SO.SO_TIMESTAMPNS, 1);
    if (this.family === "AF_INET") k.setsockoptInt(fd, LEVEL.IPPROTO_IP, IP.IP_PKTINFO, 1);
    else k.setsockoptInt(fd, LEVEL.IPPROTO_IPV6, IPV6.IPV6_RECVPKTINFO, 1);
  }

  /** A real connect(2): the kernel filters other senders, picks the source address, and reports ICMP errors. */
  async connect(address: Address): Promise<void> {
    this.assertOpen();
    const sa = await this.resolve(address);
    this.assertOpen();
    try {
      k.connect(this.kfd, sa);
    } finally {
      this.namesMayHaveChanged();
    }
    this.changed();
  }

  protected override namesMayHaveChanged(): void {
    this.kept = null;
  }

  send(data: Buffer, flags: number, signal?: AbortSignal): Promise<number> {
    return this.blocker.run(
      "send",
      () => {
        this.assertOpen();
        this.forgetIfUnbound();
        const n = this.changingCall(() => unlessWouldBlock(() => k.send(this.kfd, data, flags & ~MSG.MSG_DONTWAIT)));
        if (n !== undefined) this.logOut(data.subarray(0, n), this.names().remote);
        return n;
      },
      osError("EAGAIN"),
      signal,
      (flags & MSG.MSG_DONTWAIT) !== 0,
    );
  }

  async sendto(data: Buffer, address: Address, flags: number, signal?: AbortSignal): Promise<number> {
    this.assertOpen();
    const sa = await this.resolve(address);
    return this.blocker.run(
      "sendto",
      () => {
        this.assertOpen();
        this.forgetIfUnbound();
        const n = this.changingCall(() => unlessWouldBlock(() => k.sendto(this.kfd, data, sa, flags & ~MSG.MSG_DONTWAIT)));
        if (n !== undefined) this.logOut(data.subarray(0, n), [sa.host, sa.port]);
        return n;
      },
      osError("EAGAIN"),
      signal,
      (flags & MSG.MSG_DONTWAIT) !== 0,
    );
  }

  /**
   * A call that changed the socket unless it would block: a send may bind it
   * (an implicit bind the views must hear of, even when the send then fails),
   * a recvfrom takes a datagram or a pending error. Waking the socket's
   * waiters on EAGAIN would re-run this very attempt, for ever.
   */
  private changingCall<T>(call: () => T | undefined): T | undefined {
    let result: T | undefined;
    try {
      result = call();
    } catch (error) {
      this.changed();
      throw error;
    }
    if (result !== undefined) this.changed();
    return result;
  }

  async recv(bufsize: number, flags: number, signal?: AbortSignal): Promise<Buffer> {
    this.assertOpen();
    // CPython's recv(0) answers without a system call; recvfrom(0) does dequeue a datagram.
    if (bufsize === 0) return Buffer.alloc(0);
    return (await this.recvfrom(bufsize, flags, signal))[0];
  }

  /** MSG_PEEK leaves the datagram queued (and the Lab's peek offset where it was); the other flags go to the kernel. */
  recvfrom(bufsize: number, flags: number, signal?: AbortSignal): Promise<readonly [Buffer, Address | null]> {
    this.assertOpen();
    const kernelFlags = (flags & ~MSG.MSG_DONTWAIT) | MSG.MSG_TRUNC;
    const peek = (flags & MSG.MSG_PEEK) !== 0;
    return this.blocker.run(
      "recvfrom",
      () => {
        this.assertOpen();
        this.logArrivals();
        const got = peek ? this.peekFromStart(bufsize, kernelFlags) : this.changingCall(() => unlessWouldBlock(() => this.scratch.recvmsg(this.kfd, bufsize, kernelFlags)));
        if (!got) return undefined;
        if (!peek) this.taken(got);
        return [got.data, got.address ? toAddress(got.address, this.family) : null] as const;
      },
      osError("EAGAIN"),
      signal,
      (flags & MSG.MSG_DONTWAIT) !== 0,
    );
  }

  private peekFromStart(bufsize: number, flags: number): k.RecvmsgResult | undefined {
    k.setsockoptInt(this.kfd, LEVEL.SOL_SOCKET, SO.SO_PEEK_OFF, -1);
    try {
      return this.changingCall(() => unlessWouldBlock(() => this.scratch.recvmsg(this.kfd, bufsize, flags)));
    } finally {
      k.setsockoptInt(this.kfd, LEVEL.SOL_SOCKET, SO.SO_PEEK_OFF, this.loggedBytes);
    }
  }

  /**
   * The program read one datagram. If the Lab had logged it, it leaves the
   * logged list; a cut datagram moved the kernel's peek offset back by the
   * bytes copied, not by its length, so the offset is set right again.
   */
  private taken(got: k.RecvmsgResult): void {
    const length = this.logged.shift();
    if (length === undefined) {
      this.logIn(got);
      return;
    }
    this.loggedBytes -= length;
    if (got.data.length !== got.length) k.setsockoptInt(this.kfd, LEVEL.SOL_SOCKET, SO.SO_PEEK_OFF, this.loggedBytes);
  }

  protected override afterShutdown(how: 0 | 1 | 2): void {
    if (how !== 1) this.shutRd = true;
    if (how !== 0) this.shutWr = true;
  }

  override membership(action: "join" | "leave", group: string, iface?: string): void {
    this.assertOpen();
    if (this.family === "AF_INET") {
      // struct ip_mreq { in_addr imr_multiaddr; in_addr imr_interface; }
      const mreq = Buffer.concat([ipv4Bytes(address(group, 4, "group")), ipv4Bytes(address(iface ?? "0.0.0.0", 4, "interface"))]);
      k.setsockoptBytes(this.kfd, LEVEL.IPPROTO_IP, action === "join" ? IP.IP_ADD_MEMBERSHIP : IP.IP_DROP_MEMBERSHIP, mreq);
    } else {
      // struct ipv6_mreq { in6_addr ipv6mr_multiaddr; unsigned ipv6mr_interface; }
      const index = Buffer.alloc(4);
      index.writeUInt32LE(interfaceIndex(iface));
      k.setsockoptBytes(this.kfd, LEVEL.IPPROTO_IPV6, action === "join" ? IPV6.IPV6_JOIN_GROUP : IPV6.IPV6_LEAVE_GROUP, Buffer.concat([ipv6Bytes(address(group, 6, "group")), index]));
    }
    this.changed();
  }

  override multicastInterface(iface: string): void {
    this.assertOpen();
    if (this.family === "AF_INET") k.setsockoptBytes(this.kfd, LEVEL.IPPROTO_IP, IP.IP_MULTICAST_IF, ipv4Bytes(address(iface, 4, "interface")));
    else k.setsockoptInt(this.kfd, LEVEL.IPPROTO_IPV6, IPV6.IPV6_MULTICAST_IF, interfaceIndex(iface));
  }

  override setAuto(modes: Partial<AutoModes>): void {
    super.setAuto(modes);
    if (this.closed) return;
    if (this.consumesArrivals) {
      // What is queued was logged on arrival; auto-recv means the program has read it.
      this.logArrivals();
      while (this.logged.length > 0 && unlessWouldBlock(() => k.recvmsg(this.kfd, 0))) this.logged.shift();
      this.logged.length = 0;
      this.loggedBytes = 0;
      k.setsockoptInt(this.kfd, LEVEL.SOL_SOCKET, SO.SO_PEEK_OFF, 0);
    }
    this.onKernelEvent();
  }

  /** A send on an unbound socket binds it, even when the send then fails. */
  private forgetIfUnbound(): void {
    if (this.kept?.local === null) this.namesMayHaveChanged();
  }

  private names(): NonNullable<typeof this.kept> {
    this.kept ??= { local: this.localAddress(), remote: this.peer(), rcvbuf: this.bufferSize("SO_RCVBUF"), sndbuf: this.bufferSize("SO_SNDBUF") };
    return this.kept;
  }

  private localCached(): Address | null {
    return this.closed ? null : this.names().local;
  }

  protected override onKernelEvent(): void {
    if (this.closed) return;
    if (this.consumesArrivals) this.readArrivals();
    else this.logArrivals();
    this.changed();
  }

  /**
   * Logs the datagrams that arrived since the last look, leaving them queued.
   * Never with POLLERR up: any recv on a UDP socket first takes a pending
   * error (an ICMP port unreachable), which is the program's to see.
   */
  private logArrivals(): void {
    if (this.consumesArrivals) return;
    const revents = this.computeRevents();
    if (revents & POLL.POLLERR || !(revents & POLL.POLLIN)) return;
    for (let i = 0; i < DATAGRAM_BUDGET; i++) {
      const got = unlessWouldBlock(() => this.scratch.recvmsg(this.kfd, DATAGRAM_MAX, MSG.MSG_PEEK));
      if (!got) return;
      this.logged.push(got.length);
      this.loggedBytes += got.length;
      this.logIn(got);
    }
    setImmediate(() => this.onKernelEvent());
  }

  /** The auto modes: read what arrived and answer it by unicast to its sender, a budget per turn. */
  private readArrivals(): void {
    for (let read = 0; read < DATAGRAM_BUDGET; ) {
      let batch: k.RecvmsgResult[] | undefined;
      try {
        batch = unlessWouldBlock(() => k.recvBatch(this.kfd));
      } catch (error) {
        this.wireError(error);
        return;
      }
      if (!batch?.length) return;
      read += batch.length;
      for (const got of batch) this.arrivedForAuto(got);
    }
    setImmediate(() => this.onKernelEvent());
  }

  /** One datagram an auto mode read: logged, and answered by unicast to its sender. */
  private arrivedForAuto(got: k.RecvmsgResult): void {
    this.logIn(got);
    const answer = this.answerTo(got.data);
    if (!answer || !got.address) return;
    const to = got.address;
    try {
      if (unlessWouldBlock(() => k.sendto(this.kfd, answer, to)) !== undefined) this.logOut(answer, [to.host, to.port]);
    } catch (error) {
      this.wireError(error);
    }
  }

  private wireError(error: unknown): void {
    this.host.emit({ type: "error", fd: this.fd, op: "wire", error: error instanceof LabError ? error.info : osError(errnoOf(error) ?? "EIO") });
  }

  /** castOf for one address at a time: a flood is sent to one destination, and working it out per datagram costs more than the read. */
  private castOf(address: string): "unicast" | "broadcast" | "multicast" {
    const interfaces = this.host.interfaces();
    const last = this.lastCast;
    if (last && last.address === address && last.interfaces === interfaces) return last.cast;
    const cast = castOf(address, interfaces);
    this.lastCast = { address, interfaces, cast };
    return cast;
  }

  private logIn(got: k.RecvmsgResult): void {
    if (got.ancillary.dropped !== undefined) this.drops = got.ancillary.dropped;
    const local = this.localCached();
    const dst: Address | null = got.ancillary.dst && local ? [got.ancillary.dst, local[1]] : local;
    const data = got.data;
    this.host.emitData(
      {
        type: "data",
        fd: this.fd,
        dir: "in",
        len: got.length,
        preview: preview(data),
        src: got.address ? toAddress(got.address, this.family) : null,
        dst,
        ...(dst ? { cast: this.castOf(dst[0]) } : {}),
        ...(got.ifname ? { ifname: got.ifname } : {}),
      },
      data,
    );
  }

  private logOut(data: Buffer, to: Address | null): void {
    const cast = to ? this.castOf(to[0]) : undefined;
    this.host.emitData({ type: "data", fd: this.fd, dir: "out", len: data.length, preview: preview(data), src: this.localCached(), dst: to, ...(cast ? { cast } : {}) }, data);
  }

  snapshot(): SocketSnapshot {
    const kept = this.closed ? null : this.names();
    const remote = kept?.remote ?? null;
    const view: KernelView | null = kept
      ? {
          state: remote ? "ESTABLISHED" : "CLOSE",
          // SIOCINQ on UDP is the size of the next datagram only; what is queued is what the Lab logged and the program has not read.
          recvQ: this.loggedBytes,
          sendQ: k.outq(this.kfd),
          rcvbuf: kept.rcvbuf,
          sndbuf: kept.sndbuf,
          tcp: null,
          listen: null,
          drops: this.drops,
        }
      : null;
    return {
      fd: this.fd,
      family: this.family,
      type: this.type,
      state: remote ? "ESTABLISHED" : "CLOSE",
      local: kept?.local ?? null,
      remote,
      parent: null,
      auto: this.auto,
      shut: { rd: this.shutRd, wr: this.shutWr },
      peerFin: false,
      ended: null,
      recvQueue: { used: view?.recvQ ?? 0, capacity: view?.rcvbuf ?? 0 },
      sendQueue: { used: view?.sendQ ?? 0, capacity: view?.sndbuf ?? 0 },
      acceptQueue: { used: 0, capacity: 0 },
      revents: this.revents,
      timeout: this.blocker.timeout,
      blocked: this.blockedCall(),
      idleClose: null,
      drops: 0,
      framing: null,
      kernel: view,
    };
  }
}

/** An address of the socket's family, as inet_pton would take it; anything else is EINVAL with the reason. */
function address(text: string, version: 4 | 6, what: "group" | "interface"): string {
  if (isIP(text) !== version) {
    const hint = what === "interface" && version === 4 ? " (an IPv4 interface is named by its address)" : "";
    throw new LabError(osError("EINVAL", `not an IPv${version} ${what} address: '${text}'${hint}`));
  }
  return text;
}

/** An IPv6 interface as an index: a name ("eth0"), a scoped address ("fe80::1%eth0"), or none (0: the kernel chooses). */
function interfaceIndex(iface: string | undefined): number {
  if (!iface || (isIP(iface) === 6 && !iface.includes("%"))) return 0;
  const name = iface.includes("%") ? iface.slice(iface.indexOf("%") + 1) : iface;
  if (/^\d+$/.test(name)) return Number(name);
  const index = k.ifNameToIndex(name);
  if (index === 0) throw new LabError(osError("ENODEV", `no interface '${name}'`));
  return index;
}
