import type { BinaryLengthEncoding } from "./config";
import { FramingError } from "./errors";
import type { LengthHeader } from "./length-header";

/** A u16/u32 length in front of the payload, in either byte order. */
export class BinaryLengthHeader implements LengthHeader {
  readonly maxSize: number;
  private readonly littleEndian: boolean;
  private readonly limit: number;
  length = 0;

  constructor(readonly encoding: BinaryLengthEncoding) {
    this.maxSize = encoding.startsWith("u16") ? 2 : 4;
    this.littleEndian = encoding.endsWith("le");
    this.limit = this.maxSize === 2 ? 0xffff : 0xffffffff;
  }

  sizeFor(length: number): number {
    if (length > this.limit) {
      throw new FramingError(
        "FRAME_TOO_LARGE",
        `payload of ${length} bytes does not fit a ${this.encoding} length prefix (at most ${this.limit})`,
      );
    }
    return this.maxSize;
  }

  write(length: number, out: Uint8Array, at: number): void {
    const n = this.maxSize;
    for (let i = 0; i < n; i++) {
      const shift = 8 * (this.littleEndian ? i : n - 1 - i);
      out[at + i] = Math.floor(length / 2 ** shift) & 0xff;
    }
  }

  read(bytes: Uint8Array, start: number, end: number): number {
    if (end - start < this.maxSize) return 0;
    this.length = readUnsigned(bytes, start, this.maxSize, this.littleEndian);
    return this.maxSize;
  }
}

/** The unsigned integer in `size` bytes at `at`; `>>> 0` keeps u32 values positive. */
export function readUnsigned(bytes: Uint8Array, at: number, size: number, littleEndian: boolean): number {
  const b0 = bytes[at]!;
  const b1 = bytes[at + 1]!;
  if (size === 2) return littleEndian ? b0 | (b1 << 8) : (b0 << 8) | b1;
  const b2 = bytes[at + 2]!;
  const b3 = bytes[at + 3]!;
  return littleEndian
    ? (b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) >>> 0
    : ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
}
