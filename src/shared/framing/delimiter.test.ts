import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex, utf8 } from "../bytes";
import { createDecoder, encodeFrame, encodeFrames, FramingError, type DelimiterFraming } from "./index";
import { checkLimit, checkRoundTrip, checkTruncated, checkZeroCopy, cutsArb, RUNS } from "./test-support";

const NL: DelimiterFraming = { kind: "delimiter", delimiter: "\n", maxFrame: 48 };
const NUL: DelimiterFraming = { kind: "delimiter", delimiter: { hex: "00" }, maxFrame: 48 };

/** Payload bytes without `avoid`, so the frame is encodable without escaping. */
const payloadWithout = (avoid: number, maxLength = 48) =>
  fc.uint8Array({ maxLength }).map((p) => p.map((b) => (b === avoid ? avoid ^ 1 : b)));

/** A small alphabet, so payloads often contain (parts of) the delimiter. */
const abc = fc.constantFrom(0x61, 0x62, 0x63);
const abcBytes = (min: number, max: number) => fc.array(abc, { minLength: min, maxLength: max }).map((a) => Uint8Array.from(a));

/** Reference check: does payload + delimiter contain the delimiter before the payload's end? */
function endsEarly(payload: Uint8Array, delimiter: Uint8Array): boolean {
  const s = toHex(payload) + toHex(delimiter);
  const d = toHex(delimiter);
  for (let i = 0; i < payload.length; i++) if (s.startsWith(d, 2 * i)) return true;
  return false;
}

/** Payloads the encoder accepts, after checking each refusal against the reference. */
function encodable(config: DelimiterFraming, delimiter: Uint8Array, payloads: Uint8Array[]): Uint8Array[] {
  return payloads.filter((p) => {
    const early = endsEarly(p, delimiter);
    if (!early) return true;
    expect(() => encodeFrame(config, p)).toThrow(expect.objectContaining({ code: "DELIMITER_IN_PAYLOAD" }));
    return false;
  });
}

describe("delimiter framing", () => {
  it("round-trips newline frames over any chunking", () => {
    fc.assert(
      fc.property(fc.array(payloadWithout(0x0a), { maxLength: 8 }), cutsArb, (payloads, cuts) =>
        checkRoundTrip(NL, payloads, cuts),
      ),
      RUNS,
    );
  });

  it("round-trips NUL frames over any chunking", () => {
    fc.assert(
      fc.property(fc.array(payloadWithout(0x00), { maxLength: 8 }), cutsArb, (payloads, cuts) =>
        checkRoundTrip(NUL, payloads, cuts),
      ),
      RUNS,
    );
  });

  it("round-trips multi-byte, self-overlapping delimiters split anywhere, refusing exactly the payloads that would end early", () => {
    fc.assert(
      fc.property(abcBytes(1, 4), fc.array(abcBytes(0, 12), { maxLength: 8 }), cutsArb, (d, payloads, cuts) => {
        const config: DelimiterFraming = { kind: "delimiter", delimiter: { hex: toHex(d) }, maxFrame: 12 };
        checkRoundTrip(config, encodable(config, d, payloads), cuts);
      }),
      RUNS,
    );
  });

  it("escapes payloads that contain the delimiter or the escape byte, and unescapes them", () => {
    const escapeDelimiter = fc
      .uint8Array({ minLength: 1, maxLength: 3 })
      .filter((d) => d[0] !== 0x5c);
    fc.assert(
      fc.property(escapeDelimiter, fc.array(fc.uint8Array({ maxLength: 12 }), { maxLength: 8 }), fc.nat(), cutsArb, (d, raw, seed, cuts) => {
        // Salt payloads with the bytes escaping must handle: the delimiter, its first byte, backslashes and markers.
        const salt = [d, Uint8Array.of(d[0]!), Uint8Array.of(0x5c), utf8("\\n"), utf8("\\d"), utf8("\\")];
        const payloads = raw.map((p, i) => {
          const s = salt[(seed + i) % salt.length]!;
          const out = new Uint8Array(p.length + s.length);
          const at = (seed + i) % (p.length + 1);
          out.set(p.subarray(0, at));
          out.set(s, at);
          out.set(p.subarray(at), at + s.length);
          return out;
        });
        const config: DelimiterFraming = { kind: "delimiter", delimiter: { hex: toHex(d) }, escape: true, maxFrame: 48 };
        checkRoundTrip(config, payloads, cuts);
      }),
      RUNS,
    );
  });

  it("refuses frames beyond maxFrame, delivering those before, and holds at most maxFrame + delimiter - 1 bytes", () => {
    fc.assert(
      fc.property(
        // Payload bytes are 0x40..0x7f, so none of these delimiters can occur in them.
        fc.constantFrom("\n", "\u0000", "\r\n", "\n\n", "\u0000\u0001\u0000"),
        fc.integer({ min: 0, max: 24 }),
        fc.array(fc.uint8Array({ maxLength: 40 }).map((p) => p.map((b) => (b & 0x3f) | 0x40)), { maxLength: 6 }),
        cutsArb,
        (delimiter, maxFrame, payloads, cuts) => {
          checkLimit({ kind: "delimiter", delimiter }, { kind: "delimiter", delimiter, maxFrame }, payloads, cuts);
        },
      ),
      RUNS,
    );
  });

  it("reports TRUNCATED_FRAME when the stream ends before the delimiter", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("\n", "\r\n", "\u0000\u0000"),
        fc.array(payloadWithout(0x0a, 16).map((p) => p.map((b) => b | 0x20)), { maxLength: 4 }),
        payloadWithout(0x0a, 16).map((p) => Uint8Array.of(0x41, ...p.map((b) => b | 0x20))),
        fc.nat(),
        cutsArb,
        (delimiter, payloads, last, keep, cuts) => checkTruncated({ kind: "delimiter", delimiter }, payloads, last, keep, cuts),
      ),
      RUNS,
    );
  });

  it("returns a frame inside one chunk as a view of it, and copies only frames that span chunks", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("\n", "\r\n", "||"),
        fc.array(payloadWithout(0x0a, 32).map((p) => p.map((b) => b & 0x7f | 0x20).map((b) => (b === 0x7c ? 0x7b : b))), { maxLength: 8 }),
        cutsArb,
        (delimiter, payloads, cuts) => checkZeroCopy({ kind: "delimiter", delimiter }, payloads, cuts),
      ),
      RUNS,
    );
  });

  it("refuses a payload containing its delimiter, with a sentence saying where", () => {
    const err = (() => {
      try {
        encodeFrame({ kind: "delimiter", delimiter: "\n" }, utf8("two\nlines"));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(FramingError);
    expect((err as FramingError).code).toBe("DELIMITER_IN_PAYLOAD");
    expect((err as FramingError).message).toMatch(/at byte 3/);
  });

  it("refuses a payload whose tail forms the delimiter together with it", () => {
    // "ab" + "aba" = "ababa": a receiver would find "aba" at 0 and cut the frame short.
    expect(() => encodeFrame({ kind: "delimiter", delimiter: "aba" }, utf8("ab"))).toThrow(
      expect.objectContaining({ code: "DELIMITER_IN_PAYLOAD" }),
    );
    expect(toHex(encodeFrame({ kind: "delimiter", delimiter: "aba" }, utf8("ba")))).toBe(toHex(utf8("baaba")));
  });

  it("escapes as documented: backslash doubled, the delimiter's first byte as backslash + letter", () => {
    const config: DelimiterFraming = { kind: "delimiter", delimiter: "\n", escape: true };
    expect(new TextDecoder().decode(encodeFrame(config, utf8("a\nb\\c")))).toBe("a\\nb\\\\c\n");
    expect(toHex(encodeFrame({ kind: "delimiter", delimiter: { hex: "00" }, escape: true }, Uint8Array.of(1, 0, 2)))).toBe(
      "015c300200",
    );
    expect(new TextDecoder().decode(encodeFrame({ kind: "delimiter", delimiter: "|", escape: true }, utf8("x|y")))).toBe("x\\dy|");
    expect(new TextDecoder().decode(encodeFrame({ kind: "delimiter", delimiter: "d", escape: true }, utf8("odd")))).toBe("o\\D\\Dd");
    // A stray backslash pair the encoder never makes is kept as it is.
    expect(createDecoder(config).push(utf8("a\\qb\\\n")).map((f) => new TextDecoder().decode(f))).toEqual(["a\\qb\\"]);
  });

  it("splits the tutorial's stream at each newline, including empty messages", () => {
    const decoder = createDecoder({ kind: "delimiter", delimiter: "\n" });
    const frames = [...decoder.push(utf8("hel")), ...decoder.push(utf8("lo\n\nwor")), ...decoder.push(utf8("ld\n"))];
    expect(frames.map((f) => new TextDecoder().decode(f))).toEqual(["hello", "", "world"]);
    expect(decoder.buffered).toBe(0);
    decoder.end();
  });

  it("reports a too-long unterminated frame as soon as it passes maxFrame", () => {
    const decoder = createDecoder({ kind: "delimiter", delimiter: "\r\n", maxFrame: 4 });
    expect(decoder.push(utf8("abcd\r"))).toEqual([]);
    expect(decoder.buffered).toBe(5);
    expect(() => decoder.push(utf8("e"))).toThrow(expect.objectContaining({ code: "FRAME_TOO_LARGE" }));
    expect(decoder.buffered).toBe(0);
  });

  it("keeps a frame completed earlier in the failing chunk on the error", () => {
    const decoder = createDecoder({ kind: "delimiter", delimiter: "\n", maxFrame: 3 });
    try {
      decoder.push(utf8("ok\ntoo long\n"));
      expect.unreachable();
    } catch (err) {
      expect((err as FramingError).code).toBe("FRAME_TOO_LARGE");
      expect((err as FramingError).frames.map(toHex)).toEqual([toHex(utf8("ok"))]);
    }
    expect(() => decoder.push(utf8("x\n"))).toThrow(expect.objectContaining({ code: "FRAME_TOO_LARGE", frames: [] }));
  });

  it("streams frames in one pass over many small chunks", () => {
    const payloads = Array.from({ length: 200 }, (_, i) => utf8(`message ${i}`));
    const stream = encodeFrames({ kind: "delimiter", delimiter: "\r\n" }, payloads);
    const decoder = createDecoder({ kind: "delimiter", delimiter: "\r\n" });
    const got: Uint8Array[] = [];
    for (let i = 0; i < stream.length; i += 3) got.push(...decoder.push(stream.subarray(i, i + 3)));
    expect(got.map(toHex)).toEqual(payloads.map(toHex));
  });
});
