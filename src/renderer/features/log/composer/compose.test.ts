import { describe, expect, it } from "vitest";
import { compose, hasMacros, type MacroContext } from "./compose";

const ctx: MacroContext = { counter: 7, now: new Date(2024, 0, 2, 3, 4, 5, 6), random: (n) => Uint8Array.from({ length: n }, (_, i) => i) };
const bytes = (template: string, mode: "text" | "hex" = "text", context = ctx): number[] => {
  const result = compose(template, mode, context);
  if (!result.ok) throw new Error(`${result.problem} at ${result.at}`);
  return [...result.bytes];
};
const text = (template: string) => new TextDecoder().decode(Uint8Array.from(bytes(template)));

describe("composer: escapes", () => {
  it("turns \\n, \\0, \\xNN and friends into bytes, and the rest into UTF-8", () => {
    expect(bytes("a\\n\\0\\x7f\\\\\\t\\r\\'")).toEqual([0x61, 0x0a, 0x00, 0x7f, 0x5c, 0x09, 0x0d, 0x27]);
    expect(bytes("é")).toEqual([0xc3, 0xa9]);
    expect(bytes("😀")).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });

  it("says where an escape is wrong", () => {
    expect(compose("ok\\q", "text", ctx)).toMatchObject({ ok: false, problem: "badEscape", at: 2 });
    expect(compose("\\x4", "text", ctx)).toMatchObject({ ok: false, problem: "badEscape", at: 0 });
  });

  it("reads hex with spaces, and refuses odd or foreign digits", () => {
    expect(bytes("68 65 6c6c 6f", "hex")).toEqual([0x68, 0x65, 0x6c, 0x6c, 0x6f]);
    expect(compose("6", "hex", ctx)).toMatchObject({ ok: false, problem: "badHex" });
    expect(compose("zz", "hex", ctx)).toMatchObject({ ok: false, problem: "badHex" });
  });
});

describe("composer: macros", () => {
  it("expands COUNTER, TIME and RANDOM per send", () => {
    expect(text("msg {{COUNTER}}\\n")).toBe("msg 7\n");
    expect(text("at {{TIME}}")).toBe("at 03:04:05.006");
    expect(text("{{RANDOM:4}}")).toBe("ABCD");
    expect(bytes("{{COUNTER}}", "text", { ...ctx, counter: 8 })).toEqual([0x38]);
  });

  it("in hex mode, RANDOM is raw bytes and the others their ASCII text", () => {
    expect(bytes("ff {{RANDOM:3}} {{COUNTER}} 00", "hex")).toEqual([0xff, 0, 1, 2, 0x37, 0x00]);
  });

  it("keeps macro output apart from escapes and hex digits around it", () => {
    expect(text("{{RANDOM:2}}\\n")).toBe("AB\n");
    expect(bytes("0a{{COUNTER}}0a", "hex")).toEqual([0x0a, 0x37, 0x0a]);
  });

  it("rejects unknown macros and silly sizes, saying which", () => {
    expect(compose("{{COUNT}}", "text", ctx)).toMatchObject({ ok: false, problem: "badMacro", at: 0, detail: "{{COUNT}}" });
    expect(compose("x{{RANDOM:0}}", "text", ctx)).toMatchObject({ ok: false, problem: "badRandom", at: 1 });
    expect(compose("{{RANDOM:100000}}", "text", ctx)).toMatchObject({ ok: false, problem: "badRandom" });
  });

  it("knows whether a template differs per send", () => {
    expect(hasMacros("a {{COUNTER}}")).toBe(true);
    expect(hasMacros("a {{counter}} \\n")).toBe(false);
  });
});
