import { concatBytes } from "../bytes";
import type { FramingConfig } from "./config";
import { encodeDelimited, DelimiterDecoder } from "./delimiter";
import { FramingError, frameTooLarge } from "./errors";
import { lengthHeaderFor } from "./headers";
import type { LengthHeader } from "./length-header";
import { encodeLengthPrefixed, LengthPrefixDecoder } from "./length-prefix";
import { resolveFraming, type ResolvedFraming } from "./resolve";
import type { StreamDecoder } from "./stream-decoder";

/**
 * A streaming frame decoder for one byte stream (one socket direction).
 *
 * Frames are returned as views of the pushed chunks whenever a frame lies
 * inside one chunk; the decoder also keeps views of the chunks of an
 * unfinished frame. Callers must therefore not overwrite a chunk after
 * pushing it.
 *
 * Errors poison the decoder: the failing push throws a FramingError (whose
 * `frames` holds the frames that push completed before the error), the held
 * bytes are dropped, and every later push() or end() throws a FramingError
 * with the same code and message (and no frames). A framing error means the
 * peer and we disagree about where frames start; nothing later in the
 * stream can be trusted, so there is no recovery.
 */
export interface FrameDecoder {
  /** The frames completed by `chunk`, in order (possibly none). */
  push(chunk: Uint8Array): Uint8Array[];
  /** The stream has ended: throws TRUNCATED_FRAME if it ended inside a frame; a clean end changes nothing. */
  end(): void;
  /** Bytes held for the unfinished frame (header and body). */
  readonly buffered: number;
  /** The body length the current header declared, while its body is arriving; else null. */
  readonly expectedLength: number | null;
  /** The error that poisoned this decoder, if any. */
  readonly error: FramingError | null;
}

class PoisoningDecoder implements FrameDecoder {
  error: FramingError | null = null;

  constructor(private readonly inner: StreamDecoder) {}

  get buffered(): number {
    return this.inner.buffered;
  }

  get expectedLength(): number | null {
    return this.error ? null : this.inner.expectedLength;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.error) throw this.error;
    const frames: Uint8Array[] = [];
    try {
      this.inner.push(chunk, frames);
    } catch (err) {
      throw this.poison(err, frames);
    }
    return frames;
  }

  end(): void {
    if (this.error) throw this.error;
    try {
      this.inner.end();
    } catch (err) {
      throw this.poison(err, []);
    }
  }

  private poison(err: unknown, frames: Uint8Array[]): unknown {
    if (!(err instanceof FramingError)) return err;
    this.inner.reset();
    this.error = err;
    return frames.length > 0 ? new FramingError(err.code, err.message, frames) : err;
  }
}

/** A decoder for `config` (validated; throws TypeError when it does not fit the schema). */
export function createDecoder(config: FramingConfig): FrameDecoder {
  const r = resolveFraming(config);
  const inner: StreamDecoder =
    r.kind === "delimiter" ? new DelimiterDecoder(r) : new LengthPrefixDecoder(lengthHeaderFor(r), r.maxFrame);
  return new PoisoningDecoder(inner);
}

// Header codecs only carry state while decoding, so encoders can share one per config.
const encodeHeaders = new WeakMap<ResolvedFraming, LengthHeader>();

/**
 * `payload` as one frame on the wire. Throws FramingError:
 * DELIMITER_IN_PAYLOAD (delimiter framing without escape), or FRAME_TOO_LARGE
 * (over maxFrame, or beyond what the prefix can express, e.g. u16's 65535).
 */
export function encodeFrame(config: FramingConfig, payload: Uint8Array): Uint8Array {
  const r = resolveFraming(config);
  if (r.kind === "delimiter") return encodeDelimited(r, payload);
  return encodeLengthPrefixed(encodeHeader(r), r.maxFrame, payload);
}

/**
 * The prefix `config` puts in front of `payloadLength` bytes, for the
 * lesson's byte view; empty for delimiter framing. Throws like encodeFrame.
 */
export function headerFor(config: FramingConfig, payloadLength: number): Uint8Array {
  const r = resolveFraming(config);
  if (r.kind === "delimiter") return new Uint8Array(0);
  if (payloadLength > r.maxFrame) throw frameTooLarge(payloadLength, r.maxFrame, "payload");
  const header = encodeHeader(r);
  const out = new Uint8Array(header.sizeFor(payloadLength));
  header.write(payloadLength, out, 0);
  return out;
}

function encodeHeader(r: Exclude<ResolvedFraming, { kind: "delimiter" }>): LengthHeader {
  let header = encodeHeaders.get(r);
  if (!header) {
    header = lengthHeaderFor(r);
    encodeHeaders.set(r, header);
  }
  return header;
}

/** Several payloads as one stream (what a sender's consecutive sendall calls put on the wire). */
export function encodeFrames(config: FramingConfig, payloads: readonly Uint8Array[]): Uint8Array {
  return concatBytes(payloads.map((p) => encodeFrame(config, p)));
}
