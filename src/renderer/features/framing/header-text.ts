import { fromHex, preview, utf8 } from "../../../shared/bytes";
import { describeHeader, type FramingConfig } from "../../../shared/framing";
import type { Translate } from "../../../shared/i18n";

/** "00 00 00 05": bytes as a person reads them off a hex dump. */
export function spacedHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

/**
 * What the first bytes of a frame say under `config`, in words: the length a
 * prefix declares in both byte orders (the little-endian mistake shows as a
 * huge number), the ASCII digits, or the delimiter that ends the frame.
 * Null while the bytes are not known yet.
 */
export function headerNote(config: FramingConfig, bytes: Uint8Array | null, t: Translate): string | null {
  if (config.kind === "delimiter") {
    const delimiter = typeof config.delimiter === "string" ? utf8(config.delimiter) : fromHex(config.delimiter.hex);
    return t("framing.note.delimiter", { text: preview(delimiter), hex: spacedHex(delimiter) });
  }
  if (!bytes) return null;
  const description = describeHeader(config, bytes);
  if (description.kind === "binary") {
    const hex = spacedHex(description.bytes);
    if (!description.complete) return t("framing.note.partial", { bytes: hex });
    const values = { bytes: hex, be: description.bigEndian ?? 0, le: description.littleEndian ?? 0 };
    return t(description.networkOrder ? "framing.note.bigEndian" : "framing.note.littleEndian", values);
  }
  if (description.kind === "ascii") {
    if (description.error) return t("framing.note.asciiBad", { text: description.text, message: description.error.message });
    if (!description.complete) return t("framing.note.partial", { bytes: description.text });
    return t("framing.note.ascii", { text: description.text, n: description.length ?? 0 });
  }
  return null;
}

/** Bytes of the prefix before the body, once known: 2 or 4 for binary lengths, the digits and separator for ASCII. */
export function headerSize(config: FramingConfig, bytes: Uint8Array | null): number | null {
  if (config.kind === "delimiter" || !bytes) return null;
  const description = describeHeader(config, bytes);
  if (description.kind === "binary") return description.size;
  if (description.kind === "ascii") return description.size;
  return null;
}

/** The body length the prefix declares, in this config's reading. */
export function declaredLength(config: FramingConfig, bytes: Uint8Array | null): number | null {
  if (config.kind === "delimiter" || !bytes) return null;
  const description = describeHeader(config, bytes);
  return description.kind === "delimiter" ? null : description.length;
}
