import { fromHex, fromUtf8, toHex, utf8 } from "./bytes";
import { parseReference, type AddressSpec } from "./scenario";
import type { Data } from "./socket-model";

/** Python source literals for scenario values. Pure string building, no evaluation. */

const SIMPLE_ESCAPES: Readonly<Record<number, string>> = { 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t", 0x5c: "\\\\", 0x22: '\\"' };

function isReadableByte(b: number): boolean {
  return (b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09;
}

/** `b"..."` with Python escapes; any byte string. */
export function pyBytesLiteral(bytes: Uint8Array): string {
  let out = 'b"';
  for (const b of bytes) {
    const simple = SIMPLE_ESCAPES[b];
    if (simple) out += simple;
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += "\\x" + b.toString(16).padStart(2, "0");
  }
  return out + '"';
}

/** A str literal; characters that could upset an editor or the tokenizer are escaped. */
export function pyStr(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const simple = code < 0x80 ? SIMPLE_ESCAPES[code] : undefined;
    if (simple) out += simple;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += "\\x" + code.toString(16).padStart(2, "0");
    else if (code === 0x2028 || code === 0x2029 || code === 0xfeff || (code >= 0xd800 && code <= 0xdfff)) {
      out += "\\u" + code.toString(16).padStart(4, "0");
    } else out += ch;
  }
  return out + '"';
}

/**
 * Scenario `data` as the expression a person would write: `b"hello"`,
 * `"你好".encode()` for other text, `bytes.fromhex("…")` for binary.
 */
export function pyData(data: Data): string {
  if (typeof data === "string") {
    // The Lab encodes with TextEncoder, which turns lone surrogates into U+FFFD; match its bytes.
    const bytes = utf8(data);
    if (bytes.every((b) => b < 0x80)) return pyBytesLiteral(bytes);
    return `${pyStr(fromUtf8(bytes))}.encode()`;
  }
  return pyBinary(fromHex(data.hex));
}

export function pyBinary(bytes: Uint8Array): string {
  return bytes.every(isReadableByte) ? pyBytesLiteral(bytes) : `bytes.fromhex(${pyStr(toHex(bytes))})`;
}

/**
 * Text as `# …` comment lines. Python ends a line at \r too, and refuses NUL
 * anywhere in a file, so control characters become spaces: a note must never
 * turn into code.
 */
export function pyComment(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((line) => `# ${sanitize(line)}`.trimEnd());
}

/** Text for inside a triple-quoted docstring: no control characters, no closing quotes. */
export function pyDocText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(sanitize)
    .join("\n")
    .replace(/\\/g, "\\\\")
    .replace(/"""/g, '\\"\\"\\"');
}

function sanitize(line: string): string {
  let out = "";
  for (const ch of line) {
    const c = ch.codePointAt(0)!;
    const control = (c < 0x20 && c !== 0x09) || c === 0x7f || c === 0x85 || c === 0x2028 || c === 0x2029;
    out += control ? " " : ch;
  }
  return out;
}

export function pyNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return String(n);
}

/** JSON (an expected value) as a Python literal; reference strings stay strings for run() to resolve. */
export function pyJson(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return pyNumber(value);
  if (typeof value === "string") return pyStr(value);
  if (Array.isArray(value)) return `[${value.map(pyJson).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${pyStr(k)}: ${pyJson(v)}`).join(", ")}}`;
}

/** `("127.0.0.1", srv.getsockname()[1])`: references read the socket's bound address when the step runs. */
export function pyAddress([host, port]: AddressSpec): string {
  const hostRef = parseReference(host);
  const hostExpr = hostRef ? `${hostRef.name}.getsockname()[0]` : pyStr(host);
  const portExpr = typeof port === "number" ? pyNumber(port) : `${parseReference(port)!.name}.getsockname()[1]`;
  return `(${hostExpr}, ${portExpr})`;
}
