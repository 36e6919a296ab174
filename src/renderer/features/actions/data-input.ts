import { fromUtf8, isHex, toHex, utf8 } from "../../../shared/bytes";
import { unescapeInto } from "../../../shared/escapes";
import type { Data } from "../../../shared/socket-model";

export type DataMode = "text" | "hex";

export type ParsedData = { readonly ok: true; readonly data: Data } | { readonly ok: false; readonly problem: "data.badHex" | "data.badEscape" };

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
  if (unescapeInto(input, bytes) !== -1) return { ok: false, problem: "data.badEscape" };
  return { ok: true, data: toData(Uint8Array.from(bytes)) };
}
