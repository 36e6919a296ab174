import type { Language } from "../preferences";
import { broadcast } from "./messages/broadcast";
import { core } from "./messages/core";
import { discovery } from "./messages/discovery";
import { flags } from "./messages/flags";
import { framing } from "./messages/framing";
import { hosts } from "./messages/hosts";
import { kernel } from "./messages/kernel";
import { lessons } from "./messages/lessons";
import { log } from "./messages/log";
import { menu } from "./messages/menu";
import { session } from "./messages/session";
import type { SingularKey } from "./messages/types";

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
  ...hosts.en,
  ...menu.en,
};

/** The English catalog's type, every string a literal: the placeholders a key needs are read from it. */
export type English = typeof en;

/** A key to translate; a plural's singular form (`_one`) is chosen by i18next from `count`, never named. */
export type MessageKey = Exclude<keyof English, SingularKey>;

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
  ...hosts.zh,
  ...menu.zh,
};

export type { Language };

/** Each language's strings: English has the singular forms besides. */
export const CATALOG: { readonly en: English; readonly "zh-CN": Record<MessageKey, string> } = { en, "zh-CN": zhCN };
