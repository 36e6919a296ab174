import { fromHex, utf8 } from "../../shared/bytes";
import { createDecoder, type FrameDecoder, type FramingConfig } from "../../shared/framing";
import type { ByteQueue } from "./byte-queue";

/** Peeking further than this for a delimiter gains nothing: the queue itself is bounded by SO_RCVBUF. */
const PEEK_LIMIT = 1 << 20;

/**
 * recv_frame on a stream socket: reads one frame and not a byte more, as the
 * exported Python program does (it peeks for delimiters and reads headers and
 * bodies exactly), so a later plain recv() sees the same bytes in the Lab and
 * in CPython. Bytes taken for an unfinished frame live in the decoder, not in
 * the receive queue, so a frame larger than SO_RCVBUF still arrives.
 */
export class FrameReader {
  private readonly decoder: FrameDecoder;
  private readonly delimiter: Uint8Array | null;
  /** The last bytes fed, which may hold the start of a delimiter split across reads. */
  private tail: Uint8Array = new Uint8Array(0);

  constructor(readonly config: FramingConfig) {
    this.decoder = createDecoder(config);
    this.delimiter =
      config.kind === "delimiter" ? (typeof config.delimiter === "string" ? utf8(config.delimiter) : fromHex(config.delimiter.hex)) : null;
  }

  /** The next payload; undefined when more bytes must arrive; null at a clean end of stream. Throws FramingError. */
  read(queue: ByteQueue, ended: boolean): Uint8Array | null | undefined {
    while (queue.length > 0) {
      const frames = this.decoder.push(queue.take(this.nextTake(queue)));
      if (frames.length > 0) {
        this.tail = new Uint8Array(0);
        return frames[0]!;
      }
    }
    if (!ended) return undefined;
    this.decoder.end();
    return null;
  }

  /** How many queued bytes belong to the current frame, at most. */
  private nextTake(queue: ByteQueue): number {
    if (this.delimiter) return this.upToDelimiter(queue, this.delimiter);
    const body = this.decoder.expectedLength;
    // Headers are a few bytes and may end anywhere (ASCII digits): read them a byte at a time.
    return body === null ? 1 : Math.max(1, body - this.decoder.buffered);
  }

  private upToDelimiter(queue: ByteQueue, delimiter: Uint8Array): number {
    const peeked = queue.peek(PEEK_LIMIT);
    const seen = Buffer.concat([this.tail, peeked]);
    const at = seen.indexOf(delimiter);
    const take = at >= 0 ? at + delimiter.length - this.tail.length : peeked.length;
    const fed = Buffer.concat([this.tail, peeked.subarray(0, take)]);
    this.tail = fed.subarray(Math.max(0, fed.length - (delimiter.length - 1)));
    return take;
  }
}
