import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";
import { menu } from "./messages/menu";

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

  it("has the desktop menu in Chinese: every label has Han characters (the product's name stays as it is)", () => {
    for (const key of Object.keys(menu.en) as (keyof typeof menu.en)[]) expect(CATALOG["zh-CN"][key], key).toMatch(/\p{Script=Han}/u);
  });
});
