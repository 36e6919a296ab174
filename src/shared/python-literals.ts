import { fromHex, fromUtf8, utf8 } from "./bytes";
import { bytesRepr, strRepr } from "./python-repr";
import { fromVariable, parseReference, type AddressSpec } from "./scenario";
import type { Data } from "./socket-model";

/**
 * Python source for scenario values. Pure string building, no evaluation;
 * every literal is the repr CPython itself would print (python-repr.ts).
 */

/** A str literal: CPython's repr, which escapes whatever could upset an editor or the tokenizer. */
export const pyStr = strRepr;

/**
 * Scenario `data` as the expression a person would write: `b'hello'`,
 * `'你好'.encode()` for other text, bytes' repr for hex data.
 */
export function pyData(data: Data): string {
  if (typeof data === "string") {
    // The Lab encodes with TextEncoder, which turns lone surrogates into U+FFFD; match its bytes.
    const bytes = utf8(data);
    if (bytes.every((b) => b < 0x80)) return bytesRepr(bytes);
    return `${strRepr(fromUtf8(bytes))}.encode()`;
  }
  return bytesRepr(fromHex(data.hex));
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

/** What a reference reads, in Python: `srv.getsockname()[1]` when the step runs, or `rx_from`, kept by rx's recvfrom step. */
export function pyReference(text: string): string | null {
  const ref = parseReference(text);
  if (!ref) return null;
  return ref.field === "from" ? fromVariable(ref.name) : `${ref.name}.getsockname()[${ref.field === "host" ? 0 : 1}]`;
}

/** `('127.0.0.1', srv.getsockname()[1])`, or `rx_from`. */
export function pyAddress(spec: AddressSpec): string {
  if (typeof spec === "string") return pyReference(spec)!;
  const [host, port] = spec;
  return `(${pyReference(host) ?? pyStr(host)}, ${typeof port === "number" ? pyNumber(port) : pyReference(port)!})`;
}
