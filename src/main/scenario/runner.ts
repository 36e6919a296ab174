import { setTimeout as sleep } from "node:timers/promises";
import type { CommandArgs, CommandResult, LabCommandName } from "../../shared/contract";
import { abortReason, errnoName, LabError, osError } from "../../shared/errors";
import { LOCAL_HOST } from "../../shared/hosts";
import { pollMask, POLL_FLAGS } from "../../shared/poll-flags";
import { fromVariable, namesHosts, resolveAddress, resolveValueReferences, stepHost, type Scenario, type Step, type TranscriptLine } from "../../shared/scenario";
import { referencesIn, type Reference } from "../../shared/scenario/references";
import { expectationHolds } from "../../shared/scenario/expect";
import { shutHow, type Address } from "../../shared/socket-model";
import { toLabErrorInfo } from "../lab/node-errors";
import type { HostPorts, LabPort } from "./lab-port";

/** A scenario name: the host its socket lives on, the fd it had there, and whether the program closed it. */
interface Named {
  readonly host: string;
  readonly fd: number;
  closed: boolean;
}


export interface RunResult {
  readonly lines: TranscriptLine[];
  /** Every expectation held. */
  readonly ok: boolean;
  /** The run was stopped (its signal aborted, e.g. a host was lost) before every step had run. */
  readonly stopped?: true;
}

/**
 * Runs a scenario step by step in a Lab and writes its transcript, line for
 * line what the exported Python program prints (see shared/scenario/transcript.ts
 * for the conventions). Names behave like Python socket objects: once closed
 * (or never created because their step failed) every call on them is EBADF
 * without reaching the Lab, whose fd may already belong to a newer socket.
 *
 * A multi-host scenario's steps run on the Lab of their `host` (`hosts`, by
 * name; left out, the local `lab`). Names are global: "$r.port" reads the
 * address of socket r on whichever host it lives.
 */
export class ScenarioRunner {
  private readonly names = new Map<string, Named>();
  /** The caller's signal for the step under way: the player's page may go, or press Ctrl+C, mid-step. */
  private signal: AbortSignal | undefined;
  /** The step under way's Lab. */
  private port: LabPort;
  /** Addresses of the sockets the step under way refers to, read before it needs them (an agent's take a round trip). */
  private readonly addresses = new Map<string, { address: Address } | { error: unknown }>();
  /** By socket name, the address its last recvfrom returned: what "$name.from" reads (the exported program's name_from). */
  private readonly froms = new Map<string, Address | null>();

  constructor(
    private readonly lab: LabPort,
    private readonly hosts: HostPorts = new Map(),
  ) {
    this.port = lab;
  }

  /** Runs one step (numbered from 1), as `run` does for each: the player steps through a lesson with it. */
  step(number: number, step: Step, signal?: AbortSignal): Promise<TranscriptLine> {
    this.signal = signal;
    return this.runStep(number, step, step.host !== undefined).finally(() => (this.signal = undefined));
  }

  /** The fd behind a name while its socket is open, else null. */
  fdOf(name: string): number | null {
    const named = this.names.get(name);
    return named && !named.closed ? named.fd : null;
  }

  /** Closes every socket this run opened that is still open (a lesson's reset). */
  async closeAll(): Promise<void> {
    for (const named of this.names.values()) {
      if (named.closed) continue;
      named.closed = true;
      const port = this.portOf(named.host);
      await port?.call("close", { fd: named.fd }).catch(() => {});
    }
  }

  /**
   * Runs every step. When `signal` aborts (a host was lost), the step under
   * way ends with the signal's reason and no further step runs.
   */
  async run(scenario: Scenario, onLine?: (line: TranscriptLine) => void, signal?: AbortSignal): Promise<RunResult> {
    const lines: TranscriptLine[] = [];
    const withHost = namesHosts(scenario.steps);
    let ok = true;
    this.signal = signal;
    try {
      for (const [index, step] of scenario.steps.entries()) {
        if (signal?.aborted) return { lines, ok: false, stopped: true };
        const line = await this.runStep(index + 1, step, withHost);
        if (line.expect_failed) ok = false;
        lines.push(line);
        onLine?.(line);
      }
    } finally {
      this.signal = undefined;
    }
    return signal?.aborted ? { lines, ok: false, stopped: true } : { lines, ok };
  }

  private async runStep(number: number, step: Step, withHost: boolean): Promise<TranscriptLine> {
    const host = stepHost(step);
    const head = withHost ? { step: number, host, op: step.op } : { step: number, op: step.op };
    let line: TranscriptLine;
    try {
      const port = this.portOf(host);
      if (!port) throw new LabError(osError("EINVAL", `no Lab for host "${host}": give it with --host ${host}=PAIRING_URL`));
      this.port = port;
      line = { ...head, ok: true, value: await this.execute(step) };
    } catch (err) {
      // A step cut short by the signal (its own Lab's call may have ended otherwise, or a sleep) reports the signal's reason.
      const info = this.signal?.aborted ? abortReason(this.signal) : toLabErrorInfo(err);
      if (step.op === "socket" || step.op === "accept") this.names.set(step.as, { host, fd: -1, closed: true });
      line = { ...head, ok: false, error: { type: info.type, errno: info.errno } };
    } finally {
      this.port = this.lab;
    }
    return step.expect ? this.check(line, step.expect) : line;
  }

  private portOf(host: string): LabPort | undefined {
    return host === LOCAL_HOST ? this.lab : this.hosts.get(host);
  }

  private async check(line: TranscriptLine, expect: NonNullable<Step["expect"]>): Promise<TranscriptLine> {
    if ("value" in expect) await this.readAddresses(referencesIn(expect.value));
    const expected = "error" in expect ? expect : { value: resolveValueReferences(expect.value, (ref) => this.addressIfKnown(ref)) };
    return expectationHolds(expected, line) ? line : { ...line, expect_failed: true, expected };
  }

  private async execute(step: Step): Promise<unknown> {
    if ("address" in step) await this.readAddresses(referencesIn(step.address));
    switch (step.op) {
      case "socket": {
        const { fd } = await this.call("socket", { family: step.family, type: step.type });
        this.names.set(step.as, { host: stepHost(step), fd, closed: false });
        return null;
      }
      case "bind":
        return this.call("bind", { fd: this.fd(step.sock), address: this.address(step.address) });
      case "listen":
        return this.call("listen", { fd: this.fd(step.sock), backlog: step.backlog ?? 128 });
      case "accept": {
        const { fd, address } = await this.call("accept", { fd: this.fd(step.sock) });
        this.names.set(step.as, { host: stepHost(step), fd, closed: false });
        return [step.as, address];
      }
      case "connect":
        return this.call("connect", { fd: this.fd(step.sock), address: this.address(step.address) });
      case "connect_ex": {
        // connect_ex reports every OSError as its errno, EBADF of a closed socket object included.
        if (this.names.get(step.sock)?.closed !== false) return "EBADF";
        const code = await this.call("connect_ex", { fd: this.fd(step.sock), address: this.address(step.address) });
        return code === 0 ? 0 : (errnoName(code) ?? code);
      }
      case "send":
        return this.call("send", { fd: this.fd(step.sock), data: step.data, flags: step.flags });
      case "sendall":
        return this.call("sendall", { fd: this.fd(step.sock), data: step.data });
      case "sendto":
        return this.call("sendto", { fd: this.fd(step.sock), data: step.data, address: this.address(step.address), flags: step.flags });
      case "recv":
        // CPython answers recv(0) without a system call, even on a closed socket object.
        if (step.bufsize === 0) return { hex: "" };
        return this.call("recv", { fd: this.fd(step.sock), bufsize: step.bufsize, flags: step.flags });
      case "recvfrom": {
        const { data, address } = await this.call("recvfrom", { fd: this.fd(step.sock), bufsize: step.bufsize, flags: step.flags });
        this.froms.set(step.sock, address);
        return [data, address];
      }
      case "shutdown":
        return this.call("shutdown", { fd: this.fd(step.sock), how: shutHow(step.how) });
      case "close": {
        const named = this.names.get(step.sock);
        // Python's close() on an already-closed socket object does nothing.
        if (!named || named.closed) return null;
        named.closed = true;
        return this.call("close", { fd: named.fd });
      }
      case "settimeout":
        return this.call("settimeout", { fd: this.fd(step.sock), seconds: step.seconds });
      case "setblocking":
        return this.call("setblocking", { fd: this.fd(step.sock), flag: step.flag });
      case "setsockopt":
        return this.call("setsockopt", { fd: this.fd(step.sock), level: step.level, name: step.name, value: step.value });
      case "getsockopt": {
        const value = await this.call("getsockopt", { fd: this.fd(step.sock), level: step.level, name: step.name });
        if (step.name !== "SO_ERROR" || typeof value !== "number") return value;
        return value === 0 ? 0 : (errnoName(value) ?? value);
      }
      case "getsockname":
        return this.call("getsockname", { fd: this.fd(step.sock) });
      case "getpeername":
        return this.call("getpeername", { fd: this.fd(step.sock) });
      case "poll": {
        // A poll object holds one registration per fd: registering an fd again replaces its events,
        // and its result is named after the first name registered with it (as the exported program does).
        const byFd = new Map<number, { name: string; mask: number }>();
        for (const [name, flags] of step.register) {
          const fd = this.names.get(name)?.fd ?? -1;
          byFd.set(fd, { name: byFd.get(fd)?.name ?? name, mask: pollMask(flags) });
        }
        const fds = [...byFd.entries()].filter(([fd]) => fd >= 0).map(([fd, { mask }]) => [fd, mask] as [number, number]);
        const ready = new Map(await this.call("poll", { fds, timeout: step.timeout }));
        return [...byFd.entries()].flatMap(([fd, { name }]) => {
          const revents = fd < 0 ? POLL_FLAGS.POLLNVAL : ready.get(fd);
          return revents ? [[name, revents]] : [];
        });
      }
      case "select": {
        const fdOf = (name: string) => this.fd(name);
        const [r, w, x] = await this.call("select", { r: step.r.map(fdOf), w: step.w.map(fdOf), x: step.x.map(fdOf), timeout: step.timeout });
        const names = (list: readonly string[], ready: number[]) => list.filter((name) => ready.includes(this.fd(name)));
        return [names(step.r, r), names(step.w, w), names(step.x, x)];
      }
      case "sleep":
        await sleep(step.seconds * 1000, undefined, { signal: this.signal });
        return null;
      case "send_frame":
        return this.call("send_frame", { fd: this.fd(step.sock), data: step.data, framing: step.framing });
      case "recv_frame":
        return this.call("recv_frame", { fd: this.fd(step.sock), framing: step.framing });
    }
    // Every op has its case above: a new op of the scenario format does not compile until it runs here.
    const unknown: never = step;
    throw new Error(`no way to run step ${JSON.stringify(unknown)}`);
  }

  private call<N extends LabCommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult<N>> {
    return this.port.call(name, args, this.signal);
  }

  /**
   * Reads the bound address of each open socket the references name, on its
   * own host, so the synchronous resolvers below find it; a failure is kept
   * and thrown where the address is used, as the local Lab's would be.
   */
  private async readAddresses(refs: readonly Reference[]): Promise<void> {
    this.addresses.clear();
    for (const name of new Set(refs.filter((ref) => ref.field !== "from").map((ref) => ref.name))) {
      const named = this.names.get(name);
      const port = named && !named.closed ? this.portOf(named.host) : undefined;
      if (!named || !port) continue;
      try {
        this.addresses.set(name, { address: await port.socketAddress(named.fd) });
      } catch (error) {
        this.addresses.set(name, { error });
      }
    }
  }

  /** The fd behind a name; a closed socket object raises EBADF as Python's does. */
  private fd(name: string): number {
    const named = this.names.get(name);
    if (!named || named.closed) throw new LabError(osError("EBADF"));
    return named.fd;
  }

  private boundAddressOf(name: string): Address {
    const named = this.names.get(name);
    if (!named || named.closed) throw new LabError(osError("EBADF"));
    const read = this.addresses.get(name);
    if (!read) throw new LabError(osError("EBADF", `no address read for "${name}"`));
    if ("error" in read) throw read.error;
    return read.address;
  }

  /**
   * The address a reference reads. "$name.from" before any recvfrom on name
   * has returned is the exported program's NameError (its name_from was never
   * assigned); a stream socket's recvfrom returned None, which sendto refuses.
   */
  private addressOf(ref: Reference): Address {
    if (ref.field !== "from") return this.boundAddressOf(ref.name);
    const from = this.froms.get(ref.name);
    if (from === undefined) throw new LabError({ type: "NameError", errno: null, message: `name '${fromVariable(ref.name)}' is not defined` });
    if (from === null) throw new LabError({ type: "TypeError", errno: null, message: "a stream socket's recvfrom() returned no address" });
    return from;
  }

  /** For an expected value: what a reference reads, or null when it reads nothing now (the expectation then fails). */
  private addressIfKnown(ref: Reference): Address | null {
    try {
      return this.addressOf(ref);
    } catch {
      return null;
    }
  }

  private address(spec: Parameters<typeof resolveAddress>[0]): Address {
    return resolveAddress(spec, (ref) => this.addressOf(ref));
  }
}
