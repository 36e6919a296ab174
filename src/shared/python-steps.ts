import { fromHex, utf8 } from "./bytes";
import type { FramingConfig } from "./framing";
import type { MsgFlagName } from "./msg-flags";
import { pyAddress, pyData, pyNumber, pyStr } from "./python-literals";
import { bytesRepr } from "./python-repr";
import { fromVariable, type Step } from "./scenario";

/**
 * Steps as Python source, in two forms that share every literal:
 * `stepLines` is what a person types at the REPL (the console, the lessons,
 * the exported program), `stepExpression` is the same call inside the
 * transcript program's `run(lambda: …)`, which names sockets by string.
 */

/** `, socket.MSG_PEEK | socket.MSG_DONTWAIT`, or nothing without flags. */
const pyFlags = (flags: readonly MsgFlagName[] | undefined): string => (flags?.length ? `, ${flags.map((f) => `socket.${f}`).join(" | ")}` : "");

const timeoutArg = (t: number | null): string => (t === null ? "None" : pyNumber(t));

/** The call a step makes, as the REPL line without an assignment; null for poll/select, which take several lines. */
export function stepCall(step: Step): string | null {
  switch (step.op) {
    case "socket":
      return `socket.socket(socket.${step.family}, socket.${step.type})`;
    case "bind":
    case "connect":
    case "connect_ex":
      return `${step.sock}.${step.op}(${pyAddress(step.address)})`;
    case "listen":
      return `${step.sock}.listen(${step.backlog === undefined ? "" : pyNumber(step.backlog)})`;
    case "accept":
      return `${step.sock}.accept()`;
    case "send":
      return `${step.sock}.send(${pyData(step.data)}${pyFlags(step.flags)})`;
    case "sendall":
      return `${step.sock}.sendall(${pyData(step.data)})`;
    case "sendto":
      // Python's sendto(data, flags, address) takes the flags between the two.
      return `${step.sock}.sendto(${pyData(step.data)}${pyFlags(step.flags)}, ${pyAddress(step.address)})`;
    case "recv":
    case "recvfrom":
      return `${step.sock}.${step.op}(${pyNumber(step.bufsize)}${pyFlags(step.flags)})`;
    case "shutdown":
      return `${step.sock}.shutdown(socket.${step.how})`;
    case "close":
    case "getsockname":
    case "getpeername":
      return `${step.sock}.${step.op}()`;
    case "settimeout":
      return `${step.sock}.settimeout(${timeoutArg(step.seconds)})`;
    case "setblocking":
      return `${step.sock}.setblocking(${step.flag ? "True" : "False"})`;
    case "setsockopt": {
      const value = Array.isArray(step.value) ? `struct.pack('ii', ${step.value.map(pyNumber).join(", ")})` : pyNumber(step.value);
      return `${step.sock}.setsockopt(socket.${step.level}, socket.${step.name}, ${value})`;
    }
    case "getsockopt": {
      const target = `socket.${step.level}, socket.${step.name}`;
      // SO_LINGER is a struct linger {int l_onoff; int l_linger;}: Python hands it over as 8 raw bytes.
      if (step.name === "SO_LINGER") return `struct.unpack('ii', ${step.sock}.getsockopt(${target}, 8))`;
      return `${step.sock}.getsockopt(${target})`;
    }
    case "sleep":
      return `time.sleep(${pyNumber(step.seconds)})`;
    case "send_frame":
      return `send_frame(${step.sock}, ${pyData(step.data)}, ${pyFraming(step.framing)})`;
    case "recv_frame":
      return `recv_frame(${step.sock}, ${pyFraming(step.framing)})`;
    case "poll":
    case "select":
      return null;
  }
}

/**
 * The REPL lines a step stands for; the last one is the expression whose
 * value the REPL echoes. socket() and accept() assign what they create;
 * poll() builds its poll object first; a recvfrom whose address a later
 * "$rx.from" reads (`keepsFrom`, see recvfromsKept) keeps it, as the
 * tutorial's `data, addr = S.recvfrom(1024)` does.
 */
export function stepLines(step: Step, keepsFrom = false): string[] {
  switch (step.op) {
    case "recvfrom": {
      if (!keepsFrom) return [stepCall(step)!];
      const from = fromVariable(step.sock);
      return [`data, ${from} = ${stepCall(step)!}`, `(data, ${from})`];
    }
    case "socket":
      return [`${step.as} = ${stepCall(step)!}`];
    case "accept":
      return [`${step.as}, addr = ${stepCall(step)!}`];
    case "poll": {
      const registers = step.register.map(([name, flags]) => `p.register(${name}, ${pollExpr(flags)})`);
      return ["p = select.poll()", ...registers, `p.poll(${step.timeout === null ? "" : pyNumber(step.timeout)})`];
    }
    case "select": {
      const list = (names: readonly string[]) => `[${names.join(", ")}]`;
      const timeout = step.timeout === null ? "" : `, ${pyNumber(step.timeout)}`;
      return [`select.select(${list(step.r)}, ${list(step.w)}, ${list(step.x)}${timeout})`];
    }
    default:
      return [stepCall(step)!];
  }
}

/** The step on one line, as a class reads along: `p = select.poll(); p.register(a, select.POLLIN); p.poll(0)`. */
export function stepPython(step: Step, keepsFrom = false): string {
  return stepLines(step, keepsFrom).join("; ");
}

/** The Python expression each step runs in the transcript program, inside `lambda: …`. */
export function stepExpression(step: Step): string {
  switch (step.op) {
    case "getsockopt": {
      const target = `socket.${step.level}, socket.${step.name}`;
      // The transcript holds JSON: the linger pair as a list; SO_ERROR, an errno, by name like connect_ex.
      if (step.name === "SO_LINGER") return `list(${stepCall(step)!})`;
      if (step.name === "SO_ERROR") return `errno_name(${step.sock}.getsockopt(${target}))`;
      return stepCall(step)!;
    }
    case "poll": {
      const entries = step.register.map(([name, flags]) => `(${pyStr(name)}, ${pollExpr(flags)})`);
      return `poll_names([${entries.join(", ")}], ${timeoutArg(step.timeout)})`;
    }
    case "select": {
      const list = (names: readonly string[]) => `[${names.map(pyStr).join(", ")}]`;
      return `select_names(${list(step.r)}, ${list(step.w)}, ${list(step.x)}, ${timeoutArg(step.timeout)})`;
    }
    default:
      return stepCall(step)!;
  }
}

export function pollExpr(flags: readonly string[]): string {
  if (flags.length === 0) return "0";
  return flags.map((f) => `select.${f}`).join(" | ");
}

/** The framing object with its byte strings as bytes, the form the prelude's helpers take. */
function pyFraming(framing: FramingConfig): string {
  const bytesOf = (v: string | { hex: string }) => bytesRepr(typeof v === "string" ? utf8(v) : fromHex(v.hex));
  const parts: string[] = [`'kind': ${pyStr(framing.kind)}`];
  if (framing.kind === "delimiter") {
    parts.push(`'delimiter': ${bytesOf(framing.delimiter)}`);
    if (framing.escape) parts.push(`'escape': True`);
  } else {
    parts.push(`'encoding': ${pyStr(framing.encoding)}`);
    if ("separator" in framing && framing.separator !== undefined) parts.push(`'separator': ${bytesOf(framing.separator)}`);
    if ("width" in framing && framing.width !== undefined) parts.push(`'width': ${pyNumber(framing.width)}`);
  }
  if (framing.maxFrame !== undefined) parts.push(`'maxFrame': ${pyNumber(framing.maxFrame)}`);
  return `{${parts.join(", ")}}`;
}
