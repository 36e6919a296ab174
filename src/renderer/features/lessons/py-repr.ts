import { fromHex } from "../../../shared/bytes";
import { errnoNumber, strerror } from "../../../shared/errors";
import { pollFlagNames } from "../../../shared/poll-flags";
import { parseReference, type Step, type TranscriptError, type TranscriptLine } from "../../../shared/scenario";

/**
 * A transcript line as the Python REPL would show it: the value's repr, or
 * the exception's last line (`PermissionError: [Errno 13] Permission denied`).
 */

/** Python's repr of bytes: single quotes unless the bytes hold ' and no ". */
export function bytesRepr(bytes: Uint8Array): string {
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'";
  let out = "b" + quote;
  for (const b of bytes) {
    if (b === 0x5c) out += "\\\\";
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x09) out += "\\t";
    else if (b === quote.charCodeAt(0)) out += "\\" + quote;
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += "\\x" + b.toString(16).padStart(2, "0");
  }
  return out + quote;
}

export function hexRepr(value: unknown): string | null {
  if (typeof value === "object" && value !== null && "hex" in value && typeof value.hex === "string") return bytesRepr(fromHex(value.hex));
  return null;
}

/** A scenario reference ("$tx.port") reads as what it stands for. */
function atomRepr(value: unknown): string {
  if (typeof value === "string") {
    const ref = parseReference(value);
    if (ref) return `${ref.name}.getsockname()[${ref.field === "host" ? 0 : 1}]`;
    return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  }
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return String(value);
}

/** Lists as tuples (Python's addresses and pairs), bytes as b'…'. */
export function tupleRepr(value: unknown): string {
  const bytes = hexRepr(value);
  if (bytes !== null) return bytes;
  if (Array.isArray(value)) return `(${value.map(tupleRepr).join(", ")}${value.length === 1 ? "," : ""})`;
  return atomRepr(value);
}

const GAI: Readonly<Record<string, readonly [number, string]>> = {
  EAI_NONAME: [-2, "Name or service not known"],
  EAI_AGAIN: [-3, "Temporary failure in name resolution"],
  EAI_ADDRFAMILY: [-9, "Address family for hostname not supported"],
};

export function errorRepr({ type, errno }: TranscriptError): string {
  if (type === "TimeoutError" && errno === null) return "TimeoutError: timed out";
  if (type === "gaierror" && errno) {
    const [code, text] = GAI[errno] ?? [0, errno];
    return `socket.gaierror: [Errno ${code}] ${text}`;
  }
  if (!errno) return type;
  const code = errnoNumber(errno);
  return code === 0 ? `${type}: ${errno}` : `${type}: [Errno ${code}] ${strerror(errno)}`;
}

/** An errno *name* where C would return a number (connect_ex, SO_ERROR): the number, and the name as a comment. */
function errnoResult(value: unknown): string {
  if (typeof value !== "string") return atomRepr(value);
  const code = errnoNumber(value);
  return code === 0 ? atomRepr(value) : `${code}  # ${value}`;
}

export function valueRepr(step: Step, value: unknown): string {
  switch (step.op) {
    case "recv":
    case "recv_frame":
      return hexRepr(value) ?? "None";
    case "recvfrom":
    case "getsockname":
    case "getpeername":
      return tupleRepr(value);
    case "accept": {
      const [name, address] = Array.isArray(value) ? value : [step.as, null];
      return `(<socket ${String(name)}>, ${tupleRepr(address)})`;
    }
    case "connect_ex":
      return errnoResult(value);
    case "getsockopt":
      if (Array.isArray(value)) return tupleRepr(value);
      return step.name === "SO_ERROR" ? errnoResult(value) : atomRepr(value);
    case "poll": {
      if (!Array.isArray(value)) return atomRepr(value);
      const pairs = value.filter((p): p is [string, number] => Array.isArray(p) && typeof p[0] === "string" && typeof p[1] === "number");
      const list = `[${pairs.map(([name, revents]) => `(${name}.fileno(), ${revents})`).join(", ")}]`;
      const names = pairs.map(([name, revents]) => `${name}: ${pollFlagNames(revents).join(" | ")}`);
      return names.length > 0 ? `${list}  # ${names.join("; ")}` : list;
    }
    case "select": {
      if (!Array.isArray(value)) return atomRepr(value);
      return `(${value.map((names) => `[${Array.isArray(names) ? names.join(", ") : ""}]`).join(", ")})`;
    }
    default:
      return atomRepr(value);
  }
}

/** What the REPL shows for this line. */
export function lineRepr(step: Step, line: TranscriptLine): string {
  return line.ok ? valueRepr(step, line.value) : errorRepr(line.error);
}
