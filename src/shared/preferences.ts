import { z } from "zod";

/** The languages of the whole product: the page, the desktop menu, the lessons' narration. */
export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Light, dark, or whatever the system prefers. */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** What the page chose that the desktop shell follows: the menu's language, the native theme. */
export interface Preferences {
  readonly language: Language;
  readonly theme: Theme;
}

/** What the shell accepts from the page: exactly these two fields, with values it knows. */
export const preferencesSchema = z.strictObject({ language: z.enum(LANGUAGES), theme: z.enum(THEMES) });
