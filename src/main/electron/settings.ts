import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { app } from "electron";
import { z } from "zod";
import { LANGUAGES, THEMES } from "../../shared/preferences";

const settingsSchema = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(400), height: z.number().int().min(300) }).optional(),
  maximized: z.boolean().optional(),
  theme: z.enum(THEMES).optional(),
  /** The page's last language, so the menu starts in it before the page has loaded (the theme likewise). */
  language: z.enum(LANGUAGES).optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

function file(): string {
  return join(app.getPath("userData"), "settings.json");
}

/** Settings from the user-data folder; a missing or damaged file means defaults, never a crash. */
export function loadSettings(): Settings {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(file(), "utf8")));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function saveSettings(settings: Settings): void {
  try {
    writeFileSync(file(), JSON.stringify(settings, null, 2));
  } catch {
    // A read-only profile loses preferences, not the session.
  }
}
