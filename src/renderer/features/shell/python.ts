import type { HexBytes } from "../../../shared/bytes";
import { fromHex, preview, utf8 } from "../../../shared/bytes";
import { errnoName, type LabErrorInfo } from "../../../shared/errors";
import type { Address, Data } from "../../../shared/socket-model";
import type { CommandCall, CompletedCall } from "../../api/calls";
import { socketName } from "../../store/to-step";

/** The Python variable a lab socket stands for in transcripts: fd 5 → s5. */
export const pyName = socketName;

export function pyAddress([host, port]: Address): string {
  return `('${host}', ${port})`;
}

export function pyBytes(bytes: Uint8Array): string {
  return `b'${preview(bytes, Number.MAX_SAFE_INTEGER).replace(/'/g, "\\'")}'`;
}

export function pyBytesHex(data: HexBytes): string {
  return pyBytes(fromHex(data.hex));
}

export function dataBytes(data: Data): Uint8Array {
  return typeof data === "string" ? utf8(data) : fromHex(data.hex);
}

/** How Python would show an exception: `ConnectionRefusedError: [Errno 111] Connection refused`. */
export function pyError(error: LabErrorInfo): string {
  return `${error.type}${error.errno ? ` [${error.errno}]` : ""}: ${error.message}`;
}

function pySeconds(seconds: number | null): string {
  return seconds === null ? "None" : String(seconds);
}

/** The Python expression a command runs, or null for commands that are the Lab's own (auto modes, policies). */
export function pyCall(call: CommandCall): string | null {
  switch (call.name) {
    case "socket":
      return `socket.socket(socket.${call.input.family ?? "AF_INET"}, socket.${call.input.type ?? "SOCK_STREAM"})`;
    case "bind":
    case "connect":
    case "connect_ex":
      return `${pyName(call.input.fd)}.${call.name}(${pyAddress(call.input.address)})`;
    case "listen":
      return `${pyName(call.input.fd)}.listen(${call.input.backlog ?? ""})`;
    case "send":
    case "sendall":
      return `${pyName(call.input.fd)}.${call.name}(${pyBytes(dataBytes(call.input.data))})`;
    case "sendto":
      return `${pyName(call.input.fd)}.sendto(${pyBytes(dataBytes(call.input.data))}, ${pyAddress(call.input.address)})`;
    case "recv":
    case "recvfrom":
      return `${pyName(call.input.fd)}.${call.name}(${call.input.bufsize})`;
    case "shutdown":
      return `${pyName(call.input.fd)}.shutdown(socket.${SHUT_NAMES[call.input.how]})`;
    case "accept":
    case "close":
    case "getsockname":
    case "getpeername":
      return `${pyName(call.input.fd)}.${call.name}()`;
    case "settimeout":
      return `${pyName(call.input.fd)}.settimeout(${pySeconds(call.input.seconds)})`;
    case "setblocking":
      return `${pyName(call.input.fd)}.setblocking(${call.input.flag ? "True" : "False"})`;
    case "setsockopt": {
      const { fd, level, name, value } = call.input;
      const packed = typeof value === "number" ? String(value) : `struct.pack('ii', ${value[0]}, ${value[1]})`;
      return `${pyName(fd)}.setsockopt(socket.${level}, socket.${name}, ${packed})`;
    }
    case "getsockopt": {
      const { fd, level, name } = call.input;
      const expression = `${pyName(fd)}.getsockopt(socket.${level}, socket.${name}`;
      // SO_LINGER is a struct linger {int l_onoff; int l_linger;}: Python hands it over as 8 raw bytes.
      return name === "SO_LINGER" ? `struct.unpack('ii', ${expression}, 8))` : `${expression})`;
    }
    default:
      return null;
  }
}

export const SHUT_NAMES = ["SHUT_RD", "SHUT_WR", "SHUT_RDWR"] as const;

/** The line as it reads once it ran: calls that create a socket assign it to its name. */
export function pyStatement(done: CompletedCall): string | null {
  const expression = pyCall(done);
  if (expression === null) return null;
  if (done.name === "socket") return `${pyName(done.result.fd)} = ${expression}`;
  if (done.name === "accept") return `${pyName(done.result.fd)}, addr = ${expression}`;
  return expression;
}

/** What the Python REPL would echo for the result ("" for None). */
export function pyResult(done: CompletedCall): string {
  switch (done.name) {
    case "accept":
      return `# addr = ${pyAddress(done.result.address)}`;
    case "connect_ex": {
      const errno = done.result === 0 ? null : errnoName(done.result);
      return errno ? `${done.result}  # ${errno}` : String(done.result);
    }
    case "send":
    case "sendto":
      return String(done.result);
    case "recv":
      return pyBytesHex(done.result);
    case "recvfrom":
      return `(${pyBytesHex(done.result.data)}, ${done.result.address ? pyAddress(done.result.address) : "None"})`;
    case "getsockname":
    case "getpeername":
      return pyAddress(done.result);
    case "getsockopt": {
      const value = done.result;
      if (typeof value !== "number") return `(${value[0]}, ${value[1]})`;
      const errno = done.input.name === "SO_ERROR" && value !== 0 ? errnoName(value) : null;
      return errno ? `${value}  # ${errno}` : String(value);
    }
    default:
      return "";
  }
}
