import { fileURLToPath } from "node:url";
import type { CommandInput, CommandName, CommandResult, Reply } from "../../src/shared/contract";
import type { LabErrorInfo } from "../../src/shared/errors";
import type { LabEvent } from "../../src/shared/events";
import type { RunResult } from "../../src/main/scenario/runner";
import { JsonLinesProcess } from "./json-lines";
import { spawnIn, type LanHost } from "./netns";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const AGENT = fileURLToPath(new URL("./lab-agent.ts", import.meta.url));
const RECEIVER = fileURLToPath(new URL("./py-receiver.py", import.meta.url));

/** Node and tsx start in well under this; a loaded CI machine gets slack. */
const START_TIMEOUT_MS = 10_000;
/** Default deadline for one command; blocking calls in the tests use shorter socket timeouts. */
const CALL_TIMEOUT_MS = 5_000;

type AgentLine = { ready: true; pid: number } | { id: number; reply: Reply } | { event: LabEvent };

/** A failed command, with Python's exception type and errno (like the Lab's LabError). */
export class AgentCallError extends Error {
  constructor(
    readonly command: string,
    readonly info: LabErrorInfo,
  ) {
    super(`${command} failed: ${info.type}${info.errno ? ` [${info.errno}]` : ""}: ${info.message}`);
  }
}

/** A Lab running in a host of the LAN, driven through the contract. */
export class LabAgent extends JsonLinesProcess<AgentLine> {
  readonly events: LabEvent[] = [];
  private nextId = 1;

  private constructor(readonly host: LanHost) {
    super(`Lab agent in host ${host.name} (${host.netns})`, spawnIn(host.netns, process.execPath, ["--import", "tsx", AGENT], { cwd: REPO }));
  }

  static async start(host: LanHost): Promise<LabAgent> {
    const agent = new LabAgent(host);
    try {
      await agent.waitFor("its ready line", (l) => "ready" in l, START_TIMEOUT_MS);
    } catch (err) {
      await agent.stop();
      throw err;
    }
    return agent;
  }

  protected override onLine(line: AgentLine): void {
    if ("event" in line) this.events.push(line.event);
  }

  /** Sends a command and waits for its reply (never throws on a Lab error: the Reply says). */
  async request(name: string, input: unknown, timeoutMs = CALL_TIMEOUT_MS): Promise<Reply> {
    const id = this.nextId++;
    const from = this.lines.length;
    this.write({ id, name, input });
    const line = await this.waitFor(`the reply to #${id} ${name} ${JSON.stringify(input)}`, (l): l is { id: number; reply: Reply } => "id" in l && l.id === id, timeoutMs, from);
    return line.reply;
  }

  /** A contract command; resolves with its result, rejects with AgentCallError. */
  async call<N extends CommandName>(name: N, input: CommandInput<N>, timeoutMs?: number): Promise<CommandResult<N>> {
    const reply = await this.request(name, input, timeoutMs);
    if (!reply.ok) throw new AgentCallError(`${this.host.name}: ${name}`, reply.error);
    return reply.result as CommandResult<N>;
  }

  /** The error a command fails with (fails the test if it succeeded). */
  async callError<N extends CommandName>(name: N, input: CommandInput<N>, timeoutMs?: number): Promise<LabErrorInfo> {
    const reply = await this.request(name, input, timeoutMs);
    if (reply.ok) throw new Error(`${this.host.name}: expected ${name} to fail, but it returned ${JSON.stringify(reply.result)}`);
    return reply.error;
  }

  /** Waits for a Lab event of this agent that matches (events already seen count). */
  async waitForEvent<T extends LabEvent>(what: string, match: (event: LabEvent) => event is T, timeoutMs?: number): Promise<T>;
  async waitForEvent(what: string, match: (event: LabEvent) => boolean, timeoutMs?: number): Promise<LabEvent>;
  async waitForEvent(what: string, match: (event: LabEvent) => boolean, timeoutMs = 3000): Promise<LabEvent> {
    const line = await this.waitFor(what, (l): l is { event: LabEvent } => "event" in l && match(l.event), timeoutMs);
    return line.event;
  }

  /** Runs a scenario file with the Lab's ScenarioRunner inside this host. */
  async runScenario(file: string, timeoutMs = 10_000): Promise<RunResult> {
    const reply = await this.request("agent.scenario", { file }, timeoutMs);
    if (!reply.ok) throw new AgentCallError(`${this.host.name}: scenario ${file}`, reply.error);
    return reply.result as RunResult;
  }

  /** A UDP socket with the options set, bound if `bind` is given: the usual preamble. */
  async udpSocket(options: { reuseaddr?: boolean; broadcast?: boolean; bind?: readonly [string, number] } = {}): Promise<number> {
    const { fd } = await this.call("socket", { family: "AF_INET", type: "SOCK_DGRAM" });
    if (options.reuseaddr) await this.call("setsockopt", { fd, level: "SOL_SOCKET", name: "SO_REUSEADDR", value: 1 });
    if (options.broadcast) await this.call("setsockopt", { fd, level: "SOL_SOCKET", name: "SO_BROADCAST", value: 1 });
    if (options.bind) await this.call("bind", { fd, address: options.bind });
    return fd;
  }

  /** recvfrom with a socket timeout, so a datagram that never comes is TimeoutError, not a hang. */
  async recvfromWithin(fd: number, seconds: number): Promise<{ text: string; from: readonly [string, number] | null }> {
    await this.call("settimeout", { fd, seconds });
    const { data, address } = await this.call("recvfrom", { fd, bufsize: 8192 }, seconds * 1000 + CALL_TIMEOUT_MS);
    return { text: Buffer.from(data.hex, "hex").toString("utf8"), from: address };
  }
}

type ReceiverLine = { ready: readonly [string, number] } | { got: string; from: readonly [string, number] };

/**
 * The tutorial's receiver in CPython (py-receiver.py): SO_REUSEADDR,
 * SO_BROADCAST, bind ('', port), optionally a multicast group, and b"ACK" back
 * to each sender by unicast. Every datagram it got is a line here.
 */
export class PythonReceiver extends JsonLinesProcess<ReceiverLine> {
  private constructor(
    readonly host: LanHost,
    args: readonly string[],
  ) {
    super(`Python receiver in host ${host.name} (${host.netns})`, spawnIn(host.netns, "python3", ["-u", RECEIVER, ...args]));
  }

  static async start(host: LanHost, port: number, group?: { group: string; iface: string }): Promise<PythonReceiver> {
    const receiver = new PythonReceiver(host, group ? [String(port), group.group, group.iface] : [String(port)]);
    try {
      await receiver.waitFor("its ready line", (l) => "ready" in l, START_TIMEOUT_MS);
    } catch (err) {
      await receiver.stop();
      throw err;
    }
    return receiver;
  }

  /** Datagrams received so far. */
  get received(): { got: string; from: readonly [string, number] }[] {
    return this.lines.filter((l): l is { got: string; from: readonly [string, number] } => "got" in l);
  }

  /** Waits until it has received a datagram with this payload from this sender. */
  async waitForDatagram(payload: string, from: readonly [string, number], timeoutMs = 3000): Promise<void> {
    await this.waitFor(
      `a datagram ${JSON.stringify(payload)} from ${from.join(":")}`,
      (l) => "got" in l && l.got === payload && l.from[0] === from[0] && l.from[1] === from[1],
      timeoutMs,
    );
  }
}
