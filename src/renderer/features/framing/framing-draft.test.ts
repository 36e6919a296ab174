import { describe, expect, it } from "vitest";
import { DEFAULT_DRAFT, draftFromConfig, draftToConfig, framingLabel } from "./framing-draft";
import { translator } from "../../../shared/i18n";

const t = translator("en");

describe("the framing form", () => {
  it("turns each choice into the contract's framing object", () => {
    expect(draftToConfig({ ...DEFAULT_DRAFT, choice: "u32le" })).toEqual({ ok: true, config: { kind: "length-prefix", encoding: "u32le" } });
    expect(draftToConfig({ ...DEFAULT_DRAFT, choice: "newline", maxFrame: "1024" })).toEqual({
      ok: true,
      config: { kind: "delimiter", delimiter: "\n", maxFrame: 1024 },
    });
    expect(draftToConfig({ ...DEFAULT_DRAFT, choice: "custom", delimiter: "\\r\\n" })).toEqual({ ok: true, config: { kind: "delimiter", delimiter: "\r\n" } });
    expect(draftToConfig({ ...DEFAULT_DRAFT, choice: "custom", delimiter: "ff 00", delimiterMode: "hex" })).toEqual({
      ok: true,
      config: { kind: "delimiter", delimiter: { hex: "ff00" } },
    });
    expect(draftToConfig({ ...DEFAULT_DRAFT, choice: "ascii-width", width: "8" })).toEqual({ ok: true, config: { kind: "length-prefix", encoding: "ascii", width: 8 } });
  });

  it("says what is wrong instead of sending what the Lab would refuse", () => {
    expect(draftToConfig({ ...DEFAULT_DRAFT, choice: "ascii-separator", separator: "1" })).toEqual({ ok: false, problem: "framing.digitSeparator" });
    expect(draftToConfig({ ...DEFAULT_DRAFT, choice: "ascii-width", width: "16" })).toEqual({ ok: false, problem: "framing.badWidth" });
    expect(draftToConfig({ ...DEFAULT_DRAFT, choice: "custom", delimiter: "\\\\", escape: true })).toEqual({ ok: false, problem: "framing.escapeBackslash" });
    expect(draftToConfig({ ...DEFAULT_DRAFT, maxFrame: "-1" })).toEqual({ ok: false, problem: "framing.badMaxFrame" });
  });

  it("reads back a connection's framing, so the form starts from what it uses", () => {
    for (const config of [
      { kind: "length-prefix", encoding: "u16be" },
      { kind: "delimiter", delimiter: "\u0000" },
      { kind: "delimiter", delimiter: "\r\n", maxFrame: 64 },
      { kind: "length-prefix", encoding: "ascii", separator: ":" },
    ] as const) {
      expect(draftToConfig(draftFromConfig(config))).toEqual({ ok: true, config });
    }
    expect(framingLabel({ kind: "length-prefix", encoding: "u32be" }, t)).toBe("u32be");
    expect(framingLabel({ kind: "delimiter", delimiter: "\n", escape: true }, t)).toBe("delimiter \\n (escaped)");
  });
});
