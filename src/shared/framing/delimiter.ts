import { ChunkList } from "./chunk-list";
import { FramingError, frameTooLarge } from "./errors";
import { escapedLength, unescapeBody, writeEscaped } from "./escape";
import { indexOfBytes } from "./search";
import type { StreamDecoder } from "./stream-decoder";
import { preview } from "../bytes";

export interface DelimiterParams {
  readonly delimiter: Uint8Array;
  readonly escape: boolean;
  readonly maxFrame: number;
}

/** payload + delimiter, escaped or refused when the payload would end the frame early. */
export function encodeDelimited(p: DelimiterParams, payload: Uint8Array): Uint8Array {
  const d = p.delimiter;
  const first = d[0]!;
  const bodyLength = p.escape ? escapedLength(payload, first) : payload.length;
  if (bodyLength > p.maxFrame) {
    throw frameTooLarge(bodyLength, p.maxFrame, p.escape ? "escaped payload" : "payload");
  }
  const out = new Uint8Array(bodyLength + d.length);
  if (p.escape) writeEscaped(payload, out, 0, first);
  else out.set(payload);
  out.set(d, bodyLength);
  if (!p.escape) {
    // Search the whole output, not just the payload: with a self-overlapping
    // delimiter ("aba") the payload's tail plus the delimiter can form an
    // earlier match ("ab" + "aba"), which would also split the frame.
    const at = d.length === 1 ? out.indexOf(first) : indexOfBytes(out, d);
    if (at < bodyLength) {
      throw new FramingError(
        "DELIMITER_IN_PAYLOAD",
        `the payload contains its own delimiter "${preview(d)}" at byte ${at}: the receiver would end the frame there ` +
          `(choose escape, or a length prefix)`,
      );
    }
  }
  return out;
}

/**
 * Splits a stream at each delimiter. Invariant while a frame is unfinished:
 * no delimiter starts in the held bytes except possibly within their last
 * `delimiter.length - 1` bytes (kept in `tail`), so each push searches only
 * that small seam and the new chunk, never the whole held frame again.
 */
export class DelimiterDecoder implements StreamDecoder {
  private readonly delimiter: Uint8Array;
  private readonly first: number;
  private readonly escape: boolean;
  private readonly maxFrame: number;
  private readonly pending = new ChunkList();
  private readonly tail: Uint8Array;
  private tailLength = 0;

  constructor(p: DelimiterParams) {
    this.delimiter = p.delimiter;
    this.first = p.delimiter[0]!;
    this.escape = p.escape;
    this.maxFrame = p.maxFrame;
    this.tail = new Uint8Array(p.delimiter.length - 1);
  }

  get buffered(): number {
    return this.pending.length;
  }

  get expectedLength(): number | null {
    return null;
  }

  push(chunk: Uint8Array, out: Uint8Array[]): void {
    const dlen = this.delimiter.length;
    let pos = 0;
    if (this.pending.length > 0) {
      let frame: Uint8Array;
      const seam = dlen > 1 ? this.matchAcrossSeam(chunk) : -1;
      if (seam >= 0) {
        const frameLength = this.pending.length - (this.tailLength - seam);
        this.checkSize(frameLength);
        frame = this.pending.prefix(frameLength);
        pos = seam + dlen - this.tailLength;
      } else {
        const at = this.find(chunk, 0);
        if (at === -1) {
          this.hold(chunk);
          return;
        }
        this.checkSize(this.pending.length + at);
        frame = this.pending.concat(chunk.subarray(0, at));
        pos = at + dlen;
      }
      this.pending.clear();
      this.tailLength = 0;
      out.push(this.escape ? unescapeBody(frame, this.first) : frame);
    }
    const n = chunk.length;
    while (pos < n) {
      const at = this.find(chunk, pos);
      if (at === -1) {
        this.hold(chunk.subarray(pos));
        return;
      }
      this.checkSize(at - pos);
      const frame = chunk.subarray(pos, at);
      out.push(this.escape ? unescapeBody(frame, this.first) : frame);
      pos = at + dlen;
    }
  }

  end(): void {
    if (this.pending.length > 0) {
      const held = this.pending.length;
      this.reset();
      throw new FramingError(
        "TRUNCATED_FRAME",
        `the stream ended inside a frame: ${held} bytes arrived without the delimiter "${preview(this.delimiter)}"`,
      );
    }
  }

  reset(): void {
    this.pending.clear();
    this.tailLength = 0;
  }

  private find(chunk: Uint8Array, from: number): number {
    return this.delimiter.length === 1 ? chunk.indexOf(this.first, from) : indexOfBytes(chunk, this.delimiter, from);
  }

  /** Start (in tail coordinates) of a delimiter that begins in `tail` and ends in `chunk`, or -1. */
  private matchAcrossSeam(chunk: Uint8Array): number {
    const d = this.delimiter;
    const t = this.tailLength;
    const available = t + Math.min(chunk.length, d.length - 1);
    for (let start = 0; start < t && start + d.length <= available; start++) {
      let k = 0;
      while (k < d.length) {
        const at = start + k;
        const b = at < t ? this.tail[at] : chunk[at - t];
        if (b !== d[k]) break;
        k++;
      }
      if (k === d.length) return start;
    }
    return -1;
  }

  private hold(bytes: Uint8Array): void {
    this.pending.append(bytes);
    const keep = this.tail.length;
    if (keep > 0) {
      if (bytes.length >= keep) {
        this.tail.set(bytes.subarray(bytes.length - keep));
        this.tailLength = keep;
      } else {
        const old = Math.min(this.tailLength, keep - bytes.length);
        this.tail.copyWithin(0, this.tailLength - old, this.tailLength);
        this.tail.set(bytes, old);
        this.tailLength = old + bytes.length;
      }
    }
    // Up to delimiter.length - 1 held bytes may be the start of a delimiter, so
    // only beyond that is the frame certainly too large.
    if (this.pending.length - keep > this.maxFrame) {
      throw frameTooLarge(this.pending.length - keep, this.maxFrame, "unterminated frame");
    }
  }

  private checkSize(length: number): void {
    if (length > this.maxFrame) throw frameTooLarge(length, this.maxFrame);
  }
}
