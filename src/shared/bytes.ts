/**
 * Bytes cross the contract as `{hex}` (JSON-safe on both transports);
 * a person may also give UTF-8 text. Pure functions: no Buffer, so the
 * renderer can use them too.
 */
export interface HexBytes {
  readonly hex: string;
}

const HEX_DIGITS = "0123456789abcdef";

/** The parts one after another, in one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 15]!;
  return out;
}

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function isHex(text: string): boolean {
  return text.length % 2 === 0 && /^[0-9a-fA-F]*$/.test(text);
}

const encoder = new TextEncoder();
// ignoreBOM: a leading U+FEFF is data (the Lab sends its bytes), not a marker to drop.
const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * A short printable rendering for log rows: printable ASCII as is, the rest
 * as Python escapes, so "\n" and "\x00" are visible.
 */
export function preview(bytes: Uint8Array, max = 48): string {
  const n = Math.min(bytes.length, max);
  const more = bytes.length > max ? "…" : "";
  // Every packet gets a preview, and most are plain text: one string from the bytes, not one per byte.
  let plain = 0;
  while (plain < n && bytes[plain]! >= 0x20 && bytes[plain]! < 0x7f && bytes[plain] !== 0x5c) plain += 1;
  // Printable ASCII is valid UTF-8, and the decoder is the fastest way to a string in Node and browsers alike.
  let out = decoder.decode(bytes.subarray(0, plain));
  for (let i = plain; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x09) out += "\\t";
    else if (b === 0x5c) out += "\\\\";
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += "\\x" + HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 15]!;
  }
  return out + more;
}
