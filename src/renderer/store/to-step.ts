import { isInterruption } from "../../shared/errors";
import type { CommandName } from "../../shared/contract";
import type { MsgFlagName } from "../../shared/msg-flags";
import { pollFlagNames } from "../../shared/poll-flags";
import { stepSchema, type Step } from "../../shared/scenario";
import type { PortRef } from "../../shared/scenario";
import { SHUT_NAMES, type Address, type SocketSnapshot, type SocketType } from "../../shared/socket-model";
import type { AnsweredCall, CommandCall } from "../api/calls";

/** The Python variable a lab socket stands for, in the console and in recorded scenarios: fd 5 → s5. */
export const socketName = (fd: number): string => `s${fd}`;

/** fds whose current socket a recorded `socket` or `accept` step has named, with the type that step gave it. */
export type Named = ReadonlyMap<number, SocketType>;

export interface Naming {
  readonly named: Named;
  /** The Lab's sockets, for what the recording cannot know: which listener accepted a connection, who is bound where. */
  readonly sockets: ReadonlyMap<number, SocketSnapshot>;
}

export interface Recorded {
  readonly steps: readonly Step[];
  readonly named: Named;
  /** A call that took effect but that the recording cannot hold (no step for it, or its input beyond the format's bounds), else null. */
  readonly left: CommandName | null;
}

/**
 * Calls that change what sockets do but have no step in scenario format v1.
 * They are not recorded, but counted, so the person knows a replay will
 * differ. Reading calls (snapshot, payload, interfaces…) change nothing and
 * are neither.
 */
const LAB_ONLY: ReadonlySet<CommandName> = new Set(["auto", "idle_close", "join_group", "leave_group", "multicast_interface"]);

/**
 * A port that belongs to a socket of this recording becomes `"$sN.port"`, so
 * the scenario still works when the OS picks other ports on the next run.
 */
/** A call's flags, in the step only when it had some (a step without flags reads as before). */
function withFlags(flags: readonly MsgFlagName[] | undefined): { flags?: MsgFlagName[] } {
  return flags?.length ? { flags: [...flags] } : {};
}

function portOf([host, port]: Address, type: SocketType | undefined, naming: Naming): readonly [string, number | PortRef] {
  if (port === 0) return [host, port];
  const owners = [...naming.sockets.values()].filter((s) => naming.named.get(s.fd) === type && s.local?.[1] === port);
  const owner = owners.find((s) => s.state === "LISTEN") ?? owners[0];
  return [host, owner ? `$${socketName(owner.fd)}.port` : port];
}

/**
 * The scenario step a command is, from its input alone (a new socket's name
 * comes with the result): the console prints it with the exporter's step
 * printer, and the recording keeps it. Null for what has no one-line REPL form.
 */
export function commandStep(call: CommandCall): Step | null {
  const sock = "fd" in call.input ? socketName(call.input.fd) : "";
  switch (call.name) {
    case "socket":
      return { op: "socket", as: "_", family: call.input.family ?? "AF_INET", type: call.input.type ?? "SOCK_STREAM" };
    case "bind":
    case "connect":
    case "connect_ex":
      return { op: call.name, sock, address: [call.input.address[0], call.input.address[1]] };
    case "listen":
      return { op: "listen", sock, ...(call.input.backlog === undefined ? {} : { backlog: call.input.backlog }) };
    case "send":
      return { op: "send", sock, data: call.input.data, ...withFlags(call.input.flags) };
    case "sendall":
      return { op: "sendall", sock, data: call.input.data };
    case "sendto":
      return { op: "sendto", sock, data: call.input.data, address: [call.input.address[0], call.input.address[1]], ...withFlags(call.input.flags) };
    case "recv":
    case "recvfrom":
      return { op: call.name, sock, bufsize: call.input.bufsize, ...withFlags(call.input.flags) };
    case "shutdown":
      return { op: "shutdown", sock, how: SHUT_NAMES[call.input.how] };
    case "accept":
      return { op: "accept", sock, as: "_" };
    case "close":
    case "getsockname":
    case "getpeername":
      return { op: call.name, sock };
    case "settimeout":
      return { op: "settimeout", sock, seconds: call.input.seconds };
    case "setblocking":
      return { op: "setblocking", sock, flag: call.input.flag };
    case "setsockopt":
      return { op: "setsockopt", sock, level: call.input.level, name: call.input.name, value: call.input.value };
    case "getsockopt":
      return { op: "getsockopt", sock, level: call.input.level, name: call.input.name };
    default:
      // poll/select, framing helpers and the Lab's own modes have no one-line REPL form in the console.
      return null;
  }
}

/** The step's fields without `expect`, or null for commands a scenario does not hold (auto modes, policies…). */
function body(call: AnsweredCall, naming: Naming): Record<string, unknown> | null {
  switch (call.name) {
    case "socket":
      return call.reply.ok ? { ...commandStep(call), as: socketName(call.reply.result.fd) } : null;
    case "accept":
      // A failed accept names nothing; the name only has to be a valid identifier.
      return { ...commandStep(call), as: call.reply.ok ? socketName(call.reply.result.fd) : `${socketName(call.input.fd)}_conn` };
    case "poll":
      return { op: "poll", register: call.input.fds.map(([fd, events]) => [socketName(fd), pollFlagNames(events)]), timeout: call.input.timeout };
    case "select": {
      const { r, w, x, timeout } = call.input;
      return { op: "select", r: r.map(socketName), w: w.map(socketName), x: x.map(socketName), timeout };
    }
    case "send_frame":
      return { op: "send_frame", sock: socketName(call.input.fd), data: call.input.data, framing: call.input.framing };
    case "recv_frame":
      return { op: "recv_frame", sock: socketName(call.input.fd), framing: call.input.framing };
    case "connect":
    case "connect_ex":
    case "sendto":
      return { ...commandStep(call), address: portOf(call.input.address, naming.named.get(call.input.fd), naming) };
    default:
      return commandStep(call);
  }
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
  if (!call.reply.ok && isInterruption(call.reply.error)) return { steps: [], named: naming.named, left: null };
  const fields = body(call, naming);
  if (!fields) return { steps: [], named: naming.named, left: LAB_ONLY.has(call.name) && call.reply.ok ? call.name : null };
  const expect = call.reply.ok ? {} : { expect: { error: call.reply.error.errno ?? call.reply.error.type } };
  const parsed = stepSchema.safeParse({ ...fields, ...expect });
  // Inputs the scenario format cannot hold (e.g. a timeout over an hour) stay out of the recording, counted when they took effect.
  if (!parsed.success) return { steps: [], named: naming.named, left: call.reply.ok ? call.name : null };

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
  return { steps, named, left: null };
}
