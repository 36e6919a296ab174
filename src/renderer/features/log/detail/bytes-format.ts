import { fromUtf8, toHex } from "../../../../shared/bytes";
import { pyBytes } from "../../console/python";

export interface HexLine {
  readonly offset: string;
  readonly hex: string;
  readonly ascii: string;
}

/**
 * A classic hex dump: offset, 16 bytes in two groups of 8 (or 8 bytes for a
 * narrow pane), and the printable ASCII (others as "."). Offsets take 4 hex
 * digits when the dump ends below 64 KiB, else 8.
 */
export function hexDump(bytes: Uint8Array, limit = bytes.length, perLine: 8 | 16 = 16): HexLine[] {
  const lines: HexLine[] = [];
  const end = Math.min(bytes.length, limit);
  const digits = end <= 0x10000 ? 4 : 8;
  const width = perLine === 16 ? perLine * 3 : perLine * 3 - 1;
  for (let at = 0; at < end; at += perLine) {
    const row = bytes.subarray(at, Math.min(end, at + perLine));
    const pairs = Array.from(row, (b) => b.toString(16).padStart(2, "0"));
    const hex = (perLine === 16 ? `${pairs.slice(0, 8).join(" ")}  ${pairs.slice(8).join(" ")}` : pairs.join(" ")).trimEnd().padEnd(width, " ");
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
    lines.push({ offset: at.toString(16).padStart(digits, "0"), hex, ascii });
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
