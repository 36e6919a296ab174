import { fromUtf8, toHex } from "../../../../shared/bytes";
import { pyBytes } from "../../shell/python";

export interface HexLine {
  readonly offset: string;
  readonly hex: string;
  readonly ascii: string;
}

const PER_LINE = 16;

/** A classic hex dump: offset, 16 bytes in two groups of 8, and the printable ASCII (others as "."). */
export function hexDump(bytes: Uint8Array, limit = bytes.length): HexLine[] {
  const lines: HexLine[] = [];
  const end = Math.min(bytes.length, limit);
  for (let at = 0; at < end; at += PER_LINE) {
    const row = bytes.subarray(at, Math.min(end, at + PER_LINE));
    const pairs = Array.from(row, (b) => b.toString(16).padStart(2, "0"));
    const hex = `${pairs.slice(0, 8).join(" ")}  ${pairs.slice(8).join(" ")}`.trimEnd().padEnd(PER_LINE * 3, " ");
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
    lines.push({ offset: at.toString(16).padStart(8, "0"), hex, ascii });
  }
  return lines;
}

export type TextEncoding = "utf-8" | "latin-1";

/** Bytes as text; control characters other than newline and tab are shown as \xNN so nothing is invisible. */
export function asText(bytes: Uint8Array, encoding: TextEncoding): string {
  const text = encoding === "utf-8" ? fromUtf8(bytes) : Array.from(bytes, (b) => String.fromCharCode(b)).join("");
  // eslint-disable-next-line no-control-regex -- the point is to find control characters
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** What the copy buttons put on the clipboard. */
export const COPY_FORMATS = {
  hex: (bytes: Uint8Array) => toHex(bytes),
  python: (bytes: Uint8Array) => pyBytes(bytes),
  text: (bytes: Uint8Array, encoding: TextEncoding) => (encoding === "utf-8" ? fromUtf8(bytes) : Array.from(bytes, (b) => String.fromCharCode(b)).join("")),
} as const;
