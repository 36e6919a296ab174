import { describe, expect, it } from "vitest";
import { translator } from "../../../shared/i18n";
import { declaredLength, headerNote, headerSize } from "./header-text";

const t = translator("en");
const five = Uint8Array.of(0, 0, 0, 5, 0x68);

describe("header notes", () => {
  it("reads a length prefix both ways, so the byte-order mistake shows as a huge number", () => {
    expect(headerNote({ kind: "length-prefix", encoding: "u32be" }, five, t)).toBe("00 00 00 05 = 5 in network byte order (big-endian); read little-endian it is 83886080");
    expect(headerNote({ kind: "length-prefix", encoding: "u32le" }, five, t)).toBe("00 00 00 05 read little-endian = 83886080; in network byte order (big-endian) it is 5");
    expect(declaredLength({ kind: "length-prefix", encoding: "u32be" }, five)).toBe(5);
    expect(headerSize({ kind: "length-prefix", encoding: "u16be" }, five)).toBe(2);
  });

  it("shows ASCII digits and delimiters as text, and an incomplete header as such", () => {
    expect(headerNote({ kind: "length-prefix", encoding: "ascii", separator: ":" }, new TextEncoder().encode("12:hello"), t)).toBe('"12:" = 12');
    expect(headerNote({ kind: "delimiter", delimiter: "\n" }, null, t)).toBe("ends at the delimiter \\n (0a)");
    expect(headerNote({ kind: "length-prefix", encoding: "u32be" }, Uint8Array.of(0, 1), t)).toBe("00 01 … header still incomplete");
    expect(headerNote({ kind: "length-prefix", encoding: "u32be" }, null, t)).toBeNull();
  });
});
