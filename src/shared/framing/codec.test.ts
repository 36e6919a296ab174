import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex, utf8 } from "../bytes";
import {
  createDecoder,
  DEFAULT_MAX_FRAME,
  describeHeader,
  encodeFrame,
  FramingError,
  framingErrorInfo,
  framingSchema,
  headerFor,
  NEWLINE_FRAMING,
  NUL_FRAMING,
  type FramingConfig,
} from "./index";

const ALL: FramingConfig[] = [
  NEWLINE_FRAMING,
  NUL_FRAMING,
  { kind: "delimiter", delimiter: { hex: "0d0a" }, escape: true },
  { kind: "length-prefix", encoding: "u16be" },
  { kind: "length-prefix", encoding: "u32be", maxFrame: 1024 },
  { kind: "length-prefix", encoding: "u16le" },
  { kind: "length-prefix", encoding: "u32le" },
  { kind: "length-prefix", encoding: "ascii", separator: ":" },
  { kind: "length-prefix", encoding: "ascii", width: 8 },
];

describe("framing config schema", () => {
  it("accepts every form DESIGN.md lists", () => {
    for (const config of ALL) expect(framingSchema.parse(config)).toEqual(config);
  });

  it.each([
    [{ kind: "delimiter", delimiter: "" }, /empty/],
    [{ kind: "delimiter", delimiter: { hex: "0" } }, /hex/],
    [{ kind: "delimiter", delimiter: { hex: "zz" } }, /hex/],
    [{ kind: "delimiter", delimiter: "\\", escape: true }, /backslash/],
    [{ kind: "length-prefix", encoding: "u8" }, /u16be/],
    [{ kind: "length-prefix", encoding: "ascii" }, /exactly one of separator or width/],
    [{ kind: "length-prefix", encoding: "ascii", separator: ":", width: 8 }, /exactly one/],
    [{ kind: "length-prefix", encoding: "ascii", separator: "1" }, /digit/],
    [{ kind: "length-prefix", encoding: "ascii", width: 16 }, /16|15/],
    [{ kind: "length-prefix", encoding: "u32be", maxFrame: -1 }, /0/],
    [{ kind: "length-prefix", encoding: "u32be", maxFrame: 1.5 }, /int/],
    [{ kind: "length-prefix", encoding: "u32be", extra: true }, /extra/],
    [{ kind: "stream" }, /delimiter/],
  ])("rejects %j with a sentence", (input, message) => {
    const result = framingSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join("; ")).toMatch(message);
  });

  it("refuses an invalid config at createDecoder/encodeFrame with a TypeError", () => {
    expect(() => createDecoder({ kind: "delimiter", delimiter: "" })).toThrow(TypeError);
    expect(() => encodeFrame({ kind: "length-prefix", encoding: "ascii", width: 0 }, new Uint8Array(0))).toThrow(/invalid framing/);
  });

  it("fuzzed input never throws from safeParse, and whatever passes makes a working decoder", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              kind: fc.constantFrom("delimiter", "length-prefix", "x"),
              delimiter: fc.oneof(fc.string(), fc.record({ hex: fc.string() }), fc.anything()),
              encoding: fc.constantFrom("u16be", "u32be", "u16le", "u32le", "ascii", "u64"),
              separator: fc.oneof(fc.string(), fc.integer()),
              width: fc.oneof(fc.integer({ min: -2, max: 20 }), fc.double()),
              escape: fc.anything(),
              maxFrame: fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double(), fc.constant(2 ** 40)),
            },
            { requiredKeys: ["kind"] },
          ),
        ),
        (input) => {
          const parsed = framingSchema.safeParse(input);
          if (!parsed.success) return;
          const decoder = createDecoder(parsed.data);
          const frame = encodeFrame(parsed.data, new Uint8Array(0));
          expect(decoder.push(frame).map(toHex)).toEqual([""]);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("defaults maxFrame to 16 MiB", () => {
    expect(DEFAULT_MAX_FRAME).toBe(16 * 1024 * 1024);
    expect(() => encodeFrame({ kind: "length-prefix", encoding: "u32be" }, new Uint8Array(DEFAULT_MAX_FRAME + 1))).toThrow(
      expect.objectContaining({ code: "FRAME_TOO_LARGE" }),
    );
  });
});

describe("framing errors", () => {
  it("become the contract's error shape", () => {
    const err = new FramingError("TRUNCATED_FRAME", "the stream ended inside a frame");
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe("FramingError");
    expect(framingErrorInfo(err)).toEqual({ type: "FramingError", errno: "TRUNCATED_FRAME", message: "the stream ended inside a frame" });
  });

  it.each(ALL)("poison the decoder for %j: later calls throw the same code, nothing is held", (config) => {
    const decoder = createDecoder(config);
    const bad = config.kind === "delimiter" ? utf8("x") : config.encoding === "ascii" ? utf8("z") : Uint8Array.of(0xff, 0xff, 0xff, 0xff);
    let first: FramingError | null = null;
    try {
      decoder.push(bad);
      decoder.end();
    } catch (err) {
      first = err as FramingError;
    }
    expect(first).toBeInstanceOf(FramingError);
    expect(decoder.error).toBe(first);
    expect(decoder.buffered).toBe(0);
    expect(decoder.expectedLength).toBeNull();
    expect(() => decoder.push(encodeFrame(config, utf8("ok")))).toThrow(first!);
    expect(() => decoder.end()).toThrow(first!);
  });

  it("a clean end is fine, and the decoder is empty", () => {
    for (const config of ALL) {
      const decoder = createDecoder(config);
      decoder.end();
      expect(decoder.push(encodeFrame(config, utf8("hi"))).map(toHex)).toEqual([toHex(utf8("hi"))]);
      decoder.end();
      expect(decoder.buffered).toBe(0);
    }
  });
});

describe("header helpers for the lesson", () => {
  it("headerFor gives the bytes in front of a payload", () => {
    expect(toHex(headerFor({ kind: "length-prefix", encoding: "u32be" }, 5))).toBe("00000005");
    expect(toHex(headerFor({ kind: "length-prefix", encoding: "u16le" }, 5))).toBe("0500");
    expect(new TextDecoder().decode(headerFor({ kind: "length-prefix", encoding: "ascii", separator: ":" }, 12))).toBe("12:");
    expect(headerFor(NEWLINE_FRAMING, 5).length).toBe(0);
    expect(() => headerFor({ kind: "length-prefix", encoding: "u16be" }, 70_000)).toThrow(expect.objectContaining({ code: "FRAME_TOO_LARGE" }));
  });

  it("describeHeader finds where a delimited frame ends", () => {
    expect(describeHeader({ kind: "delimiter", delimiter: "\r\n" }, utf8("abc\r\ndef"))).toMatchObject({ kind: "delimiter", frameEnd: 3 });
    expect(describeHeader(NEWLINE_FRAMING, utf8("abc"))).toMatchObject({ frameEnd: null });
  });
});
