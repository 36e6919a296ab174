import { readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { LANGUAGES, THEMES } from "../../shared/preferences";

// Each field on its own: one the app no longer understands (an older or newer version's) is dropped, not the whole file.
const settingsSchema = z.object({
  bounds: z
    .object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(400), height: z.number().int().min(300) })
    .optional()
    .catch(undefined),
  maximized: z.boolean().optional().catch(undefined),
  theme: z.enum(THEMES).optional().catch(undefined),
  /** The page's last language, so the menu starts in it before the page has loaded (the theme likewise). */
  language: z.enum(LANGUAGES).optional().catch(undefined),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Settings from `file`; a missing or damaged file means defaults, never a crash. */
export function readSettings(file: string): Settings {
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Written beside the file, then renamed over it: a crash mid-write leaves the old settings, never an empty file. */
export function writeSettings(file: string, settings: Settings): void {
  const next = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(next, JSON.stringify(settings, null, 2));
    renameSync(next, file);
  } catch {
    // A read-only profile loses preferences, not the session; nor does it keep a stray copy beside them.
    discard(next);
  }
}

/** Removes a file that may not exist (or may not be a file: unlink never removes a folder). */
function discard(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Nothing was written there, or it cannot be removed either: nothing more to do.
  }
}
