import { fromHex, utf8 } from "../../shared/bytes";
import { createDecoder, encodeFrame, headerFor, type FrameDecoder, type FramingConfig } from "../../shared/framing";
import type { StreamPosition } from "../../shared/events";
import { StreamIndex } from "./stream-index";

export interface TrackedFrame {
  readonly payload: Uint8Array;
  /** Where the frame's first and last wire bytes are, in the data events that carried them. */
  readonly start: StreamPosition;
  readonly end: StreamPosition;
}

/** How many bytes `payload` took on the wire: header or delimiter (and escapes) included. */
function wireLength(config: FramingConfig, payload: Uint8Array): number {
  if (config.kind === "delimiter") {
    if (config.escape) return encodeFrame(config, payload).length;
    const delimiter = typeof config.delimiter === "string" ? utf8(config.delimiter) : fromHex(config.delimiter.hex);
    return payload.length + delimiter.length;
  }
  // ASCII lengths are assumed written without leading zeros (the canonical form the Lab itself sends).
  return headerFor(config, payload.length).length + payload.length;
}

/**
 * Watches one direction of a TCP stream with a framing chosen for the
 * connection, and says which frames the chunks (data events) make up and
 * where each frame starts and ends among them: the lesson that one send may
 * arrive as three recvs, and three sends as one.
 */
export class FrameTracker {
  private readonly decoder: FrameDecoder;
  /** Chunks not yet wholly consumed by frames. */
  private readonly index = new StreamIndex();
  private consumed = 0;

  constructor(readonly config: FramingConfig) {
    this.decoder = createDecoder(config);
  }

  /** Feeds one chunk (the data event `seq`); returns the frames it completed. Throws FramingError. */
  push(seq: number, chunk: Uint8Array): TrackedFrame[] {
    this.index.push(seq, chunk.length);
    const frames: TrackedFrame[] = [];
    for (const payload of this.decoder.push(chunk)) {
      const first = this.consumed;
      this.consumed += wireLength(this.config, payload);
      frames.push({ payload, start: this.at(first), end: this.at(this.consumed - 1) });
      this.index.release(this.consumed);
    }
    return frames;
  }

  /** A frame's byte: the decoder completes frames only from bytes it was given; a header with leading zeros makes the computed wire length short, never long, but stay inside what arrived. */
  private at(offset: number): StreamPosition {
    return this.index.position(Math.min(offset, this.index.length - 1))!;
  }
}
