import { errnoNumber, exceptionFor, gaiError, strerror, type LabErrorInfo } from "./errors";

/**
 * The one Python printer: values as CPython's repr() shows them, and an
 * exception as the last line of its traceback. The console, the lessons and
 * the exporter all print through it, so a value reads the same everywhere
 * (python-repr.test.ts holds it to the real python3).
 */

/** CPython picks double quotes only when the text holds ' and no ". */
function quoteFor(hasSingle: boolean, hasDouble: boolean): "'" | '"' {
  return hasSingle && !hasDouble ? '"' : "'";
}

const HEX = "0123456789abcdef";
const hex2 = (b: number): string => HEX[b >> 4]! + HEX[b & 15]!;

/** repr(bytes): `b'hello'`, `b"it's"`, `b'\x00\n\\'`. */
export function bytesRepr(bytes: Uint8Array): string {
  const quote = quoteFor(bytes.includes(0x27), bytes.includes(0x22));
  const q = quote.charCodeAt(0);
  let out = "b" + quote;
  for (const b of bytes) {
    if (b === 0x5c) out += "\\\\";
    else if (b === q) out += "\\" + quote;
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x09) out += "\\t";
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += "\\x" + hex2(b);
  }
  return out + quote;
}

/**
 * str.isprintable(): everything but the "Other" and "Separator" categories,
 * space excepted. V8's Unicode tables may be a version ahead of CPython's
 * for characters assigned since (Cn there, printable here).
 */
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** repr(str): `'hello'`, `"it's"`, non-printable characters as \x, \u or \U escapes. */
export function strRepr(text: string): string {
  const quote = quoteFor(text.includes("'"), text.includes('"'));
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + quote;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && NOT_PRINTABLE.test(ch)) {
      if (code < 0x100) out += "\\x" + hex2(code);
      else if (code < 0x10000) out += "\\u" + code.toString(16).padStart(4, "0");
      else out += "\\U" + code.toString(16).padStart(8, "0");
    } else out += ch;
  }
  return out + quote;
}

export function intRepr(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return String(n);
}

/** A tuple of already printed items: `(a,)` for one, as Python writes it. */
export function tupleOf(items: readonly string[]): string {
  return `(${items.join(", ")}${items.length === 1 ? "," : ""})`;
}

export function listOf(items: readonly string[]): string {
  return `[${items.join(", ")}]`;
}

/**
 * An address Python returns (getsockname, recvfrom, accept): `('127.0.0.1', 9000)`,
 * and for IPv6 the 4-tuple `('::1', 9000, 0, 0)` with flowinfo and scope_id,
 * which the Lab does not carry (0 for every address but a scoped link-local one).
 */
export function addressRepr([host, port]: readonly [string, number]): string {
  const parts = [strRepr(host), intRepr(port)];
  if (host.includes(":")) parts.push("0", "0");
  return tupleOf(parts);
}

/** JSON-like values as Python shows them: null → None, booleans, ints, str, arrays as lists. */
export function valueRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isInteger(value) ? intRepr(value) : String(value);
  if (typeof value === "string") return strRepr(value);
  if (value instanceof Uint8Array) return bytesRepr(value);
  if (Array.isArray(value)) return listOf(value.map(valueRepr));
  return String(value);
}

/** poll()'s result: `[(5, 1), (6, 4)]`. The fd may be given as an expression (`s2.fileno()`) where its number is unknown. */
export function pollRepr(ready: readonly (readonly [fd: number | string, revents: number])[]): string {
  return listOf(ready.map(([fd, revents]) => tupleOf([typeof fd === "number" ? intRepr(fd) : fd, intRepr(revents)])));
}

/**
 * select()'s result with each socket written as its variable: `([a], [], [])`.
 * (CPython prints the socket objects' reprs, `<socket.socket fd=5, …>`, which
 * carry the ports; the names are what a reader can follow.)
 */
export function selectRepr(lists: readonly (readonly string[])[]): string {
  return tupleOf(lists.map((names) => listOf(names)));
}

/** What an error carries across the contract or in a transcript (the message is optional there). */
export interface PyErrorLike {
  readonly type: string;
  readonly errno: string | null;
  readonly message?: string;
}

/**
 * The last line of the traceback for an exception, as `traceback` prints it:
 * `ConnectionRefusedError: [Errno 111] Connection refused`,
 * `TimeoutError: timed out`, `socket.gaierror: [Errno -2] Name or service not known`,
 * `KeyboardInterrupt`, `ValueError: <its message>`.
 */
export function exceptionLine({ type, errno, message }: PyErrorLike): string {
  if (type === "gaierror" && errno) {
    const gai = gaiError(errno);
    return gai ? `socket.gaierror: [Errno ${gai[0]}] ${gai[1]}` : `socket.gaierror: ${message ?? errno}`;
  }
  if (type === "TimeoutError" && errno === null) return "TimeoutError: timed out";
  // An OSError built from an errno prints "[Errno n] strerror", whatever detail the Lab added to its message.
  const osFamily = type === "OSError" || (errno !== null && type === exceptionFor(errno));
  if (osFamily && errno !== null && errnoNumber(errno) !== 0) return `${type}: [Errno ${errnoNumber(errno)}] ${strerror(errno)}`;
  const text = message ?? errno;
  return text ? `${type}: ${text}` : type;
}

/**
 * How Python shows the exception: `ConnectionRefusedError: [Errno 111] Connection refused`.
 * What the Lab adds beyond Python's own text follows as a comment, so the line stays Python.
 */
export function pyError(error: LabErrorInfo): string {
  const line = exceptionLine(error);
  const text = error.errno === null ? null : error.type === "gaierror" ? gaiError(error.errno)?.[1] : strerror(error.errno);
  const prefix = text ? `${text}: ` : null;
  const detail = prefix !== null && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : null;
  return detail ? `${line}  # ${detail}` : line;
}
