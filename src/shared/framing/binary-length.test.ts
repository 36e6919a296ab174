import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex, utf8 } from "../bytes";
import { createDecoder, describeHeader, encodeFrame, type BinaryLengthEncoding, type BinaryLengthFraming } from "./index";
import { checkLimit, checkRoundTrip, checkTruncated, checkZeroCopy, cutsArb, RUNS, split } from "./test-support";

const ENCODINGS: readonly BinaryLengthEncoding[] = ["u16be", "u32be", "u16le", "u32le"];
const framing = (encoding: BinaryLengthEncoding, maxFrame?: number): BinaryLengthFraming =>
  maxFrame === undefined ? { kind: "length-prefix", encoding } : { kind: "length-prefix", encoding, maxFrame };

const payloads = fc.array(fc.uint8Array({ maxLength: 48 }), { maxLength: 8 });

/** The same number with its bytes reversed, which is what the wrong byte order reads. */
function swapped(value: number, size: 2 | 4): number {
  let out = 0;
  for (let i = 0; i < size; i++) out = out * 256 + (Math.floor(value / 256 ** i) & 0xff);
  return out;
}

describe("binary length prefix", () => {
  for (const encoding of ENCODINGS) {
    it(`${encoding}: round-trips frames over any chunking, holding at most maxFrame + header bytes`, () => {
      fc.assert(
        fc.property(payloads, cutsArb, (ps, cuts) => checkRoundTrip(framing(encoding, 48), ps, cuts)),
        RUNS,
      );
    });
  }

  it("refuses a declared length beyond maxFrame before buffering its body", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ENCODINGS),
        fc.integer({ min: 0, max: 32 }),
        fc.array(fc.uint8Array({ maxLength: 48 }), { maxLength: 6 }),
        cutsArb,
        (encoding, maxFrame, ps, cuts) => checkLimit(framing(encoding), framing(encoding, maxFrame), ps, cuts),
      ),
      RUNS,
    );
  });

  it("fails at the chunk that completes the oversized header, whatever the chunking", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ENCODINGS), fc.integer({ min: 1, max: 200 }), cutsArb, (encoding, excess, cuts) => {
        const maxFrame = 16;
        const payload = new Uint8Array(maxFrame + excess);
        const frame = encodeFrame(framing(encoding), payload);
        const headerSize = frame.length - payload.length;
        const decoder = createDecoder(framing(encoding, maxFrame));
        let pushed = 0;
        for (const chunk of split(frame, cuts)) {
          const before = pushed;
          pushed += chunk.length;
          if (pushed < headerSize) {
            expect(decoder.push(chunk)).toEqual([]);
            continue;
          }
          expect(() => decoder.push(chunk)).toThrow(expect.objectContaining({ code: "FRAME_TOO_LARGE" }));
          expect(before).toBeLessThan(headerSize);
          expect(decoder.buffered).toBe(0);
          return;
        }
        expect.unreachable("the oversized header was never refused");
      }),
      RUNS,
    );
  });

  it("reports TRUNCATED_FRAME when the stream ends inside a header or a body", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ENCODINGS),
        fc.array(fc.uint8Array({ maxLength: 32 }), { maxLength: 4 }),
        fc.uint8Array({ maxLength: 32 }),
        fc.nat(),
        cutsArb,
        (encoding, ps, last, keep, cuts) => checkTruncated(framing(encoding), ps, last, keep, cuts),
      ),
      RUNS,
    );
  });

  it("returns a frame inside one chunk as a view of it, and copies only frames that span chunks", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ENCODINGS), payloads, cutsArb, (encoding, ps, cuts) =>
        checkZeroCopy(framing(encoding), ps, cuts),
      ),
      RUNS,
    );
  });

  it("read in the wrong byte order, a length is the byte-swapped number", () => {
    fc.assert(
      fc.property(fc.constantFrom<[BinaryLengthEncoding, BinaryLengthEncoding, 2 | 4]>(["u16be", "u16le", 2], ["u32be", "u32le", 4], ["u16le", "u16be", 2], ["u32le", "u32be", 4]), fc.integer({ min: 0, max: 600 }), (pair, n) => {
        const [sent, read, size] = pair;
        const wire = encodeFrame(framing(sent), new Uint8Array(n));
        const d = describeHeader(framing(read), wire);
        expect(d.kind).toBe("binary");
        if (d.kind !== "binary") return;
        expect(d.length).toBe(swapped(n, size));
        expect(describeHeader(framing(sent), wire)).toMatchObject({ length: n });
        // The receiver acts on the wrong reading: a different frame, an error, or a wait for bytes that never come.
        const decoder = createDecoder(framing(read, 70_000));
        const expected = swapped(n, size);
        let frames: Uint8Array[];
        try {
          frames = decoder.push(wire);
        } catch (err) {
          expect(expected).toBeGreaterThan(70_000);
          expect(err).toMatchObject({ code: "FRAME_TOO_LARGE" });
          return;
        }
        if (expected === n) expect(frames.map((f) => f.length)).toEqual([n]);
        else if (expected < n) expect(frames[0]?.length).toBe(expected);
        else expect(decoder.expectedLength).toBe(expected);
      }),
      RUNS,
    );
  });

  it("shows the tutorial's example: 00 00 00 05 is 5 in network order and 83886080 little-endian", () => {
    const wire = encodeFrame(framing("u32be"), utf8("hello"));
    expect(toHex(wire)).toBe("00000005" + toHex(utf8("hello")));
    expect(describeHeader(framing("u32be"), wire)).toMatchObject({
      kind: "binary",
      complete: true,
      bigEndian: 5,
      littleEndian: 83886080,
      length: 5,
      networkOrder: true,
    });
    expect(describeHeader(framing("u32le"), wire)).toMatchObject({ length: 83886080, networkOrder: false });
    expect(() => createDecoder(framing("u32le")).push(wire)).toThrow(/83886080/);
    expect(describeHeader(framing("u32be"), Uint8Array.of(0, 0))).toMatchObject({ complete: false, bigEndian: null, length: null });
  });

  it("writes little-endian prefixes low byte first", () => {
    expect(toHex(encodeFrame(framing("u16le"), new Uint8Array(0x0102)).subarray(0, 2))).toBe("0201");
    expect(toHex(encodeFrame(framing("u32le"), new Uint8Array(0x010203)).subarray(0, 4))).toBe("03020100");
    expect(toHex(encodeFrame(framing("u16be"), new Uint8Array(0x0102)).subarray(0, 2))).toBe("0102");
  });

  it("refuses payloads beyond the prefix's range or maxFrame", () => {
    expect(encodeFrame(framing("u16be"), new Uint8Array(65535)).length).toBe(65537);
    expect(() => encodeFrame(framing("u16be"), new Uint8Array(65536))).toThrow(
      expect.objectContaining({ code: "FRAME_TOO_LARGE", message: expect.stringMatching(/u16be.*65535/) }),
    );
    expect(() => encodeFrame(framing("u32be", 10), new Uint8Array(11))).toThrow(expect.objectContaining({ code: "FRAME_TOO_LARGE" }));
    expect(encodeFrame(framing("u32be", 10), new Uint8Array(10)).length).toBe(14);
  });

  it("handles empty frames and a header split byte by byte", () => {
    const decoder = createDecoder(framing("u32be"));
    const wire = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 2, 0xaa, 0xbb, 0, 0, 0, 0);
    const frames = [...wire].flatMap((b) => decoder.push(Uint8Array.of(b)));
    expect(frames.map(toHex)).toEqual(["", "aabb", ""]);
    expect(decoder.expectedLength).toBeNull();
  });

  it("reports how much of a body has arrived", () => {
    const decoder = createDecoder(framing("u16be"));
    decoder.push(Uint8Array.of(0, 10, 1, 2, 3));
    expect(decoder.buffered).toBe(3);
    expect(decoder.expectedLength).toBe(10);
    expect(() => decoder.end()).toThrow(expect.objectContaining({ code: "TRUNCATED_FRAME", message: expect.stringMatching(/3 of 10/) }));
  });
});
