/**
 * One way of writing a frame's length in front of it. The length-prefix
 * encoder and decoder are shared; only this part differs between the binary
 * and the ASCII prefixes.
 */
export interface LengthHeader {
  /** The most bytes a header can take; the decoder buffers no more while reading one. */
  readonly maxSize: number;
  /** The length declared by the last header `read` completed. */
  length: number;
  /** Header size for a payload of `length` bytes; throws FRAME_TOO_LARGE beyond the prefix's range. */
  sizeFor(length: number): number;
  write(length: number, out: Uint8Array, at: number): void;
  /**
   * Parses a header starting at `bytes[start]`, looking no further than `end`:
   * returns its size (and sets `length`), or 0 when more bytes are needed.
   * Throws BAD_LENGTH as soon as the bytes cannot be a header.
   */
  read(bytes: Uint8Array, start: number, end: number): number;
}
