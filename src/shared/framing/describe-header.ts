import { preview } from "../bytes";
import { readUnsigned } from "./binary-length";
import { MAX_FRAME_LIMIT, type BinaryLengthEncoding, type FramingConfig } from "./config";
import { FramingError, framingErrorInfo, type FramingErrorInfo } from "./errors";
import { lengthHeaderFor } from "./headers";
import { resolveFraming } from "./resolve";
import { indexOfBytes } from "./search";

/** Both readings of a binary prefix, so the UI can show the byte-order mistake. */
export interface BinaryHeaderDescription {
  readonly kind: "binary";
  readonly encoding: BinaryLengthEncoding;
  /** The prefix bytes seen so far (a view, at most the prefix size). */
  readonly bytes: Uint8Array;
  readonly size: 2 | 4;
  readonly complete: boolean;
  /** Read in network byte order: what a correct peer means. Null until complete. */
  readonly bigEndian: number | null;
  readonly littleEndian: number | null;
  /** The reading this config uses (bigEndian for *be, littleEndian for *le). */
  readonly length: number | null;
  readonly networkOrder: boolean;
}

export interface AsciiHeaderDescription {
  readonly kind: "ascii";
  /** The prefix bytes seen so far, printable (escapes for the rest). */
  readonly text: string;
  /** Prefix size in bytes once complete, else null. */
  readonly size: number | null;
  readonly length: number | null;
  readonly complete: boolean;
  /** BAD_LENGTH or FRAME_TOO_LARGE when these bytes cannot start a valid frame. */
  readonly error: FramingErrorInfo | null;
}

export interface DelimiterDescription {
  readonly kind: "delimiter";
  readonly delimiter: Uint8Array;
  /** Index of the first delimiter in the bytes (where the first frame ends), or null. */
  readonly frameEnd: number | null;
}

export type HeaderDescription = BinaryHeaderDescription | AsciiHeaderDescription | DelimiterDescription;

/**
 * What the start of `bytes` means under `config`, e.g. for "00 00 00 05":
 * bigEndian 5 (network order), littleEndian 83886080.
 */
export function describeHeader(config: FramingConfig, bytes: Uint8Array): HeaderDescription {
  const r = resolveFraming(config);
  if (r.kind === "delimiter") {
    const at = indexOfBytes(bytes, r.delimiter);
    return { kind: "delimiter", delimiter: r.delimiter, frameEnd: at === -1 ? null : at };
  }
  if (r.kind === "binary") {
    const size = r.encoding.startsWith("u16") ? 2 : 4;
    const complete = bytes.length >= size;
    const bigEndian = complete ? readUnsigned(bytes, 0, size, false) : null;
    const littleEndian = complete ? readUnsigned(bytes, 0, size, true) : null;
    const networkOrder = r.encoding.endsWith("be");
    return {
      kind: "binary",
      encoding: r.encoding,
      bytes: bytes.subarray(0, size),
      size,
      complete,
      bigEndian,
      littleEndian,
      length: networkOrder ? bigEndian : littleEndian,
      networkOrder,
    };
  }
  // Read the number even when it is too large, so the lesson can show it next to the limit.
  const header = lengthHeaderFor({ ...r, maxFrame: MAX_FRAME_LIMIT });
  const seen = bytes.subarray(0, header.maxSize);
  try {
    const size = header.read(bytes, 0, seen.length);
    if (size === 0) return { kind: "ascii", text: preview(seen), size: null, length: null, complete: false, error: null };
    const length = header.length;
    const error =
      length > r.maxFrame
        ? framingErrorInfo(new FramingError("FRAME_TOO_LARGE", `declared frame of ${length} bytes exceeds the limit of ${r.maxFrame} bytes`))
        : null;
    return { kind: "ascii", text: preview(bytes.subarray(0, size)), size, length, complete: true, error };
  } catch (err) {
    if (!(err instanceof FramingError)) throw err;
    return { kind: "ascii", text: preview(seen), size: null, length: null, complete: false, error: framingErrorInfo(err) };
  }
}
