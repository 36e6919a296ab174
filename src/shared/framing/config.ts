import { z } from "zod";
import { isHex, type HexBytes } from "../bytes";

/** 16 MiB: large enough for any lesson, small enough that one socket cannot exhaust memory. */
export const DEFAULT_MAX_FRAME = 16 * 1024 * 1024;

/** The u32 prefix's range; no encoding can describe a larger frame. */
export const MAX_FRAME_LIMIT = 2 ** 32 - 1;

/** Escaped bodies use a backslash, so a delimiter starting with one would be ambiguous. */
export const ESCAPE_BYTE = 0x5c;

/** Widest fixed ASCII prefix whose value is still an exact JS integer. */
export const MAX_ASCII_WIDTH = 15;

export type BinaryLengthEncoding = "u16be" | "u32be" | "u16le" | "u32le";

export interface DelimiterFraming {
  readonly kind: "delimiter";
  /** UTF-8 text (e.g. "\n", "\u0000") or raw bytes. */
  readonly delimiter: string | HexBytes;
  /**
   * Escape the payload instead of refusing one that contains the delimiter.
   * Scheme (see escape.ts): 0x5C becomes 5C 5C, and the delimiter's first byte
   * becomes 5C plus a marker letter (n, r, t, 0, else d, or D when the
   * delimiter starts with "d"), so an escaped body never contains that byte.
   */
  readonly escape?: boolean;
  /** Most bytes between two delimiters on the wire (after escaping). */
  readonly maxFrame?: number;
}

export interface BinaryLengthFraming {
  readonly kind: "length-prefix";
  readonly encoding: BinaryLengthEncoding;
  readonly maxFrame?: number;
}

/** Decimal digits, then a separator: "5:hello". */
export interface AsciiSeparatorFraming {
  readonly kind: "length-prefix";
  readonly encoding: "ascii";
  readonly separator: string;
  readonly maxFrame?: number;
}

/** Exactly `width` zero-padded digits: "00000005hello". */
export interface AsciiWidthFraming {
  readonly kind: "length-prefix";
  readonly encoding: "ascii";
  readonly width: number;
  readonly maxFrame?: number;
}

/** The scenario format's `framing` object (DESIGN.md, "Scenario format v1"). */
export type FramingConfig = DelimiterFraming | BinaryLengthFraming | AsciiSeparatorFraming | AsciiWidthFraming;

const maxFrame = z.number().int().min(0).max(MAX_FRAME_LIMIT).optional();

const hexBytes = z.strictObject({
  hex: z.string().min(2, "hex delimiter must hold at least one byte").refine(isHex, "hex must be pairs of hex digits"),
});

const delimiterSchema = z
  .strictObject({
    kind: z.literal("delimiter"),
    delimiter: z.union([z.string().min(1, "delimiter must not be empty"), hexBytes]),
    escape: z.boolean().optional(),
    maxFrame,
  })
  .refine((v) => !v.escape || firstDelimiterByte(v.delimiter) !== ESCAPE_BYTE, {
    error: "with escape, the delimiter must not start with a backslash (0x5C), the escape byte",
    path: ["delimiter"],
  });

const binarySchema = z.strictObject({
  kind: z.literal("length-prefix"),
  encoding: z.enum(["u16be", "u32be", "u16le", "u32le"]),
  maxFrame,
});

const asciiSchema = z
  .strictObject({
    kind: z.literal("length-prefix"),
    encoding: z.literal("ascii"),
    separator: z
      .string()
      .min(1, "separator must not be empty")
      .refine((s) => !/^[0-9]/.test(s), "separator must not start with a digit")
      .optional(),
    width: z.number().int().min(1).max(MAX_ASCII_WIDTH).optional(),
    maxFrame,
  })
  .refine((v) => (v.separator === undefined) !== (v.width === undefined), {
    error: "an ASCII length needs exactly one of separator or width",
    path: ["separator"],
  });

/**
 * Validates a scenario's `framing` object. The cast is sound: the refine above
 * admits exactly one of separator/width, which is what the TS union says.
 */
export const framingSchema = z.discriminatedUnion("kind", [
  delimiterSchema,
  z.discriminatedUnion("encoding", [binarySchema, asciiSchema]),
]) as unknown as z.ZodType<FramingConfig>;

/** Presets the UI offers; any other byte string works too. */
export const NEWLINE_FRAMING: DelimiterFraming = { kind: "delimiter", delimiter: "\n" };
export const NUL_FRAMING: DelimiterFraming = { kind: "delimiter", delimiter: "\u0000" };

function firstDelimiterByte(delimiter: string | HexBytes): number | undefined {
  if (typeof delimiter === "string") return delimiter.length > 0 ? new TextEncoder().encode(delimiter)[0] : undefined;
  return delimiter.hex.length >= 2 ? parseInt(delimiter.hex.slice(0, 2), 16) : undefined;
}
