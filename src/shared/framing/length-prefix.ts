import { ChunkList } from "./chunk-list";
import { FramingError, frameTooLarge } from "./errors";
import type { LengthHeader } from "./length-header";
import type { StreamDecoder } from "./stream-decoder";

/** header + payload. */
export function encodeLengthPrefixed(header: LengthHeader, maxFrame: number, payload: Uint8Array): Uint8Array {
  const length = payload.length;
  if (length > maxFrame) throw frameTooLarge(length, maxFrame, "payload");
  const size = header.sizeFor(length);
  const out = new Uint8Array(size + length);
  header.write(length, out, 0);
  out.set(payload, size);
  return out;
}

/**
 * Reads header, then body, with any chunking. A frame found whole in one
 * chunk is returned as a view of it; only a body split across chunks is
 * copied, once, when its last byte arrives. The declared length is checked
 * against maxFrame before a single body byte is held.
 */
export class LengthPrefixDecoder implements StreamDecoder {
  /** A header split across chunks is gathered here (at most maxSize bytes). */
  private readonly headerBytes: Uint8Array;
  private headerLength = 0;
  /** Declared length of the body being gathered, or -1 while reading a header. */
  private body = -1;
  private readonly pending = new ChunkList();

  constructor(
    private readonly header: LengthHeader,
    private readonly maxFrame: number,
  ) {
    this.headerBytes = new Uint8Array(header.maxSize);
  }

  get buffered(): number {
    return this.headerLength + this.pending.length;
  }

  get expectedLength(): number | null {
    return this.body >= 0 ? this.body : null;
  }

  push(chunk: Uint8Array, out: Uint8Array[]): void {
    const n = chunk.length;
    let pos = 0;
    if (this.body >= 0) {
      const need = this.body - this.pending.length;
      if (n < need) {
        this.pending.append(chunk);
        return;
      }
      out.push(this.pending.concat(chunk.subarray(0, need)));
      this.pending.clear();
      this.body = -1;
      pos = need;
    } else if (this.headerLength > 0) {
      pos = this.continueHeader(chunk);
      if (pos === -1) return;
      if (this.takeBody(chunk, pos, out)) return;
      pos += this.header.length;
    }
    const header = this.header;
    while (pos < n) {
      const size = header.read(chunk, pos, n);
      if (size === 0) {
        this.headerBytes.set(chunk.subarray(pos), 0);
        this.headerLength = n - pos;
        return;
      }
      this.checkLength(header.length);
      pos += size;
      if (this.takeBody(chunk, pos, out)) return;
      pos += header.length;
    }
  }

  end(): void {
    if (this.headerLength > 0 || this.body >= 0) {
      const message =
        this.body >= 0
          ? `the stream ended inside a frame: ${this.pending.length} of ${this.body} body bytes arrived`
          : `the stream ended inside a length prefix: ${this.headerLength} header bytes arrived`;
      this.reset();
      throw new FramingError("TRUNCATED_FRAME", message);
    }
  }

  reset(): void {
    this.headerLength = 0;
    this.body = -1;
    this.pending.clear();
  }

  /**
   * Feeds the start of `chunk` to a header begun in an earlier chunk. Returns
   * where the body starts in `chunk`, or -1 when the header is still incomplete.
   */
  private continueHeader(chunk: Uint8Array): number {
    const before = this.headerLength;
    const take = Math.min(this.headerBytes.length - before, chunk.length);
    this.headerBytes.set(chunk.subarray(0, take), before);
    const size = this.header.read(this.headerBytes, 0, before + take);
    if (size === 0) {
      this.headerLength = before + take;
      if (this.headerLength === this.headerBytes.length) {
        // A header reader must decide within maxSize bytes; reaching this is a bug, not input.
        throw new FramingError("BAD_LENGTH", `no complete length prefix within ${this.headerLength} bytes`);
      }
      return -1;
    }
    this.headerLength = 0;
    this.checkLength(this.header.length);
    // Every byte held before was header (it was incomplete), so the rest comes from this chunk.
    return size - before;
  }

  /** Emits the body at `pos` if `chunk` holds all of it (true = chunk used up, body pending). */
  private takeBody(chunk: Uint8Array, pos: number, out: Uint8Array[]): boolean {
    const length = this.header.length;
    if (chunk.length - pos >= length) {
      out.push(chunk.subarray(pos, pos + length));
      return false;
    }
    this.body = length;
    this.pending.append(chunk.subarray(pos));
    return true;
  }

  private checkLength(length: number): void {
    if (length > this.maxFrame) {
      throw frameTooLarge(length, this.maxFrame, "declared frame");
    }
  }
}
