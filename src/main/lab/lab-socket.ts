import { errnoNumber, isInterruption, LabError, osError } from "../../shared/errors";
import { encodeFrame, type FramingConfig } from "../../shared/framing";
import type { LabEventBody } from "../../shared/events";
import type { SockoptLevel, SockoptName } from "../../shared/scenario/sockopts";
import type { Address, AutoModes, BlockedCall, Family, NetworkInterfaceInfo, SocketSnapshot, SocketType } from "../../shared/socket-model";
import { Blocker } from "./blocking";
import type { OptionValue } from "./socket-options";
import { toBytes } from "./to-bytes";

/** What a socket needs from the Lab that owns it. */
export interface SocketHost {
  emit(body: LabEventBody): void;
  /** A data or frame event whose payload the Lab keeps in its packet log, fetched later by the event's seq; returns the seq. */
  emitData(body: Extract<LabEventBody, { type: "data" | "frame" }>, payload: Uint8Array): number;
  /** Gives a socket created by the kernel (an accepted connection) its own fd. */
  register<S extends LabSocket>(sock: S): S;
  /** Closes an fd on the Lab's own initiative (a policy), as if the program had. */
  closeFd(fd: number): void;
  /** Lab time in µs, the clock of every event. */
  now(): number;
  /** Whether anyone listens to events: state snapshots are made only for a listener. */
  observed(): boolean;
  /** This host's interfaces (cached briefly), to tell broadcast destinations from unicast ones. */
  interfaces(): readonly NetworkInterfaceInfo[];
  /** Wakes poll()/select() calls and updates watchers of this socket. */
  readinessChanged(sock: LabSocket): void;
}

/**
 * What every lab socket shares, whichever engine runs it: its Lab fd,
 * blocking mode and auto modes, and the BSD calls. A call that makes no
 * sense for a socket type fails as Linux fails it (EOPNOTSUPP).
 */
export abstract class LabSocket {
  abstract readonly type: SocketType;
  readonly blocker: Blocker;
  fd = -1;
  parent: number | null = null;
  /** Cached: recomputed when the socket changes, never per poll() call. */
  revents = 0;
  auto: AutoModes = { accept: false, recv: false, echo: false, reply: null };
  protected closed = false;

  constructor(
    protected readonly host: SocketHost,
    readonly family: Family,
  ) {
    // A call starting or ending its wait changes only what the UI shows, not readiness.
    this.blocker = new Blocker(() => this.scheduleStateEvent(), host.now);
  }

  abstract bind(address: Address): Promise<void>;
  // Calls that may wait take the caller's signal: aborting it ends the wait (see Blocker.run).
  abstract connect(address: Address, signal?: AbortSignal): Promise<void>;
  // `flags`: the call's MSG_* bits (shared/msg-flags), 0 for none.
  abstract send(data: Buffer, flags: number, signal?: AbortSignal): Promise<number>;
  abstract sendto(data: Buffer, address: Address, flags: number, signal?: AbortSignal): Promise<number>;
  abstract recv(bufsize: number, flags: number, signal?: AbortSignal): Promise<Buffer>;
  abstract recvfrom(bufsize: number, flags: number, signal?: AbortSignal): Promise<readonly [Buffer, Address | null]>;
  abstract shutdown(how: 0 | 1 | 2): void;
  abstract getsockname(): Address;
  abstract getpeername(): Address;
  abstract setsockopt(level: SockoptLevel, name: SockoptName, value: OptionValue): void;
  abstract getsockopt(level: SockoptLevel, name: SockoptName): OptionValue;
  abstract snapshot(): SocketSnapshot;
  /** This socket's revents, computed from its state (see readiness.ts). */
  protected abstract computeRevents(): number;
  /** Releases the real socket; the Lab has already freed the fd. */
  protected abstract release(): void;

  async listen(_backlog: number): Promise<void> {
    this.assertOpen();
    throw new LabError(osError("EOPNOTSUPP"));
  }

  async accept(_signal?: AbortSignal): Promise<LabSocket> {
    this.assertOpen();
    throw new LabError(osError("EOPNOTSUPP"));
  }

  /** Like connect, but an OS error comes back as its errno number (0 on success), as C's connect does. */
  async connectEx(address: Address, signal?: AbortSignal): Promise<number> {
    try {
      await this.connect(address, signal);
      return 0;
    } catch (err) {
      if (err instanceof LabError && err.info.errno && err.info.type !== "gaierror" && err.info.type !== "TimeoutError" && !isInterruption(err.info)) {
        return errnoNumber(err.info.errno);
      }
      throw err;
    }
  }

  /**
   * Python's sendall: sends everything, waiting for room as often as it
   * takes. Not all-or-nothing: a timeout, an error or an interruption
   * (KeyboardInterrupt, the caller gone) after some of the data has gone
   * leaves that part sent, and the error does not say how much, as in CPython.
   */
  async sendall(data: Buffer, signal?: AbortSignal): Promise<void> {
    let offset = 0;
    do offset += await this.send(data.subarray(offset), 0, signal);
    while (offset < data.length);
  }

  /**
   * The payload as one frame, through sendall. A payload that cannot be
   * framed (DELIMITER_IN_PAYLOAD, FRAME_TOO_LARGE) is refused before a byte
   * leaves; once sending has begun, a timeout, an error or an interruption
   * part-way leaves the part already sent on the stream, a partial frame for
   * the peer, as CPython's sendall of an encoded frame would.
   */
  async sendFrame(config: FramingConfig, payload: Buffer, signal?: AbortSignal): Promise<void> {
    this.assertOpen();
    await this.sendall(Buffer.from(encodeFrame(config, payload)), signal);
  }

  /** One frame's payload, or null at a clean end of stream. */
  async recvFrame(_config: FramingConfig, _signal?: AbortSignal): Promise<Buffer | null> {
    this.assertOpen();
    throw new LabError(osError("EOPNOTSUPP", "framing applies to stream sockets"));
  }

  /** Joins or leaves a multicast group; only UDP sockets can. */
  membership(_action: "join" | "leave", _group: string, _iface?: string): void {
    this.assertOpen();
    throw new LabError(osError("EOPNOTSUPP", "multicast needs a UDP socket"));
  }

  multicastInterface(_iface: string): void {
    this.assertOpen();
    throw new LabError(osError("EOPNOTSUPP", "multicast needs a UDP socket"));
  }

  /** Decodes this connection's streams with `config` for frame events (stream sockets only). */
  setFraming(_config: FramingConfig | null): void {
    this.assertOpen();
    throw new LabError(osError("EOPNOTSUPP", "framing applies to stream sockets"));
  }

  settimeout(seconds: number | null): void {
    this.assertOpen();
    this.blocker.timeout = seconds;
    this.changed();
  }

  /**
   * A connection accepted on `parent` keeps the Lab's modes of its listener,
   * bar auto-accept. Not its timeout: CPython's accept() returns a blocking
   * socket (timeout None) whatever the listener's, unless a default timeout
   * is set (socket.py: `if getdefaulttimeout() is None and self.gettimeout():
   * sock.setblocking(True)`).
   */
  protected inheritFrom(parent: LabSocket): void {
    this.parent = parent.fd;
    this.auto = { ...parent.auto, accept: false };
  }

  /** The Lab's idle-close policy; only TCP connections have one. */
  setIdleClose(_seconds: number | null): void {
    this.assertOpen();
    throw new LabError(osError("EOPNOTSUPP", "idle-close applies to TCP connections"));
  }

  setAuto(modes: Partial<AutoModes>): void {
    this.auto = { ...this.auto, ...modes };
    this.changed();
  }

  /** Echo and auto-reply consume what arrives, as auto-recv does. */
  protected get consumesArrivals(): boolean {
    return this.auto.recv || this.auto.echo || this.auto.reply !== null;
  }

  /** What echo or auto-reply sends back for `arrived`, or null. */
  protected answerTo(arrived: Buffer): Buffer | null {
    if (this.auto.echo) return arrived;
    return this.auto.reply === null ? null : toBytes(this.auto.reply);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.release();
    this.blocker.wake();
    this.host.emit({ type: "closed", fd: this.fd });
  }

  protected assertOpen(): void {
    if (this.closed) throw new LabError(osError("EBADF"));
  }

  protected blockedCall(): BlockedCall | null {
    return this.blocker.current;
  }

  private stateEventPending = false;

  /**
   * Recomputes readiness, wakes any call blocked on this socket or in poll(),
   * and tells the renderer. The state event is sent once per turn of the
   * event loop however often the socket changed in it: a snapshot per packet
   * would cost more than the packet.
   */
  protected changed(): void {
    const before = this.revents;
    this.revents = this.closed ? 0 : this.computeRevents();
    this.blocker.wake();
    if (this.revents !== before || this.closed) this.host.readinessChanged(this);
    this.scheduleStateEvent();
  }

  private scheduleStateEvent(): void {
    // A late listener starts from `snapshot`, so state events nobody hears need not be made.
    if (this.stateEventPending || !this.host.observed()) return;
    this.stateEventPending = true;
    queueMicrotask(() => {
      this.stateEventPending = false;
      if (this.fd >= 0 && !this.closed) this.host.emit({ type: "state", fd: this.fd, socket: this.snapshot() });
    });
  }
}
