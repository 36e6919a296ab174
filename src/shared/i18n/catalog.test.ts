import { describe, expect, it } from "vitest";
import { CATALOG } from "./catalog";
import { translate } from ".";
import { menu } from "./messages/menu";

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)(?:, \w+)?\}/g)].map((m) => m[1]!).sort();

describe("the catalog", () => {
  it("has every key in both languages, none empty, with the same {placeholders}; a singular form only in English, beside its plural", () => {
    const en: Record<string, string> = CATALOG.en;
    const zh: Record<string, string> = CATALOG["zh-CN"];
    const singular = Object.keys(en).filter((k) => k.endsWith("_one"));
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).filter((k) => !singular.includes(k)).sort());
    for (const key of Object.keys(en)) expect(en[key]!.trim(), key).not.toBe("");
    for (const key of Object.keys(zh)) {
      expect(zh[key]!.trim(), key).not.toBe("");
      expect(placeholders(zh[key]!), key).toEqual(placeholders(en[key]!));
    }
    for (const key of singular) {
      const plural = key.slice(0, -"_one".length);
      expect(en[plural], `${key} has no plural`).toBeDefined();
      expect(placeholders(en[key]!).filter((p) => p !== "count"), key).toEqual(placeholders(en[plural]!).filter((p) => p !== "count"));
    }
  });

  it("picks the singular by count through i18next, in English only, with the number formatted for the language", () => {
    expect(translate("en", "log.count", { count: 1 })).toBe("1 entry");
    expect(translate("en", "log.count", { count: 1234567 })).toBe("1,234,567 entries");
    expect(translate("en", "log.count", { count: 0 })).toBe("0 entries");
    expect(translate("zh-CN", "log.count", { count: 1 })).toBe("1 条记录");
    expect(translate("en", "session.keep", { count: 1 })).toBe("Keep it");
    expect(translate("en", "session.keep", { count: 2 })).toBe("Keep them");
    expect(translate("en", "disc.note.noIpv4", { iface: "<eth0>" })).toBe("Interface <eth0> has no IPv4 address.");
  });

  it("has the desktop menu in Chinese: every label has Han characters (the product's name stays as it is)", () => {
    for (const key of Object.keys(menu.en) as (keyof typeof menu.en)[]) expect(CATALOG["zh-CN"][key], key).toMatch(/\p{Script=Han}/u);
  });
});
