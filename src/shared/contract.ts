import { z } from "zod";
import { isHex, type HexBytes } from "./bytes";
import { invalidArgument, type LabErrorInfo } from "./errors";
import { framingSchema } from "./framing";
import { HOSTS_LIMITS, type HostsPoll, type HostStatus } from "./hosts";
import { SHARING_LIMITS, type SharingStatus } from "./sharing";
import { hostName, scenarioSchema, type Scenario } from "./scenario/schema";
import type { TranscriptLine } from "./scenario/transcript";
import { SOCKOPT_LEVEL_NAMES, SOCKOPT_NAMES } from "./scenario/sockopts";
import { MSG_FLAG_NAMES } from "./msg-flags";
import { discoveryCommandSchemas, type DiscoveryCommandResults } from "./discovery/contract";
import { FAMILIES, SOCKET_TYPES, type Address, type EngineName, type KernelSocketRow, type KernelUdpStats, type NetworkInterfaceInfo, type PacketLogStats, type SocketSnapshot } from "./socket-model";

/**
 * The one contract between the renderer and the Lab: every command's name,
 * input schema and result type. Electron IPC, the browser-mode WebSocket and
 * the CLI all dispatch through this table.
 */

const fd = z.number().int().min(0).max(1_000_000);
const port = z.number().int().min(0).max(65535);
const host = z.string().max(255);
const address = z.tuple([host, port]).readonly();
/** The most one call may send: far more than a socket buffer, and a bound on what a page can make the Lab hold. */
export const MAX_SEND_BYTES = 16 * 1024 * 1024;
const hexBytes = z.strictObject({
  hex: z
    .string()
    .max(2 * MAX_SEND_BYTES, `at most ${MAX_SEND_BYTES / 1024 / 1024} MiB per call`)
    .refine(isHex, "hex must be an even number of hex digits"),
});
// Text is bounded in UTF-16 units, each at most three bytes of UTF-8: still a bound.
const data = z.union([z.string().max(MAX_SEND_BYTES, `at most ${MAX_SEND_BYTES / 1024 / 1024} MiB per call`), hexBytes]);
const bufsize = z.number().int().min(0).max(16 * 1024 * 1024);
const seconds = z.number().min(0).max(86_400);
const optionValue = z.union([z.number().int(), z.tuple([z.number().int(), z.number().int().min(0)])]);

/** A Lab's instance id, as `snapshot` gives it (see CommandResults). */
export const labInstanceSchema = z.uuid();

/** How export_python writes the program: as the REPL session, or printing the lab's transcript. */
export const EXPORT_STYLES = ["repl", "transcript"] as const;
export type ExportStyle = (typeof EXPORT_STYLES)[number];

/** MSG_* flags of one call, by name (each at most once). */
const flags = z
  .array(z.enum(MSG_FLAG_NAMES))
  .max(MSG_FLAG_NAMES.length)
  .refine((list) => new Set(list).size === list.length, "each flag at most once")
  .optional();

export const commandSchemas = {
  socket: z.strictObject({
    family: z.enum(FAMILIES).default("AF_INET"),
    type: z.enum(SOCKET_TYPES).default("SOCK_STREAM"),
  }),
  bind: z.strictObject({ fd, address }),
  listen: z.strictObject({ fd, backlog: z.number().int().min(0).max(65535).default(128) }),
  accept: z.strictObject({ fd }),
  connect: z.strictObject({ fd, address }),
  connect_ex: z.strictObject({ fd, address }),
  send: z.strictObject({ fd, data, flags }),
  sendall: z.strictObject({ fd, data }),
  sendto: z.strictObject({ fd, data, address, flags }),
  recv: z.strictObject({ fd, bufsize, flags }),
  recvfrom: z.strictObject({ fd, bufsize, flags }),
  shutdown: z.strictObject({ fd, how: z.union([z.literal(0), z.literal(1), z.literal(2)]) }),
  close: z.strictObject({ fd }),
  settimeout: z.strictObject({ fd, seconds: seconds.nullable() }),
  setblocking: z.strictObject({ fd, flag: z.boolean() }),
  setsockopt: z.strictObject({ fd, level: z.enum(SOCKOPT_LEVEL_NAMES), name: z.enum(SOCKOPT_NAMES), value: optionValue }),
  getsockopt: z.strictObject({ fd, level: z.enum(SOCKOPT_LEVEL_NAMES), name: z.enum(SOCKOPT_NAMES) }),
  getsockname: z.strictObject({ fd }),
  getpeername: z.strictObject({ fd }),
  /** Interactive modes: accept and/or read automatically as things arrive. */
  auto: z.strictObject({
    fd,
    accept: z.boolean().optional(),
    recv: z.boolean().optional(),
    echo: z.boolean().optional(),
    reply: data.nullable().optional(),
  }),
  /** The idle-close policy (not Python's timeout): close after this many silent seconds; null turns it off. */
  idle_close: z.strictObject({ fd, seconds: seconds.positive().nullable() }),
  /** select.poll(): each fd with the events it was registered for; timeout in ms, null blocks. */
  poll: z.strictObject({
    fds: z.array(z.tuple([fd, z.number().int().min(0).max(0xffff)])).max(100_000),
    timeout: z.number().min(0).max(3_600_000).nullable(),
  }),
  /** select.select(r, w, x, timeout): timeout in seconds, null blocks. */
  select: z.strictObject({ r: z.array(fd).max(1024), w: z.array(fd).max(1024), x: z.array(fd).max(1024), timeout: seconds.nullable() }),
  send_frame: z.strictObject({ fd, data, framing: framingSchema }),
  recv_frame: z.strictObject({ fd, framing: framingSchema }),
  /** A persistent poll set (like epoll): every change of a watched fd's revents becomes a `readiness` event. */
  watch: z.strictObject({ fds: z.array(z.tuple([fd, z.number().int().min(0).max(0xffff)])).max(100_000) }),
  unwatch: z.strictObject({ watcher: z.number().int().min(1) }),
  /** send (or sendto, with an address) the same data `count` times, every `interval_ms`; progress as `job` events. */
  repeat: z.strictObject({
    fd,
    data,
    address: address.optional(),
    count: z.number().int().min(1).max(1_000_000),
    interval_ms: z.number().min(0).max(3_600_000),
  }),
  cancel_job: z.strictObject({ job: z.number().int().min(1) }),
  /** The framing the Lab decodes this connection's streams with, for frame events; null stops. */
  set_framing: z.strictObject({ fd, framing: framingSchema.nullable() }),
  /** The full bytes of a data event, by its seq, while the packet log still holds them. */
  payload: z.strictObject({ seq: z.number().int().min(1) }),
  /** Bounds of the packet log; returns its statistics (call with {} just to read them). */
  log_config: z.strictObject({
    maxEntries: z.number().int().min(1).max(10_000_000).optional(),
    maxBytes: z.number().int().min(1024).max(4 * 1024 * 1024 * 1024).optional(),
  }),
  /** This host's interfaces with computed broadcast addresses. */
  interfaces: z.strictObject({}),
  /** The host's UDP counters (RcvbufErrors: the kernel's drops), or null off Linux. */
  kernel_udp_stats: z.strictObject({}),
  /** The kernel's table of sockets on the ports the Lab uses, TIME_WAIT remnants included; null off Linux. */
  kernel_sockets: z.strictObject({}),
  /** Multicast membership (IP_ADD_MEMBERSHIP / IPV6_JOIN_GROUP) on a bound UDP socket. */
  join_group: z.strictObject({ fd, group: host, iface: host.nullable().optional() }),
  leave_group: z.strictObject({ fd, group: host, iface: host.nullable().optional() }),
  /** The interface multicast datagrams leave from (IP_MULTICAST_IF). */
  multicast_interface: z.strictObject({ fd, iface: host }),
  /** A scenario (e.g. one recorded in the UI) as a standard-library Python program. */
  /** style "repl" (default): the session as a person writes it; "transcript": the lab's NDJSON transcript program. */
  /** `host`: for a scenario whose steps name hosts, the program of that host (one per machine). */
  export_python: z.strictObject({ scenario: scenarioSchema, style: z.enum(EXPORT_STYLES).optional(), host: hostName.optional() }),
  /** The built-in lessons (one per tutorial section) with their scenarios. */
  lessons: z.strictObject({}),
  /** Starts stepping through a scenario on the Lab's own sockets (the lesson player). */
  scenario_open: z.strictObject({ scenario: scenarioSchema }),
  /** Runs the session's next step; null when none is left. */
  scenario_step: z.strictObject({ session: z.number().int().min(1) }),
  /** Closes every socket the session opened and ends it. */
  scenario_close: z.strictObject({ session: z.number().int().min(1) }),
  snapshot: z.strictObject({}),
  /** The Lab's clock, as its events' `t` read it: a console sets its agents' events on its own timeline by it. */
  clock: z.strictObject({}),
  /** Ctrl+C: every call blocked on this socket (recv, accept, poll() that watches it, …) ends with KeyboardInterrupt. */
  interrupt: z.strictObject({ fd }),
  /** Hosts (src/shared/hosts.ts): a console pairs with an agent by the URL it prints (or reconnects, once paired) and names it. */
  hosts_add: z.strictObject({ name: hostName, url: z.string().max(HOSTS_LIMITS.urlLength) }),
  hosts_remove: z.strictObject({ name: hostName }),
  /** Every host's status, and the console timeline's rows after `after`, waiting up to `wait_ms` for one. */
  hosts_poll: z.strictObject({ after: z.number().int().min(0), wait_ms: z.number().int().min(0).max(HOSTS_LIMITS.waitMs).optional() }),
  /** One command of a host's Lab (`local`: the console's own), its input checked against that command's schema; its result as that command's. */
  hosts_call: z.strictObject({ host: hostName, name: z.string().min(1).max(64), input: z.unknown() }),
  /** "Let a console drive this Lab" (src/shared/sharing.ts): serve it as an agent; port 0 picks a free one. */
  share_start: z.strictObject({ listen: host.optional(), port: port.optional(), name: z.string().min(1).max(SHARING_LIMITS.nameLength).optional() }),
  share_status: z.strictObject({}),
  share_stop: z.strictObject({}),
  /** Unpairs a console by its id, or every one with "all". */
  share_revoke: z.strictObject({ console: z.string().min(1).max(64) }),
  /** Discovery (src/shared/discovery/contract.ts): probe and listen for mDNS, SSDP, WS-Discovery, LLMNR, NetBIOS. */
  ...discoveryCommandSchemas,
} as const;

export type CommandName = keyof typeof commandSchemas;

/**
 * Commands served above the Lab, by the bridge that composes the full table:
 * scenario sessions, the lessons, the exporter, discovery, the hosts and sharing. The Lab itself
 * serves the rest: sockets, readiness, the log.
 */
export const COMPOSED_COMMANDS = ["export_python", "lessons", "scenario_open", "scenario_step", "scenario_close", "discover_start", "discover_poll", "discover_stop", "discover_scenario", "hosts_add", "hosts_remove", "hosts_poll", "hosts_call", "share_start", "share_status", "share_stop", "share_revoke"] as const satisfies readonly CommandName[];
export type ComposedCommandName = (typeof COMPOSED_COMMANDS)[number];
export type LabCommandName = Exclude<CommandName, ComposedCommandName>;
export const COMMAND_NAMES = Object.keys(commandSchemas) as readonly CommandName[];

/** What a caller writes (defaults may be left out). */
export type CommandInput<N extends CommandName> = z.input<(typeof commandSchemas)[N]>;
/** What the Lab receives after parsing (defaults filled in). */
export type CommandArgs<N extends CommandName> = z.output<(typeof commandSchemas)[N]>;

export interface CommandResults extends DiscoveryCommandResults {
  socket: { fd: number };
  bind: null;
  listen: null;
  accept: { fd: number; address: Address };
  connect: null;
  /** 0, or the errno number (111 for ECONNREFUSED), as C's connect returns it. */
  connect_ex: number;
  send: number;
  sendall: null;
  sendto: number;
  recv: HexBytes;
  /** The sender's address; null on a stream socket, as Python's recvfrom gives None. */
  recvfrom: { data: HexBytes; address: Address | null };
  shutdown: null;
  close: null;
  settimeout: null;
  setblocking: null;
  setsockopt: null;
  getsockopt: number | readonly [number, number];
  getsockname: Address;
  getpeername: Address;
  auto: null;
  idle_close: null;
  /** [fd, revents] for each ready fd, in registration order. */
  poll: [number, number][];
  select: [number[], number[], number[]];
  send_frame: null;
  /** The frame's payload, or null at a clean end of stream. */
  recv_frame: HexBytes | null;
  set_framing: null;
  payload: HexBytes;
  log_config: PacketLogStats;
  repeat: { job: number };
  cancel_job: null;
  interfaces: NetworkInterfaceInfo[];
  kernel_udp_stats: KernelUdpStats | null;
  kernel_sockets: { rows: KernelSocketRow[] } | null;
  join_group: null;
  leave_group: null;
  multicast_interface: null;
  watch: { watcher: number };
  unwatch: null;
  export_python: string;
  lessons: { name: string; file: string; title: { en: string; "zh-CN": string }; scenario: Scenario }[];
  scenario_open: { session: number; steps: number };
  /**
   * The step's transcript line and, for a socket or accept step that
   * succeeded, the socket it made: its fd, and the seq of the last event
   * before the step (all of that socket's events come after). Null after
   * the last step.
   */
  scenario_step: { line: TranscriptLine; created: { fd: number; since: number } | null } | null;
  scenario_close: null;
  /**
   * Every socket, the last event's seq, the Lab's clock (µs, the clock of
   * event `t`), and the Lab's instance id: a UUID made once per Lab, so a
   * page tells a reload (same Lab, its seqs and sockets still mean the same)
   * from a restarted Lab (new process, nothing it kept applies).
   */
  /** `engine`: what runs the sockets, and why "auto" fell back to the portable engine (null when it did not). */
  snapshot: { sockets: SocketSnapshot[]; seq: number; now: number; instance: string; engine: { name: EngineName; fallback: string | null } };
  /** Microseconds since the Lab started: the clock of every event's `t`. */
  clock: { now: number };
  /** How many blocked calls it ended. */
  interrupt: { interrupted: number };
  hosts_add: HostStatus;
  hosts_remove: null;
  hosts_poll: HostsPoll;
  /** The named command's own result (CommandResult<name>). */
  hosts_call: unknown;
  share_start: SharingStatus;
  /** Null while this Lab is not shared. */
  share_status: SharingStatus | null;
  share_stop: null;
  share_revoke: null;
}
export type CommandResult<N extends CommandName> = CommandResults[N];

export type Reply<T = unknown> = { readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: LabErrorInfo };

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === "string" && Object.hasOwn(commandSchemas, name);
}

export type Parsed<N extends CommandName> = { ok: true; args: CommandArgs<N> } | { ok: false; error: LabErrorInfo };

/** Validates one command's arguments; the error names the field at fault. */
export function parseCommand<N extends CommandName>(name: N, input: unknown): Parsed<N> {
  const result = commandSchemas[name].safeParse(input ?? {});
  if (result.success) return { ok: true, args: result.data as CommandArgs<N> };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${name}.${issue.path.join(".")}` : name;
  return { ok: false, error: invalidArgument(`${where}: ${issue?.message ?? "invalid input"}`) };
}
