import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex, utf8 } from "../bytes";
import { createDecoder, describeHeader, encodeFrame, encodeFrames, FramingError, headerFor, type FramingConfig } from "./index";
import { checkLimit, checkRoundTrip, checkTruncated, checkZeroCopy, cutsArb, expectFrames, RUNS, split } from "./test-support";

const payloads = fc.array(fc.uint8Array({ maxLength: 48 }), { maxLength: 8 });

/** Separators a person might pick, including multi-byte ones and ones that repeat a byte. */
/** Width 1 only fits payloads under 10 bytes, too few for the generated frames; a unit test covers it. */
const widthArb = fc.integer({ min: 2, max: 10 });
const separatorArb = fc.constantFrom(":", ",", "\n", "\r\n", "::", "|#|", " ");
const sepFraming = (separator: string, maxFrame?: number): FramingConfig =>
  maxFrame === undefined
    ? { kind: "length-prefix", encoding: "ascii", separator }
    : { kind: "length-prefix", encoding: "ascii", separator, maxFrame };
const widthFraming = (width: number, maxFrame?: number): FramingConfig =>
  maxFrame === undefined
    ? { kind: "length-prefix", encoding: "ascii", width }
    : { kind: "length-prefix", encoding: "ascii", width, maxFrame };

/** Pushes all chunks; returns the error the decoder raised (or null) and the frames before it. */
function decodeUntilError(config: FramingConfig, chunks: Uint8Array[]): { error: FramingError | null; frames: Uint8Array[] } {
  const decoder = createDecoder(config);
  const frames: Uint8Array[] = [];
  for (const chunk of chunks) {
    try {
      frames.push(...decoder.push(chunk));
    } catch (err) {
      if (!(err instanceof FramingError)) throw err;
      return { error: err, frames: [...frames, ...err.frames] };
    }
  }
  return { error: null, frames };
}

describe("ASCII length prefix", () => {
  it("separator form: round-trips frames over any chunking", () => {
    fc.assert(
      fc.property(separatorArb, payloads, cutsArb, (sep, ps, cuts) => checkRoundTrip(sepFraming(sep, 48), ps, cuts)),
      RUNS,
    );
  });

  it("fixed-width form: round-trips frames over any chunking", () => {
    fc.assert(
      fc.property(widthArb, payloads, cutsArb, (width, ps, cuts) =>
        checkRoundTrip(widthFraming(width, 48), ps, cuts),
      ),
      RUNS,
    );
  });

  it("refuses a declared length beyond maxFrame and holds at most maxFrame + prefix bytes", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          separatorArb.map((s) => (m?: number) => sepFraming(s, m)),
          widthArb.map((w) => (m?: number) => widthFraming(w, m)),
        ),
        fc.integer({ min: 0, max: 120 }),
        fc.array(fc.uint8Array({ maxLength: 160 }), { maxLength: 5 }),
        cutsArb,
        (make, maxFrame, ps, cuts) => checkLimit(make(), make(maxFrame), ps, cuts),
      ),
      RUNS,
    );
  });

  it("reports BAD_LENGTH for a prefix that is not decimal digits, wherever the stream is cut", () => {
    // Valid frames, then a header whose digits are broken by one non-digit byte.
    fc.assert(
      fc.property(
        fc.oneof(separatorArb.map((s) => sepFraming(s)), widthArb.map((w) => widthFraming(w))),
        fc.array(fc.uint8Array({ maxLength: 16 }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 9_999 }),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }).filter((b) => b < 0x30 || b > 0x39),
        cutsArb,
        (config, ps, length, where, bad, cuts) => {
          const width = "width" in config ? config.width : null;
          const n = width === null ? length : length % 10 ** width;
          const broken = headerFor(config, n).slice();
          const digits = width ?? String(n).length;
          // A separator byte in place of a digit could make a shorter, valid prefix; any other non-digit cannot.
          if ("separator" in config && utf8(config.separator).includes(bad)) return;
          broken[where % digits] = bad;
          const good = encodeFrames(config, ps);
          const stream = new Uint8Array(good.length + broken.length);
          stream.set(good);
          stream.set(broken, good.length);
          const { error, frames } = decodeUntilError(config, split(stream, cuts));
          expect(error?.code).toBe("BAD_LENGTH");
          expectFrames(frames, ps);
        },
      ),
      RUNS,
    );
  });

  it("reports BAD_LENGTH for more digits than any frame needs (leading zeros)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 11, max: 40 }), cutsArb, (zeros, cuts) => {
        const stream = utf8("0".repeat(zeros) + "5:hello");
        const { error } = decodeUntilError(sepFraming(":"), split(stream, cuts));
        expect(error?.code).toBe("BAD_LENGTH");
        expect(error?.message).toMatch(/more than 10 digits/);
      }),
      RUNS,
    );
  });

  it("reports TRUNCATED_FRAME when the stream ends inside a prefix or a body", () => {
    fc.assert(
      fc.property(
        fc.oneof(separatorArb.map((s) => sepFraming(s)), widthArb.map((w) => widthFraming(w))),
        fc.array(fc.uint8Array({ maxLength: 32 }), { maxLength: 4 }),
        fc.uint8Array({ minLength: 1, maxLength: 32 }),
        fc.nat(),
        cutsArb,
        (config, ps, last, keep, cuts) => checkTruncated(config, ps, last, keep, cuts),
      ),
      RUNS,
    );
  });

  it("returns a frame inside one chunk as a view of it, and copies only frames that span chunks", () => {
    fc.assert(
      fc.property(
        fc.oneof(separatorArb.map((s) => sepFraming(s)), widthArb.map((w) => widthFraming(w))),
        payloads,
        cutsArb,
        (config, ps, cuts) => checkZeroCopy(config, ps, cuts),
      ),
      RUNS,
    );
  });

  it("writes the tutorial's forms", () => {
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    expect(text(encodeFrame(sepFraming(":"), utf8("hello")))).toBe("5:hello");
    expect(text(encodeFrame(sepFraming(":"), new Uint8Array(0)))).toBe("0:");
    expect(text(encodeFrame(widthFraming(8), utf8("hello")))).toBe("00000005hello");
    expect(() => encodeFrame(widthFraming(2), new Uint8Array(100))).toThrow(
      expect.objectContaining({ code: "FRAME_TOO_LARGE", message: expect.stringMatching(/2-digit.*99/) }),
    );
    expect(encodeFrame(widthFraming(2), new Uint8Array(99)).length).toBe(101);
    const one = createDecoder(widthFraming(1));
    expect(one.push(utf8("3abc0")).map(toHex)).toEqual([toHex(utf8("abc")), ""]);
  });

  it("reads a prefix split across chunks and leading zeros in the separator form", () => {
    const decoder = createDecoder(sepFraming("\r\n"));
    const frames = [...decoder.push(utf8("00")), ...decoder.push(utf8("3\r")), ...decoder.push(utf8("\nabc2\r\nxy"))];
    expect(frames.map((f) => new TextDecoder().decode(f))).toEqual(["abc", "xy"]);
    decoder.end();
  });

  it("refuses an oversized length before its separator arrives", () => {
    const decoder = createDecoder(sepFraming(":", 100));
    expect(decoder.push(utf8("10"))).toEqual([]);
    expect(() => decoder.push(utf8("1"))).toThrow(expect.objectContaining({ code: "FRAME_TOO_LARGE" }));
  });

  it("names the bad bytes", () => {
    expect(() => createDecoder(sepFraming(":")).push(utf8("12x:hello"))).toThrow(
      expect.objectContaining({ code: "BAD_LENGTH", message: expect.stringMatching(/separator ":" after the length 12/) }),
    );
    expect(() => createDecoder(sepFraming(":")).push(utf8("hello"))).toThrow(
      expect.objectContaining({ code: "BAD_LENGTH", message: expect.stringMatching(/expected a decimal length/) }),
    );
    expect(() => createDecoder(widthFraming(4)).push(utf8("00x5hello"))).toThrow(
      expect.objectContaining({ code: "BAD_LENGTH", message: expect.stringMatching(/byte 2 is not a digit/) }),
    );
  });

  it("describes ASCII prefixes for the lesson", () => {
    expect(describeHeader(widthFraming(8), utf8("00000005hello"))).toMatchObject({ kind: "ascii", text: "00000005", size: 8, length: 5, complete: true, error: null });
    expect(describeHeader(sepFraming(":"), utf8("12"))).toMatchObject({ complete: false, length: null, error: null });
    expect(describeHeader(sepFraming(":"), utf8("1x:"))).toMatchObject({ complete: false, error: { type: "FramingError", errno: "BAD_LENGTH" } });
    expect(describeHeader(sepFraming(":", 3), utf8("5:hello"))).toMatchObject({ complete: true, length: 5, error: { errno: "FRAME_TOO_LARGE" } });
  });
});
