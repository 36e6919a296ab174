import { isInterruption } from "../../shared/errors";
import type { CommandInput, CommandName } from "../../shared/contract";
import type { MsgFlagName } from "../../shared/msg-flags";
import { pollFlagNames } from "../../shared/poll-flags";
import { stepSchema, type Step } from "../../shared/scenario";
import type { AddressSpec, PortRef } from "../../shared/scenario";
import { SHUT_NAMES, type Address, type SocketSnapshot, type SocketType } from "../../shared/socket-model";
import type { Answered, AnsweredCall, Call } from "../api/calls";

/** The Python variable a lab socket stands for, in the console and in recorded scenarios: fd 5 → s5. */
export const socketName = (fd: number): string => `s${fd}`;

/** fds whose current socket a recorded `socket` or `accept` step has named, with the type that step gave it. */
export type Named = ReadonlyMap<number, SocketType>;

/** By fd, the address a recorded recvfrom on its datagram socket returned last: what "$sN.from" stands for. */
export type Froms = ReadonlyMap<number, Address>;

export interface Naming {
  readonly named: Named;
  readonly froms: Froms;
  /** The Lab's sockets, for what the recording cannot know: which listener accepted a connection, who is bound where. */
  readonly sockets: ReadonlyMap<number, SocketSnapshot>;
}

export interface Recorded {
  readonly steps: readonly Step[];
  readonly named: Named;
  readonly froms: Froms;
  /** A call that took effect but that the recording cannot hold (no step for it, or its input beyond the format's bounds), else null. */
  readonly left: CommandName | null;
}

/** A call's flags, in the step only when it had some (a step without flags reads as before). */
function withFlags(flags: readonly MsgFlagName[] | undefined): { flags?: MsgFlagName[] } {
  return flags?.length ? { flags: [...flags] } : {};
}

const addressStep = ([host, port]: readonly [string, number]): [string, number] => [host, port];

/** The scenario step a call of command N is, from its input alone. */
type StepMaker<N extends CommandName> = (input: CommandInput<N>) => Step;

/** One entry per command: its step, or null. */
export type StepTable = { [N in CommandName]: StepMaker<N> | null };

/**
 * The scenario step each command is, from its input alone (a new socket's
 * name comes with the result, so `as` is a placeholder): the console prints
 * it with the exporter's step printer, and the recording keeps it. Null for
 * a command that is no one-line Python call. Every command of the contract
 * has an entry, so a new one does not compile until it says which it is.
 */
const COMMAND_STEPS = {
  socket: (input) => ({ op: "socket", as: "_", family: input.family ?? "AF_INET", type: input.type ?? "SOCK_STREAM" }),
  bind: ({ fd, address }) => ({ op: "bind", sock: socketName(fd), address: addressStep(address) }),
  listen: ({ fd, backlog }) => ({ op: "listen", sock: socketName(fd), ...(backlog === undefined ? {} : { backlog }) }),
  accept: ({ fd }) => ({ op: "accept", sock: socketName(fd), as: "_" }),
  connect: ({ fd, address }) => ({ op: "connect", sock: socketName(fd), address: addressStep(address) }),
  connect_ex: ({ fd, address }) => ({ op: "connect_ex", sock: socketName(fd), address: addressStep(address) }),
  send: ({ fd, data, flags }) => ({ op: "send", sock: socketName(fd), data, ...withFlags(flags) }),
  sendall: ({ fd, data }) => ({ op: "sendall", sock: socketName(fd), data }),
  sendto: ({ fd, data, address, flags }) => ({ op: "sendto", sock: socketName(fd), data, address: addressStep(address), ...withFlags(flags) }),
  recv: ({ fd, bufsize, flags }) => ({ op: "recv", sock: socketName(fd), bufsize, ...withFlags(flags) }),
  recvfrom: ({ fd, bufsize, flags }) => ({ op: "recvfrom", sock: socketName(fd), bufsize, ...withFlags(flags) }),
  shutdown: ({ fd, how }) => ({ op: "shutdown", sock: socketName(fd), how: SHUT_NAMES[how] }),
  close: ({ fd }) => ({ op: "close", sock: socketName(fd) }),
  settimeout: ({ fd, seconds }) => ({ op: "settimeout", sock: socketName(fd), seconds }),
  setblocking: ({ fd, flag }) => ({ op: "setblocking", sock: socketName(fd), flag }),
  setsockopt: ({ fd, level, name, value }) => ({ op: "setsockopt", sock: socketName(fd), level, name, value }),
  getsockopt: ({ fd, level, name }) => ({ op: "getsockopt", sock: socketName(fd), level, name }),
  getsockname: ({ fd }) => ({ op: "getsockname", sock: socketName(fd) }),
  getpeername: ({ fd }) => ({ op: "getpeername", sock: socketName(fd) }),
  // Several lines each (p = select.poll(); p.register(…); …): the flags panel writes their line itself (features/flags/use-once.ts).
  poll: null,
  select: null,
  // The exported program's helpers, not socket methods; the framing view shows what they send and read.
  send_frame: null,
  recv_frame: null,
  // The Lab's own modes, policies, loops and multicast controls: Python has no such call.
  auto: null,
  idle_close: null,
  repeat: null,
  cancel_job: null,
  join_group: null,
  leave_group: null,
  multicast_interface: null,
  // The page's views and the Lab's own state: nothing a program does.
  watch: null,
  unwatch: null,
  set_framing: null,
  payload: null,
  log_config: null,
  interfaces: null,
  kernel_udp_stats: null,
  kernel_sockets: null,
  export_python: null,
  lessons: null,
  scenario_open: null,
  scenario_step: null,
  scenario_close: null,
  snapshot: null,
  clock: null,
  interrupt: null,
  // Discovery runs its own sockets for the Discovery view: no line of the person's program.
  discover_start: null,
  discover_poll: null,
  discover_stop: null,
  discover_scenario: null,
  // The hosts are the console's, not the Lab's: pairing and watching them is no line of a program.
  hosts_add: null,
  hosts_remove: null,
  hosts_poll: null,
  // Another host's socket is no line of this Lab's program (a multi-host scenario is written by hand, or run with --host).
  hosts_call: null,
  // Sharing opens a door to the Lab, not a socket of the program.
  share_start: null,
  share_status: null,
  share_stop: null,
  share_revoke: null,
} satisfies StepTable;

/** The table as the mapped type it satisfies, so a command's entry can be looked up by a generic name. */
const STEP_MAKERS: StepTable = COMMAND_STEPS;

/** Commands that are a one-line Python call: the console writes them as their step. */
export type PythonCommand = { [N in CommandName]: (typeof COMMAND_STEPS)[N] extends null ? never : N }[CommandName];

/** Whether a call is one of a PythonCommand, with its type narrowed to say so. */
export function isPythonCall<C extends Call<CommandName>>(call: C): call is Extract<C, { readonly name: PythonCommand }> {
  return STEP_MAKERS[call.name] !== null;
}

/**
 * The scenario step a command is, from its input alone (a new socket's name
 * comes with the result): the console prints it with the exporter's step
 * printer, and the recording keeps it. Null for what has no one-line REPL form.
 */
export function commandStep<N extends CommandName>(call: Call<N>): Step | null {
  const make = STEP_MAKERS[call.name];
  return make === null ? null : make(call.input);
}

/**
 * A port that belongs to a socket of this recording becomes `"$sN.port"`, so
 * the scenario still works when the OS picks other ports on the next run.
 */
function portOf([host, port]: Address, type: SocketType | undefined, naming: Naming): readonly [string, number | PortRef] {
  if (port === 0) return [host, port];
  const owners = [...naming.sockets.values()].filter((s) => naming.named.get(s.fd) === type && s.local?.[1] === port);
  const owner = owners.find((s) => s.state === "LISTEN") ?? owners[0];
  return [host, owner ? `$${socketName(owner.fd)}.port` : port];
}

/**
 * Where a datagram socket connects or sends: to the address its last
 * recvfrom returned, `"$sN.from"`, as the tutorial's `S.sendto("ACK", addr)`
 * answers whoever sent (a peer's port is the peer kernel's pick, and a
 * replay's will differ); else as portOf writes it.
 */
function destinationOf(fd: number, address: Address, naming: Naming): AddressSpec {
  const from = naming.froms.get(fd);
  if (from && from[0] === address[0] && from[1] === address[1] && naming.named.get(fd) === "SOCK_DGRAM") return `$${socketName(fd)}.from`;
  return portOf(address, naming.named.get(fd), naming);
}

/** The step's fields without `expect`, as the step schema takes them. */
type Fields = Record<string, unknown>;

/**
 * What the recording does with an answered call of command N:
 * - "step": keeps the command's own step (COMMAND_STEPS), as the console writes it;
 * - a function: the step's fields for this call, or null when the call made nothing to hold;
 * - "left": the call changes what sockets do, but scenario format v1 has no
 *   step for it, so it is left out and counted (a replay will differ);
 * - "none": it changes nothing a scenario holds (it reads the Lab's state or
 *   serves the page's views), so it is neither recorded nor counted.
 */
type Recorder<N extends CommandName> =
  | (N extends PythonCommand ? "step" : never)
  | ((call: Answered<N>, naming: Naming) => Fields | null)
  | "left"
  | "none";

/** One entry per command: what the recording does with it. */
export type RecorderTable = { [N in CommandName]: Recorder<N> };

const RECORDERS: RecorderTable = {
  // A failed socket() made nothing to name.
  socket: (call) => (call.reply.ok ? { ...COMMAND_STEPS.socket(call.input), as: socketName(call.reply.result.fd) } : null),
  // A failed accept names nothing; the name only has to be a valid identifier.
  accept: (call) => ({ ...COMMAND_STEPS.accept(call.input), as: call.reply.ok ? socketName(call.reply.result.fd) : `${socketName(call.input.fd)}_conn` }),
  bind: "step",
  listen: "step",
  connect: (call, naming) => ({ ...COMMAND_STEPS.connect(call.input), address: destinationOf(call.input.fd, call.input.address, naming) }),
  connect_ex: (call, naming) => ({ ...COMMAND_STEPS.connect_ex(call.input), address: destinationOf(call.input.fd, call.input.address, naming) }),
  send: "step",
  sendall: "step",
  sendto: (call, naming) => ({ ...COMMAND_STEPS.sendto(call.input), address: destinationOf(call.input.fd, call.input.address, naming) }),
  recv: "step",
  recvfrom: "step",
  shutdown: "step",
  close: "step",
  settimeout: "step",
  setblocking: "step",
  setsockopt: "step",
  getsockopt: "step",
  getsockname: "step",
  getpeername: "step",
  poll: ({ input }) => ({ op: "poll", register: input.fds.map(([fd, events]) => [socketName(fd), pollFlagNames(events)]), timeout: input.timeout }),
  select: ({ input: { r, w, x, timeout } }) => ({ op: "select", r: r.map(socketName), w: w.map(socketName), x: x.map(socketName), timeout }),
  send_frame: ({ input }) => ({ op: "send_frame", sock: socketName(input.fd), data: input.data, framing: input.framing }),
  recv_frame: ({ input }) => ({ op: "recv_frame", sock: socketName(input.fd), framing: input.framing }),
  auto: "left",
  idle_close: "left",
  repeat: "left",
  // It stops a repeat, which is counted already.
  cancel_job: "none",
  join_group: "left",
  leave_group: "left",
  multicast_interface: "left",
  watch: "none",
  unwatch: "none",
  // The Lab decodes frames for the framing view; the socket's bytes are the same.
  set_framing: "none",
  payload: "none",
  log_config: "none",
  interfaces: "none",
  kernel_udp_stats: "none",
  kernel_sockets: "none",
  export_python: "none",
  lessons: "none",
  // The lesson player's steps are the lesson's, not the person's.
  scenario_open: "none",
  scenario_step: "none",
  scenario_close: "none",
  snapshot: "none",
  // Reads the Lab's clock and changes nothing.
  clock: "none",
  // Ctrl+C: the call it ends took no effect (see stepsFor).
  interrupt: "none",
  // A discovery's probes are multicast membership and datagrams no scenario step holds: counted as left out.
  discover_start: "left",
  discover_poll: "none",
  discover_stop: "none",
  // Makes a scenario and changes nothing in the Lab.
  discover_scenario: "none",
  // Pairs with, forgets or reads the console's hosts; no socket of this Lab changes.
  hosts_add: "none",
  hosts_remove: "none",
  hosts_poll: "none",
  // Changes another host's sockets (or the console's own, which its events show); the page's recording has no host steps.
  hosts_call: "none",
  // Serves the Lab to a console; no socket of this Lab changes.
  share_start: "none",
  share_status: "none",
  share_stop: "none",
  share_revoke: "none",
};

/** The step's fields for an answered call, or what the recording does with a call it holds no step for. */
function fieldsOf<N extends CommandName>(call: Answered<N>, naming: Naming): Fields | null | "left" | "none" {
  const recorder = RECORDERS[call.name];
  if (typeof recorder === "function") return recorder(call, naming);
  return recorder === "step" ? commandStep(call) : recorder;
}

/** The sockets a call uses: its fd, or poll()'s and select()'s lists. */
function socketsOf(call: AnsweredCall): number[] {
  if (call.name === "poll") return call.input.fds.map(([fd]) => fd);
  if (call.name === "select") return [...call.input.r, ...call.input.w, ...call.input.x];
  return "fd" in call.input ? [call.input.fd] : [];
}

/**
 * The scenario steps for one answered call. A failure is kept with the error
 * it raised as its expectation, so replaying the scenario reproduces it. A
 * connection the Lab accepted on its own (auto-accept) gets its `accept` step
 * just before the first step that uses it, which keeps the order replayable.
 */
export function stepsFor(call: AnsweredCall, naming: Naming): Recorded {
  // A call someone stopped waiting for (Ctrl+C) took no effect: replayed, it would only block again.
  if (!call.reply.ok && isInterruption(call.reply.error)) return { steps: [], named: naming.named, froms: naming.froms, left: null };
  const fields = fieldsOf(call, naming);
  // A failed call the recording leaves out changed nothing.
  if (fields === "left") return { steps: [], named: naming.named, froms: naming.froms, left: call.reply.ok ? call.name : null };
  if (fields === "none" || fields === null) return { steps: [], named: naming.named, froms: naming.froms, left: null };
  const expect = call.reply.ok ? {} : { expect: { error: call.reply.error.errno ?? call.reply.error.type } };
  const parsed = stepSchema.safeParse({ ...fields, ...expect });
  // Inputs the scenario format cannot hold (e.g. a timeout over an hour) stay out of the recording, counted when they took effect.
  if (!parsed.success) return { steps: [], named: naming.named, froms: naming.froms, left: call.reply.ok ? call.name : null };

  const named = new Map(naming.named);
  const steps: Step[] = [];
  for (const fd of new Set(socketsOf(call))) {
    const parent = naming.sockets.get(fd)?.parent ?? null;
    if (named.has(fd) || parent === null || !named.has(parent)) continue;
    steps.push({ op: "accept", sock: socketName(parent), as: socketName(fd) });
    named.set(fd, "SOCK_STREAM");
  }
  steps.push(parsed.data);
  if (call.name === "socket" && call.reply.ok) named.set(call.reply.result.fd, call.input.type ?? "SOCK_STREAM");
  if (call.name === "accept" && call.reply.ok) named.set(call.reply.result.fd, "SOCK_STREAM");
  if (call.name === "close" && call.reply.ok) named.delete(call.input.fd);
  return { steps, named, froms: fromsAfter(call, naming.froms, named), left: null };
}

/** What "$sN.from" reads after a recorded call: a recvfrom's sender on a datagram socket, forgotten with its socket. */
function fromsAfter(call: AnsweredCall, froms: Froms, named: Named): Froms {
  const fd = call.name === "recvfrom" || call.name === "close" ? call.input.fd : call.name === "socket" && call.reply.ok ? call.reply.result.fd : null;
  if (fd === null) return froms;
  const next = new Map(froms);
  const sender = call.name === "recvfrom" && call.reply.ok ? call.reply.result.address : null;
  if (sender && named.get(fd) === "SOCK_DGRAM") next.set(fd, sender);
  else if (call.name !== "recvfrom") next.delete(fd);
  return next;
}
