import { fromHex, utf8 } from "../../shared/bytes";
import { createDecoder, encodeFrame, headerFor, type FrameDecoder, type FramingConfig } from "../../shared/framing";
import type { StreamPosition } from "../../shared/events";

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
  /** Chunks not yet wholly consumed by frames: [event seq, wire offset of their first byte, length]. */
  private readonly chunks: [seq: number, at: number, length: number][] = [];
  private consumed = 0;
  private received = 0;

  constructor(readonly config: FramingConfig) {
    this.decoder = createDecoder(config);
  }

  /** Feeds one chunk (the data event `seq`); returns the frames it completed. Throws FramingError. */
  push(seq: number, chunk: Uint8Array): TrackedFrame[] {
    this.chunks.push([seq, this.received, chunk.length]);
    this.received += chunk.length;
    const frames: TrackedFrame[] = [];
    for (const payload of this.decoder.push(chunk)) {
      const first = this.consumed;
      this.consumed += wireLength(this.config, payload);
      frames.push({ payload, start: this.position(first), end: this.position(this.consumed - 1) });
      while (this.chunks.length > 1 && this.chunks[0]![1] + this.chunks[0]![2] <= this.consumed) this.chunks.shift();
    }
    return frames;
  }

  private position(wireOffset: number): StreamPosition {
    const chunk = this.chunks.find(([, at, length]) => wireOffset >= at && wireOffset < at + length) ?? this.chunks.at(-1)!;
    return { seq: chunk[0], offset: wireOffset - chunk[1] };
  }
}
