import { useLabStore } from "../store/context";
import { LANGUAGES } from "../../shared/preferences";
import { CATALOG, type Language, type MessageKey } from "./catalog";

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translate(language: Language, key: MessageKey, values?: Record<string, string | number>): string {
  const text = CATALOG[language][key];
  return values ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`)) : text;
}

export function useT(): Translate {
  const language = useLabStore((s) => s.language);
  return (key, values) => translate(language, key, values);
}

const STORAGE_KEY = "socket-lab.language";

export function savedLanguage(): Language {
  const saved = LANGUAGES.find((language) => language === globalThis.localStorage?.getItem(STORAGE_KEY));
  if (saved) return saved;
  return globalThis.navigator?.language.startsWith("zh") ? "zh-CN" : "en";
}

export function saveLanguage(language: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
}
