import { describe, expect, it } from "vitest";
import { asText, COPY_FORMATS, hexDump } from "./bytes-format";

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("detail pane formats", () => {
  it("dumps hex with offsets, two groups of eight, and printable ASCII", () => {
    const data = Uint8Array.from({ length: 20 }, (_, i) => 0x41 + i);
    data[3] = 0x0a;
    const lines = hexDump(data);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ offset: "0000", hex: "41 42 43 0a 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50", ascii: "ABC.EFGHIJKLMNOP" });
    expect(lines[1]!.offset).toBe("0010");
    expect(lines[1]!.hex.trimEnd()).toBe("51 52 53 54");
    expect(hexDump(data, 16)).toHaveLength(1);
    expect(hexDump(new Uint8Array(0x10001))[0]!.offset).toBe("00000000");
  });

  it("fits a narrow pane with 8 bytes a line, every byte and its ASCII shown (not cut after 12)", () => {
    const data = Uint8Array.from({ length: 20 }, (_, i) => 0x41 + i);
    const lines = hexDump(data, data.length, 8);
    expect(lines.map((l) => l.ascii)).toEqual(["ABCDEFGH", "IJKLMNOP", "QRST"]);
    expect(lines[0]).toEqual({ offset: "0000", hex: "41 42 43 44 45 46 47 48", ascii: "ABCDEFGH" });
    expect(lines[2]!.hex).toBe("51 52 53 54".padEnd(23, " "));
  });

  it("decodes UTF-8 or Latin-1, showing control bytes as escapes", () => {
    expect(asText(bytes(0xe4, 0xbd, 0xa0, 0x0a, 0x00), "utf-8")).toBe("你\n\\x00");
    expect(asText(bytes(0xe9, 0x41), "latin-1")).toBe("éA");
  });

  it("copies as hex, as a Python bytes literal and as text", () => {
    const hello = bytes(0x68, 0x69, 0x0a, 0x00, 0x27);
    expect(COPY_FORMATS.hex(hello)).toBe("68690a0027");
    expect(COPY_FORMATS.python(hello)).toBe(`b"hi\\n\\x00'"`);
    expect(COPY_FORMATS.text(bytes(0x68, 0x69), "utf-8")).toBe("hi");
  });
});
