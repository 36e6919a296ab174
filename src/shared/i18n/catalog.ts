import type { Language } from "../preferences";
import { broadcast } from "./messages/broadcast";
import { core } from "./messages/core";
import { discovery } from "./messages/discovery";
import { flags } from "./messages/flags";
import { framing } from "./messages/framing";
import { kernel } from "./messages/kernel";
import { lessons } from "./messages/lessons";
import { log } from "./messages/log";
import { menu } from "./messages/menu";
import { session } from "./messages/session";

/** Every string a person sees, in English and 简体中文, merged from the features' modules (the desktop menu's too). `{name}` marks a value. */
const en = {
  ...core.en,
  ...flags.en,
  ...framing.en,
  ...broadcast.en,
  ...lessons.en,
  ...log.en,
  ...session.en,
  ...kernel.en,
  ...discovery.en,
  ...menu.en,
};

export type MessageKey = keyof typeof en;

/** The desktop menu's keys (src/main/electron/menu.ts). */
export type MenuKey = keyof typeof menu.en;

const zhCN: Record<MessageKey, string> = {
  ...core.zh,
  ...flags.zh,
  ...framing.zh,
  ...broadcast.zh,
  ...lessons.zh,
  ...log.zh,
  ...session.zh,
  ...kernel.zh,
  ...discovery.zh,
  ...menu.zh,
};

export type { Language };

export const CATALOG: Record<Language, Record<MessageKey, string>> = { en, "zh-CN": zhCN };
