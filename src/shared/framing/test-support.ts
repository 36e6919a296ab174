/**
 * Shared property checks for the framing tests (not shipped: only *.test.ts
 * files import this). Each check takes a config and frames and states one
 * law every codec must obey.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { toHex } from "../bytes";
import { createDecoder, encodeFrame, encodeFrames, FramingError, type FramingConfig } from "./index";
import { MAX_ASCII_DIGITS } from "./ascii-length";
import { resolveFraming } from "./resolve";

export const RUNS = { numRuns: 10_000 } as const;

/** Random cut points, as TCP would split a stream (repeats give empty chunks). */
export const cutsArb = fc.array(fc.nat(), { maxLength: 12 });

/** `bytes` split at `cuts` (taken modulo length + 1); every chunk owns its ArrayBuffer. */
export function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.slice(from, p));
    from = p;
  }
  return chunks;
}

/** The most a decoder may hold: one frame plus its header (or a delimiter's partial match). */
export function memoryBound(config: FramingConfig): number {
  const r = resolveFraming(config);
  switch (r.kind) {
    case "delimiter":
      return r.maxFrame + r.delimiter.length - 1;
    case "binary":
      return r.maxFrame + (r.encoding.startsWith("u16") ? 2 : 4);
    case "ascii-separator":
      return r.maxFrame + MAX_ASCII_DIGITS + r.separator.length;
    case "ascii-width":
      return r.maxFrame + r.width;
  }
}

const hexes = (frames: readonly Uint8Array[]) => frames.map(toHex);

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Frames equal, compared cheaply (10,000 runs each); a mismatch is reported as hex for a readable diff. */
export function expectFrames(got: readonly Uint8Array[], want: readonly Uint8Array[]): void {
  if (got.length !== want.length || got.some((g, i) => !sameBytes(g, want[i]!))) expect(hexes(got)).toEqual(hexes(want));
}

/** `expect` is slow enough to dominate a property run, so loops check plainly and only report through it. */
function expectAtMost(value: number, bound: number): void {
  if (value > bound) expect(value).toBeLessThanOrEqual(bound);
}

/** decode(split(encode(frames))) == frames, ending cleanly, never holding more than the bound. */
export function checkRoundTrip(config: FramingConfig, payloads: readonly Uint8Array[], cuts: readonly number[]): void {
  const decoder = createDecoder(config);
  const bound = memoryBound(config);
  const got: Uint8Array[] = [];
  for (const chunk of split(encodeFrames(config, payloads), cuts)) {
    got.push(...decoder.push(chunk));
    expectAtMost(decoder.buffered, bound);
  }
  decoder.end();
  expect(decoder.buffered).toBe(0);
  expectFrames(got, payloads);
}

/**
 * Frames larger than the receiver's maxFrame: every frame before the first
 * oversized one arrives, then FRAME_TOO_LARGE, and the decoder stays poisoned.
 * The sender uses a larger limit, as a misbehaving peer would.
 */
export function checkLimit(
  sender: FramingConfig,
  receiver: FramingConfig,
  payloads: readonly Uint8Array[],
  cuts: readonly number[],
): void {
  const limit = resolveFraming(receiver).maxFrame;
  const firstBig = payloads.findIndex((p) => p.length > limit);
  const decoder = createDecoder(receiver);
  const bound = memoryBound(receiver);
  const got: Uint8Array[] = [];
  let error: unknown = null;
  for (const chunk of split(encodeFrames(sender, payloads), cuts)) {
    try {
      got.push(...decoder.push(chunk));
    } catch (err) {
      error = err;
      if (err instanceof FramingError) got.push(...err.frames);
      break;
    }
    expectAtMost(decoder.buffered, bound);
  }
  if (firstBig === -1) {
    expect(error).toBeNull();
    decoder.end();
    expectFrames(got, payloads);
    return;
  }
  expect(error).toBeInstanceOf(FramingError);
  expect((error as FramingError).code).toBe("FRAME_TOO_LARGE");
  expectFrames(got, payloads.slice(0, firstBig));
  expectPoisoned(decoder, "FRAME_TOO_LARGE");
}

export function expectPoisoned(decoder: ReturnType<typeof createDecoder>, code: FramingError["code"]): void {
  expect(decoder.buffered).toBe(0);
  expect(decoder.error?.code).toBe(code);
  expect(() => decoder.push(new Uint8Array([1, 2, 3]))).toThrow(expect.objectContaining({ code, frames: [] }));
  expect(() => decoder.end()).toThrow(expect.objectContaining({ code }));
}

/**
 * The stream stops inside the last frame: every earlier frame arrives, the
 * held bytes are exactly the cut frame's (less a parsed prefix), and end()
 * reports TRUNCATED_FRAME.
 * `keep` picks how much of the last frame was sent (1 .. length - 1).
 */
export function checkTruncated(
  config: FramingConfig,
  payloads: readonly Uint8Array[],
  last: Uint8Array,
  keep: number,
  cuts: readonly number[],
): void {
  const tail = encodeFrame(config, last);
  if (tail.length < 2) return;
  const sent = Math.max(1, keep % tail.length);
  const whole = encodeFrames(config, payloads);
  const stream = new Uint8Array(whole.length + sent);
  stream.set(whole);
  stream.set(tail.subarray(0, sent), whole.length);
  const decoder = createDecoder(config);
  const got: Uint8Array[] = [];
  for (const chunk of split(stream, cuts)) got.push(...decoder.push(chunk));
  expectFrames(got, payloads);
  // A parsed length prefix is not held, only the body bytes after it.
  const headerSize = resolveFraming(config).kind === "delimiter" ? 0 : tail.length - last.length;
  expect(decoder.buffered).toBe(sent >= headerSize ? sent - headerSize : sent);
  expect(() => decoder.end()).toThrow(expect.objectContaining({ code: "TRUNCATED_FRAME" }));
  expectPoisoned(decoder, "TRUNCATED_FRAME");
}

/**
 * A frame lying inside one chunk is a view of that chunk at the payload's own
 * offset ("the frame" is the body for length prefixes, which are parsed
 * apart, and body + delimiter for delimiter framing). A body that spans
 * chunks is a fresh copy.
 */
export function checkZeroCopy(config: FramingConfig, payloads: readonly Uint8Array[], cuts: readonly number[]): void {
  const delimited = resolveFraming(config).kind === "delimiter";
  const spans: { start: number; end: number; frameEnd: number }[] = [];
  let at = 0;
  for (const p of payloads) {
    const e = encodeFrame(config, p);
    const start = at + (delimited ? 0 : e.length - p.length);
    spans.push({ start, end: start + p.length, frameEnd: delimited ? at + e.length : start + p.length });
    at += e.length;
  }
  const chunks = split(encodeFrames(config, payloads), cuts);
  const chunkStarts: number[] = [];
  let offset = 0;
  for (const c of chunks) {
    chunkStarts.push(offset);
    offset += c.length;
  }
  const within = (from: number, to: number) =>
    chunks.findIndex((c, k) => chunkStarts[k]! <= from && to <= chunkStarts[k]! + c.length);
  const decoder = createDecoder(config);
  const got: Uint8Array[] = [];
  for (const c of chunks) got.push(...decoder.push(c));
  expect(got.length).toBe(payloads.length);
  got.forEach((frame, i) => {
    const span = spans[i]!;
    if (span.end === span.start) return;
    const home = within(span.start, span.frameEnd);
    if (home !== -1) {
      expect(frame.buffer).toBe(chunks[home]!.buffer);
      expect(frame.byteOffset).toBe(span.start - chunkStarts[home]!);
    } else if (within(span.start, span.end) === -1) {
      expect(chunks.some((c) => c.buffer === frame.buffer)).toBe(false);
    }
  });
}
