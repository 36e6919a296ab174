import { core } from "./messages/core";

/** Every string a person sees, in English and 简体中文, merged from the features' modules. `{name}` marks a value. */
const en = { ...core.en };

export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = { ...core.zh };

export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOG: Record<Language, Record<MessageKey, string>> = { en, "zh-CN": zhCN };
