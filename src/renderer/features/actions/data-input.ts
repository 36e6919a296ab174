import { fromUtf8, isHex, toHex, utf8 } from "../../../shared/bytes";
import type { Data } from "../../../shared/socket-model";

export type DataMode = "text" | "hex";

export type ParsedData = { readonly ok: true; readonly data: Data } | { readonly ok: false; readonly problem: "data.badHex" | "data.badEscape" };

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { n: 0x0a, r: 0x0d, t: 0x09, "0": 0x00, "\\": 0x5c, "'": 0x27, '"': 0x22 };

/** Bytes as the contract and scenarios carry them: text when they are UTF-8, hex otherwise. */
export function toData(bytes: Uint8Array): Data {
  const text = fromUtf8(bytes);
  const same = utf8(text);
  return same.length === bytes.length && same.every((b, i) => b === bytes[i]) ? text : { hex: toHex(bytes) };
}

/**
 * What a person typed as a payload. Text takes Python's escapes (`\n`, `\0`,
 * `\x00`, `\\`) because framing lessons need newlines and NULs; hex takes
 * pairs of digits, spaces allowed.
 */
export function parseData(input: string, mode: DataMode): ParsedData {
  if (mode === "hex") {
    const hex = input.replace(/\s+/g, "").toLowerCase();
    return isHex(hex) ? { ok: true, data: { hex } } : { ok: false, problem: "data.badHex" };
  }
  if (!input.includes("\\")) return { ok: true, data: input };
  const bytes: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const char = input[i]!;
    if (char !== "\\") {
      const code = input.codePointAt(i)!;
      bytes.push(...utf8(String.fromCodePoint(code)));
      if (code > 0xffff) i++;
      continue;
    }
    const next = input[i + 1];
    if (next !== undefined && next in SIMPLE_ESCAPES) {
      bytes.push(SIMPLE_ESCAPES[next]!);
      i++;
    } else if (next === "x" && /^[0-9a-fA-F]{2}$/.test(input.slice(i + 2, i + 4))) {
      bytes.push(parseInt(input.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      return { ok: false, problem: "data.badEscape" };
    }
  }
  return { ok: true, data: toData(Uint8Array.from(bytes)) };
}
