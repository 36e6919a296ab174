import { utf8 } from "./bytes";

const SIMPLE: Readonly<Record<string, number>> = { n: 0x0a, r: 0x0d, t: 0x09, "0": 0x00, "\\": 0x5c, "'": 0x27, '"': 0x22 };

/**
 * Text a person typed as a payload, with Python's escapes (`\n`, `\r`,
 * `\t`, `\0`, `\\`, `\'`, `\"`, `\xNN`), as UTF-8 bytes appended to `out`.
 * Returns the index of the first escape it cannot read, or -1.
 */
export function unescapeInto(text: string, out: number[]): number {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== "\\") {
      const code = text.codePointAt(i)!;
      out.push(...utf8(String.fromCodePoint(code)));
      if (code > 0xffff) i++;
      continue;
    }
    const next = text[i + 1];
    if (next !== undefined && next in SIMPLE) {
      out.push(SIMPLE[next]!);
      i++;
    } else if (next === "x" && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
      out.push(parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      return i;
    }
  }
  return -1;
}
