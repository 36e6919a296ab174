import { fromHex, utf8 } from "../../../shared/bytes";
import type { FramingConfig } from "../../../shared/framing";
import type { Step } from "../../../shared/scenario";
import { pyAddress, pyBinary, pyData, pyNumber, pyStr } from "../../../shared/python-literals";

/**
 * The Python statement a lesson step stands for, as the exported program
 * writes it inside `run(…)` (src/main/python/steps.ts). Two differences, for
 * a class reading along: socket() and accept() show their assignment, and
 * poll/select are written with the real select module instead of the
 * exporter's name-printing helpers.
 */
export function stepPython(step: Step): string {
  switch (step.op) {
    case "socket":
      return `${step.as} = socket.socket(socket.${step.family}, socket.${step.type})`;
    case "accept":
      return `${step.as}, addr = ${step.sock}.accept()`;
    case "bind":
    case "connect":
    case "connect_ex":
      return `${step.sock}.${step.op}(${pyAddress(step.address)})`;
    case "listen":
      return `${step.sock}.listen(${step.backlog === undefined ? "" : pyNumber(step.backlog)})`;
    case "send":
    case "sendall":
      return `${step.sock}.${step.op}(${pyData(step.data)})`;
    case "sendto":
      return `${step.sock}.sendto(${pyData(step.data)}, ${pyAddress(step.address)})`;
    case "recv":
    case "recvfrom":
      return `${step.sock}.${step.op}(${pyNumber(step.bufsize)})`;
    case "shutdown":
      return `${step.sock}.shutdown(socket.${step.how})`;
    case "close":
    case "getsockname":
    case "getpeername":
      return `${step.sock}.${step.op}()`;
    case "settimeout":
      return `${step.sock}.settimeout(${step.seconds === null ? "None" : pyNumber(step.seconds)})`;
    case "setblocking":
      return `${step.sock}.setblocking(${step.flag ? "True" : "False"})`;
    case "setsockopt": {
      const value = Array.isArray(step.value) ? `struct.pack("ii", ${step.value.map(pyNumber).join(", ")})` : pyNumber(step.value);
      return `${step.sock}.setsockopt(socket.${step.level}, socket.${step.name}, ${value})`;
    }
    case "getsockopt": {
      const target = `socket.${step.level}, socket.${step.name}`;
      // SO_LINGER is a struct linger {int l_onoff; int l_linger;}: 8 raw bytes to unpack.
      if (step.name === "SO_LINGER") return `struct.unpack("ii", ${step.sock}.getsockopt(${target}, 8))`;
      return `${step.sock}.getsockopt(${target})`;
    }
    case "poll": {
      const registers = step.register.map(([name, flags]) => `p.register(${name}, ${pollExpr(flags)})`);
      return ["p = select.poll()", ...registers, `p.poll(${step.timeout === null ? "" : pyNumber(step.timeout)})`].join("; ");
    }
    case "select": {
      const list = (names: readonly string[]) => `[${names.join(", ")}]`;
      const timeout = step.timeout === null ? "" : `, ${pyNumber(step.timeout)}`;
      return `select.select(${list(step.r)}, ${list(step.w)}, ${list(step.x)}${timeout})`;
    }
    case "sleep":
      return `time.sleep(${pyNumber(step.seconds)})`;
    case "send_frame":
      return `send_frame(${step.sock}, ${pyData(step.data)}, ${pyFraming(step.framing)})`;
    case "recv_frame":
      return `recv_frame(${step.sock}, ${pyFraming(step.framing)})`;
  }
}

function pollExpr(flags: readonly string[]): string {
  return flags.length === 0 ? "0" : flags.map((f) => `select.${f}`).join(" | ");
}

/** The framing object as the exported program's helpers take it. */
function pyFraming(framing: FramingConfig): string {
  const bytesOf = (v: string | { hex: string }) => pyBinary(typeof v === "string" ? utf8(v) : fromHex(v.hex));
  const parts: string[] = [`"kind": ${pyStr(framing.kind)}`];
  if (framing.kind === "delimiter") {
    parts.push(`"delimiter": ${bytesOf(framing.delimiter)}`);
    if (framing.escape) parts.push(`"escape": True`);
  } else {
    parts.push(`"encoding": ${pyStr(framing.encoding)}`);
    if ("separator" in framing && framing.separator !== undefined) parts.push(`"separator": ${bytesOf(framing.separator)}`);
    if ("width" in framing && framing.width !== undefined) parts.push(`"width": ${pyNumber(framing.width)}`);
  }
  if (framing.maxFrame !== undefined) parts.push(`"maxFrame": ${pyNumber(framing.maxFrame)}`);
  return `{${parts.join(", ")}}`;
}
