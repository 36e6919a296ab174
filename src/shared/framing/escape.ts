import { ESCAPE_BYTE } from "./config";

/**
 * Byte stuffing for delimiter framing, chosen so an escaped body never
 * contains the delimiter's first byte: then the first delimiter the decoder
 * finds is the real one, even for multi-byte delimiters that overlap
 * themselves.
 *
 *   5C      -> 5C 5C
 *   first   -> 5C marker    (marker: "n" for \n, "r" for \r, "t" for \t,
 *                            "0" for \0, else "d", or "D" if first is "d")
 *
 * So "a\nb" with a "\n" delimiter goes on the wire as `a\nb` + newline, which
 * reads like the C/Python escape people already know. A backslash followed
 * by anything else is not produced by the encoder; the decoder keeps such a
 * pair as it is (as Python keeps "\q"), rather than failing the stream.
 */
export function escapeMarker(first: number): number {
  switch (first) {
    case 0x0a:
      return 0x6e; // n
    case 0x0d:
      return 0x72; // r
    case 0x09:
      return 0x74; // t
    case 0x00:
      return 0x30; // 0
    case 0x64:
      return 0x44; // D, since "d" would be the delimiter's own byte
    default:
      return 0x64; // d
  }
}

/** How many bytes `payload` takes once escaped. */
export function escapedLength(payload: Uint8Array, first: number): number {
  let extra = 0;
  for (let i = 0; i < payload.length; i++) {
    const b = payload[i]!;
    if (b === ESCAPE_BYTE || b === first) extra++;
  }
  return payload.length + extra;
}

/** Writes the escaped payload into `out` at `at`. */
export function writeEscaped(payload: Uint8Array, out: Uint8Array, at: number, first: number): void {
  const marker = escapeMarker(first);
  let o = at;
  for (let i = 0; i < payload.length; i++) {
    const b = payload[i]!;
    if (b === ESCAPE_BYTE) {
      out[o++] = ESCAPE_BYTE;
      out[o++] = ESCAPE_BYTE;
    } else if (b === first) {
      out[o++] = ESCAPE_BYTE;
      out[o++] = marker;
    } else {
      out[o++] = b;
    }
  }
}

/** Undoes writeEscaped; returns `body` itself when it holds no escapes. */
export function unescapeBody(body: Uint8Array, first: number): Uint8Array {
  let i = body.indexOf(ESCAPE_BYTE);
  if (i === -1) return body;
  const marker = escapeMarker(first);
  const out = new Uint8Array(body.length);
  out.set(body.subarray(0, i));
  let o = i;
  while (i < body.length) {
    const b = body[i]!;
    if (b === ESCAPE_BYTE && i + 1 < body.length) {
      const next = body[i + 1]!;
      if (next === ESCAPE_BYTE) {
        out[o++] = ESCAPE_BYTE;
        i += 2;
        continue;
      }
      if (next === marker) {
        out[o++] = first;
        i += 2;
        continue;
      }
    }
    out[o++] = b;
    i++;
  }
  return out.subarray(0, o);
}
