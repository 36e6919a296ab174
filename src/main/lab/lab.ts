import { randomUUID } from "node:crypto";
import type { CommandArgs, CommandResult, LabCommandName } from "../../shared/contract";
import { KEYBOARD_INTERRUPT, LabError, osError } from "../../shared/errors";
import { msgMask } from "../../shared/msg-flags";
import type { Address, NetworkInterfaceInfo } from "../../shared/socket-model";
import { EventHub } from "./event-hub";
import { POLL_ALWAYS, POLL_FLAGS } from "../../shared/poll-flags";
import { FdTable } from "./fd-table";
import { PacketLog } from "./packet-log";
import { listInterfaces } from "./interfaces";
import { KernelSockets } from "./kernel-sockets";
import { kernelUdpStats } from "./kernel-stats";
import { SELECT_SETS } from "./readiness";
import { ReadinessWaiters } from "./readiness-waiters";
import { RepeatJobs } from "./repeat-jobs";
import { hexOf, toBytes } from "./to-bytes";
import { Watchers } from "./watchers";
import type { LabSocket, SocketHost } from "./lab-socket";
import { toLabErrorInfo } from "./node-errors";
import { chooseEngine, type EngineChoice } from "./engine/choose";
import type { Engine } from "./engine/engine";

/** `signal` ends a call that waits (its caller went away, or Ctrl+C); calls that never wait ignore it. */
type Handlers = { [N in LabCommandName]: (args: CommandArgs<N>, signal: AbortSignal | undefined) => Promise<CommandResult<N>> };

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** For calls whose Python result is None. */
async function nothing(work: unknown): Promise<null> {
  await work;
  return null;
}


/**
 * The Lab: every socket a person or a scenario opened, behind an fd table.
 * Plain Node; the Electron shell, the browser-mode host and the CLI all drive
 * it through `call`, with arguments already checked against the contract.
 * It serves the socket, readiness and log commands; scenario sessions, the
 * lessons and the exporter are composed above it (bridge/lab-service.ts).
 */
export class Lab {
  /** Names this Lab (this process's life of it): a page keys what it keeps across a reload by it. */
  readonly instance = randomUUID();
  readonly events = new EventHub();
  readonly engine: Engine;
  /** Why the Lab runs the portable engine though the kernel one was wanted ("auto"), or null. */
  readonly engineFallback: string | null;
  private readonly fds = new FdTable<LabSocket>();
  private readonly readiness = new ReadinessWaiters();
  private readonly packets = new PacketLog();
  private readonly kernelSockets = new KernelSockets();
  private readonly jobs = new RepeatJobs((body) => this.events.emit(body));
  private readonly watchers = new Watchers(
    (body) => this.events.emit(body),
    (fd) => this.fds.get(fd)?.revents,
  );
  private readonly host: SocketHost = {
    emit: (body) => void this.events.emit(body),
    emitData: (body, payload) => {
      const seq = this.events.emit(body);
      this.packets.add(seq, payload);
      return seq;
    },
    register: (sock) => this.register(sock),
    closeFd: (fd) => this.closeFd(fd),
    now: () => this.events.now(),
    observed: () => this.events.observed,
    interfaces: () => this.interfaces(),
    readinessChanged: (sock) => {
      this.watchers.update(sock.fd);
      this.readiness.notify(sock.fd);
    },
  };

  private readonly handlers: Handlers = {
    socket: async ({ family, type }) => {
      return { fd: this.register(this.engine.socket(this.host, family, type)).fd };
    },
    bind: ({ fd, address }) => nothing(this.sock(fd).bind(address)),
    listen: ({ fd, backlog }) => nothing(this.sock(fd).listen(backlog)),
    accept: async ({ fd }, signal) => {
      const conn = await this.sock(fd).accept(signal);
      return { fd: conn.fd, address: conn.getpeername() };
    },
    connect: ({ fd, address }, signal) => nothing(this.sock(fd).connect(address, signal)),
    connect_ex: ({ fd, address }, signal) => this.sock(fd).connectEx(address, signal),
    send: ({ fd, data, flags }, signal) => this.sock(fd).send(toBytes(data), msgMask(flags), signal),
    sendall: ({ fd, data }, signal) => nothing(this.sock(fd).sendall(toBytes(data), signal)),
    sendto: ({ fd, data, address, flags }, signal) => this.sock(fd).sendto(toBytes(data), address, msgMask(flags), signal),
    recv: ({ fd, bufsize, flags }, signal) => this.sock(fd).recv(bufsize, msgMask(flags), signal).then((bytes) => ({ hex: hexOf(bytes) })),
    recvfrom: async ({ fd, bufsize, flags }, signal) => {
      const [data, address] = await this.sock(fd).recvfrom(bufsize, msgMask(flags), signal);
      return { data: { hex: hexOf(data) }, address };
    },
    shutdown: async ({ fd, how }) => nothing(this.sock(fd).shutdown(how)),
    close: async ({ fd }) => {
      if (!this.fds.get(fd)) throw new LabError(osError("EBADF"));
      this.closeFd(fd);
      return null;
    },
    settimeout: async ({ fd, seconds }) => nothing(this.sock(fd).settimeout(seconds)),
    setblocking: async ({ fd, flag }) => nothing(this.sock(fd).settimeout(flag ? null : 0)),
    setsockopt: async ({ fd, level, name, value }) => nothing(this.sock(fd).setsockopt(level, name, value)),
    getsockopt: async ({ fd, level, name }) => this.sock(fd).getsockopt(level, name),
    getsockname: async ({ fd }) => this.sock(fd).getsockname(),
    getpeername: async ({ fd }) => this.sock(fd).getpeername(),
    auto: async ({ fd, ...modes }) => {
      const defined = Object.fromEntries(Object.entries(modes).filter(([, v]) => v !== undefined));
      this.sock(fd).setAuto(defined);
      return null;
    },
    idle_close: async ({ fd, seconds }) => nothing(this.sock(fd).setIdleClose(seconds)),
    poll: ({ fds, timeout }, signal) => {
      this.engine.syncReadiness(this.socketsOf(fds.map(([fd]) => fd)));
      const ready = (): [number, number][] => {
        const out: [number, number][] = [];
        for (const [fd, events] of fds) {
          // A closed or never-opened fd is POLLNVAL, whatever was asked.
          const revents = (this.fds.get(fd)?.revents ?? POLL_FLAGS.POLLNVAL) & (events | POLL_ALWAYS);
          if (revents !== 0) out.push([fd, revents]);
        }
        return out;
      };
      return this.readiness.wait(
        fds.map(([fd]) => fd),
        () => nonEmpty(ready()),
        timeout,
        () => [],
        signal,
      );
    },
    select: ({ r, w, x, timeout }, signal) => {
      this.engine.syncReadiness([...r, ...w, ...x].map((fd) => this.sock(fd)));
      const ready = (): [number[], number[], number[]] => {
        const pick = (list: readonly number[], set: number) => list.filter((fd) => ((this.fds.get(fd)?.revents ?? 0) & set) !== 0);
        return [pick(r, SELECT_SETS.r), pick(w, SELECT_SETS.w), pick(x, SELECT_SETS.x)];
      };
      const any = (sets: [number[], number[], number[]]) => (sets.some((s) => s.length > 0) ? sets : undefined);
      return this.readiness.wait([...r, ...w, ...x], () => any(ready()), timeout === null ? null : timeout * 1000, () => [[], [], []], signal);
    },
    send_frame: ({ fd, data, framing }, signal) => nothing(this.sock(fd).sendFrame(framing, toBytes(data), signal)),
    recv_frame: async ({ fd, framing }, signal) => {
      const frame = await this.sock(fd).recvFrame(framing, signal);
      return frame === null ? null : { hex: hexOf(frame) };
    },
    watch: async ({ fds }) => ({ watcher: this.watchers.add(fds) }),
    unwatch: async ({ watcher }) => {
      if (!this.watchers.remove(watcher)) throw new LabError(osError("EINVAL", `no watcher ${watcher}`));
      return null;
    },
    repeat: async ({ fd, data, address, count, interval_ms }) => {
      const sock = this.sock(fd);
      const bytes = toBytes(data);
      const sendOnce = address ? () => sock.sendto(bytes, address, 0) : () => sock.send(bytes, 0);
      return { job: this.jobs.start(fd, count, interval_ms, sendOnce) };
    },
    cancel_job: async ({ job }) => {
      if (!this.jobs.cancel(job)) throw new LabError(osError("EINVAL", `no running job ${job}`));
      return null;
    },
    set_framing: async ({ fd, framing }) => nothing(this.sock(fd).setFraming(framing)),
    payload: async ({ seq }) => {
      const bytes = this.packets.get(seq);
      if (!bytes) throw new LabError(osError("EINVAL", `no payload for event ${seq}: not a data event, or pushed out of the packet log`));
      return { hex: hexOf(bytes) };
    },
    log_config: async (limits) => {
      this.packets.configure(Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)));
      return this.packets.stats();
    },
    interfaces: async () => listInterfaces(),
    kernel_udp_stats: async () => kernelUdpStats(),
    kernel_sockets: async () => this.kernelSockets.rows([...this.fds.values()].map((s) => s.snapshot())),
    join_group: async ({ fd, group, iface }) => nothing(this.sock(fd).membership("join", group, iface ?? undefined)),
    leave_group: async ({ fd, group, iface }) => nothing(this.sock(fd).membership("leave", group, iface ?? undefined)),
    multicast_interface: async ({ fd, iface }) => nothing(this.sock(fd).multicastInterface(iface)),
    interrupt: async ({ fd }) => {
      const sock = this.sock(fd);
      return { interrupted: sock.blocker.interrupt(KEYBOARD_INTERRUPT) + this.readiness.interrupt(fd, KEYBOARD_INTERRUPT) };
    },
    clock: async () => ({ now: this.events.now() }),
    snapshot: async () => ({ sockets: [...this.fds.values()].map((s) => s.snapshot()), seq: this.events.lastSeq, now: this.events.now(), instance: this.instance, engine: { name: this.engine.name, fallback: this.engineFallback } }),
  };

  constructor(options: { readonly engine?: EngineChoice } = {}) {
    const chosen = chooseEngine(options.engine);
    this.engine = chosen.engine;
    this.engineFallback = chosen.fallback;
  }

  /**
   * Runs one command. A failure is thrown as a LabError carrying Python's
   * exception type and errno, and is also logged as an error event. An
   * aborted `signal` ends a waiting call, which then takes nothing.
   */
  call<N extends LabCommandName>(name: N, args: CommandArgs<N>, signal?: AbortSignal): Promise<CommandResult<N>> {
    const handler: (args: CommandArgs<N>, signal: AbortSignal | undefined) => Promise<CommandResult<N>> = this.handlers[name];
    // Not an async function: every command passes here, and each await is one more turn of the microtask queue.
    let result: Promise<CommandResult<N>>;
    try {
      result = handler(args, signal);
    } catch (err) {
      return Promise.reject(this.failed(name, args, err));
    }
    return result.catch((err: unknown) => {
      throw this.failed(name, args, err);
    });
  }

  /** Logs a failed command as an error event and gives back the typed error to throw. */
  private failed<N extends LabCommandName>(name: N, args: CommandArgs<N>, err: unknown): LabError {
    const info = toLabErrorInfo(err);
    const fd = "fd" in args && typeof args.fd === "number" ? args.fd : -1;
    this.events.emit({ type: "error", fd, op: name, error: info });
    return err instanceof LabError ? err : new LabError(info);
  }

  /** Closes every socket, as a quitting process would; with a reason, says so in the log first. */
  closeAll(reason?: string): void {
    this.jobs.cancelAll();
    if (reason && this.fds.size > 0) this.events.emit({ type: "policy", fd: -1, policy: "close-all", detail: `${reason}: ${this.fds.size} socket(s)` });
    for (const sock of [...this.fds.values()]) this.closeFd(sock.fd);
  }

  /**
   * Ends what a departed caller started (watchers, repeats) quietly: those
   * it had already ended itself are no error worth logging.
   */
  release(started: { readonly watchers: Iterable<number>; readonly jobs: Iterable<number> }): void {
    for (const watcher of started.watchers) this.watchers.remove(watcher);
    for (const job of started.jobs) this.jobs.cancel(job);
  }

  private interfaceCache: { at: number; list: readonly NetworkInterfaceInfo[] } | null = null;

  /** Interfaces change rarely; re-read at most once a second, not per datagram. */
  private interfaces(): readonly NetworkInterfaceInfo[] {
    const now = Date.now();
    if (!this.interfaceCache || now - this.interfaceCache.at > 1000) this.interfaceCache = { at: now, list: listInterfaces() };
    return this.interfaceCache.list;
  }

  /** getsockname() of an open fd, for scenario references like "$srv.port". */
  socketAddress(fd: number): Address {
    return this.sock(fd).getsockname();
  }

  /** The seq of the latest event. */
  get lastSeq(): number {
    return this.events.lastSeq;
  }

  get socketCount(): number {
    return this.fds.size;
  }

  private closeFd(fd: number): void {
    const sock = this.fds.get(fd);
    if (!sock) return;
    this.fds.release(fd);
    this.kernelSockets.remember(sock.snapshot());
    sock.close();
    // The fd is stale now: its watchers see POLLNVAL, and pollers may wake.
    this.watchers.update(fd);
    this.readiness.notify(fd);
  }

  private register<S extends LabSocket>(sock: S): S {
    sock.fd = this.fds.allocate(sock);
    this.events.emit({ type: "created", fd: sock.fd, socket: sock.snapshot() });
    // A reused fd may be watched still (it was POLLNVAL until now).
    this.watchers.update(sock.fd);
    return sock;
  }

  /** The open sockets among `fds` (a closed fd is POLLNVAL, not an error, to poll). */
  private socketsOf(fds: readonly number[]): LabSocket[] {
    const out: LabSocket[] = [];
    for (const fd of fds) {
      const sock = this.fds.get(fd);
      if (sock) out.push(sock);
    }
    return out;
  }

  private sock(fd: number): LabSocket {
    const sock = this.fds.get(fd);
    if (!sock) throw new LabError(osError("EBADF"));
    return sock;
  }
}
