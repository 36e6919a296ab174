import { describe, expect, it } from "vitest";
import { parseData } from "./data-input";

describe("payloads as a person types them", () => {
  it("keeps plain text as text, and turns Python escapes into bytes", () => {
    expect(parseData("hello", "text")).toEqual({ ok: true, data: "hello" });
    expect(parseData("line\\n", "text")).toEqual({ ok: true, data: "line\n" });
    expect(parseData("a\\x00b", "text")).toEqual({ ok: true, data: "a\u0000b" });
    expect(parseData("你好\\t", "text")).toEqual({ ok: true, data: "你好\t" });
  });

  it("falls back to hex when the bytes are not UTF-8, and refuses unknown escapes", () => {
    expect(parseData("\\xff\\xfe", "text")).toEqual({ ok: true, data: { hex: "fffe" } });
    expect(parseData("\\q", "text")).toEqual({ ok: false, problem: "data.badEscape" });
  });

  it("reads hex with spaces, in either case", () => {
    expect(parseData("68 65 6C", "hex")).toEqual({ ok: true, data: { hex: "68656c" } });
    expect(parseData("6", "hex")).toEqual({ ok: false, problem: "data.badHex" });
  });
});
