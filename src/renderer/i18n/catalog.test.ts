import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe("the catalog", () => {
  it("has every key in both languages, none empty, with the same {placeholders}", () => {
    const en = CATALOG.en;
    const zh = CATALOG["zh-CN"];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim(), key).not.toBe("");
      expect(zh[key].trim(), key).not.toBe("");
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });
});
