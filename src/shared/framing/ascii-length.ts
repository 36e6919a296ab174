import { preview } from "../bytes";
import { MAX_FRAME_LIMIT } from "./config";
import { FramingError } from "./errors";
import type { LengthHeader } from "./length-header";

const ZERO = 0x30;
const NINE = 0x39;

function isDigit(b: number): boolean {
  return b >= ZERO && b <= NINE;
}

function writeDigits(value: number, out: Uint8Array, at: number, width: number): void {
  let v = value;
  for (let i = width - 1; i >= 0; i--) {
    out[at + i] = ZERO + (v % 10);
    v = Math.floor(v / 10);
  }
}

function badLength(message: string): FramingError {
  return new FramingError("BAD_LENGTH", message);
}

/** Enough digits for any length a u32 can carry; more can only be leading zeros or garbage. */
export const MAX_ASCII_DIGITS = String(MAX_FRAME_LIMIT).length;

/**
 * Decimal digits then a separator, as in "5:hello" (netstrings without the
 * trailing comma). Leading zeros are accepted, up to MAX_ASCII_DIGITS digits.
 */
export class AsciiSeparatorHeader implements LengthHeader {
  readonly maxSize: number;
  length = 0;

  constructor(
    private readonly separator: Uint8Array,
    private readonly maxFrame: number,
  ) {
    this.maxSize = MAX_ASCII_DIGITS + separator.length;
  }

  sizeFor(length: number): number {
    return String(length).length + this.separator.length;
  }

  write(length: number, out: Uint8Array, at: number): void {
    const digits = String(length).length;
    writeDigits(length, out, at, digits);
    out.set(this.separator, at + digits);
  }

  read(bytes: Uint8Array, start: number, end: number): number {
    let i = start;
    let value = 0;
    while (i < end && isDigit(bytes[i]!)) {
      value = value * 10 + (bytes[i]! - ZERO);
      i++;
      if (i - start > MAX_ASCII_DIGITS) {
        throw badLength(`more than ${MAX_ASCII_DIGITS} digits before the separator "${preview(this.separator)}"`);
      }
      // More digits only make the number larger, so refuse now rather than wait for the separator.
      if (value > this.maxFrame) {
        throw new FramingError(
          "FRAME_TOO_LARGE",
          `declared frame of at least ${value} bytes exceeds the limit of ${this.maxFrame} bytes`,
        );
      }
    }
    if (i === end) return 0;
    const digits = i - start;
    if (digits === 0) {
      throw badLength(`expected a decimal length, got "${preview(bytes.subarray(start, Math.min(end, start + 8)))}"`);
    }
    const sep = this.separator;
    for (let k = 0; k < sep.length; k++, i++) {
      if (i === end) return 0;
      if (bytes[i] !== sep[k]) {
        throw badLength(
          `expected the separator "${preview(sep)}" after the length ${value}, got "${preview(bytes.subarray(i - k, Math.min(end, i - k + sep.length)))}"`,
        );
      }
    }
    this.length = value;
    return digits + sep.length;
  }
}

/** Exactly `width` zero-padded digits, as in "00000005hello". */
export class AsciiWidthHeader implements LengthHeader {
  readonly maxSize: number;
  private readonly limit: number;
  length = 0;

  constructor(private readonly width: number) {
    this.maxSize = width;
    this.limit = 10 ** width - 1;
  }

  sizeFor(length: number): number {
    if (length > this.limit) {
      throw new FramingError(
        "FRAME_TOO_LARGE",
        `payload of ${length} bytes does not fit a ${this.width}-digit length prefix (at most ${this.limit})`,
      );
    }
    return this.width;
  }

  write(length: number, out: Uint8Array, at: number): void {
    writeDigits(length, out, at, this.width);
  }

  read(bytes: Uint8Array, start: number, end: number): number {
    const stop = Math.min(end, start + this.width);
    let value = 0;
    for (let i = start; i < stop; i++) {
      const b = bytes[i]!;
      if (!isDigit(b)) {
        throw badLength(
          `expected ${this.width} decimal digits, got "${preview(bytes.subarray(start, stop))}" (byte ${i - start} is not a digit)`,
        );
      }
      value = value * 10 + (b - ZERO);
    }
    if (stop - start < this.width) return 0;
    this.length = value;
    return this.width;
  }
}
