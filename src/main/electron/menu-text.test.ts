import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../shared/preferences";
import { MENU_TEXT } from "./menu-text";

describe("the desktop menu's words", () => {
  it("exist in every language, and the Chinese menu is Chinese", () => {
    const keys = Object.keys(MENU_TEXT.en);
    for (const language of LANGUAGES) {
      expect(Object.keys(MENU_TEXT[language])).toEqual(keys);
      for (const key of keys) expect(MENU_TEXT[language][key as keyof typeof MENU_TEXT.en].trim()).not.toBe("");
    }
    // Every label but the product's name has Han characters: nothing was left in English.
    for (const key of keys) expect(MENU_TEXT["zh-CN"][key as keyof typeof MENU_TEXT.en]).toMatch(/\p{Script=Han}/u);
  });
});
