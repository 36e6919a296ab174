import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { preview } from "./bytes";

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** One byte as the log shows it: the obvious, per-byte spelling of the rule. */
function shown(b: number): string {
  const named: Record<number, string> = { 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t", 0x5c: "\\\\" };
  if (named[b]) return named[b];
  if (b >= 0x20 && b < 0x7f) return String.fromCharCode(b);
  return `\\x${b.toString(16).padStart(2, "0")}`;
}

describe("preview", () => {
  it("shows printable text as is and escapes the rest as Python does", () => {
    expect(preview(ascii("GET / HTTP/1.0"))).toBe("GET / HTTP/1.0");
    expect(preview(ascii("hi\r\n\t\\"))).toBe("hi\\r\\n\\t\\\\");
    expect(preview(Uint8Array.of(0, 0x7f, 0xff, 0x41))).toBe("\\x00\\x7f\\xffA");
    expect(preview(new Uint8Array(0))).toBe("");
  });

  it("cuts long payloads and says so", () => {
    expect(preview(ascii("a".repeat(60)))).toBe(`${"a".repeat(48)}…`);
    expect(preview(ascii("abcdef"), 3)).toBe("abc…");
  });

  it("agrees with the per-byte rule for any bytes", () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.string({ unit: "binary-ascii", maxLength: 80 }).map(ascii)), (bytes) => {
        const head = Array.from(bytes.subarray(0, 48), shown).join("");
        expect(preview(bytes)).toBe(bytes.length > 48 ? `${head}…` : head);
      }),
      { numRuns: 2000 },
    );
  });
});
