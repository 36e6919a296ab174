import { describe, expect, it } from "vitest";
import { preferencesSchema } from "./preferences";

describe("preferences the page reports to the desktop shell", () => {
  it("accepts exactly a known language and theme", () => {
    expect(preferencesSchema.safeParse({ language: "zh-CN", theme: "dark" }).success).toBe(true);
    expect(preferencesSchema.safeParse({ language: "en", theme: "system" }).success).toBe(true);
  });

  it("refuses anything else: unknown values, extra or missing fields, other types", () => {
    for (const value of [
      { language: "fr", theme: "dark" },
      { language: "en", theme: "sepia" },
      { language: "en", theme: "dark", menu: "File" },
      { language: "en" },
      "en",
      null,
      [],
    ]) {
      expect(preferencesSchema.safeParse(value).success).toBe(false);
    }
  });
});
