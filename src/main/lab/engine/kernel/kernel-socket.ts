import type { SockoptLevel, SockoptName } from "../../../../shared/scenario/sockopts";
import type { Address, Family, SocketType } from "../../../../shared/socket-model";
import { LabSocket, type SocketHost } from "../../lab-socket";
import { anyAddress, resolveHost } from "../../resolve";
import type { OptionValue } from "../../socket-options";
import { AF, POLL, SOCK } from "./constants";
import { errnoOf } from "./errno";
import type { KernelMonitor } from "./monitor";
import type { SockAddr } from "./sockaddr";
import { getKernelOption, setKernelOption } from "./sockopt-map";
import * as k from "./syscalls";

/** Every bit poll() can report on a socket (POLLERR, POLLHUP and POLLNVAL come unasked). */
const ALL_EVENTS =
  POLL.POLLIN | POLL.POLLPRI | POLL.POLLOUT | POLL.POLLRDNORM | POLL.POLLRDBAND | POLL.POLLWRNORM | POLL.POLLWRBAND | POLL.POLLRDHUP;

export function toAddress(sa: SockAddr | null, family: Family): Address {
  return sa ? [sa.host, sa.port] : [anyAddress(family), 0];
}

/** Runs a non-blocking call: its result, or undefined for EAGAIN (the caller waits and tries again). */
export function unlessWouldBlock<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch (error) {
    if (errnoOf(error) === "EAGAIN") return undefined;
    throw error;
  }
}

/**
 * A Lab socket that is a kernel socket: every answer (bind conflicts,
 * options, errors, readiness) is the kernel's. The fd is always
 * non-blocking; the blocking modes are Python's, built on the Lab's Blocker
 * and woken by the monitor's edges.
 */
export abstract class KernelSocket extends LabSocket {
  protected readonly kfd: number;

  constructor(
    host: SocketHost,
    family: Family,
    type: SocketType,
    protected readonly monitor: KernelMonitor,
    /** An fd the kernel already made (accept), else a new socket. */
    kfd?: number,
  ) {
    super(host, family);
    this.kfd = kfd ?? k.socket(AF[family], SOCK[type]);
    this.prepare();
    monitor.add(this.kfd, () => this.onKernelEvent());
    this.revents = this.computeRevents();
  }

  /** Options the engine itself needs, set before anything can arrive. */
  protected prepare(): void {}

  /** The monitor saw an edge: something arrived, left, or changed state. */
  protected onKernelEvent(): void {
    this.changed();
  }

  /** What poll(2) is asked about this socket. */
  get pollRequest(): { fd: number; events: number } {
    return { fd: this.kfd, events: ALL_EVENTS };
  }

  /** The kernel's revents now (one poll over many sockets): a change the monitor has not reported yet is handled at once. */
  absorb(revents: number): void {
    if (!this.closed && revents !== this.revents) this.onKernelEvent();
  }

  protected sockaddr(host: string, port: number): SockAddr {
    return k.sockaddr(AF[this.family], host, port);
  }

  protected async resolve(address: Address): Promise<SockAddr> {
    return this.sockaddr(await resolveHost(address[0], this.family), address[1]);
  }

  async bind(address: Address): Promise<void> {
    this.assertOpen();
    const sa = await this.resolve(address);
    this.assertOpen();
    try {
      k.bind(this.kfd, sa);
    } finally {
      this.namesMayHaveChanged();
    }
    this.changed();
  }

  /**
   * After a call that can change the socket's names or buffer sizes, before
   * the state event it schedules reads them: a socket that keeps them
   * between calls (UDP) forgets them here.
   */
  protected namesMayHaveChanged(): void {}

  getsockname(): Address {
    this.assertOpen();
    return toAddress(k.getsockname(this.kfd), this.family);
  }

  getpeername(): Address {
    this.assertOpen();
    return toAddress(k.getpeername(this.kfd), this.family);
  }

  /** The peer, or null when not connected (for snapshots and the log). */
  protected peer(): Address | null {
    try {
      return toAddress(k.getpeername(this.kfd), this.family);
    } catch {
      return null;
    }
  }

  /** The local address once bound (port ≠ 0), else null. */
  protected localAddress(): Address | null {
    const sa = k.getsockname(this.kfd);
    return sa && sa.port !== 0 ? [sa.host, sa.port] : null;
  }

  setsockopt(level: SockoptLevel, name: SockoptName, value: OptionValue): void {
    this.assertOpen();
    try {
      setKernelOption(this.kfd, level, name, value);
    } finally {
      this.namesMayHaveChanged();
    }
    this.changed();
  }

  getsockopt(level: SockoptLevel, name: SockoptName): OptionValue {
    this.assertOpen();
    const value = getKernelOption(this.kfd, level, name);
    // Reading SO_ERROR clears it, and with it POLLERR.
    if (name === "SO_ERROR") this.changed();
    return value;
  }

  shutdown(how: 0 | 1 | 2): void {
    this.assertOpen();
    k.shutdown(this.kfd, how);
    this.afterShutdown(how);
    this.changed();
  }

  protected afterShutdown(_how: 0 | 1 | 2): void {}

  protected computeRevents(): number {
    return k.pollSync([{ fd: this.kfd, events: ALL_EVENTS }], 0)[0] ?? 0;
  }

  protected bufferSize(name: "SO_RCVBUF" | "SO_SNDBUF"): number {
    return Number(getKernelOption(this.kfd, "SOL_SOCKET", name));
  }

  protected release(): void {
    this.monitor.remove(this.kfd);
    k.close(this.kfd);
  }
}
