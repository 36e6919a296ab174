import { LANGUAGES, type Language } from "../shared/preferences";

/* The choice is remembered in this browser (or window), as the theme is (theme.ts). */

const STORAGE_KEY = "socket-lab.language";

/** The saved language, else the browser's (Chinese for any zh locale), else English. */
export function savedLanguage(): Language {
  const saved = LANGUAGES.find((language) => language === globalThis.localStorage?.getItem(STORAGE_KEY));
  if (saved) return saved;
  return globalThis.navigator?.language.startsWith("zh") ? "zh-CN" : "en";
}

export function saveLanguage(language: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
}
